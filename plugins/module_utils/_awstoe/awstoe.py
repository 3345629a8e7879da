# -*- coding: utf-8 -*-
# Copyright: Contributors to the imageforge.image_builder collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Local validator for AWSTOE component documents.

Pure Python (stdlib, plus PyYAML when it is installed).  Nothing here raises on
bad input: every fault in a document becomes a :class:`Problem`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from collections.abc import Iterator
from typing import Any

try:
    import yaml
    HAS_YAML = True
except ImportError:  # pragma: no cover - exercised only without PyYAML
    yaml = None
    HAS_YAML = False

# Image Builder's CreateComponent accepts at most this many characters of inline `data`.
INLINE_DATA_LIMIT = 16000

SCHEMA_VERSION = "1.0"
PLATFORMS = ("Linux", "Windows", "macOS")
# AWSTOE runs phases in document order; Image Builder runs build+validate in its
# build stage and test phases in its test stage, and chaining cannot cross stages.
PHASE_STAGE = {"build": "build", "validate": "build", "test": "test", "container-host-test": "test"}
ON_FAILURE = ("Abort", "Continue", "Ignore")
STEP_KEYS = ("name", "action", "timeoutSeconds", "onFailure", "maxAttempts", "inputs", "loop", "if")
TOP_KEYS = ("name", "description", "schemaVersion", "parameters", "constants", "phases")
NAME_RE = re.compile(r"^[A-Za-z0-9_-]+$")
VARIABLE_NAME_RE = re.compile(r"^[A-Za-z0-9_-]{3,128}$")
EXPRESSION_RE = re.compile(r"\{\{(.*?)\}\}", re.S)
REFERENCE_RE = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.\-\[\]]*$")
CHAIN_RE = re.compile(r"^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.(inputs|outputs)(?:\[(\d+)\])?\.([A-Za-z0-9_-]+)$")
LOOP_REF_RE = re.compile(r"^([A-Za-z0-9_-]+)\.(index|value)$")
ENCODINGS = ("utf8", "utf-8", "utf16", "utf-16", "utf16-le", "utf-16-le", "utf16-be", "utf-16-be",
             "utf32", "utf-32", "utf32-le", "utf-32-le", "utf32-be", "utf-32-be")
DELIMITERS = (".", ",", ";", ":", "\n", "\t", " ", "-", "_")
MAX_CONDITION_DEPTH = 4
MAX_NODES = 200000

# Input field types: str (a scalar; numbers are accepted), text (must be a YAML string),
# bool, int, strlist, map, any.
_FILE_OPS = {
    "AppendFile": {"path": ("str", True), "content": ("str", False), "encoding": ("encoding", False)},
    "CopyFile": {"source": ("str", True), "destination": ("str", True), "overwrite": ("bool", False)},
    "CopyFolder": {"source": ("str", True), "destination": ("str", True), "overwrite": ("bool", False)},
    "CreateFile": {"path": ("str", True), "content": ("str", False), "encoding": ("encoding", False),
                   "owner": ("str", False), "group": ("str", False), "permissions": ("text", False),
                   "overwrite": ("bool", False)},
    "CreateFolder": {"path": ("str", True), "owner": ("str", False), "group": ("str", False),
                     "permissions": ("text", False), "overwrite": ("bool", False)},
    "CreateSymlink": {"path": ("str", True), "target": ("str", True), "force": ("bool", False)},
    "DeleteFile": {"path": ("str", True)},
    "DeleteFolder": {"path": ("str", True), "force": ("bool", False)},
    "ListFiles": {"path": ("str", True), "fileNamePattern": ("str", False), "recursive": ("bool", False)},
    "MoveFile": {"source": ("str", True), "destination": ("str", True), "overwrite": ("bool", False)},
    "MoveFolder": {"source": ("str", True), "destination": ("str", True), "overwrite": ("bool", False)},
    "ReadFile": {"path": ("str", True), "encoding": ("encoding", False), "printFileContent": ("bool", False)},
    "SetFileEncoding": {"path": ("str", True), "encoding": ("encoding", False)},
    "SetFileOwner": {"path": ("str", True), "owner": ("str", True), "group": ("str", False)},
    "SetFolderOwner": {"path": ("str", True), "owner": ("str", True), "group": ("str", False),
                       "recursive": ("bool", False)},
    "SetFilePermissions": {"path": ("str", True), "permissions": ("text", True)},
    "SetFolderPermissions": {"path": ("str", True), "permissions": ("text", True), "recursive": ("bool", False)},
}
_MSI = {"path": ("str", True), "reboot": ("choice:Allow,Force,Skip", False), "logOptions": ("str", False),
        "logFile": ("str", False), "properties": ("map", False),
        "ignoreAuthenticodeSignatureErrors": ("bool", False), "allowUnsignedInstaller": ("bool", False)}

# action -> (inputs shape, fields, output fields); shape is "map", "list" or "condition".
ACTIONS = {
    "Assert": ("condition", {}, ()),
    "ExecuteBash": ("map", {"commands": ("strlist", True)}, ("stdout",)),
    "ExecuteBinary": ("map", {"path": ("str", True), "arguments": ("strlist", False)}, ("stdout",)),
    "ExecuteDocument": ("map", {"document": ("str", True), "document-s3-bucket-owner": ("str", False),
                                "phases": ("str", False), "parameters": ("namevalues", False)},
                        ("executedStepCount", "executionId", "failedStepCount", "failureMessage",
                         "ignoredFailedStepCount", "logUrl", "status")),
    "ExecutePowerShell": ("map", {"commands": ("strlist", False), "file": ("str", False)}, ("stdout",)),
    "S3Download": ("list", {"source": ("str", True), "destination": ("str", True),
                            "expectedBucketOwner": ("str", False), "overwrite": ("bool", False)}, ()),
    "S3Upload": ("list", {"source": ("str", True), "destination": ("str", True), "recurse": ("bool", False),
                          "expectedBucketOwner": ("str", False)}, ()),
    "WebDownload": ("list", {"source": ("str", True), "destination": ("str", True), "overwrite": ("bool", False),
                             "checksum": ("str", False), "algorithm": ("choice:MD5,SHA1,SHA256,SHA512", False),
                             "ignoreCertificateErrors": ("bool", False)}, ("destination",)),
    "InstallMSI": ("map", _MSI, ("logFile", "msiExitCode", "stdout")),
    "UninstallMSI": ("map", _MSI, ("logFile", "msiExitCode", "stdout")),
    "Reboot": ("map", {"delaySeconds": ("int", False)}, ()),
    "SetRegistry": ("list", {"path": ("str", True), "name": ("str", True), "value": ("any", True),
                             "type": ("choice:BINARY,DWORD,QWORD,SZ,EXPAND_SZ,MULTI_SZ", True)}, ()),
    "UpdateOS": ("map", {"include": ("strlist", False), "exclude": ("strlist", False)}, ()),
}
for _name, _fields in _FILE_OPS.items():
    ACTIONS[_name] = ("list", _fields, {"ListFiles": ("files",), "ReadFile": ("content",)}.get(_name, ()))
INPUTS_OPTIONAL = ("Reboot", "UpdateOS")
LINUX_ONLY = ("CreateSymlink", "SetFileOwner", "SetFolderOwner", "SetFilePermissions", "SetFolderPermissions")
WINDOWS_ONLY = ("ExecutePowerShell", "InstallMSI", "UninstallMSI", "SetRegistry")
NOT_ON_WINDOWS = ("ExecuteBash", *LINUX_ONLY)
NOT_ON_WINDOWS_INPUTS = ("owner", "group", "permissions")  # CreateFile / CreateFolder
REGISTRY_PREFIXES = ("HKEY_CLASSES_ROOT", "HKCR:", "HKEY_USERS", "HKU:", "HKEY_LOCAL_MACHINE", "HKLM:",
                     "HKEY_CURRENT_CONFIG", "HKCC:", "HKEY_CURRENT_USER", "HKCU:")

UNARY_OPERATORS = ("stringIsEmpty", "stringIsWhitespace", "binaryExists", "fileExists", "folderExists")
VALUE_OPERATORS = ("stringEquals", "stringLessThan", "stringLessThanEquals", "stringGreaterThan",
                   "stringGreaterThanEquals", "patternMatches",
                   "numberEquals", "numberLessThan", "numberLessThanEquals", "numberGreaterThan",
                   "numberGreaterThanEquals",
                   "semVerEquals", "semVerLessThan", "semVerLessThanEquals", "semVerGreaterThan",
                   "semVerGreaterThanEquals")
FILE_HASH_OPERATORS = ("fileMD5Equals", "fileSHA1Equals", "fileSHA256Equals", "fileSHA512Equals")
LOGICAL_OPERATORS = ("and", "or", "not")
STEP_DECISIONS = ("Abort", "Execute", "Skip")


class Problem:
    """One fault in a document: where it is (`path`) and what is wrong (`message`)."""

    __slots__ = ("message", "path", "phase", "step")

    def __init__(self, path: str, message: str, phase: Any = None, step: Any = None) -> None:
        self.path = path
        self.message = message
        self.phase = phase
        self.step = step

    def __str__(self) -> str:
        if self.phase is not None and self.step is not None:
            return "phase '%s', step '%s': %s" % (self.phase, self.step, self.message)
        if self.phase is not None:
            return "phase '%s': %s" % (self.phase, self.message)
        if self.path:
            return "%s: %s" % (self.path, self.message)
        return self.message

    def __repr__(self) -> str:
        return "Problem(%r, %r)" % (self.path, self.message)

    def as_dict(self) -> dict[str, Any]:
        return {"path": self.path, "message": self.message, "text": str(self)}


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return "a %s" % type(value).__name__


def _show(value: Any, limit: int = 60) -> str:
    """A short, quoted rendering of a value for messages."""
    text = value if isinstance(value, str) else repr(value)
    text = text.replace("\n", "\\n").replace("\t", "\\t")
    text = text if len(text) <= limit else text[:limit - 3] + "..."
    return "'%s'" % text if isinstance(value, str) else text


def _is_expression(value: Any) -> bool:
    return isinstance(value, str) and "{{" in value


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


class _Step:
    """What later steps need to know about an earlier one."""

    def __init__(self, phase: Any, name: str, action: Any, inputs: Any, loop_name: str | None, index: int | None) -> None:
        self.phase, self.name, self.action = phase, name, action
        self.inputs, self.loop_name, self.index = inputs, loop_name, index


class _Validator:
    def __init__(self, doc: Any, platform: str | None) -> None:
        self.doc = doc
        self.platform = platform
        self.problems = []
        self.variables = set()
        self.phase_order = []      # phase names in document order
        self.steps = {}            # (phase, step) -> _Step
        self.loop_owner = {}       # loop name -> (phase, step)
        self.nodes = 0

    def add(self, path: str, message: str, phase: str | None = None, step: str | None = None) -> None:
        self.problems.append(Problem(path, message, phase, step))

    # -- document -------------------------------------------------------
    def run(self) -> list[Problem]:
        doc = self.doc
        if not isinstance(doc, dict):
            self.add("", "a component document must be a mapping with schemaVersion and phases, not %s" % _kind(doc))
            return self.problems
        for key in doc:
            if key not in TOP_KEYS:
                self.add(str(key), "unknown top-level key %r; expected one of %s" % (key, ", ".join(TOP_KEYS)))
        self.check_schema_version(doc.get("schemaVersion", None), "schemaVersion" in doc)
        for key in ("name", "description"):
            if key in doc and not isinstance(doc[key], str):
                self.add(key, "%s must be a string, not %s" % (key, _kind(doc[key])))
        if self.platform is not None and self.platform not in PLATFORMS:
            self.add("", "platform %r is not one of %s" % (self.platform, ", ".join(PLATFORMS)))
            self.platform = None
        self.check_variables(doc.get("parameters"), "parameters", ("type", "default", "description"), ("type",))
        self.check_variables(doc.get("constants"), "constants", ("type", "value"), ("type", "value"))
        self.check_phases(doc.get("phases"), "phases" in doc)
        return self.problems

    def check_schema_version(self, value: Any, present: bool) -> None:
        if not present:
            self.add("schemaVersion", "schemaVersion is required and must be 1.0")
        elif isinstance(value, bool) or value not in (1.0, SCHEMA_VERSION):
            self.add("schemaVersion", "schemaVersion must be 1.0, not %s" % _show(value))

    def check_variables(self, items: Any, section: str, allowed: Any, required: Any) -> None:
        if items is None:
            return
        if not isinstance(items, list):
            self.add(section, "%s must be a list of single-key mappings, not %s" % (section, _kind(items)))
            return
        for index, item in enumerate(items):
            path = "%s[%d]" % (section, index)
            if not isinstance(item, dict) or len(item) != 1:
                self.add(path, "each entry of %s must be a mapping with exactly one key, the name" % section)
                continue
            name, spec = next(iter(item.items()))
            path = "%s[%s]" % (section, name)
            if not isinstance(name, str) or not VARIABLE_NAME_RE.match(name):
                self.add(path, "name %s must be 3 to 128 letters, digits, '-' or '_'" % _show(name))
                continue
            if name in self.variables:
                self.add(path, "name %r is declared more than once in parameters/constants" % name)
            self.variables.add(name)
            if not isinstance(spec, dict):
                self.add(path, "%r must map to a mapping with %s" % (name, ", ".join(allowed)))
                continue
            for key in spec:
                if key not in allowed:
                    self.add(path, "unknown key %r; expected %s" % (key, ", ".join(allowed)))
            for key in required:
                if key not in spec:
                    self.add(path, "%r requires %r" % (name, key))
            if "type" in spec and spec["type"] != "string":
                self.add(path, "type of %r must be 'string' (the only type AWSTOE supports), not %s"
                         % (name, _show(spec["type"])))
            if "description" in spec and not isinstance(spec["description"], str):
                self.add(path, "description of %r must be a string" % name)
            for key in ("default", "value"):
                if key in spec and isinstance(spec[key], (list, dict)):
                    self.add(path, "%s of %r must be a string, not %s" % (key, name, _kind(spec[key])))

    # -- phases and steps -----------------------------------------------
    def check_phases(self, phases: Any, present: bool) -> None:
        if not present:
            self.add("phases", "phases is required: a list with at least one of build, validate, test")
            return
        if not isinstance(phases, list) or not phases:
            self.add("phases", "phases must be a non-empty list, not %s" % _kind(phases))
            return
        for phase in phases:  # references may name any phase, so learn the order first
            name = phase.get("name") if isinstance(phase, dict) else None
            if isinstance(name, str) and name in PHASE_STAGE and name not in self.phase_order:
                self.phase_order.append(name)
        seen = set()
        for index, phase in enumerate(phases):
            path = "phases[%d]" % index
            if not isinstance(phase, dict):
                self.add(path, "each phase must be a mapping with name and steps, not %s" % _kind(phase))
                continue
            name = phase.get("name")
            if not isinstance(name, str) or name not in PHASE_STAGE:
                self.add(path, "phase name %s is not one of %s" % (_show(name), ", ".join(PHASE_STAGE)))
                continue
            path = "phases[%s]" % name
            if name in seen:
                self.add(path, "phase %r appears more than once; phase names must be unique" % name, name)
                continue
            seen.add(name)
            for key in phase:
                if key not in ("name", "steps"):
                    self.add(path, "unknown key %r in phase; expected name and steps" % (key,), name)
            self.check_steps(name, phase.get("steps"), path)

    def check_steps(self, phase: Any, steps: Any, path: str) -> None:
        if not isinstance(steps, list) or not steps:
            self.add(path + ".steps", "steps must be a non-empty list, not %s" % _kind(steps), phase)
            return
        names, loops = set(), set()
        for index, step in enumerate(steps):
            if not isinstance(step, dict):
                self.add("%s.steps[%d]" % (path, index), "step #%d must be a mapping, not %s"
                         % (index + 1, _kind(step)), phase)
                continue
            name = step.get("name")
            if not isinstance(name, str) or not NAME_RE.match(name):
                self.add("%s.steps[%d]" % (path, index), "step #%d has name %s; a step name is required and may "
                         "contain only letters, digits, '-' and '_'" % (index + 1, _show(name)), phase)
                name = "#%d" % (index + 1)
            elif name in names:
                self.add("%s.steps[%s]" % (path, name), "step name %r is used more than once in the phase"
                         % name, phase, name)
                name = "%s#%d" % (name, index + 1)
            names.add(name)
            self.check_step(phase, name, step, "%s.steps[%s]" % (path, name), index, loops)

    def check_step(self, phase: Any, name: str, step: Any, path: str, index: int, loops: Any) -> None:
        def add(message: str, where: str = "") -> None:
            self.add(path + where, message, phase, name)

        for key in step:
            if key not in STEP_KEYS:
                add("unknown step key %r; expected one of %s" % (key, ", ".join(STEP_KEYS)))
        action = step.get("action")
        if "action" not in step:
            add("action is required")
            action = None
        elif not isinstance(action, str) or action not in ACTIONS:
            add("unknown action %s; AWSTOE supports %s" % (_show(action), ", ".join(sorted(ACTIONS))))
            action = None
        self.check_step_settings(step, action, add)
        loop_name = self.check_loop(step.get("loop"), add, loops) if "loop" in step else None
        has_loop = "loop" in step
        if "if" in step:
            self.check_if(step["if"], add)
        inputs = step.get("inputs")
        if action is not None:
            self.check_platform(action, inputs, add)
            self.check_inputs(action, inputs, "inputs" in step, add)
        record = _Step(phase, name, action, inputs, loop_name, index)
        # references are checked before the step is recorded: a step cannot refer to itself
        for where, value in (("inputs", inputs), ("loop", step.get("loop")), ("if", step.get("if"))):
            self.check_references(value, record, has_loop, add, "." + where)
        self.steps[(phase, name)] = record
        if loop_name:
            self.loop_owner.setdefault(loop_name, (phase, name))

    def check_step_settings(self, step: Any, action: Any, add: Callable[..., None]) -> None:
        if "timeoutSeconds" in step:
            value = step["timeoutSeconds"]
            if not _is_int(value) or (value <= 0 and value != -1):
                add("timeoutSeconds must be a positive integer, or -1 for no timeout, not %s" % _show(value))
            elif action == "ExecuteDocument" and value != -1:
                add("ExecuteDocument does not accept a timeout; leave timeoutSeconds unset or -1")
        if "maxAttempts" in step:
            value = step["maxAttempts"]
            if not _is_int(value) or value < 1:
                add("maxAttempts must be a positive integer, not %s" % _show(value))
            elif action == "ExecuteDocument" and value != 1:
                add("ExecuteDocument runs once; leave maxAttempts unset or 1")
        if "onFailure" in step and step["onFailure"] not in ON_FAILURE:
            add("onFailure must be one of %s, not %s" % (", ".join(ON_FAILURE), _show(step["onFailure"])))

    def check_platform(self, action: Any, inputs: dict[str, Any], add: Callable[..., None]) -> None:
        if self.platform is None:
            return
        if self.platform == "Windows" and action in NOT_ON_WINDOWS:
            add("action %r is not supported on Windows" % action)
        elif self.platform != "Windows" and action in WINDOWS_ONLY:
            add("action %r runs only on Windows, not on %s" % (action, self.platform))
        elif self.platform == "Windows" and action in ("CreateFile", "CreateFolder"):
            for entry in inputs if isinstance(inputs, list) else []:
                if isinstance(entry, dict):
                    for key in NOT_ON_WINDOWS_INPUTS:
                        if key in entry:
                            add("input %r of %s is not supported on Windows" % (key, action))

    # -- inputs ---------------------------------------------------------
    def check_inputs(self, action: Any, inputs: dict[str, Any], present: bool, add: Callable[..., None]) -> None:
        shape, fields, _outputs = ACTIONS[action]
        if not present or inputs is None:
            if action not in INPUTS_OPTIONAL:
                required = [k for k, (_t, req) in sorted(fields.items()) if req]
                if action == "ExecutePowerShell":
                    add("action 'ExecutePowerShell' requires input 'commands' or 'file'", ".inputs")
                elif shape == "condition":
                    add("action 'Assert' requires inputs: one comparison or logical operator")
                elif required:
                    add("action %r requires input %r" % (action, required[0]), ".inputs")
                else:
                    add("action %r requires inputs" % action, ".inputs")
            return
        if shape == "condition":
            self.check_condition(inputs, add, ".inputs", 0)
            return
        if shape == "map":
            if not isinstance(inputs, dict):
                add("inputs of %r must be a mapping, not %s" % (action, _kind(inputs)), ".inputs")
                return
            self.check_fields(action, fields, inputs, add, ".inputs")
            return
        if not isinstance(inputs, list) or not inputs:
            add("inputs of %r must be a non-empty list of entries (each with %s), not %s"
                % (action, ", ".join(k for k, (_t, r) in fields.items() if r), _kind(inputs)), ".inputs")
            return
        for index, entry in enumerate(inputs):
            where = ".inputs[%d]" % index
            if not isinstance(entry, dict):
                add("inputs[%d] of %r must be a mapping, not %s" % (index, action, _kind(entry)), where)
                continue
            self.check_fields(action, fields, entry, add, where, "inputs[%d] " % index)

    def check_fields(self, action: Any, fields: Any, entry: Any, add: Callable[..., None], where: Any, label: str = "") -> None:
        for key in entry:
            if key not in fields:
                add("%saction %r has no input %r; it accepts %s"
                    % (label, action, key, ", ".join(sorted(fields))), where)
        for key, (kind, required) in fields.items():
            if key not in entry:
                if required:
                    add("%saction %r requires input %r" % (label, action, key), where)
                continue
            fault = _type_fault(kind, entry[key])
            if fault:
                add("%sinput %r of %r %s" % (label, key, action, fault), "%s.%s" % (where, key))
        if action == "ExecutePowerShell" and ("commands" in entry) == ("file" in entry):
            add("action 'ExecutePowerShell' requires input 'commands' or 'file' (exactly one)", where)
        if action == "WebDownload" and ("checksum" in entry) != ("algorithm" in entry):
            add("%sWebDownload verifies a file only with both 'checksum' and 'algorithm'" % label, where)
        path = entry.get("path")
        if action == "SetRegistry" and isinstance(path, str) and not _is_expression(path) and not path.upper().startswith(REGISTRY_PREFIXES):
            add("%sregistry path %s must start with one of %s" % (label, _show(path), ", ".join(REGISTRY_PREFIXES)), where + ".path")

    # -- loops ----------------------------------------------------------
    def check_loop(self, loop: Any, add: Callable[..., None], loops: Any) -> str | None:
        if not isinstance(loop, dict):
            add("loop must be a mapping with 'for' or 'forEach', not %s" % _kind(loop), ".loop")
            return None
        for key in loop:
            if key not in ("name", "for", "forEach"):
                add("unknown loop key %r; expected name, for or forEach" % (key,), ".loop")
        name = loop.get("name")
        if "name" in loop:
            if not isinstance(name, str) or not NAME_RE.match(name):
                add("loop name %s may contain only letters, digits, '-' and '_'" % _show(name), ".loop.name")
                name = None
            elif name in loops:
                add("loop name %r is already used in this phase; loop names must be unique" % name, ".loop.name")
            elif name == "loop":
                add("loop name 'loop' is reserved for {{ loop.* }}", ".loop.name")
            else:
                loops.add(name)
        if ("for" in loop) == ("forEach" in loop):
            add("loop needs exactly one of 'for' or 'forEach'", ".loop")
        elif "for" in loop:
            self.check_for(loop["for"], add)
        else:
            self.check_for_each(loop["forEach"], add)
        return name if isinstance(name, str) else None

    def check_for(self, spec: dict[str, Any], add: Callable[..., None]) -> None:
        if not isinstance(spec, dict):
            add("loop 'for' must be a mapping with start, end and updateBy", ".loop.for")
            return
        for key in spec:
            if key not in ("start", "end", "updateBy"):
                add("unknown key %r in loop 'for'; expected start, end, updateBy" % (key,), ".loop.for")
        values = {}
        for key in ("start", "end", "updateBy"):
            if key not in spec:
                add("loop 'for' requires %r" % key, ".loop.for")
            elif not _is_int(spec[key]):
                add("loop 'for' %s must be an integer (chaining is not allowed), not %s"
                    % (key, _show(spec[key])), ".loop.for." + key)
            else:
                values[key] = spec[key]
        if len(values) == 3:
            start, end, step = values["start"], values["end"], values["updateBy"]
            if step == 0:
                add("loop 'for' updateBy must not be 0", ".loop.for.updateBy")
            elif (end - start) * step < 0:
                add("loop 'for' from %d to %d by %d never reaches its end" % (start, end, step), ".loop.for")

    def check_for_each(self, spec: dict[str, Any], add: Callable[..., None]) -> None:
        if isinstance(spec, list):
            if not spec:
                add("loop 'forEach' list is empty", ".loop.forEach")
            for index, item in enumerate(spec):
                if not isinstance(item, (str, int, float)) or isinstance(item, bool):
                    add("loop 'forEach' items must be strings; item %d is %s" % (index, _kind(item)),
                        ".loop.forEach[%d]" % index)
            return
        if not isinstance(spec, dict):
            add("loop 'forEach' must be a list of strings or a mapping with list and delimiter, not %s"
                % _kind(spec), ".loop.forEach")
            return
        for key in spec:
            if key not in ("list", "delimiter"):
                add("unknown key %r in loop 'forEach'; expected list and delimiter" % (key,), ".loop.forEach")
        if not isinstance(spec.get("list"), str):
            add("loop 'forEach' requires 'list', a delimited string", ".loop.forEach.list")
        if "delimiter" in spec:
            delimiter = spec["delimiter"]
            if delimiter not in DELIMITERS:
                add("loop 'forEach' delimiter %s must be one character of %s"
                    % (_show(delimiter), _show("".join(DELIMITERS))), ".loop.forEach.delimiter")

    # -- conditions -----------------------------------------------------
    def check_if(self, spec: dict[str, Any], add: Callable[..., None]) -> None:
        if isinstance(spec, list) and len(spec) == 1:
            spec = spec[0]
        if not isinstance(spec, dict):
            add("if must be a mapping holding one condition, not %s" % _kind(spec), ".if")
            return
        condition = {}
        for key, value in spec.items():
            if key in ("then", "else"):
                if value not in STEP_DECISIONS:
                    add("if %s must be one of %s, not %s" % (key, ", ".join(STEP_DECISIONS), _show(value)),
                        ".if." + key)
            else:
                condition[key] = value
        self.check_condition(condition, add, ".if", 0)

    def check_condition(self, cond: Any, add: Callable[..., None], where: Any, depth: int) -> None:
        if not isinstance(cond, dict):
            add("a condition must be a mapping with one operator, not %s" % _kind(cond), where)
            return
        operators = [k for k in cond if k in UNARY_OPERATORS + VALUE_OPERATORS + FILE_HASH_OPERATORS
                     + LOGICAL_OPERATORS]
        unknown = [k for k in cond if k not in operators and k not in ("value", "path")]
        for key in unknown:
            add("unknown operator %s in condition" % _show(key), where)
        if len(operators) != 1:
            if not unknown:
                add("a condition needs exactly one operator, found %s"
                    % (", ".join(map(str, operators)) or "none"), where)
            return
        op = operators[0]
        extra = {"value"} if op in VALUE_OPERATORS else {"path"} if op in FILE_HASH_OPERATORS else set()
        for key in ("value", "path"):
            if key in cond and key not in extra:
                add("operator %r does not take %r" % (op, key), where)
            if key in extra and key not in cond:
                add("operator %r requires %r" % (op, key), where)
        if op in LOGICAL_OPERATORS:
            if depth + 1 > MAX_CONDITION_DEPTH:
                add("logical operators are nested deeper than %d levels" % MAX_CONDITION_DEPTH, where)
                return
            operand = cond[op]
            if op == "not":
                self.check_condition(operand, add, "%s.not" % where, depth + 1)
            elif not isinstance(operand, list) or not operand:
                add("operator %r needs a non-empty list of conditions" % op, where)
            else:
                for index, item in enumerate(operand):
                    self.check_condition(item, add, "%s.%s[%d]" % (where, op, index), depth + 1)
        elif isinstance(cond[op], (list, dict)):
            add("operator %r needs a single value, not %s" % (op, _kind(cond[op])), where)

    # -- references -----------------------------------------------------
    def check_references(self, value: Any, step: Any, has_loop: bool, add: Callable[..., None], where: Any) -> None:
        for text in self.strings(value):
            for match in EXPRESSION_RE.finditer(text):
                inner = match.group(1).strip()
                if REFERENCE_RE.match(inner):  # other {{ }} text (Go templates, jinja) is left alone
                    fault = self.reference_fault(inner, step, has_loop)
                    if fault:
                        add("{{ %s }} %s" % (inner, fault), where)

    def strings(self, value: Any, depth: int = 0) -> Iterator[Any]:
        self.nodes += 1
        if self.nodes > MAX_NODES or depth > 64:
            return
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            for key, item in value.items():
                if isinstance(key, str):
                    yield key
                yield from self.strings(item, depth + 1)
        elif isinstance(value, list):
            for item in value:
                yield from self.strings(item, depth + 1)

    def reference_fault(self, expr: str, step: Any, has_loop: bool) -> str | None:
        loop_ref = LOOP_REF_RE.match(expr)
        if loop_ref:
            head = loop_ref.group(1)
            if head == "loop":
                return None if has_loop else "is used outside a loop; only a step with 'loop' can use it"
            if head == step.loop_name:
                return None
            owner = self.loop_owner.get(head)
            if owner:
                return "refers to the loop of step %r in phase %r; a step can use only its own loop" \
                    % (owner[1], owner[0])
            if head not in self.variables:
                return "names no loop of this step"
        chain = CHAIN_RE.match(expr)
        if chain:
            return self.chain_fault(step, *chain.groups())
        if NAME_RE.match(expr):
            if expr in self.variables:
                return None
            return "names no declared parameter or constant"
        return "is not a parameter, a loop variable or a phase.step.inputs/outputs reference"

    def chain_fault(self, step: Any, phase: Any, name: str, kind: str, index: str | None, field: str) -> str | None:
        if phase not in PHASE_STAGE:
            return "names unknown phase %r" % phase
        if phase not in self.phase_order:
            return "names phase %r, which is not in this document" % phase
        if self.phase_order.index(phase) > self.phase_order.index(step.phase):
            return "refers to phase %r, which runs after phase %r" % (phase, step.phase)
        if PHASE_STAGE[phase] != PHASE_STAGE[step.phase]:
            return "crosses from Image Builder's %s stage into its %s stage; chaining cannot cross stages" \
                % (PHASE_STAGE[phase], PHASE_STAGE[step.phase])
        target = self.steps.get((phase, name))
        if target is None:
            if phase == step.phase and name == step.name:
                return "refers to its own step; only earlier steps can be referenced"
            return "names no earlier step %r in phase %r" % (name, phase)
        if target.action is None:
            return None
        shape, fields, outputs = ACTIONS[target.action]
        if kind == "outputs":
            if not outputs:
                return "refers to outputs of step %r, but action %r produces no outputs" % (name, target.action)
            if field not in outputs:
                return "names output %r, but %r produces only %s" % (field, target.action, ", ".join(outputs))
            return None
        if shape == "list":
            count = len(target.inputs) if isinstance(target.inputs, list) else 0
            if index is None:
                return "needs an index into the input list of step %r, e.g. inputs[0].%s" % (name, field)
            if int(index) >= count:
                return "index %s is out of range: step %r has %d input %s" % (index, name, count, "entry" if count == 1 else "entries")
        if fields and field not in fields:
            return "names input %r, which action %r does not have" % (field, target.action)
        return None


def _type_fault(kind: str, value: Any) -> str | None:
    """Why `value` does not fit input type `kind`, or None."""
    if _is_expression(value):
        return None
    if kind == "any":
        return None if value is not None else "must have a value"
    if kind == "str":
        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            return None
        return "must be a string, not %s" % _kind(value)
    if kind == "text":
        if isinstance(value, str):
            return None
        return "must be a quoted string such as '0644'; unquoted, YAML reads it as %s %s" \
            % (_kind(value), _show(value))
    if kind == "encoding":
        if isinstance(value, str) and value.lower() in ENCODINGS:
            return None
        return "must be one of %s, not %s" % (", ".join(ENCODINGS[::2]), _show(value))
    if kind.startswith("choice:"):
        choices = kind[7:].split(",")
        return None if value in choices else "must be one of %s, not %s" % (", ".join(choices), _show(value))
    if kind == "bool":
        if isinstance(value, bool) or (isinstance(value, str) and value.lower() in ("true", "false")):
            return None
        return "must be true or false, not %s" % _show(value)
    if kind == "int":
        return None if _is_int(value) and value >= 0 else "must be a non-negative integer, not %s" % _show(value)
    if kind == "strlist":
        if isinstance(value, list) and all(isinstance(v, (str, int, float)) and not isinstance(v, bool)
                                           for v in value):
            return None if value else "must not be an empty list"
        return "must be a list of strings, not %s" % _kind(value)
    if kind == "map":
        return None if isinstance(value, dict) else "must be a mapping, not %s" % _kind(value)
    if kind == "namevalues":
        if isinstance(value, list) and all(isinstance(v, dict) and "name" in v and "value" in v for v in value):
            return None
        return "must be a list of {name, value} mappings"
    return None


def validate_document(doc: Any, platform: str | None = None) -> list[Problem]:
    """Return the problems of an already-parsed AWSTOE component document (an empty list when valid)."""
    try:
        return _Validator(doc, platform).run()
    except (RecursionError, MemoryError):
        return [Problem("", "the document is nested too deeply to validate")]
    except Exception as exc:  # a validator bug must never surface as a traceback to the user
        return [Problem("", "the validator could not check this document (%s: %s)" % (type(exc).__name__, exc))]


def _problem_for_yaml_error(exc: Exception) -> Problem:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    if mark is not None:
        return Problem("line %d" % (mark.line + 1), "YAML syntax error at line %d, column %d: %s"
                       % (mark.line + 1, mark.column + 1, reason))
    return Problem("", "YAML syntax error: %s" % reason)


if HAS_YAML:
    class _DuplicateKeyLoader(yaml.SafeLoader):
        """SafeLoader that records mapping keys given twice (YAML silently keeps the last one)."""

        def __init__(self, stream: Any) -> None:
            super().__init__(stream)
            self.duplicates = []

        def construct_mapping(self, node: Any, deep: bool = False) -> Any:
            seen = set()
            for key_node, _value in node.value:
                try:
                    key = self.construct_object(key_node, deep=True)
                    hash(key)
                except Exception:
                    continue
                if key in seen:
                    self.duplicates.append((key, key_node.start_mark.line + 1))
                seen.add(key)
            return super().construct_mapping(node, deep)


def parse_document(text: str) -> tuple[Any, ...]:
    """Parse YAML (or JSON) text; return (doc, problems)."""
    if not isinstance(text, str):
        return None, [Problem("", "document text must be a string, not %s" % _kind(text))]
    if not text.strip():
        return None, [Problem("", "the document is empty")]
    try:
        if not HAS_YAML:
            return json.loads(text), []
        loader = _DuplicateKeyLoader(text)
        try:
            doc = loader.get_single_data()
        finally:
            loader.dispose()
        problems = [Problem("line %d" % line, "key %s is given twice at line %d; YAML keeps only the last"
                            % (_show(key), line)) for key, line in loader.duplicates]
        return doc, problems
    except ValueError as exc:  # json.JSONDecodeError
        return None, [Problem("line %d" % getattr(exc, "lineno", 0), "JSON syntax error: %s" % exc)]
    except (RecursionError, MemoryError):
        return None, [Problem("", "the document is nested too deeply to parse")]
    except Exception as exc:
        if HAS_YAML and isinstance(exc, yaml.YAMLError):
            return None, [_problem_for_yaml_error(exc)]
        return None, [Problem("", "the document could not be parsed (%s)" % type(exc).__name__)]


def serialize(doc: Any) -> str:
    """The YAML text Image Builder would receive for a parsed document."""
    try:
        if HAS_YAML:
            return yaml.safe_dump(doc, default_flow_style=False, sort_keys=False, allow_unicode=True)
        return json.dumps(doc, indent=2)
    except Exception:
        return json.dumps(doc, default=str)


def check_inline_size(text: str | None) -> Problem | None:
    """A problem when `text` is too long for Image Builder's inline `data`, else None."""
    if isinstance(text, str) and len(text) > INLINE_DATA_LIMIT:
        return Problem("", "the document is %d characters; Image Builder accepts at most %d inline, so "
                       "upload it to S3 and pass its uri instead" % (len(text), INLINE_DATA_LIMIT))
    return None


def parse_and_validate(text_or_dict: Any, platform: str | None = None, check_inline_limit: bool = True) -> tuple[Any, ...]:
    """Parse YAML/JSON text (or take a dict) and validate it. Returns (doc, problems)."""
    if isinstance(text_or_dict, (str, bytes)):
        text = text_or_dict
        if isinstance(text, bytes):
            try:
                text = text.decode("utf-8")
            except UnicodeDecodeError as exc:
                return None, [Problem("", "the document is not UTF-8 text (%s)" % exc.reason)]
        doc, problems = parse_document(text)
        if doc is None and problems:
            return None, problems
    else:
        doc, problems, text = text_or_dict, [], None
        if check_inline_limit:
            text = serialize(doc)
    if check_inline_limit:
        size = check_inline_size(text)
        if size:
            problems.append(size)
    return doc, problems + validate_document(doc, platform)


def as_toe_reads(doc: Any) -> Any:
    """The document as AWSTOE reads it, for comparing versions.

    The AWSTOE document schema gives schemaVersion as the string "1.0", and AWS's own examples write it
    unquoted (a YAML number); AWSTOE accepts both as the same schema version
    (https://docs.aws.amazon.com/imagebuilder/latest/userguide/toe-use-documents.html#document-schema).
    So `schemaVersion: 1.0` and `schemaVersion: "1.0"` are the same content. Other scalars are compared
    as written: action inputs are passed to the action modules with their YAML types.
    """
    if isinstance(doc, dict) and "schemaVersion" in doc:
        value = doc["schemaVersion"]
        if not isinstance(value, bool) and (value in (1.0, SCHEMA_VERSION)):
            return dict(doc, schemaVersion=SCHEMA_VERSION)
    return doc
