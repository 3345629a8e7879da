#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: image_recipe
short_description: Manage EC2 Image Builder image recipes, one semantic version per distinct content
version_added: 0.1.0
description:
  - Creates, reuses and deletes versions of an EC2 Image Builder image recipe.
  - Recipes are immutable. A new version is created only when an option the task sets differs from
    every version that O(version) allows to be reused. Options are compared after normalising the
    API's defaults, so an omitted working directory equals V(/tmp) and empty parameters equal none.
  - Options the task does not set are not compared; a new version takes them from the newest existing version.
  - The parent image and every component are resolved, and checked to exist, before any write.
  - Tags are the only thing changed in place on an existing version.
author:
  - imageforge maintainers (@imageforge)
options:
  name:
    description: The name of the recipe.
    type: str
    required: true
  parent_image:
    description:
      - The base image. One of an AMI id (V(ami-0123456789abcdef0)), an SSM parameter
        (V(ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64)), an Image Builder
        image ARN (version wildcards such as V(x.x.x) allowed; Amazon-managed, AWS Marketplace, shared or your own),
        or the name of an image, which is resolved to its ARN.
      - A name is an Amazon-managed image's ARN name such as V(amazon-linux-2023-x86), or the name Image Builder
        shows, such as V(Amazon Linux 2023 x86) or the name of an AWS Marketplace image, of an image shared
        with you, or of your own.
      - Required with O(state=present).
    type: str
  block_device_mappings:
    description: Block devices of the build instance.
    type: list
    elements: dict
    suboptions:
      device_name:
        description: The device name, such as V(/dev/xvda).
        type: str
      virtual_name:
        description: The virtual device name.
        type: str
      no_device:
        description: Remove this device of the parent image.
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
  additional_instance_configuration:
    description: Settings of the build instance.
    type: dict
    suboptions:
      systems_manager_agent:
        description: The Systems Manager agent.
        type: dict
        suboptions:
          uninstall_after_build:
            description: Remove the agent from the final image. Image Builder's default is V(false).
            type: bool
      user_data_override:
        description: Base64-encoded user data that replaces Image Builder's default user data.
        type: str
  ami_tags:
    description: Tags for the AMIs built from this recipe.
    type: dict
  ami_watermarks:
    description:
      - Names of AMI watermarks (lineage markers) attached to the AMIs built from this recipe, 1 to 5
        (C(amiWatermarks)). They follow the AMI when it is copied or distributed.
      - AWS refuses to make an AMI with a watermark public.
    type: list
    elements: str
extends_documentation_fragment:
  - imageforge.image_builder.versioned
  - imageforge.image_builder.recipe
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.tags
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: A recipe on the newest Amazon Linux 2023, with an own and an Amazon component
  imageforge.image_builder.image_recipe:
    name: web
    version: 1.0.x
    parent_image: amazon-linux-2023-x86
    components:
      - name: update-linux
      - name: install-nginx
        version: 1.0.x
        parameters:
          port: "8080"
    block_device_mappings:
      - device_name: /dev/xvda
        ebs:
          volume_size: 30
          volume_type: gp3
    retain_versions: 3
  register: web_recipe

- name: Delete one version (fails, naming the pipelines, while it is in use)
  imageforge.image_builder.image_recipe:
    name: web
    version: 1.0.0
    state: absent
"""

RETURN = r"""
arn:
  description: The ARN of the version that matches the task. In check mode, the ARN a create would return, for later tasks to use.
  returned: state=present
  type: str
  sample: arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/web/1.0.0
version:
  description: The semantic version that matches the task, or that would be created.
  returned: state=present
  type: str
  sample: 1.0.0
created:
  description: Whether a new version was (or would be) created.
  returned: state=present
  type: bool
parent_image:
  description: The parent image as resolved and stored.
  returned: state=present
  type: str
  sample: arn:aws:imagebuilder:us-east-1:aws:image/amazon-linux-2023-x86/x.x.x
components:
  description: How each component entry was resolved, in order.
  returned: state=present
  type: list
  elements: dict
  contains:
    requested:
      description: The name and version, or the ARN, as the task gave it.
      type: str
    arn:
      description: The component ARN the recipe uses.
      type: str
image_recipe:
  description: The recipe version as GetImageRecipe returns it, in snake_case. Empty in check mode for a new version.
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

from ansible_collections.imageforge.image_builder.plugins.module_utils._core.base import ImageForgeModule
from ansible_collections.imageforge.image_builder.plugins.module_utils._imagebuilder.recipe_specs import BLOCK_DEVICE_SPEC
from ansible_collections.imageforge.image_builder.plugins.module_utils._imagebuilder.recipe_specs import COMPONENT_SPEC
from ansible_collections.imageforge.image_builder.plugins.module_utils._imagebuilder.recipes import IMAGE
from ansible_collections.imageforge.image_builder.plugins.module_utils._imagebuilder.recipes import absent
from ansible_collections.imageforge.image_builder.plugins.module_utils._imagebuilder.recipes import check_params
from ansible_collections.imageforge.image_builder.plugins.module_utils._imagebuilder.recipes import ensure
from ansible_collections.imageforge.image_builder.plugins.module_utils._reconcilers.versioned import ARGUMENT_SPEC


def main() -> None:
    argument_spec = dict(
        ARGUMENT_SPEC,
        parent_image=dict(type="str"),
        components=dict(type="list", elements="dict", options=COMPONENT_SPEC),
        description=dict(type="str"),
        working_directory=dict(type="str"),
        block_device_mappings=dict(type="list", elements="dict", options=BLOCK_DEVICE_SPEC),
        additional_instance_configuration=dict(
            type="dict",
            options=dict(
                systems_manager_agent=dict(type="dict", options=dict(uninstall_after_build=dict(type="bool"))),
                user_data_override=dict(type="str", no_log=True),
            ),
        ),
        ami_tags=dict(type="dict"),
        ami_watermarks=dict(type="list", elements="str"),
    )
    module = ImageForgeModule(
        argument_spec=argument_spec,
        supports_check_mode=True,
        required_if=[("state", "present", ("parent_image", "components"))],
    )
    check_params(module, IMAGE)
    if module.params["state"] == "absent":
        module.exit_json(**absent(module, IMAGE))
    module.exit_json(**ensure(module, IMAGE))


if __name__ == "__main__":
    main()
