#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: workflow_info
short_description: List EC2 Image Builder workflow build versions
version_added: 0.1.0
description:
  - Lists the build versions of workflows, filtered by name, type, owner and version pattern,
    and the newest build version of each workflow.
author:
  - imageforge maintainers (@imageforge)
options:
  name:
    description: Only workflows with this name.
    type: str
  type:
    description: Only workflows of this type.
    type: str
    choices: [BUILD, TEST, DISTRIBUTION]
extends_documentation_fragment:
  - imageforge.image_builder.versioned_info
  - imageforge.image_builder.versioned_info.include_data
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Every 1.x build workflow named build-and-scan
  imageforge.image_builder.workflow_info:
    name: build-and-scan
    type: BUILD
    version: 1.x.x
  register: found
"""

RETURN = r"""
workflows:
  description: Build versions, sorted by type, name, then newest first.
  returned: always
  type: list
  elements: dict
  contains:
    arn:
      description: The build version ARN.
      type: str
    name:
      description: The name.
      type: str
    version:
      description: The semantic version.
      type: str
    type:
      description: BUILD, TEST or DISTRIBUTION.
      type: str
    data:
      description: The document, with O(include_data=true).
      type: str
latest:
  description: The newest build version of each workflow that matched.
  returned: always
  type: list
  elements: dict
  contains:
    name:
      description: The name.
      type: str
    type:
      description: The type.
      type: str
    version:
      description: The newest version.
      type: str
    arn:
      description: Its newest build version ARN.
      type: str
"""

from ansible_collections.imageforge.image_builder.plugins.module_utils._core.base import ImageForgeModule
from ansible_collections.imageforge.image_builder.plugins.module_utils._imagebuilder.workflows import find
from ansible_collections.imageforge.image_builder.plugins.module_utils._reconcilers.versioned import INFO_ARGUMENT_SPEC
from ansible_collections.imageforge.image_builder.plugins.module_utils._reconcilers.versioned import check_params


def main() -> None:
    argument_spec = dict(
        INFO_ARGUMENT_SPEC,
        name=dict(type="str"),
        type=dict(type="str", choices=["BUILD", "TEST", "DISTRIBUTION"]),
        include_data=dict(type="bool", default=False),
    )
    module = ImageForgeModule(argument_spec=argument_spec, supports_check_mode=True)
    check_params(module)
    module.exit_json(changed=False, **find(module))


if __name__ == "__main__":
    main()
