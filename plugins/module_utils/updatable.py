# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Reconciler for resources whose Update call replaces the whole resource.

Image Builder's Update* calls reset every optional field they omit, so the
request is built from the current resource with the task's options merged on
top: an option the task did not set keeps its current value.
"""

from __future__ import annotations

from .transforms import canonical_json


# User data maps: a value the task sets is the whole map, never merged key by key.
REPLACED_KEYS = ("tags", "resourceTags", "amiTags", "imageTags", "containerTags", "tagMap", "parameters")


def merge(current, desired, replace=REPLACED_KEYS):
    """desired over current: dicts merge key by key, None means "not set", lists and `replace` keys replace."""
    if desired is None:
        return current
    if isinstance(current, dict) and isinstance(desired, dict):
        merged = dict(current)
        for key, value in desired.items():
            if value is not None:
                merged[key] = value if key in replace else merge(current.get(key), value, replace)
        return merged
    return desired


def drop_empty(value):
    """Drop None, {} and [] at any depth: Image Builder stores an empty value as no value."""
    if isinstance(value, dict):
        cleaned = {k: drop_empty(v) for k, v in value.items()}
        return {k: v for k, v in cleaned.items() if v not in (None, {}, [])}
    if isinstance(value, list):
        return [drop_empty(v) for v in value]
    return value


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

    def __init__(self, module, kind, fields, normalise=None, create_defaults=None, exclusive=(), replace=REPLACED_KEYS):
        """`create_defaults` are used only when the resource is created (safe defaults that differ
        from the API's); `exclusive` are groups of fields of which a task that sets one drops the others;
        `replace` are keys whose dict value the task gives whole."""
        self.module = module
        self.kind = kind
        self.fields = fields
        self.normalise = normalise or (lambda request: request)
        self.create_defaults = create_defaults or {}
        self.exclusive = exclusive
        self.replace = replace

    def current_request(self, resource):
        """The part of a Get result that a Create/Update request would carry."""
        return {k: resource[k] for k in self.fields if resource.get(k) is not None}

    def plan(self, resource, desired):
        """(action, request, diff): action is create, update or none."""
        desired = {k: v for k, v in desired.items() if v is not None}
        if resource is None:
            request = self.normalise(merge(self.create_defaults, desired))
            return "create", request, {"before": {}, "after": request}
        before = self.normalise(self.current_request(resource))
        merged = merge(before, desired, self.replace)
        for group in self.exclusive:
            if any(key in desired for key in group):
                merged = {k: v for k, v in merged.items() if k not in group or k in desired}
        after = self.normalise(merged)
        if canonical_json(before) == canonical_json(after):
            return "none", after, None
        return "update", after, {"before": before, "after": after, "changes": differences(before, after)}
