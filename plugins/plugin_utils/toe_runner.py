# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The target-independent part of the local AWSTOE component runner.

Expression rendering, loop expansion, conditions, the onFailure / maxAttempts / timeout /
exit-194 state machine and the JUnit writer. Actions are run by an executor object:

    executor.supports(action) -> bool
    executor.run(action, inputs, timeout) -> ActionResult   (timeout: seconds or None)
    executor.reboot() -> bool                               (False: this target cannot reboot)
    executor.check(operator, operand) -> bool               (fileExists, folderExists, binaryExists, file hashes)
"""

from __future__ import annotations

import re
import time
from typing import Any
from xml.sax.saxutils import escape
from xml.sax.saxutils import quoteattr

EXPRESSION_RE = re.compile(r"\{\{\s*(.*?)\s*\}\}", re.S)
CHAIN_RE = re.compile(r"^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.(inputs|outputs)(?:\[(\d+)\])?\.([A-Za-z0-9_-]+)$")
LOOP_RE = re.compile(r"^([A-Za-z0-9_-]+)\.(index|value)$")
DEFAULT_TIMEOUT = 7200
REBOOT_EXIT_CODE = 194
TIMEOUT_EXIT_CODE = 124
TARGET_CHECKS = ("fileExists", "folderExists", "binaryExists",
                 "fileMD5Equals", "fileSHA1Equals", "fileSHA256Equals", "fileSHA512Equals")


class RunnerError(ValueError):
    """A fault of the document or of its parameters, found before or while rendering a step."""


class ActionResult:
    def __init__(self, rc: int = 0, stdout: str = "", stderr: str = "", outputs: Any = None, message: str = "", timed_out: bool = False) -> None:
        self.rc, self.stdout, self.stderr = rc, stdout or "", stderr or ""
        self.outputs = outputs if outputs is not None else {}
        self.message, self.timed_out = message, timed_out

    @property
    def ok(self) -> bool:
        return self.rc == 0 and not self.timed_out


# ---- variables and expressions -------------------------------------------------------------
def variables_of(doc: Any, supplied: Any = None) -> dict[str, Any]:
    """{name: value} from the document's constants and parameters, with `supplied` overriding defaults."""
    supplied = dict(supplied or {})
    values, declared = {}, set()
    for entry in doc.get("constants") or []:
        for name, spec in entry.items():
            values[name] = str((spec or {}).get("value", ""))
    for entry in doc.get("parameters") or []:
        for name, spec in entry.items():
            declared.add(name)
            if name in supplied:
                values[name] = _as_text(supplied.pop(name))
            elif "default" in (spec or {}):
                values[name] = _as_text(spec["default"])
            else:
                raise RunnerError(f"parameter {name} has no default; pass a value for it")
    if supplied:
        raise RunnerError(f"unknown parameters {', '.join(sorted(supplied))}; the document declares "
                          f"{', '.join(sorted(declared)) or 'none'}")
    return values


def _as_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


class Context:
    """What `{{ ... }}` can refer to: variables, step inputs/outputs by phase, loop values."""

    def __init__(self, variables: dict[str, Any]) -> None:
        self.variables = dict(variables)
        self.steps: dict[tuple[str, str], dict[str, Any]] = {}  # (phase, step) -> {"inputs": [...] or {...}, "outputs": {...}}
        self.loops: dict[str, tuple[int, Any]] = {}  # loop name -> (index, value); "loop" is the innermost

    def lookup(self, expr: str) -> Any:
        if expr in self.variables:
            return self.variables[expr]
        loop = LOOP_RE.match(expr)
        if loop and loop.group(1) in self.loops:
            index, value = self.loops[loop.group(1)]
            return index if loop.group(2) == "index" else value
        chain = CHAIN_RE.match(expr)
        if chain:
            phase, step, kind, position, field = chain.groups()
            record = self.steps.get((phase, step))
            if record is None:
                raise RunnerError(f"{{{{ {expr} }}}} refers to step {phase}.{step}, which has not run")
            data = record[kind]
            if isinstance(data, list):
                data = data[int(position or 0)] if int(position or 0) < len(data) else {}
            if field not in data:
                raise RunnerError(f"{{{{ {expr} }}}}: step {phase}.{step} has no {kind[:-1]} {field}")
            return data[field]
        raise RunnerError(f"{{{{ {expr} }}}} is not a parameter, constant, step input/output or loop value")

    def render(self, value: Any) -> Any:
        """Substitute every expression in strings, recursively. A string that is one whole
        expression keeps the value's type (a list of files stays a list)."""
        if isinstance(value, dict):
            return {k: self.render(v) for k, v in value.items()}
        if isinstance(value, list):
            return [self.render(v) for v in value]
        if not isinstance(value, str) or "{{" not in value:
            return value
        whole = EXPRESSION_RE.fullmatch(value.strip())
        if whole:
            return self.lookup(whole.group(1))
        return EXPRESSION_RE.sub(lambda m: _as_text(self.lookup(m.group(1))), value)


# ---- loops ---------------------------------------------------------------------------------
def expand_loop(loop: Any, context: Any) -> list[Any]:
    """[(index, value)] of a step's loop; [(None, None)] for a step without one."""
    if not loop:
        return [(None, None)]
    if "for" in loop:
        spec = loop["for"]
        start, end, by = int(spec["start"]), int(spec["end"]), int(spec["updateBy"])
        if by == 0 or (end - start) * by < 0:
            raise RunnerError(f"loop for {start}..{end} by {by} never reaches its end")
        values = list(range(start, end + (1 if by > 0 else -1), by))
    else:
        spec = context.render(loop["forEach"])
        values = str(spec["list"]).split(spec.get("delimiter", ",")) if isinstance(spec, dict) else [str(v) for v in spec]
    return list(enumerate(values))


# ---- conditions ----------------------------------------------------------------------------
def evaluate(condition: Any, context: Any, executor: Any) -> bool:
    """True/False for an Assert input or an `if` condition (already a dict with one operator)."""
    cond = {k: v for k, v in condition.items() if k not in ("then", "else")}
    op = next(k for k in cond if k not in ("value", "path"))
    operand = cond[op]
    if op in ("and", "or"):
        results = (evaluate(c, context, executor) for c in operand)
        return all(results) if op == "and" else any(results)
    if op == "not":
        return not evaluate(operand, context, executor)
    operand = context.render(operand)
    if op in TARGET_CHECKS:
        return bool(executor.check(op, operand if "path" not in cond else (context.render(cond["path"]), operand)))
    if op == "stringIsEmpty":
        return str(operand) == ""
    if op == "stringIsWhitespace":
        return str(operand).strip() == ""
    actual = context.render(cond.get("value"))
    return _compare(op, operand, actual)


def _compare(op: Any, expected: Any, actual: Any) -> bool:
    if op == "patternMatches":
        return re.search(str(expected), str(actual)) is not None
    family, relation = re.match(r"^(string|number|semVer)(.*)$", op).groups()
    if family == "number":
        a, b = float(actual), float(expected)
    elif family == "semVer":
        a, b = _semver(actual), _semver(expected)
    else:
        a, b = str(actual), str(expected)
    return {"Equals": a == b, "LessThan": a < b, "LessThanEquals": a <= b,
            "GreaterThan": a > b, "GreaterThanEquals": a >= b}[relation]


def _semver(text: str) -> tuple[int, ...]:
    core = str(text).split("-", 1)[0].split("+", 1)[0]
    return tuple(int(p) for p in core.split("."))


def if_decision(spec: dict[str, Any], context: Any, executor: Any) -> str:
    """Execute, Skip or Abort for a step's `if`."""
    if isinstance(spec, list):
        spec = spec[0]
    matched = evaluate(spec, context, executor)
    return spec.get("then", "Execute") if matched else spec.get("else", "Skip")


# ---- the state machine ---------------------------------------------------------------------
class Runner:
    def __init__(self, doc: Any, executor: Any, parameters: dict[str, Any] | None = None, phases: Any = None, max_reboots: int = 5, tail_lines: int = 20,
                 clock: Any = time.monotonic) -> None:
        self.doc, self.executor = doc, executor
        self.context = Context(variables_of(doc, parameters))
        self.phases = phases
        self.max_reboots, self.tail_lines, self.clock = max_reboots, tail_lines, clock
        self.reboots = 0
        self.warnings: list[str] = []

    def run(self) -> dict[str, Any]:
        steps, failed, aborted = [], False, False
        started = self.clock()
        for phase in self.doc.get("phases") or []:
            if self.phases is not None and phase["name"] not in self.phases:
                continue
            for step in phase.get("steps") or []:
                if aborted:
                    steps.append(self._record(phase["name"], step, "not_run", 0, message="an earlier step aborted the run"))
                    continue
                record = self.run_step(phase["name"], step)
                steps.append(record)
                if record["status"] == "failed":
                    failed = True
                    aborted = aborted or step.get("onFailure", "Abort") == "Abort"
        counts = {s: sum(1 for r in steps if r["status"] == s) for s in ("success", "failed", "ignored", "skipped", "not_run")}
        return dict(status="failed" if failed else "success", steps=steps, counts=counts, reboots=self.reboots,
                    duration=round(self.clock() - started, 3), warnings=self.warnings)

    def run_step(self, phase: Any, step: Any) -> dict[str, Any]:
        name, action = step["name"], step["action"]
        started = self.clock()
        if action != "Assert" and not self.executor.supports(action):
            message = f"action {action} is not supported by the local runner; step {phase}.{name} was skipped"
            self.warnings.append(message)
            return self._record(phase, step, "skipped", 0, message=message)
        try:
            if "if" in step:
                decision = if_decision(step["if"], self.context, self.executor)
                if decision == "Skip":
                    return self._record(phase, step, "skipped", 0, message="if condition decided Skip")
                if decision == "Abort":
                    return self._record(phase, step, "failed", 0, message="if condition decided Abort")
            attempts, result = self._attempts(phase, step)
        except RunnerError as exc:
            attempts, result = 1, ActionResult(rc=1, message=str(exc))
        status = "success" if result.ok else "failed"
        if status == "failed" and step.get("onFailure", "Abort") == "Ignore":
            status = "ignored"
        return self._record(phase, step, status, self.clock() - started, result=result, attempts=attempts)

    def _attempts(self, phase: Any, step: Any) -> tuple[Any, ...]:
        max_attempts = int(step.get("maxAttempts", 1) or 1)
        timeout = int(step.get("timeoutSeconds", DEFAULT_TIMEOUT))
        timeout = None if timeout == -1 else timeout
        attempt = 0
        while True:
            attempt += 1
            result = self._iterations(phase, step, timeout)
            if result.rc == REBOOT_EXIT_CODE and not result.timed_out:
                if self.reboots >= self.max_reboots:
                    result.message = f"exit code 194 asked for more than {self.max_reboots} reboots"
                    return attempt, result
                if not self.executor.reboot():
                    result.message = "exit code 194 asks for a reboot, which this target cannot do"
                    return attempt, result
                self.reboots += 1
                attempt -= 1  # a reboot-and-resume is not a failed attempt
                continue
            if result.ok or attempt >= max_attempts:
                return attempt, result

    def _iterations(self, phase: str, step: dict[str, Any], timeout: float | None) -> ActionResult:
        action = step["action"]
        loop = step.get("loop")
        loop_name = (loop or {}).get("name")
        result = ActionResult()
        for index, value in expand_loop(loop, self.context):
            if loop:
                self.context.loops["loop"] = (index, value)
                if loop_name:
                    self.context.loops[loop_name] = (index, value)
            inputs = step.get("inputs")
            rendered = inputs if action == "Assert" else self.context.render(inputs)
            if action == "Assert":
                ok = evaluate(inputs, self.context, self.executor)
                result = ActionResult(rc=0 if ok else 1, message="" if ok else "assertion is false")
            else:
                result = self.executor.run(action, rendered, timeout)
            if timeout is not None and result.timed_out:
                result.message = result.message or f"timed out after {timeout} seconds"
            self.context.steps[(phase, step["name"])] = {"inputs": rendered, "outputs": result.outputs}
            if not result.ok:
                break
        for key in ("loop", loop_name or "loop"):
            self.context.loops.pop(key, None)
        return result

    def _record(self, phase: Any, step: Any, status: Any, duration: Any, result: Any = None, attempts: int = 0, message: str = "") -> dict[str, Any]:
        result = result or ActionResult(message=message)
        return dict(phase=phase, name=step["name"], action=step["action"], status=status,
                    duration=round(duration, 3), attempts=attempts, exit_code=result.rc if attempts else None,
                    outputs=result.outputs, message=result.message or message,
                    stdout_tail=_tail(result.stdout, self.tail_lines), stderr_tail=_tail(result.stderr, self.tail_lines))


def _tail(text: str, lines: Any) -> str:
    return "\n".join(text.rstrip("\n").splitlines()[-lines:]) if text else ""


# ---- JUnit ---------------------------------------------------------------------------------
def junit_xml(report: dict[str, Any], suite_name: Any) -> str:
    """A JUnit XML document: one testsuite per phase, one testcase per step."""
    out = ['<?xml version="1.0" encoding="UTF-8"?>', "<testsuites>"]
    phases = []
    for step in report["steps"]:
        if step["phase"] not in phases:
            phases.append(step["phase"])
    for phase in phases:
        cases = [s for s in report["steps"] if s["phase"] == phase]
        failures = sum(1 for s in cases if s["status"] == "failed")
        skipped = sum(1 for s in cases if s["status"] in ("skipped", "not_run"))
        total = sum(s["duration"] for s in cases)
        out.append(f"  <testsuite name={quoteattr(suite_name + '.' + phase)} tests=\"{len(cases)}\" "
                   f"failures=\"{failures}\" errors=\"0\" skipped=\"{skipped}\" time=\"{total:.3f}\">")
        for case in cases:
            out.append(f"    <testcase classname={quoteattr(suite_name + '.' + phase)} name={quoteattr(case['name'])} "
                       f"time=\"{case['duration']:.3f}\">")
            if case["status"] == "failed":
                out.append(f"      <failure message={quoteattr(case['message'] or 'exit code ' + str(case['exit_code']))}>"
                           f"{escape(case['stderr_tail'] or case['stdout_tail'])}</failure>")
            elif case["status"] in ("skipped", "not_run"):
                out.append(f"      <skipped message={quoteattr(case['message'])}/>")
            if case["stdout_tail"]:
                out.append(f"      <system-out>{escape(case['stdout_tail'])}</system-out>")
            if case["stderr_tail"]:
                out.append(f"      <system-err>{escape(case['stderr_tail'])}</system-err>")
            out.append("    </testcase>")
        out.append("  </testsuite>")
    out.append("</testsuites>")
    return "\n".join(out) + "\n"
