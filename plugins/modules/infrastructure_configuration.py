#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: infrastructure_configuration
short_description: Manage EC2 Image Builder infrastructure configurations
version_added: 0.1.0
description:
  - Creates, updates and deletes an infrastructure configuration, identified by O(name).
  - Image Builder's update call replaces the whole configuration. The module sends the current value
    of every option the task does not set, so an option left out of the task keeps its current value.
  - A second run with the same options makes no write call.
author:
  - imageforge maintainers (@imageforge)
options:
  name:
    description: The name of the infrastructure configuration.
    type: str
    required: true
  instance_types:
    description: The EC2 instance types of the build and test instances, in order of preference.
    type: list
    elements: str
  instance_profile_name:
    description: The instance profile of the build instance. Required to create the configuration.
    type: str
  subnet_id:
    description: The subnet of the build instance.
    type: str
  security_group_ids:
    description: The security groups of the build instance.
    type: list
    elements: str
  key_pair:
    description: The EC2 key pair of the build instance.
    type: str
  terminate_instance_on_failure:
    description: Terminate the build instance when the build fails. Image Builder's default is V(true).
    type: bool
  terminate_instance_on_completion:
    description:
      - Terminate the build instance when the build completes (C(terminateInstanceOnCompletion)).
      - Image Builder's default is V(true); V(false) leaves it running, for instance to inspect it.
    type: bool
  parent_instance:
    description: Take the build instance from an Auto Scaling group instead of launching one (C(parentInstance)).
    type: dict
    suboptions:
      auto_scaling_group:
        description: The Auto Scaling group.
        type: dict
        required: true
        suboptions:
          name:
            description: The name of the Auto Scaling group.
            type: str
            required: true
          capacity_wait_timeout_seconds:
            description: How long to wait for capacity in the group, 0 to 3600 seconds.
            type: int
  sns_topic_arn:
    description: The SNS topic that receives build notifications.
    type: str
  logging:
    description: Where the build logs go in S3.
    type: dict
    suboptions:
      s3_bucket_name:
        description: The bucket.
        type: str
      s3_key_prefix:
        description: The key prefix.
        type: str
  instance_tags:
    description:
      - Tags of the EC2 instance that Image Builder launches (C(resourceTags) in the API and in Terraform).
      - The whole map is replaced when set; not to be confused with O(tags), the tags of the configuration.
    type: dict
  instance_metadata_options:
    description: Instance metadata service settings of the build instance.
    type: dict
    suboptions:
      http_tokens:
        description:
          - V(required) makes the build instance use IMDSv2 only.
          - When a configuration is created without this option, V(required) is used. An existing
            configuration keeps its current value unless the task sets it.
        type: str
        choices: [required, optional]
      http_put_response_hop_limit:
        description: The hop limit of metadata PUT responses, 1 to 64.
        type: int
  placement:
    description: Where the build instance is placed.
    type: dict
    suboptions:
      availability_zone:
        description: The Availability Zone.
        type: str
      tenancy:
        description: The tenancy.
        type: str
        choices: [default, dedicated, host]
      host_id:
        description: The dedicated host ID.
        type: str
      host_resource_group_arn:
        description: The host resource group ARN.
        type: str
  tags:
    description:
      - The tags of the configuration itself (not of the build instance, see O(instance_tags)).
      - The alias C(resource_tags) is deprecated, because in Image Builder and Terraform C(resourceTags)
        means the build instance's tags; it will be removed in 2.0.0.
      - With O(purge_tags=true) tags not listed are removed; O(tags={}) removes them all.
    type: dict
    aliases: [resource_tags]
  purge_tags:
    description: Remove the tags of the configuration that O(tags) does not list.
    type: bool
    default: true
notes:
  - An update sends every member of the current configuration that the update call accepts, including
    members this module has no option for, so nothing the task did not set is reset.
extends_documentation_fragment:
  - imageforge.image_builder.updatable
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Build instances with IMDSv2 (the default) in a private subnet
  imageforge.image_builder.infrastructure_configuration:
    name: build-small
    instance_types: [t3.small, t3.medium]
    instance_profile_name: ImageBuilderInstance
    subnet_id: subnet-0123456789abcdef0
    security_group_ids: [sg-0123456789abcdef0]
    logging:
      s3_bucket_name: my-build-logs
      s3_key_prefix: image-builder
    instance_tags:
      purpose: image-build
    tags:
      team: platform

- name: Change only the instance types; every other setting is kept
  imageforge.image_builder.infrastructure_configuration:
    name: build-small
    instance_types: [t3.large]

- name: Delete
  imageforge.image_builder.infrastructure_configuration:
    name: build-small
    state: absent
"""

RETURN = r"""
arn:
  description: The ARN of the configuration. In check mode, the ARN a create would return, for later tasks to use.
  returned: always
  type: str
  sample: arn:aws:imagebuilder:us-east-1:123456789012:infrastructure-configuration/build-small
created:
  description: Whether the configuration was (or would be) created.
  returned: state=present
  type: bool
changes:
  description: "One line per changed field: C(path) C(before -> after)."
  returned: when changed
  type: list
  elements: str
infrastructure_configuration:
  description: The configuration as GetInfrastructureConfiguration returns it, in snake_case.
  returned: state=present
  type: dict
  contains:
    arn:
      description: The ARN.
      type: str
    name:
      description: The name.
      type: str
    instance_types:
      description: The instance types.
      type: list
      elements: str
    instance_metadata_options:
      description: The instance metadata settings.
      type: dict
    resource_tags:
      description: The tags of the build instance.
      type: dict
    tags:
      description: The tags of the configuration.
      type: dict
"""

from ansible_collections.imageforge.image_builder.plugins.module_utils._core.base import ImageForgeModule
from ansible_collections.imageforge.image_builder.plugins.module_utils._imagebuilder.configurations import INFRASTRUCTURE
from ansible_collections.imageforge.image_builder.plugins.module_utils._imagebuilder.configurations import INFRASTRUCTURE_CREATE_DEFAULTS
from ansible_collections.imageforge.image_builder.plugins.module_utils._imagebuilder.configurations import infrastructure_desired
from ansible_collections.imageforge.image_builder.plugins.module_utils._imagebuilder.configurations import normalise_infrastructure
from ansible_collections.imageforge.image_builder.plugins.module_utils._reconcilers.updatable import ARGUMENT_SPEC
from ansible_collections.imageforge.image_builder.plugins.module_utils._reconcilers.updatable import reconcile


def main() -> None:
    argument_spec = dict(
        ARGUMENT_SPEC,
        instance_types=dict(type="list", elements="str"),
        instance_profile_name=dict(type="str"),
        subnet_id=dict(type="str"),
        security_group_ids=dict(type="list", elements="str"),
        key_pair=dict(type="str", no_log=False),
        terminate_instance_on_failure=dict(type="bool"),
        terminate_instance_on_completion=dict(type="bool"),
        parent_instance=dict(type="dict", options=dict(auto_scaling_group=dict(type="dict", required=True, options=dict(
            name=dict(type="str", required=True), capacity_wait_timeout_seconds=dict(type="int"))))),
        sns_topic_arn=dict(type="str"),
        logging=dict(type="dict", options=dict(s3_bucket_name=dict(type="str"), s3_key_prefix=dict(type="str", no_log=False))),
        instance_tags=dict(type="dict"),
        instance_metadata_options=dict(type="dict", options=dict(
            http_tokens=dict(type="str", choices=["required", "optional"], no_log=False),
            http_put_response_hop_limit=dict(type="int"),
        )),
        placement=dict(type="dict", options=dict(
            availability_zone=dict(type="str"),
            tenancy=dict(type="str", choices=["default", "dedicated", "host"]),
            host_id=dict(type="str"),
            host_resource_group_arn=dict(type="str"),
        )),
        tags=dict(type="dict", aliases=["resource_tags"], deprecated_aliases=[
            dict(name="resource_tags", version="2.0.0", collection_name="imageforge.image_builder")]),
    )
    module = ImageForgeModule(argument_spec=argument_spec, supports_check_mode=True)
    reconcile(module, INFRASTRUCTURE, infrastructure_desired, normalise=normalise_infrastructure, create_defaults=INFRASTRUCTURE_CREATE_DEFAULTS)


if __name__ == "__main__":
    main()
