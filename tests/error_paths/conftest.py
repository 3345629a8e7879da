"""An emulator per pytest worker, and a runner that calls a module's main() in this process against it."""

import importlib
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request

import boto3
import pytest
from ansible.module_utils.testing import patch_module_args

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
COLLECTIONS = os.path.join(ROOT, ".tmp", "collections")
if COLLECTIONS not in sys.path:
    sys.path.insert(0, COLLECTIONS)
CREDENTIALS = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing", "region_name": "us-east-1"}


class ModuleExit(Exception):
    def __init__(self, result, failed):
        super().__init__(result.get("msg", ""))
        self.result, self.failed = result, failed


class Emulator:
    def __init__(self, url):
        self.url = url

    def control(self, path, data=None, method=None):
        body = json.dumps(data).encode() if data is not None else None
        request = urllib.request.Request(self.url + path, data=body, method=method or ("POST" if body else "GET"))
        return json.load(urllib.request.urlopen(request))

    def reset(self):
        self.control("/_emulator/faults/targeted", method="DELETE")
        self.control("/moto-api/reset", {})
        self.control("/_emulator/counters/reset", {})

    def client(self, service):
        return boto3.client(service, endpoint_url=self.url, **CREDENTIALS)


@pytest.fixture(scope="session")
def emulator():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = dict(os.environ, EMULATOR_REQUEST_LOG="", EMULATOR_BUILD_SECONDS="0")
    process = subprocess.Popen([sys.executable, "-m", "imageforge_emulator", "--port", str(port)], stdout=subprocess.PIPE, text=True, env=env)
    assert "ready" in process.stdout.readline()
    yield Emulator(f"http://127.0.0.1:{port}")
    process.terminate()
    process.wait(10)


@pytest.fixture
def run_module(emulator, monkeypatch):
    """run_module(name, args) -> (result, failed); any other exception is a traceback and propagates."""
    from ansible.module_utils import basic

    def exit_json(self, **kwargs):
        raise ModuleExit(kwargs, False)

    def fail_json(self, msg, **kwargs):
        raise ModuleExit(dict(kwargs, msg=msg), True)

    monkeypatch.setattr(basic.AnsibleModule, "exit_json", exit_json)
    monkeypatch.setattr(basic.AnsibleModule, "fail_json", fail_json)
    monkeypatch.setattr(time, "sleep", lambda _seconds: None)  # retries past their limit without the back-off
    for key in ("AWS_ENDPOINT_URL", "AWS_PROFILE", "AWS_DEFAULT_PROFILE"):
        monkeypatch.delenv(key, raising=False)

    def run(name, args):
        module = importlib.import_module(f"ansible_collections.imageforge.image_builder.plugins.modules.{name}")
        args = dict(
            args,
            endpoint_url=emulator.url,
            access_key="testing",
            secret_key="testing",
            region=args.get("region", "us-east-1"),
            _ansible_module_name=f"imageforge.image_builder.{name}",
        )
        with patch_module_args(json.loads(json.dumps(args))):
            try:
                module.main()
            except ModuleExit as done:
                return done.result, done.failed
        raise AssertionError(f"{name} returned without exit_json or fail_json")

    return run
