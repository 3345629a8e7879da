# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The validation gate: an image is shared or distributed only when its tests ran and passed.

The rule, in one place for every module that shares or distributes an image:

* an Image Builder image is *validated* when it is AVAILABLE, was built (not imported), and
  its build ran the tests (``imageTestsConfiguration.imageTestsEnabled`` is not false). A build
  whose tests fail ends FAILED, so AVAILABLE with tests enabled means the tests passed;
* an imported image (``buildType`` IMPORT or IMPORT_ISO, or ``imageSource`` IMPORTED) ran no
  tests and is not validated;
* an AMI given by id is judged by the Image Builder image named in its ``Ec2ImageBuilderArn``
  tag; an AMI without that tag was not built by Image Builder and is not validated;
* only ``allow_unvalidated: true`` lets an unvalidated image through, and the result then
  says ``validation_overridden: true``;
* with a findings policy (``findings_policy``, see scan_findings.POLICY_SPEC), an image with a
  scan finding the policy refuses (by default a CRITICAL finding with a fix available) is refused
  too. ``allow_unvalidated`` does not override the policy: a task that sets one means it.

Modules call ``require_validated(module, image=...)`` or ``require_validated(module, ami_id=...,
ami_region=...)`` and merge the returned dict into their result.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from typing import Any

from .._core.errors import AWS_ERRORS
from .._core.errors import error_code
from .._core.errors import is_not_found

if TYPE_CHECKING:
    from .._core.base import ImageForgeModule

IMAGE_ARN_TAG = "Ec2ImageBuilderArn"
IMPORTED_BUILD_TYPES = ("IMPORT", "IMPORT_ISO")


def judge(image: dict[str, Any] | None) -> tuple[bool, str | None]:
    """(validated, reason) for a GetImage `image` (camelCase), or None when no image is known."""
    if not image:
        return False, "it was not built by EC2 Image Builder (no Ec2ImageBuilderArn tag), so no tests ran"
    arn = image.get("arn")
    if image.get("buildType") in IMPORTED_BUILD_TYPES or image.get("imageSource") == "IMPORTED":
        return False, f"{arn} was imported, so no tests ran"
    tests = image.get("imageTestsConfiguration") or {}
    state = image.get("state") or {}
    status = state.get("status")
    if tests.get("imageTestsEnabled") is False:
        return False, f"{arn} was built with tests disabled (imageTestsEnabled: false)"
    if status == "FAILED":
        stage = (state.get("failureContext") or {}).get("imageStatus")
        what = "its tests failed" if stage == "TESTING" else "its build failed"
        return False, f"{arn} is FAILED: {what}: {state.get('reason') or 'no reason given'}"
    if status not in ("AVAILABLE", "DEPRECATED"):
        return False, f"{arn} is {status}; its tests have not passed yet"
    return True, f"{arn} is {status} and its tests passed"


def image_arn_of_ami(ami: Any) -> str | None:
    """The Image Builder image ARN from a DescribeImages entry's tags, or None."""
    for tag in ami.get("Tags") or []:
        if tag.get("Key") == IMAGE_ARN_TAG:
            return tag.get("Value")
    return None


def gate_result(validated: Any, reason: Any, allow_unvalidated: bool) -> dict[str, Any]:
    """What the module reports; raises UnvalidatedImage when the gate stays shut."""
    if not validated and not allow_unvalidated:
        raise UnvalidatedImage(reason)
    return {"validated": validated, "validation_overridden": not validated, "validation_reason": reason}


class UnvalidatedImage(Exception):
    def __str__(self) -> str:
        return (f"Refusing to share or distribute an unvalidated image: {self.args[0]}. "
                "Run a build with tests enabled, or set allow_unvalidated=true to override.")


def lookup_ami_image(module: ImageForgeModule, ami_id: str, ami_region: str | None = None) -> dict[str, Any] | None:
    """GetImage of the Image Builder image that produced `ami_id`, or None."""
    ec2 = module.client_for("ec2", region=ami_region)
    amis = module.call(ec2, "describe_images", f"look up AMI {ami_id} for the validation gate", ImageIds=[ami_id]).get("Images") or []
    arn = image_arn_of_ami(amis[0]) if amis else None
    if not arn:
        return None
    client = module.client_for("imagebuilder", region=arn.split(":")[3])
    try:
        return client.get_image(aws_retry=True, imageBuildVersionArn=arn)["image"]
    except AWS_ERRORS as exc:
        if is_not_found(exc) or error_code(exc) == "InvalidRequestException":
            return None  # the image record was deleted: nothing proves its tests ran
        module.fail_aws(exc, f"read image {arn} for the validation gate")


def findings_refusal(module: ImageForgeModule, image_arn: str | None, policy: Any) -> str | None:
    """None when the image's scan findings pass the policy (or there is none); else why not."""
    if not policy or not image_arn:
        return None
    from .scan_findings import policy_reason
    from .scan_findings import policy_violations

    violations = policy_violations(module, image_arn, policy)
    return f"{image_arn} has {policy_reason(violations, policy)}" if violations else None


def require_validated(module: ImageForgeModule, image: Any = None, ami_id: str | None = None, ami_region: str | None = None,
                      allow_unvalidated: bool = False, findings_policy: Any = None) -> dict[str, Any]:
    """Fail the task unless the image (a GetImage dict) or the AMI passed the gate.

    Returns {"validated", "validation_overridden", "validation_reason"} for the result."""
    if image is None and ami_id:
        image = lookup_ami_image(module, ami_id, ami_region)
    validated, reason = judge(image)
    try:
        result = gate_result(validated, reason, allow_unvalidated)
    except UnvalidatedImage as exc:
        module.fail_json(msg=str(exc), validated=False, validation_reason=reason)
    refusal = findings_refusal(module, (image or {}).get("arn"), findings_policy)
    if refusal:
        module.fail_json(msg=f"Refusing to share or distribute an image whose scan findings the findings_policy "
                             f"refuses: {refusal}. Fix the packages and build again.",
                         validated=False, validation_reason=refusal)
    return result
