#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: workflow_execution_info
short_description: The workflow executions of an EC2 Image Builder build and the status of each step
version_added: 0.2.0
description:
  - Lists the build, test and distribution workflow executions of an image build version
    (ListWorkflowExecutions), and the steps of each (ListWorkflowStepExecutions) with their status,
    start and end times, action and failure message.
  - Adds the build's log location, so a failed step leads straight to its logs.
author:
  - imageforge maintainers (@imageforge)
options:
  arn:
    description:
      - The image build version ARN.
      - Required, because ListWorkflowExecutions lists the executions of one build only; find the build
        with M(imageforge.image_builder.image_info).
    type: str
    required: true
  include_steps:
    description: Read the steps of each execution. One call per execution.
    type: bool
    default: true
  failed_only:
    description: Return only the steps that failed.
    type: bool
    default: false
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Why did the build fail?
  imageforge.image_builder.workflow_execution_info:
    arn: "{{ build.arn }}"
    failed_only: true
  register: runs

- name: Show the failing step and its logs
  ansible.builtin.debug:
    msg: "{{ runs.failed_steps[0].name }}: {{ runs.failed_steps[0].message }} ({{ runs.log_location }})"
"""

RETURN = r"""
workflow_executions:
  description: The executions, in the order they ran.
  returned: always
  type: list
  elements: dict
  contains:
    workflow_execution_id:
      description: The execution ID (C(wf-...)).
      type: str
    workflow_build_version_arn:
      description: The workflow that ran.
      type: str
    type:
      description: V(BUILD), V(TEST) or V(DISTRIBUTION).
      type: str
    status:
      description: The status of the execution.
      type: str
    steps:
      description: With O(include_steps), each step with C(step_execution_id), C(name), C(action), C(status),
        C(message), C(start_time) and C(end_time).
      type: list
      elements: dict
failed_steps:
  description: The steps that failed, each with C(workflow_type) and C(workflow_execution_id).
  returned: always
  type: list
  elements: dict
log_location:
  description: Where the build's logs are (S3 or CloudWatch Logs).
  returned: always
  type: str
"""

from ansible_collections.imageforge.image_builder.plugins.module_utils._core.base import ImageForgeModule
from ansible_collections.imageforge.image_builder.plugins.module_utils._imagebuilder.image_builds import get_image
from ansible_collections.imageforge.image_builder.plugins.module_utils._imagebuilder.image_builds import log_location
from ansible_collections.imageforge.image_builder.plugins.module_utils._imagebuilder.workflow_executions import executions


def main() -> None:
    argument_spec = dict(
        arn=dict(type="str", required=True),
        include_steps=dict(type="bool", default=True),
        failed_only=dict(type="bool", default=False),
    )
    module = ImageForgeModule(argument_spec=argument_spec, supports_check_mode=True)
    arn = module.params["arn"]
    if ":image/" not in arn or arn.count("/") != 3:
        module.fail_json(msg=f"arn: {arn} is not an image build version ARN (arn:aws:imagebuilder:...:image/name/1.0.0/1)")
    image = get_image(module, arn)
    found = executions(module, arn, module.params["include_steps"] or module.params["failed_only"])
    failed = [dict(step, workflow_type=e.get("type"), workflow_execution_id=e["workflow_execution_id"])
              for e in found for step in e.get("steps") or [] if step.get("status") == "FAILED"]
    if module.params["failed_only"]:
        for execution in found:
            execution["steps"] = [s for s in execution.get("steps") or [] if s.get("status") == "FAILED"]
    module.exit_json(changed=False, workflow_executions=found, failed_steps=failed, log_location=log_location(image))


if __name__ == "__main__":
    main()
