"""Checks a parsed response against botocore's output shape: required members, types, enums,
patterns and length/range limits. botocore's own parser checks none of these."""

from __future__ import annotations

import datetime
import re

_PATTERNS = {}


def problems(shape, value, path="") -> list:
    """Every way `value` breaks `shape`, as 'path: what' strings."""
    if value is None:
        return []
    kind = shape.type_name
    if kind == "structure":
        if not isinstance(value, dict):
            return [f"{path}: {type(value).__name__}, not a structure"]
        found = [f"{path}.{name}: required, missing" if path else f"{name}: required, missing"
                 for name in shape.required_members if value.get(name) is None]
        for name, inner in value.items():
            member = shape.members.get(name)
            where = f"{path}.{name}" if path else name
            found += [f"{where}: not in the shape"] if member is None else problems(member, inner, where)
        return found
    if kind == "list":
        if not isinstance(value, list):
            return [f"{path}: {type(value).__name__}, not a list"]
        found = _limits(shape, len(value), path, "items")
        for i, inner in enumerate(value):
            found += problems(shape.member, inner, f"{path}[{i}]")
        return found
    if kind == "map":
        if not isinstance(value, dict):
            return [f"{path}: {type(value).__name__}, not a map"]
        found = []
        for key, inner in value.items():
            found += problems(shape.key, key, f"{path}<key>") + problems(shape.value, inner, f"{path}[{key}]")
        return found
    if kind == "string":
        if not isinstance(value, str):
            return [f"{path}: {value!r} is not a string"]
        found = _limits(shape, len(value), path, "characters")
        if shape.enum and value not in shape.enum:
            found.append(f"{path}: {value!r} is not one of {shape.enum}")
        pattern = shape.metadata.get("pattern")
        if pattern and not _compiled(pattern).search(value):
            found.append(f"{path}: {value!r} does not match {pattern}")
        return found
    if kind in ("integer", "long"):
        if isinstance(value, bool) or not isinstance(value, int):
            return [f"{path}: {value!r} is not an integer"]
        return _limits(shape, value, path, "")
    if kind in ("double", "float"):
        return [] if isinstance(value, (int, float)) and not isinstance(value, bool) else [f"{path}: {value!r} is not a number"]
    if kind == "boolean":
        return [] if isinstance(value, bool) else [f"{path}: {value!r} is not a boolean"]
    if kind == "timestamp":
        return [] if isinstance(value, (datetime.datetime, str)) else [f"{path}: {value!r} is not a timestamp"]
    if kind == "blob":
        return [] if isinstance(value, (bytes, bytearray, str)) else [f"{path}: {value!r} is not a blob"]
    return []


def _limits(shape, size, path, unit):
    low, high = shape.metadata.get("min"), shape.metadata.get("max")
    if low is not None and size < low:
        return [f"{path}: {size} {unit} is below the minimum {low}".replace("  ", " ")]
    if high is not None and size > high:
        return [f"{path}: {size} {unit} is above the maximum {high}".replace("  ", " ")]
    return []


def _compiled(pattern):
    if pattern not in _PATTERNS:
        # Java's possessive and \p{...} forms are not Python's; the models use few of them
        _PATTERNS[pattern] = re.compile(pattern.replace("\\p{L}", "a-zA-Z").replace("\\p{Z}", "\\s").replace("\\p{N}", "0-9"))
    return _PATTERNS[pattern]


class ResponseChecker:
    """An after-call hook: every successful answer of a client is checked against its output shape."""

    def __init__(self):
        self.seen, self.found = set(), []

    def attach(self, client):
        client.meta.events.register("after-call", self)
        return client

    def __call__(self, http_response, parsed, model, **_kwargs):
        if http_response.status_code >= 300:
            return
        self.seen.add(model.name)
        if model.output_shape is None:
            return
        body = {k: v for k, v in parsed.items() if k != "ResponseMetadata"}
        self.found += [f"{model.name}: {p}" for p in problems(model.output_shape, body)]
