import json
import socket
import subprocess
import sys
import urllib.request

import boto3
import pytest

import imageforge_emulator

imageforge_emulator.install()

ACCOUNT = "123456789012"
REGION = "us-east-1"


@pytest.fixture
def aws(monkeypatch):
    from moto import mock_aws

    for key, value in {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
                       "AWS_DEFAULT_REGION": REGION}.items():
        monkeypatch.setenv(key, value)
    monkeypatch.delenv("AWS_ENDPOINT_URL", raising=False)
    with mock_aws():
        yield


@pytest.fixture
def ib(aws):
    return boto3.client("imagebuilder", region_name=REGION)


class Server:
    def __init__(self, url):
        self.url = url

    def client(self, service, **kwargs):
        return boto3.client(service, endpoint_url=self.url, region_name=REGION, aws_access_key_id="testing",
                            aws_secret_access_key="testing", **kwargs)

    def control(self, path, data=None):
        request = urllib.request.Request(self.url + path, method="POST" if data is not None else "GET",
                                         data=json.dumps(data).encode() if data is not None else None)
        return json.load(urllib.request.urlopen(request))


@pytest.fixture(scope="session")
def server():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    process = subprocess.Popen([sys.executable, "-m", "imageforge_emulator", "--port", str(port)],
                               stdout=subprocess.PIPE, text=True)
    assert "ready" in process.stdout.readline()
    yield Server(f"http://127.0.0.1:{port}")
    process.terminate()
    process.wait(10)


@pytest.fixture
def fresh(server):
    server.control("/moto-api/reset", {})
    server.control("/_emulator/faults", {})
    server.control("/_emulator/counters/reset", {})
    return server


def component(client, name="my-comp", version="1.0.0", token=None, **extra):
    return client.create_component(name=name, semanticVersion=version, platform="Linux", data="name: x",
                                   clientToken=token or f"{name}-{version}", **extra)["componentBuildVersionArn"]
