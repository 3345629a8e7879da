#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: container_recipe
short_description: Manage EC2 Image Builder container recipes, one semantic version per distinct content
version_added: 0.1.0
description:
  - Creates, reuses and deletes versions of an EC2 Image Builder container recipe.
  - Recipes are immutable. A new version is created only when an option the task sets differs from
    every version that O(version) allows to be reused. Trailing spaces and blank lines at the end of the
    Dockerfile template are not changes.
  - Options the task does not set are not compared; a new version takes them from the newest existing version.
  - The components, and a parent image given as an Image Builder ARN, are checked to exist before any write.
author:
  - imageforge maintainers (@imageforge)
options:
  name:
    description: The name of the recipe.
    type: str
    required: true
  container_type:
    description: The container type.
    type: str
    choices: [DOCKER]
    default: DOCKER
  parent_image:
    description:
      - The base image, as a registry reference such as V(amazonlinux:2023) or an Image Builder image ARN.
      - Required with O(state=present).
    type: str
  dockerfile_template_data:
    description: The Dockerfile template, inline. Mutually exclusive with O(dockerfile_template_uri).
    type: str
  dockerfile_template_uri:
    description: An S3 URI of the Dockerfile template. The module reads it to compare it.
    type: str
  target_repository:
    description: Where the image is pushed. Required with O(state=present).
    type: dict
    suboptions:
      service:
        description: The registry service.
        type: str
        choices: [ECR]
        default: ECR
      repository_name:
        description: The repository name.
        type: str
        required: true
  instance_configuration:
    description: The build instance.
    type: dict
    suboptions:
      image:
        description: The AMI of the build instance.
        type: str
      block_device_mappings:
        description: Block devices of the build instance.
        type: list
        elements: dict
        suboptions:
          device_name:
            description: The device name.
            type: str
          virtual_name:
            description: The virtual device name.
            type: str
          no_device:
            description: Remove this device of the AMI.
            type: bool
          ebs:
            description: EBS settings.
            type: dict
            suboptions:
              encrypted:
                description: Encrypt the volume.
                type: bool
              delete_on_termination:
                description: Delete the volume when the instance terminates.
                type: bool
              iops:
                description: Provisioned IOPS.
                type: int
              kms_key_id:
                description: The KMS key of the volume.
                type: str
              snapshot_id:
                description: The snapshot to create the volume from.
                type: str
              volume_size:
                description: The size in GiB.
                type: int
              volume_type:
                description: The volume type.
                type: str
                choices: [standard, io1, io2, gp2, gp3, sc1, st1]
              throughput:
                description: Throughput in MiB/s (gp3).
                type: int
  kms_key_id:
    description: The KMS key that encrypts the Dockerfile template and the container image.
    type: str
  platform_override:
    description:
      - The platform of the parent image when Image Builder cannot tell it (C(platformOverride)).
      - Sent when a version is created. GetContainerRecipe does not return it, so a change of this option
        alone does not make a new version.
    type: str
    choices: [Windows, Linux, macOS]
  image_os_version_override:
    description:
      - The operating system version of the parent image when Image Builder cannot tell it (C(imageOsVersionOverride)).
      - Sent when a version is created; like O(platform_override) it is not returned by Image Builder.
    type: str
extends_documentation_fragment:
  - imageforge.image_builder.versioned
  - imageforge.image_builder.recipe
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.tags
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: A container recipe
  imageforge.image_builder.container_recipe:
    name: web-container
    version: 1.0.x
    parent_image: amazonlinux:2023
    components:
      - name: update-linux
    dockerfile_template_data: |
      FROM {{{ imagebuilder:parentImage }}}
      {{{ imagebuilder:environments }}}
      {{{ imagebuilder:components }}}
    target_repository:
      repository_name: web
"""

RETURN = r"""
arn:
  description: The ARN of the version that matches the task. In check mode, the ARN a create would return, for later tasks to use.
  returned: state=present
  type: str
  sample: arn:aws:imagebuilder:us-east-1:123456789012:container-recipe/web-container/1.0.0
version:
  description: The semantic version that matches the task, or that would be created.
  returned: state=present
  type: str
created:
  description: Whether a new version was (or would be) created.
  returned: state=present
  type: bool
parent_image:
  description: The parent image as stored.
  returned: state=present
  type: str
components:
  description: How each component entry was resolved, in order (C(requested), C(arn)).
  returned: state=present
  type: list
  elements: dict
container_recipe:
  description: The recipe version as GetContainerRecipe returns it, in snake_case. Empty in check mode for a new version.
  returned: state=present
  type: dict
deleted:
  description: The recipe ARNs that were (or would be) deleted.
  returned: when something was deleted
  type: list
  elements: str
kept_in_use:
  description: Old versions that O(retain_versions) would delete but a pipeline still uses, with their users.
  returned: when O(retain_versions) is set
  type: dict
"""

from ansible_collections.imageforge.image_builder.plugins.module_utils._core import documents
from ansible_collections.imageforge.image_builder.plugins.module_utils._core.base import ImageForgeModule
from ansible_collections.imageforge.image_builder.plugins.module_utils._imagebuilder.recipe_specs import BLOCK_DEVICE_SPEC
from ansible_collections.imageforge.image_builder.plugins.module_utils._imagebuilder.recipe_specs import COMPONENT_SPEC
from ansible_collections.imageforge.image_builder.plugins.module_utils._imagebuilder.recipes import CONTAINER
from ansible_collections.imageforge.image_builder.plugins.module_utils._imagebuilder.recipes import absent
from ansible_collections.imageforge.image_builder.plugins.module_utils._imagebuilder.recipes import check_params
from ansible_collections.imageforge.image_builder.plugins.module_utils._imagebuilder.recipes import ensure
from ansible_collections.imageforge.image_builder.plugins.module_utils._reconcilers.versioned import ARGUMENT_SPEC


def dockerfile_text(module: ImageForgeModule) -> str:
    params = module.params
    if params.get("dockerfile_template_uri"):
        try:
            documents.split_s3_uri(params["dockerfile_template_uri"])
        except documents.DocumentError as exc:
            module.fail_json(msg=f"dockerfile_template_uri: {exc}")
        return documents.read_s3(module, params["dockerfile_template_uri"])
    return params["dockerfile_template_data"]


def main() -> None:
    argument_spec = dict(
        ARGUMENT_SPEC,
        container_type=dict(type="str", choices=["DOCKER"], default="DOCKER"),
        parent_image=dict(type="str"),
        components=dict(type="list", elements="dict", options=COMPONENT_SPEC),
        dockerfile_template_data=dict(type="str"),
        dockerfile_template_uri=dict(type="str"),
        target_repository=dict(
            type="dict",
            options=dict(service=dict(type="str", choices=["ECR"], default="ECR"), repository_name=dict(type="str", required=True)),
        ),
        instance_configuration=dict(
            type="dict",
            options=dict(image=dict(type="str"), block_device_mappings=dict(type="list", elements="dict", options=BLOCK_DEVICE_SPEC)),
        ),
        working_directory=dict(type="str"),
        kms_key_id=dict(type="str"),
        platform_override=dict(type="str", choices=["Windows", "Linux", "macOS"]),
        image_os_version_override=dict(type="str"),
        description=dict(type="str"),
    )
    module = ImageForgeModule(
        argument_spec=argument_spec,
        supports_check_mode=True,
        mutually_exclusive=[("dockerfile_template_data", "dockerfile_template_uri")],
        required_if=[
            ("state", "present", ("parent_image", "components", "target_repository")),
            ("state", "present", ("dockerfile_template_data", "dockerfile_template_uri"), True),
        ],
    )
    check_params(module, CONTAINER)
    if module.params["state"] == "absent":
        module.exit_json(**absent(module, CONTAINER))
    module.exit_json(**ensure(module, CONTAINER, dockerfile_text(module)))


if __name__ == "__main__":
    main()
