#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: workflow
short_description: Manage EC2 Image Builder workflows, one semantic version per distinct content
version_added: 0.1.0
description:
  - Creates, reuses and deletes versions of an EC2 Image Builder workflow (BUILD, TEST or DISTRIBUTION).
  - Workflows are immutable. A new version is created only when the document, the description or the
    KMS key differs from every version that O(version) allows to be reused. The document is compared
    as data, so formatting and key order are not changes.
  - With an exact O(version) and changed content, Image Builder creates a new build version of that
    version (V(.../1.0.0/2)); the module does the same.
  - The document is validated locally before any API call (schemaVersion, step names and actions,
    unique step names, onFailure, parameters and C($.stepOutputs) references to earlier steps).
  - With an exact O(version) and changed content, a new build version of that version is created.
author:
  - imageforge maintainers (@imageforge)
options:
  name:
    description: The name of the workflow.
    type: str
    required: true
  type:
    description: The workflow type. Workflows of different types may share a name.
    type: str
    choices: [BUILD, TEST, DISTRIBUTION]
    required: true
  data:
    description: The workflow document, as a YAML or JSON string or as a dictionary. Mutually exclusive with O(src) and O(uri).
    type: raw
  src:
    description: Path of a local file that holds the document.
    type: path
  uri:
    description: An S3 URI (V(s3://bucket/key)) of the document. The module reads it to validate and compare it.
    type: str
  description:
    description: The description of the workflow version.
    type: str
  change_description:
    description: What changed in this version. Not part of the content that is compared.
    type: str
  kms_key_id:
    description: The KMS key that encrypts the workflow.
    type: str
  validate:
    description: Validate the document locally before any API call.
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
- name: A build workflow
  imageforge.image_builder.workflow:
    name: build-and-scan
    type: BUILD
    version: 1.0.x
    data:
      schemaVersion: 1.0
      steps:
        - name: LaunchBuildInstance
          action: LaunchInstance
          onFailure: Abort
          inputs:
            waitFor: ssmAgent
        - name: ApplyBuildComponents
          action: ExecuteComponents
          onFailure: Abort
          inputs:
            instanceId.$: $.stepOutputs.LaunchBuildInstance.instanceId
        - name: CreateOutputAMI
          action: CreateImage
          onFailure: Abort
          inputs:
            instanceId.$: $.stepOutputs.LaunchBuildInstance.instanceId
        - name: TerminateBuildInstance
          action: TerminateInstance
          onFailure: Continue
          inputs:
            instanceId.$: $.stepOutputs.LaunchBuildInstance.instanceId
      outputs:
        - name: ImageId
          value: $.stepOutputs.CreateOutputAMI.imageId
    retain_versions: 3
"""

RETURN = r"""
arn:
  description: The build version ARN that matches the task. In check mode, the ARN a create would return, for later tasks to use.
  returned: state=present
  type: str
  sample: arn:aws:imagebuilder:us-east-1:123456789012:workflow/build/build-and-scan/1.0.0/1
version:
  description: The semantic version that matches the task, or that would be created.
  returned: state=present
  type: str
created:
  description: Whether a new version or build was (or would be) created.
  returned: state=present
  type: bool
workflow:
  description: The workflow as GetWorkflow returns it, in snake_case. Empty in check mode for a new version.
  returned: state=present
  type: dict
deleted:
  description: The build version ARNs that were (or would be) deleted.
  returned: when something was deleted
  type: list
  elements: str
kept_in_use:
  description: Old versions that O(retain_versions) would delete but a pipeline still uses, with their users.
  returned: when O(retain_versions) is set
  type: dict
"""

from ansible_collections.imageforge.image_builder.plugins.module_utils._core.base import ImageForgeModule
from ansible_collections.imageforge.image_builder.plugins.module_utils._imagebuilder.workflows import absent
from ansible_collections.imageforge.image_builder.plugins.module_utils._imagebuilder.workflows import ensure
from ansible_collections.imageforge.image_builder.plugins.module_utils._reconcilers.versioned import ARGUMENT_SPEC
from ansible_collections.imageforge.image_builder.plugins.module_utils._reconcilers.versioned import check_params


def main() -> None:
    argument_spec = dict(
        ARGUMENT_SPEC,
        type=dict(type="str", choices=["BUILD", "TEST", "DISTRIBUTION"], required=True),
        data=dict(type="raw"),
        src=dict(type="path"),
        uri=dict(type="str"),
        description=dict(type="str"),
        change_description=dict(type="str"),
        kms_key_id=dict(type="str"),
        validate=dict(type="bool", default=True),
    )
    module = ImageForgeModule(
        argument_spec=argument_spec,
        supports_check_mode=True,
        mutually_exclusive=[("data", "src", "uri")],
        required_if=[("state", "present", ("data", "src", "uri"), True)],
    )
    check_params(module)
    if module.params["state"] == "absent":
        module.exit_json(**absent(module))
    module.exit_json(**ensure(module))


if __name__ == "__main__":
    main()
