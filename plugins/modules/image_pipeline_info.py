#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: image_pipeline_info
short_description: List EC2 Image Builder image pipelines
version_added: 0.1.0
description:
  - Lists your own image pipelines with their full settings, optionally only the one with a name or an ARN.
author:
  - imageforge maintainers (@imageforge)
extends_documentation_fragment:
  - imageforge.image_builder.updatable_info
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Every image pipeline
  imageforge.image_builder.image_pipeline_info:
  register: found

- name: One by name
  imageforge.image_builder.image_pipeline_info:
    name: my-image-pipeline
"""

RETURN = r"""
image_pipelines:
  description: The image pipelines, sorted by name, each as Image Builder's Get call returns it, in snake_case.
  returned: always
  type: list
  elements: dict
  contains:
    status:
      description: V(ENABLED) or V(DISABLED).
      type: str
    image_recipe_arn:
      description: The image recipe the pipeline builds (or C(container_recipe_arn), for a container recipe).
      type: str
    infrastructure_configuration_arn:
      description: The infrastructure configuration of its builds.
      type: str
    schedule:
      description: When the pipeline builds on its own.
      type: dict
    arn:
      description: The ARN of the image pipeline.
      type: str
      sample: arn:aws:imagebuilder:us-east-1:123456789012:image-pipeline/my-image-pipeline
    name:
      description: The name of the image pipeline.
      type: str
    tags:
      description: The tags of the image pipeline.
      type: dict
"""

from ansible_collections.imageforge.image_builder.plugins.module_utils._core.base import ImageForgeModule
from ansible_collections.imageforge.image_builder.plugins.module_utils._imagebuilder.image_pipelines import PIPELINE
from ansible_collections.imageforge.image_builder.plugins.module_utils._reconcilers.updatable import INFO_ARGUMENT_SPEC
from ansible_collections.imageforge.image_builder.plugins.module_utils._reconcilers.updatable import run_info


def main() -> None:
    module = ImageForgeModule(argument_spec=INFO_ARGUMENT_SPEC, supports_check_mode=True)
    run_info(module, PIPELINE)


if __name__ == "__main__":
    main()
