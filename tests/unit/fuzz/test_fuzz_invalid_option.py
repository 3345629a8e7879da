"""Not in check mode: start from arguments that work, make one option adversarial, and the module
either does its job or fails with a clear message having written nothing (nothing half-done)."""

import pytest
from hypothesis import HealthCheck
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

import imageforge_emulator

from . import harness
from .test_fuzz_modules import ANY_VALUE
from .test_fuzz_modules import value_for

imageforge_emulator.install()

DOCUMENT = ("name: x\nschemaVersion: 1.0\nphases:\n  - name: build\n    steps:\n      - name: S\n        action: ExecuteBash\n"
            "        inputs:\n          commands: ['true']\n")
WORKFLOW = "schemaVersion: 1.0\nsteps:\n  - name: Launch\n    action: LaunchInstance\n"
# module -> arguments that succeed against the in-process emulator with nothing else set up
KNOWN_GOOD = {
    "component": {"name": "fz-comp", "platform": "Linux", "data": DOCUMENT, "tags": {"a": "b"}},
    "component_info": {"name": "fz-comp"},
    "workflow": {"name": "fz-wf", "type": "BUILD", "data": WORKFLOW},
    "workflow_info": {"name": "fz-wf"},
    "infrastructure_configuration": {"name": "fz-infra", "instance_types": ["t3.small"],
                                     "instance_profile_name": "EC2InstanceProfileForImageBuilder"},
    "infrastructure_configuration_info": {"name": "fz-infra"},
    "distribution_configuration": {"name": "fz-dist", "distributions": [
        {"region": "us-east-1", "ami_distribution_configuration": {"name": "fz-{{ imagebuilder:buildDate }}"}}]},
    "distribution_configuration_info": {"name": "fz-dist"},
    "image_recipe": {"name": "fz-recipe", "version": "1.0.x", "parent_image": "amazon-linux-2023-x86",
                     "components": [{"name": "update-linux"}]},
    "image_recipe_info": {"name": "fz-recipe"},
    "image_pipeline_info": {"name": "fz-pipeline"},
    "lifecycle_policy_info": {"name": "fz-policy"},
    "container_recipe_info": {"name": "fz-container"},
    "ami_info": {"name": "fz-*"},
    "ami_lifecycle": {"name": "fz-*", "keep_newest": 3},
    "workflow_step_action": {},
    "image_scan_findings_info": {"severities": ["CRITICAL"]},
}


def one_option_made_adversarial(spec, good):
    names = sorted(n for n in spec if n not in harness_common())
    return st.sampled_from(names).flatmap(
        lambda name: st.one_of(value_for(spec[name]), ANY_VALUE).map(lambda value: (name, dict(good, **{name: value}))))


def harness_common():
    from .test_fuzz_modules import COMMON

    return COMMON


@pytest.mark.parametrize("name", sorted(KNOWN_GOOD))
def test_one_invalid_option_fails_cleanly_and_writes_nothing(name, aws, monkeypatch):
    spec = harness.argument_spec(name, monkeypatch)
    good = KNOWN_GOOD[name]
    result, failed, _writes = harness.run(name, good, monkeypatch, check_mode=False)
    assert not failed, f"{name}: the known-good arguments failed: {result.get('msg')}"

    @settings(max_examples=6, deadline=None, derandomize=True,
              suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
    @given(one_option_made_adversarial(spec, good))
    def check(case):
        option, args = case
        result, failed, calls = harness.run(name, args, monkeypatch, check_mode=False)
        if failed:
            message = result.get("msg")
            assert isinstance(message, str) and message.strip(), f"{name}: no message with {option}={args[option]!r}"
            assert "Traceback" not in message and "exception" not in result, f"{name}: traceback with {option}: {message}"
            assert harness.writes(calls) == [], f"{name}: failed with {option}={args[option]!r} after writing {harness.writes(calls)}"

    check()
