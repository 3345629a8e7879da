# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Lifecycle policies: family, options -> request, API defaults."""

from __future__ import annotations

from .._core.transforms import strip_none
from .._core.transforms import to_camel
from .._reconcilers.updatable import REPLACED_KEYS
from .._reconcilers.updatable import drop_empty
from .._reconcilers.updatable_resources import UpdatableFamily

LIFECYCLE_POLICY = UpdatableFamily(
    kind="lifecycle policy",
    result_key="lifecycle_policy",
    arn_key="lifecyclePolicyArn",
    list_op="list_lifecycle_policies",
    list_key="lifecyclePolicySummaryList",
    get_op="get_lifecycle_policy",
    get_key="lifecyclePolicy",
    create_op="create_lifecycle_policy",
    update_op="update_lifecycle_policy",
    delete_op="delete_lifecycle_policy",
    required=(("executionRole", "execution_role"), ("resourceType", "resource_type"),
              ("policyDetails", "policy_details"), ("resourceSelection", "resource_selection")),
)

OPTIONS = (
    ("description", "description"),
    ("status", "status"),
    ("execution_role", "executionRole"),
    ("resource_type", "resourceType"),
    ("policy_details", "policyDetails"),
    ("resource_selection", "resourceSelection"),
)


def lifecycle_request(params):
    request = {key: to_camel(strip_none(params.get(option))) for option, key in OPTIONS}
    return {k: v for k, v in request.items() if v is not None}


def normalise_lifecycle(request):
    request = drop_empty(request)
    request.setdefault("status", "ENABLED")
    return request


# Recipes and a tag map are alternative selections: the task gives the selection whole.
LIFECYCLE_REPLACED_KEYS = REPLACED_KEYS + ("resourceSelection",)
