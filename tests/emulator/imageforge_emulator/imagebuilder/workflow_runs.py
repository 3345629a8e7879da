"""Workflow executions of a build and their steps: ListWorkflowExecutions, GetWorkflowExecution,
ListWorkflowStepExecutions, GetWorkflowStepExecution, ListWaitingWorkflowSteps, SendWorkflowStepAction.

A build runs one BUILD workflow execution during BUILDING and one TEST execution during TESTING
(the Amazon-managed `build-image`/`test-image` workflows, or the workflows the build names, which
replace the managed one of their type). Steps share their execution's part of the build time
evenly and their status is computed on each read, like the build's (image_timeline).

Sources:
- https://docs.aws.amazon.com/imagebuilder/latest/userguide/manage-image-workflows.html (default
  build-image and test-image workflows; custom workflows of a type replace the default)
- https://docs.aws.amazon.com/imagebuilder/latest/APIReference/API_SendWorkflowStepAction.html
  (RESUME completes the waiting step and the workflow continues; STOP fails the step and its
  onFailure decides; the request fails when the step is not waiting)
- botocore imagebuilder 2019-12-02 service-2.json (ids `wf-<uuid>`, `step-<uuid>`, status enums)
"""

import json
import uuid
from datetime import datetime, timezone

import yaml

from . import arns, errors
from . import image_timeline as timeline
from .core import CoreBackend
from .registry import backend_part

# Managed steps as aws-cli's awscli/examples/imagebuilder/list-workflow-step-executions.rst lists them
# for build-image 1.0.3 (the Windows-only RunSysPrepScript left out); test-image's are not listed there.
MANAGED = {  # type: (workflow name, version, [(step name, action, onFailure)])
    "BUILD": ("build-image", "1.0.3", [("LaunchBuildInstance", "LaunchInstance", "Abort"),
                                       ("ApplyBuildComponents", "ExecuteComponents", "Abort"),
                                       ("InventoryCollection", "CollectImageMetadata", "Abort"),
                                       ("RunSanitizeScript", "SanitizeInstance", "Abort"),
                                       ("CreateOutputAMI", "CreateImage", "Abort"),
                                       ("TerminateBuildInstance", "TerminateInstance", "Continue")]),
    "TEST": ("test-image", "1.0.3", [("LaunchTestInstance", "LaunchInstance", "Abort"),
                                     ("ApplyTestComponents", "ExecuteComponents", "Abort"),
                                     ("TerminateTestInstance", "TerminateInstance", "Continue")]),
}
STAGE_OF = {"BUILD": "BUILDING", "TEST": "TESTING"}


def plan(backend, record, workflows):
    """The executions a build will run, with the share of build time at which each step runs."""
    custom = {}
    for entry in workflows or []:
        workflow = backend.resolve("workflow", entry["workflowArn"])
        custom.setdefault(workflow["type"], []).append(
            (workflow["arn"], _steps_of(workflow.get("data")), entry.get("parallelGroup")))
    planned = []
    for kind in ("BUILD", "TEST"):
        stage = STAGE_OF[kind]
        if stage not in dict(record["_timeline"]):
            continue
        start, end = timeline.phase_start(record["_timeline"], stage), timeline.phase_end(record["_timeline"], stage)
        name, version, managed_steps = MANAGED[kind]
        runs = custom.get(kind) or [(arns.build_arn(backend.region_name, arns.AMAZON_ACCOUNT, f"workflow/{kind.lower()}",
                                                    name, version, 1),
                                     [{"name": s, "action": a, "onFailure": f} for s, a, f in managed_steps], None)]
        for arn, steps, group in runs:
            span = (end - start) / max(len(steps), 1)
            planned.append({
                "workflowExecutionId": f"wf-{uuid.uuid4()}", "workflowBuildVersionArn": arn, "type": kind,
                "parallelGroup": group, "_start": start, "_end": end,
                "steps": [dict(step, stepExecutionId=f"step-{uuid.uuid4()}", _start=start + i * span,
                               _end=start + (i + 1) * span) for i, step in enumerate(steps)],
            })
    return planned


def _steps_of(document):
    try:
        data = yaml.safe_load(document or "") or {}
    except yaml.YAMLError:
        data = {}
    steps = data.get("steps") if isinstance(data, dict) else None
    return [{"name": s.get("name"), "action": s.get("action"), "onFailure": s.get("onFailure") or "Abort",
             "description": s.get("description"), "timeoutSeconds": s.get("timeoutSeconds"),
             "inputs": s.get("inputs")} for s in steps or [] if isinstance(s, dict)]


def pending_wait(record, share):
    """The first WaitForAction step reached by `share` and not actioned yet, or None."""
    for execution in record.get("_workflows") or []:
        for step in execution["steps"]:
            if step["action"] == "WaitForAction" and not step.get("_actioned") and step["_start"] <= share:
                return step
    return None


def halt_if_waiting(record, share):
    """Stop the build's clock at a waiting step; True while it waits."""
    if record.get("_halted"):
        return True
    step = pending_wait(record, share)
    if step is None:
        return False
    record["_halted"] = {"step": step["stepExecutionId"], "share": step["_start"]}
    record["state"] = {"status": timeline.status_at(record["_timeline"], step["_start"])}
    return True


def _when(record, share):
    at = record["_started"] + share * record["_seconds"]
    return datetime.fromtimestamp(at, timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def reached(record):
    """How far (share of build time) the build got, frozen while it waits or once it ended."""
    status = record["state"]["status"]
    if record.get("_halted"):
        return record["_halted"]["share"]
    if "_stopped_share" in record:
        return record["_stopped_share"]
    if status == "AVAILABLE":
        return 1.0
    if status == "FAILED" and record.get("_failure"):
        return timeline.phase_end(record["_timeline"], record["_failure"][0])
    return (timeline.clock() - record["_started"]) / max(record["_seconds"], 0.001)


def _failing_step(record, execution):
    failure = record.get("_failure")
    if record["state"]["status"] != "FAILED" or not failure or STAGE_OF[execution["type"]] != failure[0]:
        return None
    candidates = [s for s in execution["steps"] if s["action"] == "ExecuteComponents"] or execution["steps"][-1:]
    return candidates[0]["stepExecutionId"] if candidates else None


def step_views(record, execution):
    share, status = reached(record), record["state"]["status"]
    ended = status in ("AVAILABLE", "FAILED", "CANCELLED", "DELETED")
    failing, aborted, views = _failing_step(record, execution), False, []
    for step in execution["steps"]:
        view = {k: v for k, v in step.items() if not k.startswith("_") and v is not None and k != "inputs"}
        view["inputs"] = json.dumps(step.get("inputs") or {})
        view.update(attemptNumber=1, maxAttempts=1)
        if aborted or step["_start"] > share:
            view["status"] = "SKIPPED" if ended else "PENDING"
            if ended:  # a skipped step starts and ends at once (aws-cli list-workflow-step-executions example)
                view["startTime"] = view["endTime"] = _when(record, share)
        elif step["stepExecutionId"] == failing:
            failure = record["_failure"][1]
            view.update(status="FAILED", message=(f"Step '{failure['stepName']}' of component "
                                                  f"'{failure['componentArn']}' (phase '{failure['phaseName']}'): "
                                                  f"{failure['errorMessage']}"), startTime=_when(record, step["_start"]))
            aborted = True
        elif step.get("_actioned") == "STOP":
            view.update(status="FAILED", message=step.get("_reason") or "Stopped by SendWorkflowStepAction.",
                        startTime=_when(record, step["_start"]))
            aborted = step["onFailure"] != "Continue"
        elif step["_end"] <= share and not (record.get("_halted") and record["_halted"]["step"] == step["stepExecutionId"]):
            view.update(status="COMPLETED", startTime=_when(record, step["_start"]), endTime=_when(record, step["_end"]))
        else:
            view.update(status="CANCELLED" if status == "CANCELLED" else "RUNNING", startTime=_when(record, step["_start"]))
            if step["action"] == "WaitForAction" and step.get("_actioned") != "STOP":
                view["message"] = "Waiting for an action (SendWorkflowStepAction)."
            aborted = status == "CANCELLED"
        if view["status"] in ("FAILED", "CANCELLED", "COMPLETED") and "endTime" not in view and ended:
            view["endTime"] = _when(record, min(share, step["_end"]))
        views.append(view)
    return views


def execution_view(record, execution):
    steps = step_views(record, execution)
    counts = {s: sum(1 for v in steps if v["status"] == s) for s in ("COMPLETED", "FAILED", "SKIPPED")}
    if counts["FAILED"] and any(v["status"] == "FAILED" and v.get("onFailure") != "Continue" for v in steps):
        status = "FAILED"
    elif any(v["status"] == "CANCELLED" for v in steps):
        status = "CANCELLED"
    elif all(v["status"] in ("COMPLETED", "FAILED") for v in steps):
        status = "COMPLETED"
    else:
        status = "RUNNING"
    view = {"workflowBuildVersionArn": execution["workflowBuildVersionArn"],
            "workflowExecutionId": execution["workflowExecutionId"], "type": execution["type"], "status": status,
            "totalStepCount": len(steps), "totalStepsSucceeded": counts["COMPLETED"],
            "totalStepsFailed": counts["FAILED"], "totalStepsSkipped": counts["SKIPPED"],
            "startTime": _when(record, execution["_start"])}
    if status != "RUNNING":
        view["endTime"] = max((v["endTime"] for v in steps if v.get("endTime")), default=view["startTime"])
    if status == "FAILED":
        view["message"] = next(v.get("message") for v in steps if v["status"] == "FAILED")
    if execution.get("parallelGroup"):
        view["parallelGroup"] = execution["parallelGroup"]
    return view, steps


@backend_part
class WorkflowRuns(CoreBackend):
    def _started_executions(self, record):
        share = reached(record)
        return [e for e in record.get("_workflows") or [] if e["_start"] <= share]

    def _execution(self, execution_id):
        for record in self.records("image").values():
            for execution in record.get("_workflows") or []:
                if execution["workflowExecutionId"] == execution_id:
                    if execution not in self._started_executions(record):
                        break
                    return record, execution
        raise errors.invalid_request(f"The workflow execution '{execution_id}' does not exist.")

    def _step(self, step_id, missing=None):
        for record in self.records("image").values():
            for execution in self._started_executions(record):
                for step in execution["steps"]:
                    if step["stepExecutionId"] == step_id:
                        return record, execution, step
        raise (missing or errors.invalid_request)(f"The workflow step execution '{step_id}' does not exist.")

    def list_workflow_executions(self, params):
        arn = params["imageBuildVersionArn"]
        record = self.records("image").get(arn)
        if record is None:
            raise errors.invalid_request(f"The image '{arn}' does not exist.")
        views = [execution_view(record, e)[0] for e in self._started_executions(record)]
        return dict(self.page(views, params, "workflowExecutions"), imageBuildVersionArn=arn)

    def get_workflow_execution(self, params):
        record, execution = self._execution(params["workflowExecutionId"])
        return dict(execution_view(record, execution)[0], imageBuildVersionArn=record["arn"])

    def list_workflow_step_executions(self, params):
        record, execution = self._execution(params["workflowExecutionId"])
        steps = [{k: v for k, v in s.items() if k not in ("onFailure", "timeoutSeconds")}
                 for s in execution_view(record, execution)[1]]
        return dict(self.page(steps, params, "steps"), workflowBuildVersionArn=execution["workflowBuildVersionArn"],
                    workflowExecutionId=execution["workflowExecutionId"], imageBuildVersionArn=record["arn"])

    def get_workflow_step_execution(self, params):
        record, execution, step = self._step(params["stepExecutionId"])
        view = next(v for v in execution_view(record, execution)[1] if v["stepExecutionId"] == step["stepExecutionId"])
        return dict(view, workflowBuildVersionArn=execution["workflowBuildVersionArn"],
                    workflowExecutionId=execution["workflowExecutionId"], imageBuildVersionArn=record["arn"])

    def list_waiting_workflow_steps(self, params):
        waiting = []
        for record in self.records("image").values():
            halted = record.get("_halted")
            if not halted or record["state"]["status"] in ("FAILED", "CANCELLED"):
                continue
            for execution in record["_workflows"]:
                for step in execution["steps"]:
                    if step["stepExecutionId"] == halted["step"]:
                        waiting.append({"stepExecutionId": step["stepExecutionId"], "imageBuildVersionArn": record["arn"],
                                        "workflowExecutionId": execution["workflowExecutionId"],
                                        "workflowBuildVersionArn": execution["workflowBuildVersionArn"],
                                        "name": step["name"], "action": step["action"],
                                        "startTime": _when(record, step["_start"])})
        return self.page(waiting, params, "steps")

    def send_workflow_step_action(self, params):
        def act():
            record, _execution, step = self._step(params["stepExecutionId"], _step_not_found)
            if record["arn"] != params["imageBuildVersionArn"]:
                raise errors.invalid_request(f"The step '{step['stepExecutionId']}' does not belong to "
                                             f"'{params['imageBuildVersionArn']}'.")
            halted = record.get("_halted")
            if not halted or halted["step"] != step["stepExecutionId"]:
                raise errors.invalid_request(f"The workflow step '{step['stepExecutionId']}' is not waiting for an "
                                             "action: it already received one, or it timed out.")
            step["_actioned"], step["_reason"] = params["action"], params.get("reason")
            del record["_halted"]
            # the clock stood still while the step waited
            record["_started"] = timeline.clock() - halted["share"] * record["_seconds"]
            if params["action"] == "STOP" and step["onFailure"] != "Continue":
                record["_stopped_share"] = halted["share"]
                record["state"] = {"status": "FAILED", "reason": (
                    f"Workflow step '{step['name']}' was stopped: {params.get('reason') or 'no reason given'}")}
            return {"stepExecutionId": step["stepExecutionId"], "imageBuildVersionArn": record["arn"]}

        return self._once("SendWorkflowStepAction", params, act)


def _step_not_found(message):
    # SendWorkflowStepAction lists ResourceNotFoundException (botocore); the Get/List step calls do not
    return errors.ImageBuilderError("ResourceNotFoundException", message)
