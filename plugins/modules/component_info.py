#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: component_info
short_description: List EC2 Image Builder component build versions
version_added: 0.1.0
description:
  - Lists the build versions of components, filtered by name, owner, platform and version pattern.
  - Returns the document content of each build version with O(include_data=true).
author:
  - imageforge maintainers (@imageforge)
options:
  name:
    description: Only components with this name.
    type: str
  arn:
    description: One build version ARN. The other filters are ignored.
    type: str
  platform:
    description: Only components for this platform.
    type: str
    choices: [Linux, Windows, macOS]
extends_documentation_fragment:
  - imageforge.image_builder.versioned_info
  - imageforge.image_builder.versioned_info.include_data
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Every 1.x version of a component, newest first
  imageforge.image_builder.component_info:
    name: install-nginx
    version: 1.x.x
  register: found

- name: Amazon-managed Linux components
  imageforge.image_builder.component_info:
    owner: Amazon
    platform: Linux
"""

RETURN = r"""
components:
  description: Build versions, sorted by name then newest version first.
  returned: always
  type: list
  elements: dict
  contains:
    arn:
      description: The build version ARN.
      type: str
      sample: arn:aws:imagebuilder:us-east-1:123456789012:component/install-nginx/1.0.0/1
    name:
      description: The name.
      type: str
    version:
      description: The semantic version.
      type: str
    platform:
      description: The platform.
      type: str
    owner:
      description: The owner account, or V(Amazon).
      type: str
    data:
      description: The document, with O(include_data=true).
      type: str
    tags:
      description: The tags.
      type: dict
"""

from ansible_collections.imageforge.image_builder.plugins.module_utils._core.base import ImageForgeModule
from ansible_collections.imageforge.image_builder.plugins.module_utils._imagebuilder.components import find_components
from ansible_collections.imageforge.image_builder.plugins.module_utils._reconcilers.versioned import INFO_ARGUMENT_SPEC
from ansible_collections.imageforge.image_builder.plugins.module_utils._reconcilers.versioned import check_params


def main() -> None:
    argument_spec = dict(
        INFO_ARGUMENT_SPEC,
        name=dict(type="str"),
        arn=dict(type="str"),
        platform=dict(type="str", choices=["Linux", "Windows", "macOS"]),
        include_data=dict(type="bool", default=False),
    )
    module = ImageForgeModule(argument_spec=argument_spec, supports_check_mode=True)
    check_params(module)
    module.exit_json(changed=False, components=find_components(module))


if __name__ == "__main__":
    main()
