#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: image_info
short_description: List EC2 Image Builder image build versions with their AMIs, tests, packages and findings
version_added: 0.1.0
description:
  - Lists image build versions, filtered by pipeline, recipe, name, version pattern and state, newest first.
  - With no filter at all it lists every image build version of O(owner).
  - Images that others own (Amazon-managed, shared, AWS Marketplace) are listed by version; each entry is the
    newest build of that version.
  - Returns the AMIs of each image by region and account and whether its tests ran and passed.
  - Returns the installed packages with O(include_packages=true) and a summary of the scan findings with
    O(include_findings=true), one extra call per image each.
author:
  - imageforge maintainers (@imageforge)
options:
  arn:
    description: One image build version ARN. The other filters are ignored.
    type: str
  pipeline:
    description: Only images built by this pipeline (name or ARN).
    type: str
  recipe:
    description: Only images of this image recipe (name for its newest version, or ARN).
    type: str
  name:
    description:
      - Only images with this name, as Image Builder shows it (a managed image's display name such as
        V(Amazon Linux 2023 x86)).
    type: str
  owner:
    description: Whose images to list (ListImages' owner). Ignored with O(arn), O(pipeline) and O(recipe).
    type: str
    choices: [Self, Shared, Amazon, ThirdParty, AWSMarketplace]
    default: Self
  filters:
    description:
      - Filters of the List call, name to value or list of values, like Terraform's filter blocks.
      - ListImages and ListImageBuildVersions take V(name), V(osVersion), V(platform), V(type) and V(version);
        ListImagePipelineImages (O(pipeline)) takes V(name) and V(version).
    type: dict
  version:
    description:
      - An exact version (V(1.2.3)) or a pattern (V(1.2.x)). It matches every build of the version
        (Image Builder writes them V(1.2.3/1), V(1.2.3/2)).
    type: str
  states:
    description: Only images in these states, for example V(AVAILABLE).
    type: list
    elements: str
  latest:
    description: Return only the newest matching image.
    type: bool
    default: false
  include_packages:
    description: Add the installed packages (ListImagePackages).
    type: bool
    default: false
  include_findings:
    description: Add the counts of scan findings by severity.
    type: bool
    default: false
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: The newest AVAILABLE image of a pipeline, with its packages
  imageforge.image_builder.image_info:
    pipeline: web-server
    states: [AVAILABLE]
    latest: true
    include_packages: true
  register: found

- name: Its AMIs in eu-west-1, by account ID (each account the image was distributed to)
  ansible.builtin.debug:
    msg: "{{ found.images[0].amis_by_region['eu-west-1'] }}"
"""

RETURN = r"""
images:
  description: Image build versions, newest first.
  returned: always
  type: list
  elements: dict
  contains:
    arn:
      description: The build version ARN.
      type: str
    version:
      description: The semantic version, without the build number.
      type: str
      sample: 1.0.0
    build:
      description: The build number of the version.
      type: int
      sample: 1
    state:
      description: The status.
      type: str
    amis:
      description: Each AMI with region, account_id, image_id and name.
      type: list
      elements: dict
    amis_by_region:
      description: "AMI ids by region, then account."
      type: dict
    tests_ran:
      description: Whether the build ran its tests.
      type: bool
    tests_passed:
      description: Whether the tests ran and passed.
      type: bool
    packages:
      description: Installed packages (name, version), with O(include_packages=true).
      type: list
      elements: dict
    scan_findings:
      description: Counts of findings by severity (all, critical, high, medium), with O(include_findings=true).
      type: dict
"""

from ansible_collections.imageforge.image_builder.plugins.module_utils._core.base import ImageForgeModule
from ansible_collections.imageforge.image_builder.plugins.module_utils._imagebuilder.image_queries import candidate_arns
from ansible_collections.imageforge.image_builder.plugins.module_utils._imagebuilder.image_queries import describe
from ansible_collections.imageforge.image_builder.plugins.module_utils._reconcilers.versioned import INFO_ARGUMENT_SPEC


def main() -> None:
    argument_spec = dict(
        INFO_ARGUMENT_SPEC,
        arn=dict(type="str"),
        pipeline=dict(type="str"),
        recipe=dict(type="str"),
        name=dict(type="str"),
        filters=dict(type="dict"),
        states=dict(type="list", elements="str"),
        latest=dict(type="bool", default=False),
        include_packages=dict(type="bool", default=False),
        include_findings=dict(type="bool", default=False),
    )
    module = ImageForgeModule(argument_spec=argument_spec, supports_check_mode=True,
                              mutually_exclusive=[("arn", "pipeline", "recipe")])
    arns = candidate_arns(module)
    if module.params["latest"]:
        arns = arns[:1]
    images = [image for image in (describe(module, arn) for arn in arns) if image is not None]
    module.exit_json(changed=False, images=images)


if __name__ == "__main__":
    main()
