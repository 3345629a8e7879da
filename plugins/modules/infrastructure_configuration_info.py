#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: infrastructure_configuration_info
short_description: List EC2 Image Builder infrastructure configurations
version_added: 0.1.0
description:
  - Lists your own infrastructure configurations with their full settings, optionally only the one with a name or an ARN.
author:
  - imageforge maintainers (@imageforge)
extends_documentation_fragment:
  - imageforge.image_builder.updatable_info
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Every infrastructure configuration
  imageforge.image_builder.infrastructure_configuration_info:
  register: found

- name: One by name
  imageforge.image_builder.infrastructure_configuration_info:
    name: my-infrastructure-configuration
"""

RETURN = r"""
infrastructure_configurations:
  description: The infrastructure configurations, sorted by name, each as Image Builder's Get call returns it, in snake_case.
  returned: always
  type: list
  elements: dict
  contains:
    instance_types:
      description: The instance types a build may use.
      type: list
      elements: str
    instance_profile_name:
      description: The instance profile of the build instance.
      type: str
    subnet_id:
      description: The subnet of the build instance.
      type: str
    resource_tags:
      description: The tags of the build instance.
      type: dict
    arn:
      description: The ARN of the infrastructure configuration.
      type: str
      sample: arn:aws:imagebuilder:us-east-1:123456789012:infrastructure-configuration/my-infrastructure-configuration
    name:
      description: The name of the infrastructure configuration.
      type: str
    tags:
      description: The tags of the infrastructure configuration.
      type: dict
"""

from ansible_collections.imageforge.image_builder.plugins.module_utils._core.base import ImageForgeModule
from ansible_collections.imageforge.image_builder.plugins.module_utils._imagebuilder.configurations import INFRASTRUCTURE
from ansible_collections.imageforge.image_builder.plugins.module_utils._reconcilers.updatable import INFO_ARGUMENT_SPEC
from ansible_collections.imageforge.image_builder.plugins.module_utils._reconcilers.updatable import run_info


def main() -> None:
    module = ImageForgeModule(argument_spec=INFO_ARGUMENT_SPEC, supports_check_mode=True)
    run_info(module, INFRASTRUCTURE)


if __name__ == "__main__":
    main()
