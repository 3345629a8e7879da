# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""ami_state: what an AMI's state and deprecation time should become, and the calls that get it there
(EnableImage, DisableImage, EnableImageDeprecation, DisableImageDeprecation)."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING
from typing import Any

from .ami_retention import same_time

if TYPE_CHECKING:
    from .._core.base import ImageForgeModule


def validate(params: dict) -> str | None:
    bad = [i for i in params["image_ids"] if not str(i).startswith("ami-")]
    if bad:
        return f"image_ids: {', '.join(bad)} are not AMI IDs (ami-...)"
    if params["deprecate_at"]:
        try:
            datetime.datetime.fromisoformat(params["deprecate_at"].replace("Z", "+00:00"))
        except ValueError:
            return f"deprecate_at: {params['deprecate_at']} is not an ISO 8601 time (2030-01-31T23:00:00Z)"
    if not (params["state"] or params["deprecate_at"] or params["cancel_deprecation"]):
        return "Set state, deprecate_at or cancel_deprecation: there is nothing to do."
    return None


def plan_changes(image: dict, params: dict) -> dict:
    current = {"state": "disabled" if image.get("State") == "disabled" else "enabled",
               "deprecation_time": image.get("DeprecationTime")}
    wanted, changes = dict(current), []
    if params["state"] and params["state"] != current["state"]:
        wanted["state"] = params["state"]
        changes.append(params["state"])
    if params["deprecate_at"] and not same_time(current["deprecation_time"], params["deprecate_at"]):
        wanted["deprecation_time"] = params["deprecate_at"]
        changes.append("deprecated")
    if params["cancel_deprecation"] and current["deprecation_time"]:
        wanted["deprecation_time"] = None
        changes.append("deprecation_cancelled")
    return {"image_id": image["ImageId"], "before": current, "after": wanted, "changes": changes}


def apply_changes(module: ImageForgeModule, client: Any, plan: dict) -> None:
    image_id = plan["image_id"]
    for change in plan["changes"]:
        if change == "enabled":
            module.call(client, "enable_image", f"enable {image_id}", ImageId=image_id)
        elif change == "disabled":
            module.call(client, "disable_image", f"disable {image_id}", ImageId=image_id)
        elif change == "deprecated":
            module.call(client, "enable_image_deprecation", f"deprecate {image_id}", ImageId=image_id,
                        DeprecateAt=plan["after"]["deprecation_time"])
        else:
            module.call(client, "disable_image_deprecation", f"cancel the deprecation of {image_id}", ImageId=image_id)
