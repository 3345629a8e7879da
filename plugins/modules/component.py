#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: component
short_description: Manage EC2 Image Builder components, one semantic version per distinct content
version_added: 0.1.0
description:
  - Creates, reuses and deletes versions of an EC2 Image Builder component.
  - Components are immutable. A new version is created only when the document or another content
    option differs from every version that O(version) allows to be reused. Content is compared as
    data, so a document that differs only in formatting or key order is the same content.
  - The document is checked locally against the AWSTOE schema before any API call.
  - Tags are the only thing changed in place on an existing version.
  - The document is compared as AWSTOE reads it, so C(schemaVersion) quoted or not is the same.
author:
  - imageforge maintainers (@imageforge)
options:
  name:
    description: The name of the component.
    type: str
    required: true
  data:
    description:
      - The AWSTOE document, as a YAML string or as a dictionary.
      - Mutually exclusive with O(src) and O(uri).
    type: raw
  src:
    description:
      - Path of a local file that holds the document, on the host that runs the module.
    type: path
  uri:
    description:
      - An S3 URI (V(s3://bucket/key)) of the document. The module reads it to validate and compare it.
    type: str
  platform:
    description: The operating system platform of the component. Required with O(state=present).
    type: str
    choices: [Linux, Windows, macOS]
  supported_os_versions:
    description: Operating system versions the component supports, such as V(Amazon Linux 2023).
    type: list
    elements: str
  description:
    description: The description of the component version.
    type: str
  change_description:
    description: What changed in this version. Not part of the content that is compared.
    type: str
  kms_key_id:
    description: The KMS key that encrypts the component.
    type: str
  upload_bucket:
    description:
      - An S3 bucket for documents longer than Image Builder's inline limit of 16,000 characters.
      - The document is stored under a key that is addressed by its content and passed as O(uri).
      - Without it, a document that is too long is refused before any call.
    type: str
  upload_prefix:
    description: The key prefix used with O(upload_bucket).
    type: str
    default: imageforge/components
  validate:
    description: Validate the document locally against the AWSTOE schema before any API call.
    type: bool
    default: true
extends_documentation_fragment:
  - imageforge.image_builder.versioned
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.tags
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Create or reuse a version of a component
  imageforge.image_builder.component:
    name: install-nginx
    platform: Linux
    version: 1.0.x
    data:
      name: install-nginx
      schemaVersion: 1.0
      phases:
        - name: build
          steps:
            - name: Install
              action: ExecuteBash
              inputs:
                commands: [dnf install -y nginx]
    tags:
      team: platform
  register: nginx

- name: Component from a file, keeping the three newest versions
  imageforge.image_builder.component:
    name: hardening
    platform: Linux
    src: files/hardening.yml
    retain_versions: 3

- name: Delete every version
  imageforge.image_builder.component:
    name: install-nginx
    state: absent
    all_versions: true
"""

RETURN = r"""
arn:
  description: The build version ARN of the version that matches the task. In check mode, the ARN a create would return, for later tasks to use.
  returned: state=present
  type: str
  sample: arn:aws:imagebuilder:us-east-1:123456789012:component/install-nginx/1.0.0/1
version:
  description: The semantic version that matches the task, or that would be created.
  returned: state=present
  type: str
  sample: 1.0.0
created:
  description: Whether a new version was (or, in check mode, would be) created.
  returned: state=present
  type: bool
component:
  description: The component version, as GetComponent returns it, in snake_case. Empty in check mode for a new version.
  returned: state=present
  type: dict
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
    platform:
      description: The platform.
      type: str
    data:
      description: The document text.
      type: str
    tags:
      description: The tags.
      type: dict
deleted:
  description: The build version ARNs that were (or would be) deleted.
  returned: when something was deleted
  type: list
  elements: str
kept_in_use:
  description: Old versions that O(retain_versions) would delete but a recipe still uses, with the reason.
  returned: when O(retain_versions) is set
  type: dict
"""

from ansible_collections.imageforge.image_builder.plugins.module_utils._core.base import ImageForgeModule
from ansible_collections.imageforge.image_builder.plugins.module_utils._imagebuilder.components import ensure_component
from ansible_collections.imageforge.image_builder.plugins.module_utils._imagebuilder.components import remove_component
from ansible_collections.imageforge.image_builder.plugins.module_utils._reconcilers.versioned import ARGUMENT_SPEC
from ansible_collections.imageforge.image_builder.plugins.module_utils._reconcilers.versioned import check_params


def main() -> None:
    argument_spec = dict(
        ARGUMENT_SPEC,
        data=dict(type="raw"),
        src=dict(type="path"),
        uri=dict(type="str"),
        platform=dict(type="str", choices=["Linux", "Windows", "macOS"]),
        supported_os_versions=dict(type="list", elements="str"),
        description=dict(type="str"),
        change_description=dict(type="str"),
        kms_key_id=dict(type="str"),
        upload_bucket=dict(type="str"),
        upload_prefix=dict(type="str", default="imageforge/components"),
        validate=dict(type="bool", default=True),
    )
    module = ImageForgeModule(
        argument_spec=argument_spec,
        supports_check_mode=True,
        mutually_exclusive=[("data", "src", "uri")],
        required_if=[("state", "present", ("platform",)), ("state", "present", ("data", "src", "uri"), True)],
    )
    check_params(module)
    if module.params["state"] == "absent":
        module.exit_json(**remove_component(module))
    module.exit_json(**ensure_component(module))


if __name__ == "__main__":
    main()
