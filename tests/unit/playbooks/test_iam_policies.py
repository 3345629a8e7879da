"""docs/iam/<module>.json and the checker that compares them with the emulator's request log."""

import importlib.util
import json
import pathlib
import re

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[3]
spec = importlib.util.spec_from_file_location("check_policies", ROOT / "tests/iam/check_policies.py")
check_policies = importlib.util.module_from_spec(spec)
spec.loader.exec_module(check_policies)
AWS_MODULES = sorted(p.stem for p in (ROOT / "plugins/modules").glob("*.py") if "ImageForgeModule(" in p.read_text())


@pytest.mark.parametrize("module", AWS_MODULES)
def test_every_aws_module_has_a_valid_policy(module):
    policy = json.loads((ROOT / f"docs/iam/{module}.json").read_text())
    assert policy["Version"] == "2012-10-17"
    actions = check_policies.allowed_actions(policy)
    assert actions and all(re.fullmatch(r"[a-z0-9-]+:[A-Za-z*]+", a) for a in actions)
    if module.endswith("_info"):
        assert all(re.match(r"[a-z0-9-]+:(Get|List|Describe|BatchGet|Search)", a) for a in actions), "an _info module only reads"


def test_a_call_outside_the_policy_fails_and_a_covered_one_passes(tmp_path):
    (tmp_path / "component.json").write_text(json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": ["imagebuilder:List*", "imagebuilder:CreateComponent"], "Resource": "*"}]}))
    requests = [{"service": "imagebuilder", "operation": "ListComponents", "module": "component"},
                {"service": "imagebuilder", "operation": "CreateComponent", "module": "component"},
                {"service": "imagebuilder", "operation": "DeleteComponent", "module": "component"},
                {"service": "ec2", "operation": "DescribeImages"},  # not one of our modules: not checked
                {"service": "s3", "operation": "HeadObject", "module": "role_component"}]
    problems = check_policies.check(check_policies.used_actions(requests), tmp_path)
    assert problems == [
        "component: called imagebuilder:DeleteComponent, which component.json does not allow",
        f"role_component: no policy {tmp_path / 'role_component.json'} (it called ['s3:GetObject'])",
    ]


def test_write_adds_only_the_missing_actions(tmp_path):
    requests = [{"service": "s3", "operation": "PutObject", "module": "role_component"}]
    check_policies.write(check_policies.used_actions(requests), tmp_path)
    assert check_policies.allowed_actions(json.loads((tmp_path / "role_component.json").read_text())) == ["s3:PutObject"]
    assert check_policies.check(check_policies.used_actions(requests), tmp_path) == []
