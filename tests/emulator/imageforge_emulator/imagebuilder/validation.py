"""Server-side validation driven by botocore's input shapes: required, enum, pattern, length, range."""

import re
from functools import lru_cache

import botocore.session

from . import errors


@lru_cache(maxsize=1)
def service_model():
    return botocore.session.get_session().get_service_model("imagebuilder")


@lru_cache(maxsize=512)
def _pattern(pattern):
    try:
        return re.compile(pattern)
    except re.error:
        return None


def validate(operation, params):
    shape = service_model().operation_model(operation).input_shape
    if shape is not None:
        _check(shape, params, "")


def _fail(path, reason):
    raise errors.invalid_request(f"1 validation error detected: Value at '{path}' failed to satisfy constraint: {reason}")


def _check(shape, value, path):
    if value is None:
        return
    kind = shape.type_name
    meta = shape.metadata
    if kind == "structure":
        for name in shape.required_members:
            if value.get(name) is None:
                _fail(f"{path}{name}", "Member must not be null")
        for name, member in shape.members.items():
            if name in value:
                _check(member, value[name], f"{path}{name}.")
    elif kind == "list":
        _length(meta, len(value), path)
        for i, item in enumerate(value):
            _check(shape.member, item, f"{path}{i}.")
    elif kind == "map":
        _length(meta, len(value), path)
        for key, item in value.items():
            _check(shape.key, key, path)
            _check(shape.value, item, f"{path}{key}.")
    elif kind == "string":
        if shape.enum and value not in shape.enum:
            _fail(path.rstrip("."), f"Member must satisfy enum value set: [{', '.join(shape.enum)}]")
        _length(meta, len(value), path)
        compiled = _pattern(meta["pattern"]) if "pattern" in meta else None
        if compiled and not compiled.search(value):
            _fail(path.rstrip("."), f"Member must satisfy regular expression pattern: {meta['pattern']}")
    elif kind in ("integer", "long"):
        if "min" in meta and value < meta["min"] or "max" in meta and value > meta["max"]:
            _fail(path.rstrip("."), f"Member must be between {meta.get('min')} and {meta.get('max')}")


def _length(meta, length, path):
    if "min" in meta and length < meta["min"]:
        _fail(path.rstrip("."), f"Member must have length greater than or equal to {meta['min']}")
    if "max" in meta and length > meta["max"]:
        _fail(path.rstrip("."), f"Member must have length less than or equal to {meta['max']}")
