# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Workflow executions of a build and their steps, the failing step of a failed build, and the
steps that wait for an action (WaitForAction) with SendWorkflowStepAction to resume or stop them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._core.errors import AWS_ERRORS
from .._core.transforms import to_snake
from .image_builds import log_location

if TYPE_CHECKING:
    from .._core.base import ImageForgeModule
    from .._core.regional import RegionCaller

WAIT_ACTION = "WaitForAction"


def executions(module: ImageForgeModule | RegionCaller, image_arn: str, include_steps: bool = True) -> list:
    """[{workflow execution, snake_case, with `steps`}] of a build, in the order they ran."""
    found = module.paginate(module.imagebuilder, "list_workflow_executions", f"list the workflow executions of {image_arn}",
                            imageBuildVersionArn=image_arn).get("workflowExecutions") or []
    result = []
    for execution in found:
        item = to_snake(execution)
        if include_steps:
            steps = module.paginate(module.imagebuilder, "list_workflow_step_executions",
                                    f"list the steps of workflow execution {execution['workflowExecutionId']}",
                                    workflowExecutionId=execution["workflowExecutionId"]).get("steps") or []
            item["steps"] = [to_snake(step) for step in steps]
        result.append(item)
    return result


def failed_step(module: ImageForgeModule | RegionCaller, image: dict) -> dict | None:
    """The first failed step of a failed build with its workflow and the build's log location."""
    for execution in executions(module, image["arn"]):
        for step in execution.get("steps") or []:
            if step.get("status") == "FAILED":
                return {"workflow_execution_id": execution["workflow_execution_id"],
                        "workflow_type": execution.get("type"), "workflow_arn": execution.get("workflow_build_version_arn"),
                        "step_execution_id": step["step_execution_id"], "name": step.get("name"),
                        "action": step.get("action"), "message": step.get("message"),
                        "start_time": step.get("start_time"), "end_time": step.get("end_time"),
                        "log_location": log_location(image)}
    return None


def waiting_steps(module: ImageForgeModule, image_arn: str | None = None) -> list:
    steps = module.paginate(module.imagebuilder, "list_waiting_workflow_steps", "list the waiting workflow steps").get("steps") or []
    return [to_snake(s) for s in steps if image_arn is None or s.get("imageBuildVersionArn") == image_arn]


def find_wait_step(module: ImageForgeModule, image_arn: str, name: str | None) -> dict | None:
    """A WaitForAction step of the build (by name, or the only one), whatever its status."""
    candidates = [dict(step, image_build_version_arn=image_arn)
                  for execution in executions(module, image_arn)
                  for step in execution.get("steps") or []
                  if step.get("action") == WAIT_ACTION and (name is None or step.get("name") == name)]
    return candidates[0] if candidates else None


def step_status(module: ImageForgeModule, step_execution_id: str) -> dict:
    step = module.call(module.imagebuilder, "get_workflow_step_execution", f"read step {step_execution_id}",
                       stepExecutionId=step_execution_id)
    return to_snake({k: v for k, v in step.items() if k != "ResponseMetadata"})


# What each action leaves a step as: SendWorkflowStepAction RESUME completes it, STOP fails it.
DONE_BY = {"resume": "COMPLETED", "stop": "FAILED"}


def send_action(module: ImageForgeModule, step: dict, action: str, reason: str | None) -> None:
    params = dict(stepExecutionId=step["step_execution_id"], imageBuildVersionArn=step["image_build_version_arn"],
                  action=action.upper(), clientToken=module.client_token())
    if reason:
        params["reason"] = reason
    try:  # module.call() takes `action` itself, the description of the call
        module.imagebuilder.send_workflow_step_action(aws_retry=True, **params)
    except AWS_ERRORS as exc:
        module.fail_aws(exc, f"{action} step {step.get('name') or step['step_execution_id']}")
