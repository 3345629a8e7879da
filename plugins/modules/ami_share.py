#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: ami_share
short_description: Share an AMI, its snapshots and its KMS key with accounts, organizations and OUs
version_added: 0.1.0
description:
  - Keeps the launch permissions of an AMI, in one or several regions, in step with lists of account IDs,
    organization ARNs and organizational unit ARNs.
  - The create-volume permissions of every snapshot of the AMI follow the accounts (snapshots cannot be
    shared with organizations or OUs).
  - For AMIs encrypted with a customer-managed KMS key, creates the KMS grants that the accounts need to
    launch the AMI, or with O(manage_kms=false) returns the key-policy statements the key owner must add.
    AMIs encrypted with the AWS-managed key C(alias/aws/ebs) cannot be shared; the module says so.
  - Making an AMI public (O(group=all)) needs O(allow_public=true), and is refused with an explanation
    when block public access for AMIs is on.
  - AMIs that EC2 Image Builder produced must have passed their tests (the validation gate) unless
    O(allow_unvalidated=true).
  - Every region is read first; nothing is written when any region refuses.
author:
  - imageforge maintainers (@imageforge)
options:
  image_id:
    description:
      - The AMI in the task's region.
      - In each other region of O(regions), the module shares the AMI it finds, in this order. First, the copy
        that M(imageforge.image_builder.ami_copy) made (its C(imageforge:source-ami) tag). Then the AMI that
        EC2 Image Builder distributed there from the same image (the same C(Ec2ImageBuilderArn) tag). Last,
        the AMI named O(name) when O(name) is set.
      - In check mode, the value C((known after build)) that a check-mode M(imageforge.image_builder.image)
        task reports is accepted. Every region then reports a change.
    type: str
  name:
    description:
      - The exact AMI name.
      - Without O(image_id), the AMI of that name is shared in every region.
      - With O(image_id), the name is used only in the regions where neither a copy nor a distributed AMI of
        O(image_id) is found.
    type: str
  regions:
    description: The regions to share in. Defaults to the task's region.
    type: list
    elements: str
  accounts:
    description: Account IDs (12 digits).
    type: list
    elements: str
  organizations:
    description: Organization ARNs.
    type: list
    elements: str
  organizational_units:
    description: Organizational unit ARNs.
    type: list
    elements: str
  group:
    description: V(all) makes the AMI public. Needs O(allow_public=true).
    type: str
    choices: [all]
  allow_public:
    description: Allow O(group=all).
    type: bool
    default: false
  purge:
    description:
      - With V(false), the listed principals are added and the others are left alone.
      - With V(true), the launch permissions become exactly the listed principals.
    type: bool
    default: false
  share_snapshots:
    description: Keep the create-volume permissions of the AMI's snapshots in step with the accounts.
    type: bool
    default: true
  manage_kms:
    description:
      - Create (and with O(purge=true) revoke) KMS grants for the accounts on the customer-managed key of
        encrypted snapshots.
      - With V(false), nothing is changed on the key and RV(images[].kms_key_policy_statements) lists the
        key-policy statements needed.
    type: bool
    default: true
  allow_unvalidated:
    description: Share an Image Builder AMI even when the validation gate has not passed it.
    type: bool
    default: false
  state:
    description:
      - V(present) shares.
      - V(absent) removes the listed principals, or every launch permission when none are listed.
    type: str
    choices: [present, absent]
    default: present
extends_documentation_fragment:
  - imageforge.image_builder.findings_policy
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Share the golden AMI and its copies with 3 accounts and an OU, in 3 regions
  imageforge.image_builder.ami_share:
    image_id: ami-0123456789abcdef0
    regions: [us-east-1, eu-west-1, ap-southeast-2]
    accounts: ["111111111111", "222222222222", "333333333333"]
    organizational_units:
      - arn:aws:organizations::999999999999:ou/o-abc1234567/ou-ab12-cdef5678
    purge: true

- name: Stop sharing with every account
  imageforge.image_builder.ami_share:
    image_id: ami-0123456789abcdef0
    state: absent
"""

RETURN = r"""
images:
  description: One entry per region, after the change (or as it would be in check mode).
  returned: always
  type: list
  elements: dict
  contains:
    region:
      description: The region.
      type: str
    image_id:
      description: The AMI ID in that region.
      type: str
    name:
      description: The AMI name.
      type: str
    launch_permissions:
      description: The launch permissions, each a dict with one of C(user_id), C(organization_arn), C(organizational_unit_arn), C(group).
      type: list
      elements: dict
    snapshots:
      description: The snapshots and the accounts allowed to create volumes from them.
      type: list
      elements: dict
    kms_keys:
      description: KMS keys of encrypted snapshots.
      type: list
      elements: str
    kms_key_policy_statements:
      description: Key-policy statements the key owner must add (O(manage_kms=false), organizations, OUs).
      type: list
      elements: dict
    block_public_access_state:
      description: Block public access for AMIs, read when the AMI would become public.
      type: str
validation_gate:
  description:
    - V(checked) when the validation gate ran (AMIs built by EC2 Image Builder must have passed their tests).
    - V(not installed) when this build of the collection leaves the validation gate out.
  returned: always
  type: str
"""

from ansible_collections.imageforge.image_builder.plugins.module_utils._amis.ami_sharing import share
from ansible_collections.imageforge.image_builder.plugins.module_utils._amis.launch_permissions import as_result
from ansible_collections.imageforge.image_builder.plugins.module_utils._amis.launch_permissions import desired_permissions
from ansible_collections.imageforge.image_builder.plugins.module_utils._amis.launch_permissions import validate
from ansible_collections.imageforge.image_builder.plugins.module_utils._core.base import ImageForgeModule
from ansible_collections.imageforge.image_builder.plugins.module_utils._core.planned import is_unknown
from ansible_collections.imageforge.image_builder.plugins.module_utils._core.planned import planned_amis
from ansible_collections.imageforge.image_builder.plugins.module_utils._imagebuilder.image_gate import gate_available
from ansible_collections.imageforge.image_builder.plugins.module_utils._imagebuilder.scan_findings import POLICY_SPEC


def main() -> None:
    argument_spec = dict(
        image_id=dict(type="str"),
        name=dict(type="str"),
        regions=dict(type="list", elements="str"),
        accounts=dict(type="list", elements="str"),
        organizations=dict(type="list", elements="str"),
        organizational_units=dict(type="list", elements="str"),
        group=dict(type="str", choices=["all"]),
        allow_public=dict(type="bool", default=False),
        purge=dict(type="bool", default=False),
        share_snapshots=dict(type="bool", default=True),
        manage_kms=dict(type="bool", default=True),
        allow_unvalidated=dict(type="bool", default=False),
        findings_policy=dict(type="dict", options=POLICY_SPEC),
        state=dict(type="str", choices=["present", "absent"], default="present"),
    )
    module = ImageForgeModule(argument_spec=argument_spec, supports_check_mode=True,
                              required_one_of=[["image_id", "name"]])
    params = module.params
    errors = validate(params["accounts"], params["organizations"], params["organizational_units"])
    if errors:
        module.fail_json(msg="; ".join(errors))
    wanted = desired_permissions(params["accounts"], params["organizations"], params["organizational_units"],
                                 params["group"] == "all")
    if is_unknown(params["image_id"]):
        images = planned_amis(module, "image_id", params["regions"] or [module.region],
                              launch_permissions=[{k: v} for k, v in as_result(wanted)])
        module.exit_json(changed=True, images=images, validation_gate="checked" if gate_available() else "not installed")
    plans = share(module, wanted)
    changed = any(p.changed for p in plans.values())
    result = dict(changed=changed, images=[p.result() for p in plans.values()],
                  validation_gate="checked" if gate_available() else "not installed")
    if module._diff:
        result["diff"] = dict(
            before={r: [{k: v} for k, v in as_result(p.current)] for r, p in plans.items()},
            after={r: [{k: v} for k, v in as_result(p.after())] for r, p in plans.items()})
    module.exit_json(**result)


if __name__ == "__main__":
    main()
