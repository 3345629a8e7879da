# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Reconciler for resources whose Update call replaces the whole resource.

Image Builder's Update* calls reset every optional field they omit, so the
request is built from the current resource with the task's options merged on
top: an option the task did not set keeps its current value. Which members of
the current resource go into the request is read from botocore's model (every
member of the Get result that the Update input accepts, at any depth), so a
member that no option of the module knows is kept too.
"""

from __future__ import annotations

from .._core.transforms import canonical_json


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


def accepted(shape, value, skip=()):
    """The part of `value` (a Get result) that the input `shape` accepts, at any depth; `skip` top-level members."""
    if value is None:
        return None
    if shape.type_name == "structure" and isinstance(value, dict):
        kept = {}
        for key, inner in value.items():
            if key in shape.members and key not in skip and inner is not None:
                kept[key] = accepted(shape.members[key], inner)
        return kept
    if shape.type_name == "list" and isinstance(value, list):
        return [accepted(shape.member, inner) for inner in value]
    return value


def update_shape(client, operation):
    """The input shape of an Update operation (snake_case name) of a boto3 client."""
    api_name = "".join(part.capitalize() for part in operation.split("_"))
    return client.meta.service_model.operation_model(api_name).input_shape


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
    """Compare the resource with the task; create, update with merged values, or leave alone.

    `shape` is the Update call's input shape (botocore); `request_only` are its members
    that are not resource fields (the ARN, clientToken). `normalise(request)` fills the
    API's defaults so that an omitted option compares equal to the stored default.
    """

    def __init__(self, module, kind, shape, normalise=None, create_defaults=None, exclusive=(), replace=REPLACED_KEYS,
                 request_only=("clientToken",)):
        """`create_defaults` are used only when the resource is created (safe defaults that differ
        from the API's); `exclusive` are groups of fields of which a task that sets one drops the others;
        `replace` are keys whose dict value the task gives whole."""
        self.module = module
        self.kind = kind
        self.shape = shape
        self.request_only = request_only
        self.normalise = normalise or (lambda request: request)
        self.create_defaults = create_defaults or {}
        self.exclusive = exclusive
        self.replace = replace

    def current_request(self, resource):
        """Every member of a Get result that the Update request accepts."""
        return accepted(self.shape, resource, self.request_only)

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
