# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The hook between AMI sharing and the Image Builder validation gate (validation_gate.py).

AMIs that Image Builder produced carry its tags; such an AMI must have passed its tests before it
is shared, unless the task sets allow_unvalidated. When validation_gate.py is not installed the
hook lets every AMI through and says so in the result.
"""

from __future__ import annotations

try:
    from . import validation_gate
except ImportError:
    validation_gate = None

BUILDER_TAG = ("CreatedBy", "EC2 Image Builder")
BUILDER_ARN_TAG = "Ec2ImageBuilderArn"


def built_by_image_builder(tags):
    return tags.get(BUILDER_TAG[0]) == BUILDER_TAG[1] or BUILDER_ARN_TAG in tags


def gate_available():
    return validation_gate is not None and hasattr(validation_gate, "check_ami")


def unvalidated_reason(module, region, image, tags):
    """None when the AMI may be shared; else why not. Calls validation_gate.check_ami when present."""
    if not built_by_image_builder(tags) or module.params.get("allow_unvalidated") or not gate_available():
        return None
    return validation_gate.check_ami(module, region=region, image=image, image_builder_arn=tags.get(BUILDER_ARN_TAG))
