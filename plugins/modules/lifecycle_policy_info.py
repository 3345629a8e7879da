#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: lifecycle_policy_info
short_description: List EC2 Image Builder lifecycle policies
version_added: 0.1.0
description:
  - Lists your own lifecycle policies with their full settings, optionally only the one with a name or an ARN.
author:
  - imageforge maintainers (@imageforge)
extends_documentation_fragment:
  - imageforge.image_builder.updatable_info
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Every lifecycle policy
  imageforge.image_builder.lifecycle_policy_info:
  register: found

- name: One by name
  imageforge.image_builder.lifecycle_policy_info:
    name: my-lifecycle-policy
"""

RETURN = r"""
lifecycle_policies:
  description: The lifecycle policies, sorted by name, each as Image Builder's Get call returns it, in snake_case.
  returned: always
  type: list
  elements: dict
  contains:
    status:
      description: V(ENABLED) or V(DISABLED).
      type: str
    resource_type:
      description: V(AMI_IMAGE) or V(CONTAINER_IMAGE).
      type: str
    policy_details:
      description: The rules, each an action, a filter and exclusion rules.
      type: list
      elements: dict
    arn:
      description: The ARN of the lifecycle policy.
      type: str
      sample: arn:aws:imagebuilder:us-east-1:123456789012:lifecycle-policy/my-lifecycle-policy
    name:
      description: The name of the lifecycle policy.
      type: str
    tags:
      description: The tags of the lifecycle policy.
      type: dict
"""

from ansible_collections.imageforge.image_builder.plugins.module_utils._core.base import ImageForgeModule
from ansible_collections.imageforge.image_builder.plugins.module_utils._imagebuilder.lifecycle_policies import LIFECYCLE_POLICY
from ansible_collections.imageforge.image_builder.plugins.module_utils._reconcilers.updatable import INFO_ARGUMENT_SPEC
from ansible_collections.imageforge.image_builder.plugins.module_utils._reconcilers.updatable import run_info


def main() -> None:
    module = ImageForgeModule(argument_spec=INFO_ARGUMENT_SPEC, supports_check_mode=True)
    run_info(module, LIFECYCLE_POLICY)


if __name__ == "__main__":
    main()
