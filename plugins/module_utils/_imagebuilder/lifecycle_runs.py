# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Lifecycle runs: reading them with their resources, starting one on an image
(StartResourceStateUpdate) and cancelling one (CancelLifecycleExecution), idempotently."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from .._core.transforms import strip_none
from .._core.transforms import to_camel
from .._core.transforms import to_snake

if TYPE_CHECKING:
    from .._core.base import ImageForgeModule

ACTIVE = ("PENDING", "IN_PROGRESS", "CANCELLING")


def runs(module: ImageForgeModule, resource_arn: str) -> list:
    return module.paginate(module.imagebuilder, "list_lifecycle_executions", f"list the lifecycle runs of {resource_arn}",
                           resourceArn=resource_arn).get("lifecycleExecutions") or []


def get_run(module: ImageForgeModule, run_id: str) -> dict:
    return module.call(module.imagebuilder, "get_lifecycle_execution", f"read lifecycle run {run_id}",
                       lifecycleExecutionId=run_id)["lifecycleExecution"]


def run_result(module: ImageForgeModule, run: dict, include_resources: bool) -> dict:
    result = to_snake(run)
    if include_resources:
        resources = module.paginate(module.imagebuilder, "list_lifecycle_execution_resources",
                                    f"list the resources of lifecycle run {run['lifecycleExecutionId']}",
                                    lifecycleExecutionId=run["lifecycleExecutionId"]).get("resources") or []
        result["resources"] = to_snake(resources)
    return result


def start_run(module: ImageForgeModule) -> tuple:
    """(changed, run ID or None): a run that brings the image to the wanted state, unless one is already
    active for it or the image is already in that state."""
    params, arn = module.params, module.params["resource_arn"]
    wanted = params["resource_state"]
    if ":image/" not in arn or arn.count("/") != 3:
        module.fail_json(msg=f"resource_arn: {arn} is not an image build version ARN (...:image/name/1.0.0/1)")
    if params["update_at"]:
        try:
            datetime.datetime.fromisoformat(params["update_at"].replace("Z", "+00:00"))
        except ValueError:
            module.fail_json(msg=f"update_at: {params['update_at']} is not an ISO 8601 time (2030-01-31T23:00:00Z)")
    image = module.call(module.imagebuilder, "get_image", f"read image {arn}", imageBuildVersionArn=arn)["image"]
    active = [r for r in runs(module, arn) if (r.get("state") or {}).get("status") in ACTIVE]
    if active:
        return False, active[0]["lifecycleExecutionId"], image
    if (image.get("state") or {}).get("status") == wanted and not params["update_at"]:
        return False, None, image
    if module.check_mode:
        return True, None, image
    request = dict(resourceArn=arn, state={"status": wanted}, clientToken=module.client_token())
    include = to_camel(strip_none(params["include_resources"] or {}))
    if include:
        request["includeResources"] = include
    if params["execution_role"]:
        request["executionRole"] = params["execution_role"]
    if params["update_at"]:
        request["updateAt"] = params["update_at"]
    answer = module.call(module.imagebuilder, "start_resource_state_update", f"start a lifecycle run on {arn}", **request)
    return True, answer["lifecycleExecutionId"], image


def cancel_run(module: ImageForgeModule) -> tuple:
    """(changed, run before): cancel a run that is still active; a cancelled run is left as it is."""
    run_id = module.params["lifecycle_execution_id"]
    run = get_run(module, run_id)
    status = (run.get("state") or {}).get("status")
    if status in ("CANCELLED", "CANCELLING"):
        return False, run
    if status not in ACTIVE:
        module.fail_json(msg=f"The lifecycle run {run_id} is {status}; only a run that is still active can be cancelled.",
                         lifecycle_execution=to_snake(run))
    if not module.check_mode:
        module.call(module.imagebuilder, "cancel_lifecycle_execution", f"cancel lifecycle run {run_id}",
                    lifecycleExecutionId=run_id, clientToken=module.client_token())
    return True, run
