# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Reconciler for resources whose Update call replaces the whole resource.

Image Builder's Update* calls reset every optional field they omit, so the
request is built from the current resource with the task's options merged on
top: an option the task did not set keeps its current value.
"""

from __future__ import annotations

from .transforms import canonical_json


def merge(current, desired):
    """desired over current: dicts merge key by key, None means "not set", lists replace."""
    if desired is None:
        return current
    if isinstance(current, dict) and isinstance(desired, dict):
        merged = dict(current)
        for key, value in desired.items():
            if value is not None:
                merged[key] = merge(current.get(key), value)
        return merged
    return desired


def differences(current, wanted, path=""):
    """Readable list of 'path: before -> after' for every leaf that differs."""
    if isinstance(current, dict) and isinstance(wanted, dict):
        lines = []
        for key in sorted(set(current) | set(wanted)):
            lines += differences(current.get(key), wanted.get(key), f"{path}.{key}" if path else key)
        return lines
    if canonical_json(current) != canonical_json(wanted):
        return [f"{path}: {canonical_json(current)} -> {canonical_json(wanted)}"]
    return []


class UpdatableReconciler:
    """Compare the fields the module manages; create, update with merged values, or leave alone.

    `fields` are the request keys of Create/Update (camelCase) that the module
    manages. `normalise(request)` fills the API's defaults so that an omitted
    option compares equal to the stored default.
    """

    def __init__(self, module, kind, fields, normalise=None):
        self.module = module
        self.kind = kind
        self.fields = fields
        self.normalise = normalise or (lambda request: request)

    def current_request(self, resource):
        """The part of a Get result that a Create/Update request would carry."""
        return {k: resource[k] for k in self.fields if resource.get(k) is not None}

    def plan(self, resource, desired):
        """(action, request, diff): action is create, update or none."""
        desired = {k: v for k, v in desired.items() if v is not None}
        if resource is None:
            request = self.normalise(desired)
            return "create", request, {"before": {}, "after": request}
        before = self.normalise(self.current_request(resource))
        after = self.normalise(merge(before, desired))
        if canonical_json(before) == canonical_json(after):
            return "none", after, None
        return "update", after, {"before": before, "after": after, "changes": differences(before, after)}
