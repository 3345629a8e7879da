"""Call any module's main() in-process, with its argument handling, and classify how it ended."""

import importlib
import json
import pathlib

import botocore.client
from ansible.module_utils import basic
from ansible.module_utils.testing import patch_module_args

MODULES_DIR = pathlib.Path(__file__).resolve().parents[3] / "plugins" / "modules"
READ_PREFIXES = ("Get", "List", "Describe", "Search", "BatchGet", "Head")


class Ended(Exception):
    def __init__(self, result, failed):
        super().__init__(str(result.get("msg")))
        self.result = result
        self.failed = failed


class SpecCaptured(Exception):
    def __init__(self, kwargs):
        super().__init__("captured")
        self.kwargs = kwargs


def module_names():
    names = []
    for path in sorted(MODULES_DIR.glob("*.py")):
        text = path.read_text()
        if "def main(" in text and "argument_spec" in text:
            names.append(path.stem)
    return names


def load(name):
    return importlib.import_module(f"ansible_collections.imageforge.image_builder.plugins.modules.{name}")


def argument_spec(name, monkeypatch):
    """The module's full argument spec (its own plus amazon.aws's common options)."""
    def capture(self, *args, **kwargs):
        raise SpecCaptured(kwargs)

    with monkeypatch.context() as patch:
        patch.setattr(basic.AnsibleModule, "__init__", capture)
        with patch_module_args({}):
            try:
                load(name).main()
            except SpecCaptured as captured:
                return captured.kwargs.get("argument_spec", {})
    raise AssertionError(f"{name}: main() did not build an AnsibleModule")


def run(name, args, monkeypatch, check_mode=True):
    """(result, failed, api_calls) for one call of the module's main()."""
    calls = []
    original = botocore.client.BaseClient._make_api_call

    def recording(self, operation_name, api_params):
        calls.append(operation_name)
        return original(self, operation_name, api_params)

    def exit_json(self, **kwargs):
        raise Ended(kwargs, False)

    def fail_json(self, msg, **kwargs):
        raise Ended(dict(kwargs, msg=msg), True)

    with monkeypatch.context() as patch:
        patch.setattr(botocore.client.BaseClient, "_make_api_call", recording)
        patch.setattr(basic.AnsibleModule, "exit_json", exit_json)
        patch.setattr(basic.AnsibleModule, "fail_json", fail_json)
        full = dict(args, _ansible_check_mode=check_mode, region="us-east-1")
        with patch_module_args(json.loads(json.dumps(full, default=str))):
            try:
                load(name).main()
            except Ended as ended:
                return ended.result, ended.failed, calls
    raise AssertionError(f"{name} returned without exit_json or fail_json")


def writes(calls):
    return [c for c in calls if not c.startswith(READ_PREFIXES)]
