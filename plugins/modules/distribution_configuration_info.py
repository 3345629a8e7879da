#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: distribution_configuration_info
short_description: List EC2 Image Builder distribution configurations
version_added: 0.1.0
description:
  - Lists your own distribution configurations with their full settings, optionally only the one with a name or an ARN.
author:
  - imageforge maintainers (@imageforge)
extends_documentation_fragment:
  - imageforge.image_builder.updatable_info
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Every distribution configuration
  imageforge.image_builder.distribution_configuration_info:
  register: found

- name: One by name
  imageforge.image_builder.distribution_configuration_info:
    name: my-distribution-configuration
"""

RETURN = r"""
distribution_configurations:
  description: The distribution configurations, sorted by name, each as Image Builder's Get call returns it, in snake_case.
  returned: always
  type: list
  elements: dict
  contains:
    distributions:
      description: One entry per region, with what is distributed there (AMI, container, launch template, export).
      type: list
      elements: dict
    arn:
      description: The ARN of the distribution configuration.
      type: str
      sample: arn:aws:imagebuilder:us-east-1:123456789012:distribution-configuration/my-distribution-configuration
    name:
      description: The name of the distribution configuration.
      type: str
    tags:
      description: The tags of the distribution configuration.
      type: dict
"""

from ansible_collections.imageforge.image_builder.plugins.module_utils._core.base import ImageForgeModule
from ansible_collections.imageforge.image_builder.plugins.module_utils._imagebuilder.configurations import DISTRIBUTION
from ansible_collections.imageforge.image_builder.plugins.module_utils._reconcilers.updatable import INFO_ARGUMENT_SPEC
from ansible_collections.imageforge.image_builder.plugins.module_utils._reconcilers.updatable import run_info


def main() -> None:
    module = ImageForgeModule(argument_spec=INFO_ARGUMENT_SPEC, supports_check_mode=True)
    run_info(module, DISTRIBUTION)


if __name__ == "__main__":
    main()
