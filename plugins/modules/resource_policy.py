#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: resource_policy
short_description: Put or read the resource policy of an Image Builder component, recipe or image
version_added: 0.1.0
description:
  - Puts the resource policy of an Image Builder component, image recipe, container recipe or image, or reads
    it when O(policy) is not set.
  - Policies are compared semantically; the order of statements and of list entries does not matter.
  - A policy makes AWS RAM create a share "created from policy", which is not visible in RAM's lists of
    principals until it is promoted; with O(promote_share=true) the module promotes it
    (PromoteResourceShareCreatedFromPolicy).
author:
  - imageforge maintainers (@imageforge)
options:
  resource_arn:
    description: The ARN of the component, image recipe, container recipe or image build version.
    type: str
    required: true
  policy:
    description: The policy, as a dict or a JSON string. Not set means read only.
    type: json
  promote_share:
    description: Promote the RAM share created from the policy to a standard share.
    type: bool
    default: true
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Let two accounts use a component
  imageforge.image_builder.resource_policy:
    resource_arn: arn:aws:imagebuilder:us-east-1:123456789012:component/install-nginx/1.0.0/1
    policy:
      Version: "2012-10-17"
      Statement:
        - Effect: Allow
          Principal: {AWS: ["111111111111", "222222222222"]}
          Action: [imagebuilder:GetComponent]
          Resource: arn:aws:imagebuilder:us-east-1:123456789012:component/install-nginx/1.0.0/1
"""

RETURN = r"""
policy:
  description: The policy after the change (null when the resource has none).
  returned: always
  type: dict
promoted_shares:
  description: ARNs of the RAM shares promoted (or that would be, in check mode).
  returned: always
  type: list
  elements: str
"""

import json

from ansible_collections.imageforge.image_builder.plugins.module_utils._core.base import ImageForgeModule
from ansible_collections.imageforge.image_builder.plugins.module_utils._imagebuilder.resource_policies import get_policy
from ansible_collections.imageforge.image_builder.plugins.module_utils._imagebuilder.resource_policies import kind_of
from ansible_collections.imageforge.image_builder.plugins.module_utils._imagebuilder.resource_policies import put_policy
from ansible_collections.imageforge.image_builder.plugins.module_utils._imagebuilder.resource_policies import same_policy
from ansible_collections.imageforge.image_builder.plugins.module_utils._imagebuilder.resource_policies import shares_to_promote


def main() -> None:
    argument_spec = dict(
        resource_arn=dict(type="str", required=True),
        policy=dict(type="json"),
        promote_share=dict(type="bool", default=True),
    )
    module = ImageForgeModule(argument_spec=argument_spec, supports_check_mode=True)
    arn = module.params["resource_arn"]
    if kind_of(arn) is None:
        module.fail_json(msg=f"resource_arn: {arn} is not an Image Builder component, image recipe, container recipe or image ARN")
    wanted = None
    if module.params["policy"] is not None:
        try:
            wanted = json.loads(module.params["policy"])
        except ValueError as exc:
            module.fail_json(msg=f"policy: not valid JSON ({exc})")
        if not isinstance(wanted, dict) or not wanted.get("Statement"):
            module.fail_json(msg="policy: a policy is an object with a Statement list")
    client = module.imagebuilder
    current = get_policy(module, client, arn)
    changed = wanted is not None and (current is None or not same_policy(current, wanted))
    if changed and not module.check_mode:
        put_policy(module, client, arn, wanted)
    promoted = []
    if module.params["promote_share"] and (current is not None or wanted is not None):
        ram = module.client_for("ram")
        promoted = shares_to_promote(module, ram, arn) if not (changed and module.check_mode) else []
        for share_arn in promoted if not module.check_mode else []:
            module.call(ram, "promote_resource_share_created_from_policy", f"promote RAM share {share_arn}",
                        resourceShareArn=share_arn)
    after = wanted if changed else current
    module.exit_json(changed=changed or bool(promoted), policy=after, promoted_shares=promoted,
                     diff=dict(before=current or {}, after=after or {}))


if __name__ == "__main__":
    main()
