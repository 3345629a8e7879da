#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: ami_copy
short_description: Copy an AMI to many regions in one task, idempotently
version_added: 0.1.0
description:
  - Copies an AMI to every region in O(regions) concurrently (one thread and one client per region) and waits.
  - Each copy is tagged C(imageforge:source-ami=<source region>/<source AMI id>), and so are its snapshots,
    in the CopyImage call itself; a rerun finds that copy and makes no new one.
  - Copies the AMI's tags to the copy (CopyImageTags, server side) and to the copy's snapshots.
  - Reads the source AMI (one DescribeImages for all regions) only when a copy is made and needs the source's name
    (no O(name)) or its tags for the snapshots (O(copy_tags) and O(tag_snapshots)). Otherwise the first run makes one
    DescribeImages and one CopyImage per region. A rerun makes one DescribeImages per region.
  - Encrypts the copies, with the KMS key given per region in O(kms_key_ids).
author:
  - imageforge maintainers (@imageforge)
options:
  source_image_id:
    description:
      - The AMI to copy.
      - In check mode, C((known after build)), what a check-mode M(imageforge.image_builder.image) task reports
        for the AMIs it would make, is accepted; every region then reports a change.
    type: str
    required: true
  source_region:
    description: The region of the source AMI. Defaults to the task's region.
    type: str
  regions:
    description: The destination regions.
    type: list
    elements: str
    required: true
  name:
    description: The name of the copies. Defaults to the source AMI's name (read with one more DescribeImages).
    type: str
  description:
    description: The description of the copies. Without it, the copies have none (as with CopyImage).
    type: str
  encrypted:
    description: Encrypt the copies' snapshots (with the region's default EBS key unless O(kms_key_ids) names one).
    type: bool
    default: false
  kms_key_ids:
    description:
      - A KMS key ID, alias or ARN per destination region, for example C(eu-west-1) to C(alias/golden-ami).
      - Implies O(encrypted=true) in those regions.
    type: dict
  copy_tags:
    description: Copy the source AMI's user tags to the copies (CopyImageTags).
    type: bool
    default: true
  tag_snapshots:
    description: Tag the snapshots of each copy like the copy (the source's tags if O(copy_tags), O(tags), the source tag).
    type: bool
    default: true
  tags:
    description:
      - More tags for the copies and their snapshots. They win over a copied source tag with the same key.
      - Existing copies are not retagged.
    type: dict
    aliases: [resource_tags]
extends_documentation_fragment:
  - imageforge.image_builder.waiter
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Copy the golden AMI to three regions, encrypted with a key per region
  imageforge.image_builder.ami_copy:
    source_image_id: ami-0123456789abcdef0
    regions: [eu-west-1, eu-central-1, ap-southeast-2]
    kms_key_ids:
      eu-west-1: alias/golden-ami
      eu-central-1: alias/golden-ami
      ap-southeast-2: alias/golden-ami
  register: copies

- name: The AMI per region
  ansible.builtin.debug:
    var: copies.image_ids
"""

RETURN = r"""
image_ids:
  description: The AMI ID per destination region (null in check mode for a copy that would be made).
  returned: always
  type: dict
  sample: {"eu-west-1": "ami-0abc", "eu-central-1": "ami-0def"}
copies:
  description: One entry per destination region.
  returned: always
  type: list
  elements: dict
  contains:
    region:
      description: The region.
      type: str
    image_id:
      description: The AMI ID of the copy.
      type: str
    state:
      description: The state of the copy.
      type: str
    changed:
      description: Whether this task made the copy.
      type: bool
"""

from ansible_collections.imageforge.image_builder.plugins.module_utils._amis.ami_copies import SourceImage
from ansible_collections.imageforge.image_builder.plugins.module_utils._amis.ami_copies import copy_to_region
from ansible_collections.imageforge.image_builder.plugins.module_utils._core.base import ImageForgeModule
from ansible_collections.imageforge.image_builder.plugins.module_utils._core.planned import is_unknown
from ansible_collections.imageforge.image_builder.plugins.module_utils._core.planned import planned_amis
from ansible_collections.imageforge.image_builder.plugins.module_utils._core.regional import callers
from ansible_collections.imageforge.image_builder.plugins.module_utils._core.regional import per_region


def main() -> None:
    argument_spec = dict(
        source_image_id=dict(type="str", required=True),
        source_region=dict(type="str"),
        regions=dict(type="list", elements="str", required=True),
        name=dict(type="str"),
        description=dict(type="str"),
        encrypted=dict(type="bool", default=False),
        kms_key_ids=dict(type="dict", no_log=False),
        copy_tags=dict(type="bool", default=True),
        tag_snapshots=dict(type="bool", default=True),
        tags=dict(type="dict", aliases=["resource_tags"]),
        wait=dict(type="bool", default=True),
        wait_timeout=dict(type="int", default=3600),
        wait_delay=dict(type="int", default=15),
    )
    module = ImageForgeModule(argument_spec=argument_spec, supports_check_mode=True)
    params = module.params
    regions = list(dict.fromkeys(params["regions"]))
    unknown = sorted(set(params["kms_key_ids"] or {}) - set(regions))
    if unknown:
        module.fail_json(msg=f"kms_key_ids: {', '.join(unknown)} not in regions")
    if is_unknown(params["source_image_id"]):
        copies = planned_amis(module, "source_image_id", regions)
        module.exit_json(changed=True, copies=copies, image_ids={c["region"]: c["image_id"] for c in copies})
    if not params["source_image_id"].startswith("ami-"):
        module.fail_json(msg=f"source_image_id: {params['source_image_id']} is not an AMI ID (ami-...)")
    source_region = params["source_region"] or module.region
    source = SourceImage(module, source_region, params["source_image_id"])
    module.client_for("ec2", region=source_region)
    copies = per_region(module, callers(module, regions), lambda c: copy_to_region(c, source, params))
    ordered = [copies[r] for r in regions]
    changed = any(c["changed"] for c in ordered)
    result = dict(changed=changed, copies=ordered, image_ids={c["region"]: c["image_id"] for c in ordered})
    if module._diff:
        result["diff"] = dict(before={c["region"]: c["image_id"] for c in ordered if not c["changed"]},
                              after=result["image_ids"])
    module.exit_json(**result)


if __name__ == "__main__":
    main()
