#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: ami_info
short_description: Find AMIs by ID, name pattern, tags, owner, architecture and state
version_added: 0.1.0
description:
  - Returns the AMIs that match, newest first; O(latest=true) returns only the newest.
  - Deprecation time and deregistration protection are part of every result.
  - Optionally reads the launch permissions, and the snapshots with their create-volume permissions.
author:
  - imageforge maintainers (@imageforge)
options:
  image_ids:
    description:
      - AMI IDs.
      - In check mode, C((known after build)), what a check-mode M(imageforge.image_builder.image) task reports
        for the AMIs it would make, finds no image.
    type: list
    elements: str
  name:
    description: A name or a pattern with C(*) and C(?).
    type: str
  tags:
    description: Tags the AMIs must have (all of them).
    type: dict
  owners:
    description:
      - V(self), an account ID, V(amazon), V(aws-marketplace), or V(shared-with-me) (AMIs of other
        accounts that this account may launch).
      - Defaults to V(self) unless O(image_ids) is set.
    type: list
    elements: str
  architecture:
    description: Only this architecture.
    type: str
    choices: [i386, x86_64, arm64, x86_64_mac, arm64_mac]
  states:
    description: Only AMIs in these states.
    type: list
    elements: str
    choices: [pending, available, invalid, deregistered, transient, failed, error, disabled]
  filters:
    description:
      - Any other DescribeImages filters, as a dict of filter name to a value or a list of values, as in
        C(amazon.aws.ec2_ami_info). See U(https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeImages.html).
    type: dict
  include_disabled:
    description:
      - Also return disabled AMIs (DescribeImages leaves them out by default). Only the owner sees them.
      - Needed with O(states=[disabled]).
    type: bool
    default: false
  latest:
    description: Return only the newest AMI.
    type: bool
    default: false
  include_launch_permissions:
    description: Read the launch permissions of each AMI. One call per AMI; only for AMIs you own.
    type: bool
    default: false
  include_snapshots:
    description: Read the snapshots of each AMI and their create-volume permissions. Calls per AMI.
    type: bool
    default: false
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: The newest golden AMI
  imageforge.image_builder.ami_info:
    name: golden-*
    tags:
      team: platform
    latest: true
  register: golden

- name: Disabled AMIs of this account, by a tag key
  imageforge.image_builder.ami_info:
    include_disabled: true
    states: [disabled]
    filters:
      tag-key: imageforge:pipeline

- name: AMIs other accounts shared with this one, with their launch permissions
  imageforge.image_builder.ami_info:
    owners: [shared-with-me]
"""

RETURN = r"""
images:
  description: The AMIs, newest first.
  returned: always
  type: list
  elements: dict
  contains:
    image_id:
      description: The AMI ID.
      type: str
    name:
      description: The name.
      type: str
    creation_date:
      description: When it was created.
      type: str
    state:
      description: The state.
      type: str
    owner_id:
      description: The owner account.
      type: str
    deprecation_time:
      description: When it is (or was) deprecated.
      type: str
    deregistration_protection:
      description: V(enabled), V(enabled-with-cooldown) or V(disabled).
      type: str
    tags:
      description: The tags.
      type: dict
    launch_permissions:
      description: With O(include_launch_permissions=true).
      type: list
      elements: dict
    snapshots:
      description: With O(include_snapshots=true), each with C(snapshot_id), C(encrypted), C(kms_key_id), C(create_volume_permissions).
      type: list
      elements: dict
"""

from ansible_collections.imageforge.image_builder.plugins.module_utils._amis.amis import find_images
from ansible_collections.imageforge.image_builder.plugins.module_utils._amis.amis import image_result
from ansible_collections.imageforge.image_builder.plugins.module_utils._amis.amis import snapshots_of
from ansible_collections.imageforge.image_builder.plugins.module_utils._amis.launch_permissions import as_result
from ansible_collections.imageforge.image_builder.plugins.module_utils._amis.launch_permissions import current_launch_permissions
from ansible_collections.imageforge.image_builder.plugins.module_utils._core.base import ImageForgeModule
from ansible_collections.imageforge.image_builder.plugins.module_utils._core.planned import is_unknown
from ansible_collections.imageforge.image_builder.plugins.module_utils._core.planned import refuse_unknown


def main() -> None:
    argument_spec = dict(
        image_ids=dict(type="list", elements="str"),
        name=dict(type="str"),
        tags=dict(type="dict"),
        owners=dict(type="list", elements="str"),
        architecture=dict(type="str", choices=["i386", "x86_64", "arm64", "x86_64_mac", "arm64_mac"]),
        states=dict(type="list", elements="str",
                    choices=["pending", "available", "invalid", "deregistered", "transient", "failed", "error", "disabled"]),
        filters=dict(type="dict"),
        include_disabled=dict(type="bool", default=False),
        latest=dict(type="bool", default=False),
        include_launch_permissions=dict(type="bool", default=False),
        include_snapshots=dict(type="bool", default=False),
    )
    module = ImageForgeModule(argument_spec=argument_spec, supports_check_mode=True)
    params = module.params
    if params["image_ids"] and all(is_unknown(i) for i in params["image_ids"]):
        refuse_unknown(module, "image_ids", params["image_ids"][0])
        module.exit_json(changed=False, images=[])  # check mode: AMIs that an earlier task's build would make
    bad = [i for i in params["image_ids"] or [] if not i.startswith("ami-")]
    if bad:
        module.fail_json(msg=f"image_ids: {', '.join(bad)} are not AMI IDs (ami-...)")
    owners = params["owners"] if params["owners"] is not None else ([] if params["image_ids"] else ["self"])
    client = module.client_for("ec2")
    images = find_images(module, client, image_ids=params["image_ids"], owners=owners, name=params["name"],
                         tags=params["tags"], architecture=params["architecture"], states=params["states"],
                         filters=params["filters"],
                         include_disabled=params["include_disabled"] or "disabled" in (params["states"] or []))
    if params["latest"]:
        images = images[:1]
    results = []
    for image in images:
        extra = {}
        if params["include_launch_permissions"]:
            extra["launch_permissions"] = [{k: v} for k, v in as_result(current_launch_permissions(module, client, image["ImageId"]))]
        if params["include_snapshots"]:
            extra["snapshots"] = snapshots_of(module, client, image)
        results.append(image_result(image, **extra))
    module.exit_json(changed=False, images=results)


if __name__ == "__main__":
    main()
