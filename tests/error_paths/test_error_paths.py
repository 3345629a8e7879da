"""Generated error-path tests: every API call of every scenario in scenarios.yml fails once per kind of error.

For each call the task made when nothing failed, and each kind of error (AccessDenied, not found, validation,
throttling past the retries, 5xx past the retries), the emulator answers only that call with that error, and:
- the task fails with a message that names the operation in the module's own words (and the IAM action for
  AccessDenied): the AWS message is removed before looking, so a message that only repeats AWS's does not count;
- no traceback (any exception other than the module's exit);
- nothing half-done reported as success: a denied, throttled, 5xx or invalid call never ends in a success. A
  "not found" may be success only on a read or a removal (the resource is then absent).
Findings that are known today are listed in known_failures.txt; one that no longer happens fails too, so the
list only shrinks. Every result is also written to .tmp/error-paths/report.json.
"""

import json
import os
import re

import pytest
import yaml

HERE = os.path.dirname(__file__)
with open(os.path.join(HERE, "scenarios.yml"), encoding="utf-8") as scenarios_file:
    SCENARIOS = yaml.safe_load(scenarios_file)
KINDS = ("access_denied", "not_found", "validation", "throttle", "error")
READ = re.compile(r"^(Get|List|Describe|Search|BatchGet|Head)")
REMOVAL = re.compile(r"^(Delete|Deregister|Untag|Revoke|Disassociate|Cancel|Disable)")
REPORT = os.path.join(HERE, "..", "..", ".tmp", "error-paths")


def known_failures():
    path = os.path.join(HERE, "known_failures.txt")
    with open(path, encoding="utf-8") as handle:
        return {line.split("#")[0].strip() for line in handle if line.split("#")[0].strip()}


def cases():
    return [
        pytest.param(module, scenario, id=f"{module}-{scenario.replace(' ', '_')}")
        for module, scenarios in SCENARIOS.items()
        if not module.startswith("_")
        for scenario in scenarios
    ]


def fill(value, saved):
    if isinstance(value, str):
        for key, found in saved.items():
            value = value.replace("{" + key + "}", found)
        return value
    if isinstance(value, list):
        return [fill(v, saved) for v in value]
    if isinstance(value, dict):
        return {k: fill(v, saved) for k, v in value.items() if k != "<<"}
    return value


def flatten(steps):
    for step in steps:
        yield from flatten(step) if isinstance(step, list) else [step]


def prepare(emulator, run_module, module, steps):
    """Run the scenario's `before` steps with no fault; returns the values they saved."""
    saved = {}
    for step in flatten(steps or []):
        if "aws" in step:
            service, operation = step["aws"].split(".")
            answer = getattr(emulator.client(service), operation)(**fill(step.get("params", {}), saved))
            saved.update({name: answer[key] for name, key in (step.get("save") or {}).items()})
            continue
        name, args = (step["module"], step["args"]) if "module" in step else (module, step)
        result, failed = run_module(name, fill(args, saved))
        assert not failed, f"setup step {name} failed: {result.get('msg')}"
    return saved


def calls_made(emulator, module):
    seen = []
    for entry in emulator.control("/_emulator/requests"):
        call = f"{entry['service']}:{entry['operation']}"
        if entry.get("module") == module and call not in seen:
            seen.append(call)
    return seen


def injected_message(call, kind):
    """What the emulator itself writes (faults.py), removed before looking for the module's own words."""
    operation = call.split(":")[1]
    return {
        "access_denied": f"User: arn:aws:iam::123456789012:user/emulator is not authorized to perform: {call} "
        f"because no identity-based policy allows the {call} action",
        "not_found": f"The resource that {operation} names does not exist (injected).",
        "validation": f"A parameter of {operation} is not valid (injected).",
        "throttle": "Rate exceeded",
        "error": "An internal error occurred (injected).",
    }[kind]


def judge(call, kind, outcome, hits):
    """The finding for one run, or None when the module behaved."""
    operation = call.split(":")[1]
    if hits == 0 or not isinstance(outcome, tuple):  # not reached (another path was taken), or a traceback
        return None if hits == 0 else f"traceback: {type(outcome).__name__}: {str(outcome)[:200]}"
    result, failed = outcome
    if not failed:
        absent_is_fine = kind == "not_found" and (READ.match(operation) or REMOVAL.match(operation))
        return None if absent_is_fine else f"reported success (changed={result.get('changed')}) although {call} answered {kind}"
    own_words = str(result.get("msg", "")).replace(injected_message(call, kind), "")
    checks = [
        ("Traceback (most recent call last)" not in own_words, "traceback in the message"),
        (kind != "access_denied" or call in own_words, f"the message does not name the IAM action {call}: {own_words[:200]}"),
        (operation in own_words, f"the message does not name {operation}: {own_words[:200]}"),
    ]
    return next((finding for ok, finding in checks if not ok), None)


@pytest.mark.parametrize(("module", "scenario"), cases())
def test_every_call_fails_cleanly(emulator, run_module, module, scenario):
    spec = SCENARIOS[module][scenario]
    emulator.reset()
    saved = prepare(emulator, run_module, module, spec.get("before"))
    emulator.control("/_emulator/counters/reset", {})
    result, failed = run_module(module, fill(spec["run"], saved))
    assert not failed, f"the scenario itself fails without any fault: {result.get('msg')}"
    calls = calls_made(emulator, module)
    assert calls, "the scenario made no API call"

    known = known_failures()
    findings, fixed, rows = [], [], []
    for call in calls:
        for kind in KINDS:
            emulator.reset()
            saved = prepare(emulator, run_module, module, spec.get("before"))
            emulator.control("/_emulator/faults/targeted", {"operation": call, "kind": kind})
            try:
                outcome = run_module(module, fill(spec["run"], saved))
            except Exception as exc:  # the module let it escape: Ansible would print a traceback
                outcome = exc
            hits = emulator.control("/_emulator/faults/targeted")["hits"].get(call, 0)
            finding = judge(call, kind, outcome, hits)
            key = f"{module} {scenario.replace(' ', '_')} {call} {kind}"
            rows.append({"key": key, "hits": hits, "finding": finding})
            if finding and key not in known:
                findings.append(f"{key}: {finding}")
            if not finding and hits and key in known:
                fixed.append(key)
    os.makedirs(REPORT, exist_ok=True)
    with open(os.path.join(REPORT, f"{module}-{scenario.replace(' ', '_')}.json"), "w", encoding="utf-8") as handle:
        json.dump(rows, handle, indent=1)
    problems = [f"new: {f}" for f in findings] + [f"fixed, remove from known_failures.txt: {k}" for k in fixed]
    assert not problems, "\n".join(problems)
