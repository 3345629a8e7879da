# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The hook between AMI sharing and the Image Builder validation gate (validation_gate.py).

AMIs that Image Builder produced carry its tags; such an AMI is shared only when the Image Builder
image named in its Ec2ImageBuilderArn tag passed its tests (validation_gate.judge), unless the task
sets allow_unvalidated. Runs in the main thread (the gate's helpers may fail the task).
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from typing import Any

from .._core.errors import AWS_ERRORS
from .._core.errors import error_code
from .._core.errors import is_not_found

if TYPE_CHECKING:
    from .._core.base import ImageForgeModule

try:
    from . import validation_gate
except ImportError:
    validation_gate = None

BUILDER_TAG = ("CreatedBy", "EC2 Image Builder")
BUILDER_ARN_TAG = "Ec2ImageBuilderArn"


def built_by_image_builder(tags: Any) -> bool:
    return tags.get(BUILDER_TAG[0]) == BUILDER_TAG[1] or BUILDER_ARN_TAG in tags


def gate_available() -> bool:
    return validation_gate is not None and hasattr(validation_gate, "judge")


def unvalidated_reason(module: ImageForgeModule, tags: Any) -> str | None:
    """None when the AMI may be shared; else why not. A findings_policy is honoured even with
    allow_unvalidated (validation_gate.findings_refusal)."""
    if not built_by_image_builder(tags) or not gate_available():
        return None
    arn = tags.get(BUILDER_ARN_TAG)
    policy = module.params.get("findings_policy")
    if policy and arn and hasattr(validation_gate, "findings_refusal"):
        refusal = validation_gate.findings_refusal(module, arn, policy)
        if refusal:
            return f"the findings_policy refuses it: {refusal}"
    if module.params.get("allow_unvalidated"):
        return None
    image = None
    if arn:
        client = module.client_for("imagebuilder", region=arn.split(":")[3])
        try:
            image = client.get_image(aws_retry=True, imageBuildVersionArn=arn)["image"]
        except AWS_ERRORS as exc:
            if not (is_not_found(exc) or error_code(exc) == "InvalidRequestException"):
                module.fail_aws(exc, f"read image {arn} for the validation gate")
    if arn and image is None:
        return f"its image {arn} no longer exists in Image Builder, so nothing proves that its tests ran"
    validated, reason = validation_gate.judge(image)
    return None if validated else reason
