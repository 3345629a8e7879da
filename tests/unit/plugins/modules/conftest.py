"""Run a module's main() in-process against moto + the Image Builder emulator, recording every API call."""

import json

import botocore.client
import pytest
from ansible.module_utils.testing import patch_module_args

import imageforge_emulator

imageforge_emulator.install()

READ_PREFIXES = ("Get", "List", "Describe", "Search", "BatchGet", "Head")


class ModuleExit(Exception):
    def __init__(self, result, failed):
        super().__init__(result.get("msg", ""))
        self.result = result
        self.failed = failed


@pytest.fixture
def aws(monkeypatch):
    from moto import mock_aws

    for key, value in {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_DEFAULT_REGION": "us-east-1"}.items():
        monkeypatch.setenv(key, value)
    monkeypatch.delenv("AWS_ENDPOINT_URL", raising=False)
    with mock_aws():
        yield


@pytest.fixture
def api_calls(monkeypatch):
    """Every (service, operation) the code under test calls, in order."""
    calls = []
    original = botocore.client.BaseClient._make_api_call

    def recording(self, operation_name, api_params):
        calls.append((self.meta.service_model.service_name, operation_name))
        return original(self, operation_name, api_params)

    monkeypatch.setattr(botocore.client.BaseClient, "_make_api_call", recording)
    return calls


def run_host_module(monkeypatch, module, args, answer):
    """Run a module that works on the host (no AWS) with run_command answered by
    `answer(argv) -> (rc, stdout, stderr)`. Returns (result, failed, the commands run)."""
    from ansible.module_utils import basic

    calls = []

    def run_command(self, argv, **_kw):
        calls.append(argv)
        return answer(argv)

    def exit_json(self, **result):
        raise ModuleExit(result, False)

    def fail_json(self, msg, **result):
        raise ModuleExit(dict(result, msg=msg), True)

    monkeypatch.setattr(basic.AnsibleModule, "run_command", run_command)
    monkeypatch.setattr(basic.AnsibleModule, "exit_json", exit_json)
    monkeypatch.setattr(basic.AnsibleModule, "fail_json", fail_json)
    with patch_module_args(json.loads(json.dumps(args))), pytest.raises(ModuleExit) as caught:
        module.main()
    return caught.value.result, caught.value.failed, calls


def writes(calls):
    return [op for _service, op in calls if not op.startswith(READ_PREFIXES)]


@pytest.fixture
def run_module(aws, monkeypatch):
    """run_module(module, args, check_mode=False) -> result dict; result['failed'] tells a failure."""
    from ansible.module_utils import basic

    def exit_json(self, **kwargs):
        raise ModuleExit(kwargs, False)

    def fail_json(self, msg, **kwargs):
        raise ModuleExit(dict(kwargs, msg=msg), True)

    monkeypatch.setattr(basic.AnsibleModule, "exit_json", exit_json)
    monkeypatch.setattr(basic.AnsibleModule, "fail_json", fail_json)

    def run(module, args, check_mode=False, diff=False):
        args = dict(args, region=args.get("region", "us-east-1"))
        if check_mode:
            args["_ansible_check_mode"] = True
        if diff:
            args["_ansible_diff"] = True
        with patch_module_args(json.loads(json.dumps(args))):
            try:
                module.main()
            except ModuleExit as done:
                return dict(done.result, failed=done.failed)
        raise AssertionError("the module returned without exit_json or fail_json")

    return run
