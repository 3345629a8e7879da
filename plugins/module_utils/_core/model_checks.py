# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A request checked against botocore's model before the call: members that do not fit the call,
missing or mistyped values (botocore's own validation), and values outside an enum or a pattern
(which botocore does not check on the client). Faults name the option in snake_case.

Name, region, tag and account checks are not here; they live with the checks of their own idea."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from typing import Any

try:
    from botocore.exceptions import ParamValidationError
    from botocore.validate import validate_parameters
except ImportError:
    pass  # AnsibleAWSModule reports the missing library

from .transforms import to_snake

if TYPE_CHECKING:
    from .base import ImageForgeModule


def _snake(name: str) -> str:
    return next(iter(to_snake({name: None})))


def check_call(module: ImageForgeModule, client: Any, operation: str, request: dict, what: str) -> None:
    """Fail the task, before the call, when `request` does not fit `operation` (snake_case name) of `client`."""
    api_name = "".join(part.capitalize() for part in operation.split("_"))
    shape = client.meta.service_model.operation_model(api_name).input_shape
    problem = model_problem(shape, request, "")
    if problem:
        module.fail_json(msg=f"invalid {what} options: {problem}")
    token = {m: "0" * 36 for m in ("clientToken", "ClientToken") if m in shape.members}
    try:
        validate_parameters(dict(token, **request), shape)
    except ParamValidationError as exc:
        module.fail_json(msg=f"invalid {what} options: {exc}")


def option_path(path: str) -> str:
    """`imageScanningConfiguration.scanResultCondition` -> `image_scanning_configuration.scan_result_condition`."""
    return ".".join(part if part.startswith("[") else _snake(part) for part in re.split(r"\.(?![^\[]*\])", path))


def model_problem(shape: Any, value: Any, path: str) -> str | None:
    """The first member or value of `value` that `shape` refuses, as text naming the option; else None."""
    if value is None:
        return None
    if shape.type_name == "structure" and isinstance(value, dict):
        for key, inner in value.items():
            where = f"{path}.{key}" if path else key
            member = shape.members.get(key)
            if member is None:
                return f"{option_path(where)} does not fit {shape.name}; it takes {', '.join(map(_snake, shape.members))}"
            found = model_problem(member, inner, where)
            if found:
                return found
    elif shape.type_name == "list" and isinstance(value, list):
        for i, inner in enumerate(value):
            found = model_problem(shape.member, inner, f"{path}[{i}]")
            if found:
                return found
    elif shape.type_name == "string" and shape.enum and value not in shape.enum:
        return f"{option_path(path)} is {value!r}; it must be one of {', '.join(shape.enum)}"
    elif shape.type_name == "string" and isinstance(value, str) and not _fits_pattern(shape.metadata.get("pattern"), value):
        return f"{option_path(path)} is {value!r}; it must match {shape.metadata['pattern']}"
    return None


def _fits_pattern(pattern: Any, value: Any) -> bool:
    if not pattern:
        return True
    try:
        return re.search(pattern, value) is not None
    except re.error:  # a pattern Python cannot read is AWS's to enforce
        return True
