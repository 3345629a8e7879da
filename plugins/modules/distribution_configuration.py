#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: distribution_configuration
short_description: Manage EC2 Image Builder distribution configurations
version_added: 0.1.0
description:
  - Creates, updates and deletes a distribution configuration, identified by O(name).
  - Image Builder's update call replaces the whole configuration. The module sends the current value
    of every option the task does not set. O(distributions) is one option, given as the whole list when set.
  - Before any call the module rejects a region that does not exist (botocore's bundled list of EC2
    regions) and a public launch permission (V(user_groups=[all])) unless O(allow_public=true).
  - "AMI names may use Image Builder's own template variables, such as C(app-{{ imagebuilder:buildDate }}).
    Ansible would try to render them, so mark the text as not to be templated: in a playbook write
    C(name: !unsafe 'app-{{ imagebuilder:buildDate }}'), or wrap it in C({% raw %}...{% endraw %}).
    The module passes the name to Image Builder unchanged."
author:
  - imageforge maintainers (@imageforge)
options:
  name:
    description: The name of the distribution configuration.
    type: str
    required: true
  allow_public:
    description: Allow a launch permission for the group V(all), which makes the AMIs public.
    type: bool
    default: false
  distributions:
    description: One entry per region. Required to create the configuration.
    type: list
    elements: dict
    suboptions:
      region:
        description: The target region, such as V(eu-west-1).
        type: str
        required: true
      ami_distribution_configuration:
        description: How the AMI is named, tagged, encrypted and shared in this region.
        type: dict
        suboptions:
          name:
            description:
              - The AMI name. Image Builder template variables such as C({{ imagebuilder:buildDate }}) are kept
                as they are; see the description for how to write them in a playbook.
            type: str
          description:
            description: The AMI description.
            type: str
          ami_tags:
            description: Tags of the distributed AMI.
            type: dict
          target_account_ids:
            description: Accounts that receive a copy of the AMI.
            type: list
            elements: str
          kms_key_id:
            description: The KMS key that encrypts the AMI copy.
            type: str
          launch_permission:
            description: Who may launch the AMI.
            type: dict
            suboptions:
              user_ids:
                description: Account IDs.
                type: list
                elements: str
              user_groups:
                description: Groups; V(all) makes the AMI public and needs O(allow_public=true).
                type: list
                elements: str
              organization_arns:
                description: AWS Organizations ARNs.
                type: list
                elements: str
              organizational_unit_arns:
                description: Organizational unit ARNs.
                type: list
                elements: str
      container_distribution_configuration:
        description: Where a container image goes in this region.
        type: dict
        suboptions:
          description:
            description: The description.
            type: str
          container_tags:
            description: Image tags of the container image.
            type: list
            elements: str
          target_repository:
            description: The repository, as C(service) (V(ECR)) and C(repository_name).
            type: dict
      launch_template_configurations:
        description: Launch templates to update with the new AMI.
        type: list
        elements: dict
        suboptions:
          launch_template_id:
            description: The launch template ID.
            type: str
            required: true
          account_id:
            description: The account that owns the launch template.
            type: str
          set_default_version:
            description: Make the new launch template version the default.
            type: bool
      ssm_parameter_configurations:
        description: SSM parameters that receive the new AMI ID.
        type: list
        elements: dict
        suboptions:
          parameter_name:
            description: The parameter name.
            type: str
            required: true
          ami_account_id:
            description: The account that owns the parameter.
            type: str
          data_type:
            description: The parameter data type.
            type: str
            choices: [text, aws:ec2:image]
      fast_launch_configurations:
        description:
          - Windows fast launch settings, as Image Builder's FastLaunchConfiguration in snake_case
            (C(enabled), C(snapshot_configuration), C(max_parallel_launches), C(launch_template), C(account_id)).
        type: list
        elements: dict
      s3_export_configuration:
        description: Export the image to S3 as a disk image.
        type: dict
        suboptions:
          role_name:
            description: The role that VM Import/Export uses.
            type: str
            required: true
          disk_image_format:
            description: The disk image format.
            type: str
            required: true
            choices: [RAW, VHD, VMDK]
          s3_bucket:
            description: The bucket.
            type: str
            required: true
          s3_prefix:
            description: The key prefix.
            type: str
      license_configuration_arns:
        description: License Manager configurations to attach to the AMI.
        type: list
        elements: str
extends_documentation_fragment:
  - imageforge.image_builder.updatable
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.tags
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Distribute to two regions, share with an account and publish the AMI ID in SSM
  imageforge.image_builder.distribution_configuration:
    name: app-distribution
    distributions:
      - region: us-east-1
        ami_distribution_configuration:
          name: !unsafe 'app-{{ imagebuilder:buildDate }}'
          ami_tags:
            app: web
          launch_permission:
            user_ids: ['123456789012']
        ssm_parameter_configurations:
          - parameter_name: /images/app/latest
      - region: eu-west-1
        ami_distribution_configuration:
          name: "{% raw %}app-{{ imagebuilder:buildDate }}{% endraw %}"
    tags:
      team: platform

- name: A public AMI needs allow_public
  imageforge.image_builder.distribution_configuration:
    name: public-distribution
    allow_public: true
    distributions:
      - region: us-east-1
        ami_distribution_configuration:
          launch_permission:
            user_groups: [all]
"""

RETURN = r"""
arn:
  description: The ARN of the configuration. In check mode, the ARN a create would return, for later tasks to use.
  returned: always
  type: str
  sample: arn:aws:imagebuilder:us-east-1:123456789012:distribution-configuration/app-distribution
created:
  description: Whether the configuration was (or would be) created.
  returned: state=present
  type: bool
changes:
  description: "One line per changed field: C(path) C(before -> after)."
  returned: when changed
  type: list
  elements: str
distribution_configuration:
  description: The configuration as GetDistributionConfiguration returns it, in snake_case.
  returned: state=present
  type: dict
  contains:
    arn:
      description: The ARN.
      type: str
    name:
      description: The name.
      type: str
    distributions:
      description: One entry per region.
      type: list
      elements: dict
    tags:
      description: The tags.
      type: dict
"""

from ansible_collections.imageforge.image_builder.plugins.module_utils._core.base import ImageForgeModule
from ansible_collections.imageforge.image_builder.plugins.module_utils._imagebuilder.configurations import DISTRIBUTION
from ansible_collections.imageforge.image_builder.plugins.module_utils._imagebuilder.configurations import distribution_desired
from ansible_collections.imageforge.image_builder.plugins.module_utils._imagebuilder.configurations import normalise_distribution
from ansible_collections.imageforge.image_builder.plugins.module_utils._reconcilers.updatable import ARGUMENT_SPEC
from ansible_collections.imageforge.image_builder.plugins.module_utils._reconcilers.updatable import reconcile


def _list(elements: str = "str") -> dict[str, str]:
    return dict(type="list", elements=elements)


def main() -> None:
    ami = dict(
        name=dict(type="str"),
        description=dict(type="str"),
        ami_tags=dict(type="dict"),
        target_account_ids=_list(),
        kms_key_id=dict(type="str"),
        launch_permission=dict(type="dict", options=dict(
            user_ids=_list(), user_groups=_list(), organization_arns=_list(), organizational_unit_arns=_list())),
    )
    distribution = dict(
        region=dict(type="str", required=True),
        ami_distribution_configuration=dict(type="dict", options=ami),
        container_distribution_configuration=dict(type="dict", options=dict(
            description=dict(type="str"), container_tags=_list(), target_repository=dict(type="dict"))),
        launch_template_configurations=dict(type="list", elements="dict", options=dict(
            launch_template_id=dict(type="str", required=True), account_id=dict(type="str"),
            set_default_version=dict(type="bool"))),
        ssm_parameter_configurations=dict(type="list", elements="dict", options=dict(
            parameter_name=dict(type="str", required=True), ami_account_id=dict(type="str"),
            data_type=dict(type="str", choices=["text", "aws:ec2:image"]))),
        fast_launch_configurations=_list("dict"),
        s3_export_configuration=dict(type="dict", options=dict(
            role_name=dict(type="str", required=True),
            disk_image_format=dict(type="str", required=True, choices=["RAW", "VHD", "VMDK"]),
            s3_bucket=dict(type="str", required=True), s3_prefix=dict(type="str"))),
        license_configuration_arns=_list(),
    )
    argument_spec = dict(
        ARGUMENT_SPEC,
        allow_public=dict(type="bool", default=False),
        distributions=dict(type="list", elements="dict", options=distribution),
    )
    module = ImageForgeModule(argument_spec=argument_spec, supports_check_mode=True)
    reconcile(module, DISTRIBUTION, distribution_desired, normalise=normalise_distribution)


if __name__ == "__main__":
    main()
