# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""component_validate: what a playbook author sees for files, folders and inline data."""

from __future__ import annotations

import json
import pathlib
import shutil

import pytest
from ansible.module_utils import basic
from ansible.module_utils.common.text.converters import to_bytes

from ansible_collections.imageforge.image_builder.plugins.modules import component_validate

FIXTURES = pathlib.Path(__file__).resolve().parents[3] / "unit" / "fixtures" / "awstoe"
HELLO = (FIXTURES / "valid" / "hello-world.yml").read_text()


class ModuleExit(Exception):
    def __init__(self, result, failed):
        super().__init__(result.get("msg"))
        self.result, self.failed = result, failed


def run(monkeypatch, **args):
    args.setdefault("_ansible_check_mode", False)
    monkeypatch.setattr(basic, "_ANSIBLE_ARGS", to_bytes(json.dumps({"ANSIBLE_MODULE_ARGS": args})))
    monkeypatch.setattr(basic, "_ANSIBLE_PROFILE", "legacy", raising=False)

    def exit_json(self, **result):
        raise ModuleExit(result, False)

    def fail_json(self, msg, **result):
        raise ModuleExit(dict(result, msg=msg), True)

    monkeypatch.setattr(basic.AnsibleModule, "exit_json", exit_json)
    monkeypatch.setattr(basic.AnsibleModule, "fail_json", fail_json)
    with pytest.raises(ModuleExit) as caught:
        component_validate.main()
    return caught.value


def test_valid_file_passes_and_changes_nothing(monkeypatch):
    outcome = run(monkeypatch, path=str(FIXTURES / "valid" / "nginx-build-validate-test.yml"), platform="Linux")
    assert not outcome.failed
    assert outcome.result["valid"] is True and outcome.result["changed"] is False
    assert outcome.result["documents"] == 1 and outcome.result["problems"] == []


def test_problem_fails_with_readable_summary(monkeypatch):
    path = FIXTURES / "invalid" / "missing-commands.yml"
    outcome = run(monkeypatch, path=str(path))
    assert outcome.failed
    assert "2 problem(s) in 1 document(s)" in outcome.result["msg"]
    assert "%s: phase 'build', step 'InstallNginx': action 'ExecuteBash' requires input 'commands'" % path \
        in outcome.result["msg"]
    assert "action 'ExecuteBash' has no input 'command'" in outcome.result["msg"]
    expected = {"document": str(path), "path": "phases[build].steps[InstallNginx].inputs",
                "message": "phase 'build', step 'InstallNginx': action 'ExecuteBash' requires input 'commands'"}
    assert expected in outcome.result["problems"]


def test_folder_reports_each_document(monkeypatch, tmp_path):
    shutil.copy(FIXTURES / "valid" / "hello-world.yml", tmp_path / "a.yml")
    shutil.copy(FIXTURES / "invalid" / "on-failure.yml", tmp_path / "b.yaml")
    shutil.copy(FIXTURES / "valid" / "hello-world-json.yml", tmp_path / "c.json")
    (tmp_path / "notes.txt").write_text("not a document")
    outcome = run(monkeypatch, path=str(tmp_path), fail_on_problems=False)
    assert not outcome.failed and outcome.result["valid"] is False
    assert outcome.result["documents"] == 3
    assert [p["document"] for p in outcome.result["problems"]] == [str(tmp_path / "b.yaml")]
    assert "onFailure must be one of Abort, Continue, Ignore" in outcome.result["problems"][0]["message"]


def test_empty_folder_is_an_error(monkeypatch, tmp_path):
    outcome = run(monkeypatch, path=str(tmp_path))
    assert outcome.failed and "holds no *.yml" in outcome.result["msg"]


def test_missing_path_is_an_error(monkeypatch, tmp_path):
    outcome = run(monkeypatch, path=str(tmp_path / "nope.yml"))
    assert outcome.failed and "neither a file nor a folder" in outcome.result["msg"]


def test_inline_text_with_platform(monkeypatch):
    outcome = run(monkeypatch, data=HELLO, platform="Windows", fail_on_problems=False)
    messages = [p["message"] for p in outcome.result["problems"]]
    assert outcome.result["documents"] == 1 and outcome.result["valid"] is False
    assert "phase 'build', step 'SayHello': action 'ExecuteBash' is not supported on Windows" in messages
    assert {p["document"] for p in outcome.result["problems"]} == {"data"}


def test_inline_dict_in_check_mode(monkeypatch):
    doc = {"schemaVersion": "1.0", "phases": [{"name": "test", "steps": [
        {"name": "Check", "action": "Assert", "inputs": {"fileExists": "/etc/os-release"}}]}]}
    outcome = run(monkeypatch, data=doc, _ansible_check_mode=True)
    assert not outcome.failed and outcome.result["valid"] is True and outcome.result["changed"] is False


def test_inline_yaml_error_names_the_line(monkeypatch):
    outcome = run(monkeypatch, data="schemaVersion: 1.0\nphases:\n  - name: build\n   steps: []\n")
    assert outcome.failed and "YAML syntax error at line 4" in outcome.result["msg"]


def test_inline_text_over_the_limit_is_reported(monkeypatch):
    big = HELLO + "\n# " + "x" * 16000 + "\n"
    outcome = run(monkeypatch, data=big, fail_on_problems=False)
    assert any("at most 16000 inline" in p["message"] for p in outcome.result["problems"])


def test_data_and_path_are_exclusive(monkeypatch):
    outcome = run(monkeypatch, data=HELLO, path="x.yml")
    assert outcome.failed and "mutually exclusive" in outcome.result["msg"]
