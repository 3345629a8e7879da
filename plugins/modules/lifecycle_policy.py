#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: lifecycle_policy
short_description: Manage EC2 Image Builder lifecycle policies
version_added: 0.1.0
description:
  - Creates, updates and deletes a lifecycle policy, identified by O(name).
  - Image Builder's update call replaces the whole policy. The module sends the current value of every
    option the task does not set, so an option left out of the task keeps its current value.
author:
  - imageforge maintainers (@imageforge)
options:
  name:
    description: The name of the policy.
    type: str
    required: true
  state:
    description: Whether the policy exists.
    type: str
    choices: [present, absent]
    default: present
  description:
    description: The description.
    type: str
  status:
    description: Whether the policy runs. Image Builder's default is V(ENABLED).
    type: str
    choices: [ENABLED, DISABLED]
  execution_role:
    description: The role (name or ARN) that Image Builder uses to act on the images. Required to create the policy.
    type: str
  resource_type:
    description: The kind of images the policy acts on. Required to create the policy.
    type: str
    choices: [AMI_IMAGE, CONTAINER_IMAGE]
  policy_details:
    description:
      - The rules, the whole list when set, each as Image Builder's LifecyclePolicyDetail in snake_case.
      - C(action) with C(type) (V(DELETE), V(DEPRECATE), V(DISABLE)) and C(include_resources);
        C(filter) with C(type) (V(AGE), V(COUNT)), C(value), C(unit), C(retain_at_least);
        C(exclusion_rules) with C(tag_map) and C(amis). Required to create the policy.
    type: list
    elements: dict
  resource_selection:
    description: Which images the policy acts on, given whole. Required to create the policy.
    type: dict
    suboptions:
      recipes:
        description: Recipes, each a C(name) and a C(semantic_version).
        type: list
        elements: dict
      tag_map:
        description: Images with these tags.
        type: dict
notes:
  - Every create and update call sends a client token.
  - Check mode makes no write call; with diff mode the result shows each changed field.
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.tags
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Keep the 5 newest AMIs of a recipe, deleting their snapshots too
  imageforge.image_builder.lifecycle_policy:
    name: web-keep-5
    resource_type: AMI_IMAGE
    execution_role: ImageBuilderLifecycleRole
    policy_details:
      - action:
          type: DELETE
          include_resources:
            amis: true
            snapshots: true
        filter:
          type: COUNT
          value: 5
    resource_selection:
      recipes:
        - name: web
          semantic_version: 1.0.0
"""

RETURN = r"""
arn:
  description: The ARN of the policy. In check mode, the ARN a create would return, for later tasks to use.
  returned: always
  type: str
  sample: arn:aws:imagebuilder:us-east-1:123456789012:lifecycle-policy/web-keep-5
created:
  description: Whether the policy was (or would be) created.
  returned: state=present
  type: bool
changes:
  description: "One line per changed field: C(path) C(before -> after)."
  returned: when changed
  type: list
  elements: str
lifecycle_policy:
  description: The policy as GetLifecyclePolicy returns it, in snake_case.
  returned: state=present
  type: dict
  contains:
    arn:
      description: The ARN.
      type: str
    policy_details:
      description: The rules.
      type: list
      elements: dict
    status:
      description: V(ENABLED) or V(DISABLED).
      type: str
    tags:
      description: The tags.
      type: dict
"""

from ansible_collections.imageforge.image_builder.plugins.module_utils.base import ImageForgeModule
from ansible_collections.imageforge.image_builder.plugins.module_utils.lifecycle_policies import LIFECYCLE_POLICY
from ansible_collections.imageforge.image_builder.plugins.module_utils.lifecycle_policies import LIFECYCLE_REPLACED_KEYS
from ansible_collections.imageforge.image_builder.plugins.module_utils.lifecycle_policies import lifecycle_request
from ansible_collections.imageforge.image_builder.plugins.module_utils.lifecycle_policies import normalise_lifecycle
from ansible_collections.imageforge.image_builder.plugins.module_utils.updatable_resources import ensure
from ansible_collections.imageforge.image_builder.plugins.module_utils.updatable_resources import remove


def main():
    argument_spec = dict(
        name=dict(type="str", required=True),
        state=dict(type="str", choices=["present", "absent"], default="present"),
        description=dict(type="str"),
        status=dict(type="str", choices=["ENABLED", "DISABLED"]),
        execution_role=dict(type="str"),
        resource_type=dict(type="str", choices=["AMI_IMAGE", "CONTAINER_IMAGE"]),
        policy_details=dict(type="list", elements="dict"),
        resource_selection=dict(type="dict", options=dict(
            recipes=dict(type="list", elements="dict"), tag_map=dict(type="dict"))),
        tags=dict(type="dict", aliases=["resource_tags"]),
        purge_tags=dict(type="bool", default=True),
    )
    module = ImageForgeModule(argument_spec=argument_spec, supports_check_mode=True)
    name = module.params["name"]
    if module.params["state"] == "absent":
        module.exit_json(**remove(module, LIFECYCLE_POLICY, name))
    desired = lifecycle_request(module.params)
    module.exit_json(**ensure(module, LIFECYCLE_POLICY, name, desired, normalise_lifecycle, replace=LIFECYCLE_REPLACED_KEYS))


if __name__ == "__main__":
    main()
