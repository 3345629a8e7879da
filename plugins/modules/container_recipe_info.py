#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: container_recipe_info
short_description: List EC2 Image Builder container recipes with their components
version_added: 0.1.0
description:
  - Lists container recipe versions, filtered by name, owner and version pattern, each with its parent image
    and the component ARNs it uses, and the newest version of each container recipe.
  - Reads each matching version (one call per version) to return its components.
author:
  - imageforge maintainers (@imageforge)
options:
  name:
    description: Only container recipes with this name.
    type: str
  arn:
    description: One container recipe ARN. The other filters are ignored.
    type: str
  filters:
    description:
      - Filters of ListContainerRecipes, name to value or list of values, like Terraform's filter blocks.
      - The API takes V(containerType), V(name), V(parentImage) and V(platform).
      - With no O(name), O(arn) or O(filters), every container recipe of O(owner) is listed.
    type: dict
extends_documentation_fragment:
  - imageforge.image_builder.versioned_info
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Every 1.0.x version of a container recipe, newest first
  imageforge.image_builder.container_recipe_info:
    name: web
    version: 1.0.x
  register: found
"""

RETURN = r"""
container_recipes:
  description: The versions as GetContainerRecipe returns them, in snake_case, sorted by name then newest first.
  returned: always
  type: list
  elements: dict
  contains:
    arn:
      description: The ARN.
      type: str
      sample: arn:aws:imagebuilder:us-east-1:123456789012:container-recipe/web/1.0.0
    name:
      description: The name.
      type: str
    version:
      description: The semantic version.
      type: str
    parent_image:
      description: The parent image.
      type: str
    components:
      description: The components, in order, with their parameters.
      type: list
      elements: dict
latest:
  description: The newest version of each container recipe that matched.
  returned: always
  type: list
  elements: dict
  contains:
    name:
      description: The name.
      type: str
    version:
      description: The newest version.
      type: str
    arn:
      description: Its ARN.
      type: str
"""

from ansible_collections.imageforge.image_builder.plugins.module_utils._core.base import ImageForgeModule
from ansible_collections.imageforge.image_builder.plugins.module_utils._imagebuilder.recipes import CONTAINER
from ansible_collections.imageforge.image_builder.plugins.module_utils._imagebuilder.recipes import find
from ansible_collections.imageforge.image_builder.plugins.module_utils._reconcilers.versioned import INFO_ARGUMENT_SPEC
from ansible_collections.imageforge.image_builder.plugins.module_utils._reconcilers.versioned import check_params


def main() -> None:
    argument_spec = dict(
        INFO_ARGUMENT_SPEC,
        name=dict(type="str"),
        arn=dict(type="str"),
        filters=dict(type="dict"),
    )
    module = ImageForgeModule(argument_spec=argument_spec, supports_check_mode=True)
    check_params(module)
    module.exit_json(changed=False, **find(module, CONTAINER))


if __name__ == "__main__":
    main()
