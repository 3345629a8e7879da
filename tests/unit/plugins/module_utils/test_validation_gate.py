# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The validation gate: which images may be shared or distributed, and the override."""

from __future__ import annotations

import pytest

from ansible_collections.imageforge.image_builder.plugins.module_utils._imagebuilder import validation_gate as gate

ARN = "arn:aws:imagebuilder:us-east-1:123456789012:image/web/1.0.0/1"


def image(status="AVAILABLE", tests=True, build_type="USER_INITIATED", source="CUSTOM", **state):
    return {"arn": ARN, "buildType": build_type, "imageSource": source,
            "imageTestsConfiguration": {"imageTestsEnabled": tests}, "state": dict(status=status, **state)}


class FakeModule:
    def __init__(self, amis=(), images=None):
        self.amis = list(amis)
        self.images = images or {}
        self.failed = None

    def client_for(self, service, region=None):
        return self

    def call(self, client, operation, action, **params):
        return getattr(client, operation)(aws_retry=True, **params)

    def describe_images(self, aws_retry, ImageIds):
        return {"Images": [a for a in self.amis if a["ImageId"] in ImageIds]}

    def get_image(self, aws_retry, imageBuildVersionArn):
        return {"image": self.images[imageBuildVersionArn]}

    def fail_json(self, **kwargs):
        self.failed = kwargs
        raise SystemExit(1)


def test_a_tested_available_image_passes():
    assert gate.judge(image()) == (True, f"{ARN} is AVAILABLE and its tests passed")


def test_tests_missing_from_the_configuration_default_to_enabled():
    assert gate.judge({"arn": ARN, "state": {"status": "AVAILABLE"}})[0] is True


def test_tests_disabled_is_not_validated():
    validated, reason = gate.judge(image(tests=False))
    assert not validated and "tests disabled" in reason


def test_failed_tests_are_not_validated_and_the_reason_is_kept():
    validated, reason = gate.judge(image("FAILED", reason="step Check exited 1",
                                         failureContext={"imageStatus": "TESTING"}))
    assert not validated and "tests failed" in reason and "step Check exited 1" in reason


@pytest.mark.parametrize("build_type, source", [("IMPORT", "IMPORTED"), ("IMPORT_ISO", "IMPORTED"),
                                                ("USER_INITIATED", "IMPORTED")])
def test_imported_images_are_not_validated(build_type, source):
    validated, reason = gate.judge(image(build_type=build_type, source=source))
    assert not validated and "imported" in reason


@pytest.mark.parametrize("status", ["BUILDING", "TESTING", "CANCELLED", "PENDING"])
def test_an_unfinished_or_cancelled_build_is_not_validated(status):
    assert gate.judge(image(status))[0] is False


def test_an_unknown_image_is_not_validated():
    validated, reason = gate.judge(None)
    assert not validated and "Ec2ImageBuilderArn" in reason


def test_the_override_lets_it_through_and_says_so():
    assert gate.gate_result(False, "why", allow_unvalidated=True) == {
        "validated": False, "validation_overridden": True, "validation_reason": "why"}


def test_a_validated_image_is_not_an_override_even_when_allowed():
    assert gate.gate_result(True, "ok", allow_unvalidated=True)["validation_overridden"] is False


def test_without_override_the_gate_refuses_with_the_reason():
    with pytest.raises(gate.UnvalidatedImage) as raised:
        gate.gate_result(False, "it was imported", allow_unvalidated=False)
    assert "it was imported" in str(raised.value) and "allow_unvalidated" in str(raised.value)


def test_an_ami_is_judged_by_its_image_builder_tag():
    module = FakeModule(amis=[{"ImageId": "ami-1", "Tags": [{"Key": "Ec2ImageBuilderArn", "Value": ARN}]}],
                        images={ARN: image(tests=False)})
    with pytest.raises(SystemExit):
        gate.require_validated(module, ami_id="ami-1", ami_region="eu-west-1")
    assert "tests disabled" in module.failed["msg"] and module.failed["validated"] is False


def test_a_validated_ami_passes():
    module = FakeModule(amis=[{"ImageId": "ami-1", "Tags": [{"Key": "Ec2ImageBuilderArn", "Value": ARN}]}],
                        images={ARN: image()})
    assert gate.require_validated(module, ami_id="ami-1")["validated"] is True


def test_an_ami_without_the_tag_is_refused_unless_overridden():
    module = FakeModule(amis=[{"ImageId": "ami-2", "Tags": []}])
    with pytest.raises(SystemExit):
        gate.require_validated(module, ami_id="ami-2")
    assert gate.require_validated(module, ami_id="ami-2", allow_unvalidated=True)["validation_overridden"] is True
