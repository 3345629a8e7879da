"""make ee-image: podman builds the image only when the definition's base image is in local storage."""

import os
import pathlib
import subprocess

from conftest import ROOT

SCRIPT = ROOT / "tests/tools/ee-image.sh"


def fake_podman(folder, image_present):
    """A podman that logs its calls and answers `image exists` as told."""
    log = folder / "calls"
    script = folder / "podman"
    script.write_text(f"#!/bin/sh\necho \"$@\" >> {log}\n"
                      f"[ \"$1 $2\" = 'image exists' ] && exit {0 if image_present else 1}\nexit 0\n")
    script.chmod(0o755)
    return log


def run(folder):
    env = dict(os.environ, PATH=f"{folder}:{os.environ['PATH']}")
    return subprocess.run(["bash", str(SCRIPT)], env=env, capture_output=True, text=True, check=False, cwd=ROOT)


def test_a_missing_base_image_is_named_and_nothing_is_built(tmp_path):
    log = fake_podman(tmp_path, image_present=False)
    done = run(tmp_path)
    assert done.returncode == 1
    assert "the base image 'fedora:41'" in done.stderr and "podman pull fedora:41" in done.stderr
    assert pathlib.Path(log).read_text().splitlines() == ["image exists fedora:41"]


def test_a_present_base_image_is_built_with_podman_under_the_definitions_tag(tmp_path):
    log = fake_podman(tmp_path, image_present=True)
    done = run(tmp_path)
    assert done.returncode == 0, done.stderr
    build = [line for line in pathlib.Path(log).read_text().splitlines() if line.startswith("build ")]
    assert build == [f"build -f {ROOT}/.tmp/ee-context/Containerfile -t imageforge-ee:0.1.0 {ROOT}/.tmp/ee-context"]
