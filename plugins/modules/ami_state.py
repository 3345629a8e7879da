#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: ami_state
short_description: Disable, enable, deprecate and undeprecate AMIs
version_added: 0.2.0
description:
  - Sets the state of AMIs this account owns. V(disabled) (DisableImage) takes an AMI out of use without
    deregistering it; AWS also removes all its launch permissions, so it is no longer shared. V(enabled)
    (EnableImage) brings it back (its launch permissions are not restored).
  - Sets (EnableImageDeprecation) or cancels (DisableImageDeprecation) the deprecation time.
  - Reads the AMIs with C(IncludeDisabled), so disabled AMIs are found. Only what differs is changed; a second
    run makes no write call.
  - Retention by count and age is M(imageforge.image_builder.ami_lifecycle); this module acts on AMIs by ID.
author:
  - imageforge maintainers (@imageforge)
options:
  image_ids:
    description: The AMIs.
    type: list
    elements: str
    required: true
  state:
    description: V(enabled) or V(disabled). Unset leaves the state as it is.
    type: str
    choices: [enabled, disabled]
  deprecate_at:
    description: The deprecation time to set (ISO 8601, UTC; AWS rounds it to the minute).
    type: str
  cancel_deprecation:
    description: Cancel the deprecation time.
    type: bool
    default: false
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
notes:
  - Check mode makes no write call and reports what would change; diff mode shows each AMI's state and deprecation time.
"""

EXAMPLES = r"""
- name: Take an old AMI out of use without deregistering it
  imageforge.image_builder.ami_state:
    image_ids: [ami-0123456789abcdef0]
    state: disabled

- name: Bring it back and cancel its deprecation
  imageforge.image_builder.ami_state:
    image_ids: [ami-0123456789abcdef0]
    state: enabled
    cancel_deprecation: true
"""

RETURN = r"""
images:
  description: Each AMI after the task, with C(image_id), C(state), C(deprecation_time) and C(changes).
  returned: always
  type: list
  elements: dict
"""

from ansible_collections.imageforge.image_builder.plugins.module_utils._amis.ami_states import apply_changes
from ansible_collections.imageforge.image_builder.plugins.module_utils._amis.ami_states import plan_changes
from ansible_collections.imageforge.image_builder.plugins.module_utils._amis.ami_states import validate
from ansible_collections.imageforge.image_builder.plugins.module_utils._amis.amis import find_images
from ansible_collections.imageforge.image_builder.plugins.module_utils._core.base import ImageForgeModule


def main() -> None:
    argument_spec = dict(
        image_ids=dict(type="list", elements="str", required=True),
        state=dict(type="str", choices=["enabled", "disabled"]),
        deprecate_at=dict(type="str"),
        cancel_deprecation=dict(type="bool", default=False),
    )
    module = ImageForgeModule(argument_spec=argument_spec, supports_check_mode=True,
                              mutually_exclusive=[("deprecate_at", "cancel_deprecation")])
    problem = validate(module.params)
    if problem:
        module.fail_json(msg=problem)
    client = module.client_for("ec2")
    images = find_images(module, client, image_ids=module.params["image_ids"], include_disabled=True)
    missing = sorted(set(module.params["image_ids"]) - {i["ImageId"] for i in images})
    if missing:
        module.fail_json(msg=f"image_ids: {', '.join(missing)} not found in {module.region} (or not owned here)")
    plans = [plan_changes(image, module.params) for image in images]
    if not module.check_mode:
        for plan in plans:
            apply_changes(module, client, plan)
    before = {p["image_id"]: p["before"] for p in plans}
    after = {p["image_id"]: p["after"] for p in plans}
    module.exit_json(changed=any(p["changes"] for p in plans),
                     images=[dict(p["after"], image_id=p["image_id"], changes=p["changes"]) for p in plans],
                     diff={"before": before, "after": after})


if __name__ == "__main__":
    main()
