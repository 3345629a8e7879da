"""`imageforge-emulator --help` lists every setting the emulator reads, and each option sets it."""

import os
import pathlib
import re

import pytest

from imageforge_emulator import server

PACKAGE = pathlib.Path(server.__file__).parent


def read_settings():
    """Every EMULATOR_* variable the emulator's code reads."""
    found = set()
    for path in PACKAGE.rglob("*.py"):
        found |= set(re.findall(r"EMULATOR_[A-Z_]+", path.read_text()))
    found |= {f"EMULATOR_{name.upper()}" for name in server_fault_settings()}
    return {name for name in found if not name.endswith("_")}


def server_fault_settings():
    from imageforge_emulator.faults import SETTINGS

    return SETTINGS


def test_help_names_every_setting(capsys):
    with pytest.raises(SystemExit):
        server.main(["--help"])
    text = capsys.readouterr().out
    missing = sorted(name for name in read_settings() if name not in text)
    assert missing == []
    assert "/_emulator/counters" in text and "/_emulator/faults" in text


def test_an_option_sets_its_variable(monkeypatch):
    for name in ("EMULATOR_BUILD_SECONDS", "EMULATOR_PAGE_SIZE"):  # monkeypatch puts the originals back afterwards
        monkeypatch.setenv(name, "")

    def stop(*args, **kwargs):
        raise RuntimeError("stop before serving")

    monkeypatch.setattr(server, "make_server", stop)
    monkeypatch.setattr(server, "build_app", lambda: None)
    with pytest.raises(RuntimeError):
        server.main(["--build-seconds", "7", "--page-size", "3"])
    assert os.environ["EMULATOR_BUILD_SECONDS"] == "7.0" and os.environ["EMULATOR_PAGE_SIZE"] == "3"
