# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Local validation of Image Builder workflow documents (schemaVersion 1.0), before any API call."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

STEP_ACTIONS = frozenset((
    "ApplyImageConfigurations", "BootstrapInstanceForContainer", "CollectImageMetadata", "CollectImageScanFindings",
    "CreateImage", "DistributeImage", "ExecuteComponents", "ExecuteStateMachine", "LaunchInstance",
    "ModifyImageAttributes", "RegisterImage", "RunCommand", "RunSysPrep", "SanitizeInstance", "TerminateInstance",
    "WaitForAction", "WaitForSSMAgent",
))
TOP_KEYS = frozenset(("name", "description", "schemaVersion", "parameters", "steps", "outputs"))
STEP_KEYS = frozenset(("name", "action", "description", "onFailure", "if", "inputs", "timeoutSeconds", "rollbackEnabled"))
ON_FAILURE = ("Abort", "Continue")
PARAMETER_TYPES = ("string", "integer", "boolean", "stringList")
STEP_NAME_RE = re.compile(r"^[A-Za-z][A-Za-z0-9-_]{1,99}$")
STEP_OUTPUT_RE = re.compile(r"\$\.stepOutputs\.([A-Za-z][A-Za-z0-9-_]*)")
PARAMETER_REF_RE = re.compile(r"\$\.parameters\.([A-Za-z0-9_-]+)")


def validate(doc: Any) -> list[Any]:
    """A list of problems, each a string naming where and what; empty when the document is valid."""
    if not isinstance(doc, dict):
        return ["the workflow document must be a mapping with schemaVersion and steps"]
    problems = [f"unknown top-level key '{k}'" for k in sorted(set(doc) - TOP_KEYS, key=str)]
    if str(doc.get("schemaVersion")) not in ("1.0", "1"):
        problems.append(f"schemaVersion must be 1.0, got {doc.get('schemaVersion')!r}")
    parameters = _check_parameters(doc.get("parameters"), problems)
    steps = doc.get("steps")
    if not isinstance(steps, list) or not steps:
        problems.append("steps must be a non-empty list")
        return problems
    seen: list[str] = []
    for index, step in enumerate(steps):
        _check_step(step, index, seen, parameters, problems)
        if isinstance(step, dict) and isinstance(step.get("name"), str):
            seen.append(step["name"])
    outputs = doc.get("outputs") or []
    if not isinstance(outputs, list):
        problems.append("outputs must be a list")
        outputs = []
    for index, output in enumerate(outputs):
        where = f"outputs[{index}]"
        if not isinstance(output, dict) or not output.get("name") or "value" not in output:
            problems.append(f"{where}: an output needs name and value")
            continue
        _check_refs(output["value"], where, seen, parameters, problems)
    return problems


def _check_parameters(parameters: Any, problems: list[str]) -> set[str]:
    names: set[str] = set()
    if parameters is None:
        return names
    if not isinstance(parameters, list):
        problems.append("parameters must be a list")
        return names
    for index, param in enumerate(parameters):
        where = f"parameters[{index}]"
        if not isinstance(param, dict) or not param.get("name") or not isinstance(param["name"], str):
            problems.append(f"{where}: a parameter needs a name")
            continue
        if not isinstance(param.get("type"), str) or param["type"] not in PARAMETER_TYPES:
            problems.append(f"{where} ({param['name']}): type must be one of {', '.join(PARAMETER_TYPES)}")
        if param["name"] in names:
            problems.append(f"{where}: parameter name '{param['name']}' is used twice")
        names.add(param["name"])
    return names


def _check_step(step: Any, index: int, earlier: Any, parameters: set[str], problems: list[str]) -> None:
    where = f"steps[{index}]"
    if not isinstance(step, dict):
        problems.append(f"{where}: a step must be a mapping")
        return
    name = step.get("name")
    if not isinstance(name, str) or not STEP_NAME_RE.match(name):
        problems.append(f"{where}: name {name!r} must start with a letter and use letters, digits, - and _ (2-100)")
    else:
        where = f"step '{name}'"
        if name in earlier:
            problems.append(f"{where}: the step name is used twice; step names must be unique")
    problems.extend(f"{where}: unknown key '{k}'" for k in sorted(set(step) - STEP_KEYS, key=str))
    action = step.get("action")
    if not isinstance(action, str) or action not in STEP_ACTIONS:
        problems.append(f"{where}: action {action!r} is not a workflow step action ({', '.join(sorted(STEP_ACTIONS))})")
    if "onFailure" in step and step["onFailure"] not in ON_FAILURE:
        problems.append(f"{where}: onFailure must be Abort or Continue, got {step['onFailure']!r}")
    timeout = step.get("timeoutSeconds")
    if "timeoutSeconds" in step and not (isinstance(timeout, int) and not isinstance(timeout, bool) and timeout > 0):
        problems.append(f"{where}: timeoutSeconds must be a positive integer")
    if "if" in step and not isinstance(step["if"], dict):
        problems.append(f"{where}: if must be a condition mapping")
    for key in ("inputs", "if"):
        if key in step:
            _check_refs(step[key], where, earlier, parameters, problems)


def _check_refs(value: Any, where: Any, earlier: Any, parameters: set[str], problems: list[str]) -> None:
    """$.stepOutputs.<step> must name an earlier step; $.parameters.<name> a declared parameter."""
    for text in _strings(value):
        for ref in STEP_OUTPUT_RE.findall(text):
            if ref not in earlier:
                problems.append(f"{where}: $.stepOutputs.{ref} does not name an earlier step")
        for ref in PARAMETER_REF_RE.findall(text):
            if ref not in parameters:
                problems.append(f"{where}: $.parameters.{ref} is not a declared parameter")


def _strings(value: Any) -> Iterator[Any]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(key)
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
