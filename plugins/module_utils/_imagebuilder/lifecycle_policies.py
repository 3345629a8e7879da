# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Lifecycle policies: family, options -> request, API defaults."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._core.transforms import request_from
from .._reconcilers.updatable import REPLACED_KEYS
from .._reconcilers.updatable import UpdatableFamily
from .._reconcilers.updatable import drop_empty

if TYPE_CHECKING:
    from .._core.base import ImageForgeModule

LIFECYCLE_POLICY = UpdatableFamily("lifecyclePolicy", "lifecycle_policies", (
    ("executionRole", "execution_role"), ("resourceType", "resource_type"), ("policyDetails", "policy_details"),
    ("resourceSelection", "resource_selection")))

OPTIONS = (
    ("description", "description"),
    ("status", "status"),
    ("execution_role", "executionRole"),
    ("resource_type", "resourceType"),
    ("policy_details", "policyDetails"),
    ("resource_selection", "resourceSelection"),
)


def lifecycle_request(params: dict) -> dict:
    return request_from(params, OPTIONS)


def normalise_lifecycle(request: dict) -> dict:
    request = drop_empty(request)
    request.setdefault("status", "ENABLED")
    return request


# Recipes and a tag map are alternative selections: the task gives the selection whole.
LIFECYCLE_REPLACED_KEYS = (*REPLACED_KEYS, "resourceSelection")


def lifecycle_desired(module: ImageForgeModule) -> dict:
    return lifecycle_request(module.params)
