#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: workflow_step_action
short_description: Resume or stop an EC2 Image Builder build that waits at a WaitForAction step
version_added: 0.2.0
description:
  - A workflow step with the C(WaitForAction) action pauses the build until someone sends it an action.
    This module lists the waiting steps (ListWaitingWorkflowSteps) and resumes or stops one
    (SendWorkflowStepAction). RESUME completes the step and the build goes on; STOP fails the step, and the
    step's C(onFailure) decides whether the build fails.
  - Idempotent. A step that was already resumed (V(COMPLETED)) or stopped (V(FAILED)) is reported with
    C(changed=false) and no write call; asking to stop a step that was resumed (or the reverse) fails.
  - Typical use is an approval in AWX. A workflow job template runs the build with
    O(imageforge.image_builder.image#module:wait=false) (or one that times out at the waiting step), then an
    approval node, then a job template that runs this module with O(action=resume); a denial path runs it with
    O(action=stop).
  - Without O(action), only lists the waiting steps.
author:
  - imageforge maintainers (@imageforge)
options:
  action:
    description: What to send to the step. Without it the module only lists the waiting steps.
    type: str
    choices: [resume, stop]
  arn:
    description:
      - The image build version ARN whose step to act on.
      - With O(step_name) picks the WaitForAction step of that name, else the build's only WaitForAction step.
    type: str
  step_execution_id:
    description: The step execution ID (C(step-...)), from RV(waiting_steps) or a previous run.
    type: str
  step_name:
    description: The name of the WaitForAction step in the workflow document.
    type: str
  reason:
    description: Why the action is sent; Image Builder keeps it with the step.
    type: str
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
notes:
  - Check mode makes no write call and reports whether the action would be sent; diff mode shows the step status.
  - Every SendWorkflowStepAction call carries a client token.
"""

EXAMPLES = r"""
- name: Approve the build that waits at its Approve step
  imageforge.image_builder.workflow_step_action:
    arn: "{{ build.arn }}"
    step_name: Approve
    action: resume
    reason: "Approved in AWX by {{ awx_user_name | default('someone') }}"

- name: Reject it
  imageforge.image_builder.workflow_step_action:
    arn: "{{ build.arn }}"
    step_name: Approve
    action: stop
    reason: Rejected

- name: Which builds wait for an action?
  imageforge.image_builder.workflow_step_action:
  register: waiting
"""

RETURN = r"""
waiting_steps:
  description: The steps that wait for an action (of O(arn) when given), each with C(step_execution_id),
    C(image_build_version_arn), C(workflow_execution_id), C(name), C(action) and C(start_time).
  returned: always
  type: list
  elements: dict
step:
  description: The step acted on, with C(step_execution_id), C(name) and C(status) after the task.
  returned: with action
  type: dict
"""

from ansible_collections.imageforge.image_builder.plugins.module_utils._core.base import ImageForgeModule
from ansible_collections.imageforge.image_builder.plugins.module_utils._imagebuilder.workflow_executions import DONE_BY
from ansible_collections.imageforge.image_builder.plugins.module_utils._imagebuilder.workflow_executions import find_wait_step
from ansible_collections.imageforge.image_builder.plugins.module_utils._imagebuilder.workflow_executions import send_action
from ansible_collections.imageforge.image_builder.plugins.module_utils._imagebuilder.workflow_executions import step_status
from ansible_collections.imageforge.image_builder.plugins.module_utils._imagebuilder.workflow_executions import waiting_steps


def target_step(module: ImageForgeModule, waiting: list) -> dict:
    params = module.params
    if params["step_execution_id"]:
        for step in waiting:
            if step["step_execution_id"] == params["step_execution_id"]:
                return step
        return step_status(module, params["step_execution_id"])
    matching = [s for s in waiting if s["image_build_version_arn"] == params["arn"]
                and (params["step_name"] is None or s.get("name") == params["step_name"])]
    if len(matching) > 1:
        module.fail_json(msg=f"{params['arn']} waits at {len(matching)} steps "
                             f"({', '.join(s['name'] for s in matching)}); set step_name or step_execution_id.",
                         waiting_steps=waiting)
    if matching:
        return matching[0]
    step = find_wait_step(module, params["arn"], params["step_name"])
    if step is None:
        what = f"named '{params['step_name']}'" if params["step_name"] else "at all"
        module.fail_json(msg=f"{params['arn']} has no WaitForAction step {what} that has started.", waiting_steps=waiting)
    return step


def main() -> None:
    argument_spec = dict(
        action=dict(type="str", choices=["resume", "stop"]),
        arn=dict(type="str"),
        step_execution_id=dict(type="str"),
        step_name=dict(type="str"),
        reason=dict(type="str"),
    )
    module = ImageForgeModule(argument_spec=argument_spec, supports_check_mode=True,
                              mutually_exclusive=[("step_execution_id", "step_name")],
                              required_if=[("action", "resume", ("arn", "step_execution_id"), True),
                                           ("action", "stop", ("arn", "step_execution_id"), True)])
    params = module.params
    if params["step_execution_id"] and not params["step_execution_id"].startswith("step-"):
        module.fail_json(msg=f"step_execution_id: {params['step_execution_id']} is not a step execution ID (step-...)")
    waiting = waiting_steps(module, params["arn"])
    if not params["action"]:
        module.exit_json(changed=False, waiting_steps=waiting)
    step = target_step(module, waiting)
    waits = any(s["step_execution_id"] == step["step_execution_id"] for s in waiting)
    wanted = DONE_BY[params["action"]]
    before = "WAITING" if waits else step.get("status")
    if not waits:
        if before != wanted:
            module.fail_json(msg=f"Step {step.get('name')} ({step['step_execution_id']}) is {before}, not waiting; "
                                 f"it cannot be sent {params['action']} any more.", waiting_steps=waiting,
                             step=step)
        module.exit_json(changed=False, waiting_steps=waiting, step=dict(step, status=before),
                         diff={"before": {"status": before}, "after": {"status": before}})
    if not module.check_mode:
        send_action(module, step, params["action"], params["reason"])
        waiting = [s for s in waiting if s["step_execution_id"] != step["step_execution_id"]]
    module.exit_json(changed=True, waiting_steps=waiting, step=dict(step, status=wanted),
                     diff={"before": {"status": before}, "after": {"status": wanted}})


if __name__ == "__main__":
    main()
