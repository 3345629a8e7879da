"""How far a build has got, computed from timestamps on each read (no background threads), and
whether a component makes it fail (a step whose commands `exit` non-zero)."""

import os
import re
import time

import yaml

# Share of the build time at which each phase starts; AVAILABLE at 1.0.
PHASES = (("PENDING", 0.0), ("BUILDING", 0.1), ("TESTING", 0.5), ("DISTRIBUTING", 0.75))
RUNNING = ("PENDING", "CREATING", "BUILDING", "TESTING", "DISTRIBUTING", "INTEGRATING")
FAILING_EXIT = re.compile(r"\bexit\s+([1-9][0-9]*)\b")
PHASE_STAGE = {"build": "BUILDING", "validate": "BUILDING", "test": "TESTING"}

_settings = {"build_seconds": None}


def build_seconds():
    """`POST /_emulator/build_seconds` wins over EMULATOR_BUILD_SECONDS; default 4 s."""
    if _settings["build_seconds"] is not None:
        return _settings["build_seconds"]
    return float(os.environ.get("EMULATOR_BUILD_SECONDS", 4))


def set_build_seconds(seconds):
    _settings["build_seconds"] = None if seconds is None else float(seconds)
    return build_seconds()


def clock():
    return time.time()


def phases(tests_enabled, skip_build=False):
    """[(status, start share)]: without tests, BUILDING lasts until DISTRIBUTING."""
    chosen = [p for p in PHASES if tests_enabled or p[0] != "TESTING"]
    return [p for p in chosen if not (skip_build and p[0] == "BUILDING")]


def phase_start(timeline, status):
    return dict(timeline).get(status, 0.0)


def status_at(timeline, elapsed_share):
    """Status reached after `elapsed_share` of the build time."""
    current = timeline[0][0]
    for status, start in timeline:
        if elapsed_share >= start:
            current = status
    return "AVAILABLE" if elapsed_share >= 1.0 else current


def phase_end(timeline, status):
    starts = [start for _status, start in timeline]
    index = [s for s, _start in timeline].index(status)
    return starts[index + 1] if index + 1 < len(starts) else 1.0


def first_failure(components, tests_enabled):
    """(stage, componentFailure) of the first step that exits non-zero, or None.

    `components` is [(component ARN, document text)], in recipe order."""
    for stage in ("BUILDING", "TESTING"):
        if stage == "TESTING" and not tests_enabled:
            continue
        for arn, text in components:
            for phase, step, code in _failing_steps(text):
                if PHASE_STAGE.get(phase) == stage:
                    return stage, {"componentArn": arn, "phaseName": phase, "stepName": step["name"],
                                   "action": step.get("action"),
                                   "errorMessage": f"Command exited with code {code}."}
    return None


def _failing_steps(text):
    try:
        document = yaml.safe_load(text) or {}
    except yaml.YAMLError:
        return
    if not isinstance(document, dict):
        return
    for phase in document.get("phases") or []:
        for step in phase.get("steps") or []:
            inputs = step.get("inputs")  # a list for actions such as CreateFile
            commands = (inputs.get("commands") or []) if isinstance(inputs, dict) else []
            for command in commands if isinstance(commands, list) else [commands]:
                match = FAILING_EXIT.search(str(command))
                if match:
                    yield phase.get("name"), step, int(match.group(1))
                    break
