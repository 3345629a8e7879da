"""ansible-builder turns execution-environment.yml into a build context with the pinned dependencies."""

import pathlib
import shutil
import subprocess
import sys

import pytest
import yaml

ROOT = pathlib.Path(__file__).resolve().parents[3]
BIN = pathlib.Path(sys.executable).parent


@pytest.fixture(scope="module")
def context(tmp_path_factory):
    if not (BIN / "ansible-builder").exists():
        pytest.fail("ansible-builder is missing: it is pinned in tests/requirements.txt")
    work = tmp_path_factory.mktemp("ee")
    shutil.copy(ROOT / "execution-environment.yml", work)
    shutil.copytree(ROOT / "meta", work / "meta")
    subprocess.run([BIN / "ansible-galaxy", "collection", "build", "--output-path", work / ".tmp/dist", ROOT],
                   check=True, capture_output=True)
    out = work / "context"
    subprocess.run([BIN / "ansible-builder", "create", "-f", work / "execution-environment.yml", "-c", out],
                   check=True, capture_output=True, cwd=work)
    return out


def test_the_context_installs_pinned_ansible_and_the_collection(context):
    containerfile = (context / "Containerfile").read_text()
    assert "ansible-core==2.19.14" in containerfile and "ansible-runner==2.4.3" in containerfile
    assert "ansible-galaxy collection install" in containerfile
    tarballs = list((context / "_build/collections").glob("imageforge-image_builder-*.tar.gz"))
    assert len(tarballs) == 1
    collections = yaml.safe_load((context / "_build/requirements.yml").read_text())["collections"]
    assert {"name": f"collections/{tarballs[0].name}", "type": "file"} in collections
    assert all("version" in c for c in collections if c.get("type") != "file")


def test_python_and_system_dependencies_are_pinned(context):
    python = [line for line in (context / "_build/requirements.txt").read_text().splitlines() if line and not line.startswith("#")]
    assert python and all("==" in line for line in python)
    assert "boto3==1.44.8" in python
    system = [line for line in (context / "_build/bindep.txt").read_text().splitlines() if line and not line.startswith("#")]
    assert system and all(">=" in line for line in system)


def test_the_collection_declares_its_own_dependencies_for_introspection():
    meta = yaml.safe_load((ROOT / "meta/execution-environment.yml").read_text())
    for path in meta["dependencies"].values():
        assert (ROOT / path).is_file()
