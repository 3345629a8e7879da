"""Fixtures of the AWX stage: the execution environment built from its definition, the emulator, a controller."""

import json
import os
import pathlib
import subprocess
import sys
import urllib.request

import pytest

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))

import awx_model as awx  # noqa: E402  (the folder is not a package)

ENDPOINT = os.environ.get("AWS_ENDPOINT_URL_AWX", "http://127.0.0.1:5097")
JOB_VARS = {"build_wait_delay": 1}  # a job template's own extra vars: poll the emulator every second


def control(path, body=None):
    data = json.dumps(body).encode() if body is not None else None
    method = "POST" if data is not None else "GET"
    with urllib.request.urlopen(urllib.request.Request(ENDPOINT + path, data=data, method=method)) as response:
        return json.loads(response.read() or b"null")


def build_ee(definition):
    done = subprocess.run([sys.executable, str(ROOT / "tests/tools/ee_env.py"), "-f", str(definition),
                           "--cache", str(ROOT / ".tmp/ee")], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr[-4000:]
    return json.loads(done.stdout)


@pytest.fixture(scope="session")
def ee():
    return build_ee(ROOT / "execution-environment.yml")


@pytest.fixture(scope="session")
def emulator():
    control("/moto-api/reset", {})
    control("/_emulator/build_seconds", {"seconds": 2})
    return control


@pytest.fixture(scope="session")
def controller(ee, emulator, tmp_path_factory):
    return awx.Controller(ee, tmp_path_factory.mktemp("awx"), ENDPOINT, JOB_VARS)
