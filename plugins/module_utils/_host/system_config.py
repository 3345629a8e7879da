# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Batched configuration edits on the managed host: one module call instead of one per file.

Each function returns True when it changed (or, with dry=True, would change) something. Writes
are atomic (temporary file in the same directory, then rename) and keep nothing half-done.
"""

from __future__ import annotations

import grp
import os
import pwd
import re
import shlex
import subprocess
import tempfile
from typing import Any


class EditError(Exception):
    """A path, owner or validation command the edit cannot honour."""


def _ids(owner: str, group: str) -> tuple[int, int]:
    try:
        return pwd.getpwnam(owner).pw_uid, grp.getgrnam(group).gr_gid
    except KeyError as exc:
        raise EditError(f"unknown owner or group {owner}:{group}") from exc


def _read(path: str) -> str | None:
    try:
        with open(path, encoding="utf-8", errors="surrogateescape") as handle:
            return handle.read()
    except FileNotFoundError:
        return None


def _validate(command: str, tmp: str) -> None:
    argv = shlex.split(command % tmp) if "%s" in command else [*shlex.split(command), tmp]
    proc = subprocess.run(argv, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise EditError(f"validation failed ({command}): {(proc.stderr or proc.stdout).strip()}")


def _write(path: str, text: str, mode: int, owner: str, group: str, validate: str | None) -> None:
    uid, gid = _ids(owner, group)
    fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path) or ".", prefix=".sysconf-")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", errors="surrogateescape") as handle:
            handle.write(text)
        os.chmod(tmp, mode)
        os.chown(tmp, uid, gid)
        if validate:
            _validate(validate, tmp)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def _attrs_differ(path: str, mode: int, owner: str, group: str) -> bool:
    st = os.stat(path)
    uid, gid = _ids(owner, group)
    return (st.st_mode & 0o7777) != mode or st.st_uid != uid or st.st_gid != gid


def ensure_directory(path: str, dry: bool) -> bool:
    """Create a missing directory (0755, root) with its parents; an existing one is left as it is."""
    if os.path.isdir(path):
        return False
    if not dry:
        os.makedirs(path, mode=0o755, exist_ok=True)
        os.chmod(path, 0o755)
    return True


def ensure_file(spec: dict, dry: bool) -> tuple[bool, str | None]:
    """Exact content, mode and owner. Returns (changed, old content)."""
    path, mode = spec["path"], int(str(spec.get("mode") or "0644"), 8)
    owner, group = spec.get("owner") or "root", spec.get("group") or "root"
    content = spec["content"]
    old = _read(path)
    if old == content:
        if not _attrs_differ(path, mode, owner, group):
            return False, old
        if not dry:
            uid, gid = _ids(owner, group)
            os.chown(path, uid, gid)
            os.chmod(path, mode)
        return True, old
    if not dry:
        _write(path, content, mode, owner, group, spec.get("validate"))
    return True, old


def set_keys(text: str, separator: str, values: dict) -> tuple[str, list[str]]:
    """KEY<sep>VALUE lines: the first active line of a key is replaced, else its first commented
    line, else the line is appended. Returns (new text, keys changed)."""
    lines = text.splitlines()
    sep_re = re.escape(separator.strip()) if separator.strip() else r"\s"
    changed = []
    for key, value in values.items():
        new = f"{key}{separator}{value}"
        active = re.compile(rf"^\s*{re.escape(key)}\s*{sep_re}")
        commented = re.compile(rf"^\s*#\s*{re.escape(key)}\s*{sep_re}")
        idx = next((i for i, line in enumerate(lines) if active.match(line)), None)
        if idx is None:
            idx = next((i for i, line in enumerate(lines) if commented.match(line)), None)
        if idx is None:
            lines.append(new)
            changed.append(key)
        elif lines[idx] != new:
            lines[idx] = new
            changed.append(key)
    return "\n".join(lines) + "\n", changed


def ensure_line(text: str, regexp: str, line: str, insert_before: str | None, insert_after: str | None) -> str:
    """lineinfile's core: replace the last line matching regexp, else insert at the anchor, else append."""
    lines = text.splitlines()
    pattern = re.compile(regexp)
    matches = [i for i, existing in enumerate(lines) if pattern.search(existing)]
    if matches:
        lines[matches[-1]] = line
    elif insert_before == "BOF":
        lines.insert(0, line)
    elif insert_before or insert_after:
        anchor = re.compile(insert_before or insert_after)
        found = [i for i, existing in enumerate(lines) if anchor.search(existing)]
        if not found:
            lines.append(line)
        elif insert_before:
            lines.insert(found[0], line)
        else:
            lines.insert(found[-1] + 1, line)
    else:
        lines.append(line)
    return "\n".join(lines) + "\n"


def ensure_block(text: str, marker: str, content: str, comment_out_later: bool) -> str:
    """A marked block at the top of a keyword file (sshd_config): replaced in place when present,
    else inserted first. With comment_out_later, active lines after the block that set one of the
    block's keywords outside a Match section are commented out, so a file reader sees one value."""
    begin, end = f"# BEGIN {marker}", f"# END {marker}"
    lines = text.splitlines()
    block = [begin, *content.rstrip("\n").splitlines(), end]
    if begin in lines and end in lines[lines.index(begin):]:
        start = lines.index(begin)
        stop = lines.index(end, start)
        lines[start:stop + 1] = block
        after = start + len(block)
    else:
        lines = block + lines
        after = len(block)
    if comment_out_later:
        keys = {line.split()[0].lower() for line in block[1:-1] if line.strip() and not line.lstrip().startswith("#")}
        in_match = False
        for i in range(after, len(lines)):
            words = lines[i].split()
            if not words or words[0].startswith("#"):
                continue
            if words[0].lower() == "match":
                in_match = True
            if not in_match and words[0].lower() in keys:
                lines[i] = "# " + lines[i] + "  # set above by " + marker
    return "\n".join(lines) + "\n"


def edit_file(path: str, new_text: str, old_text: str | None, spec: dict, dry: bool) -> bool:
    """Write an edited file, keeping the mode and owner of an existing one unless the spec sets them."""
    if old_text is not None and new_text == old_text:
        return False
    if not dry:
        if old_text is None:
            mode, owner, group = int(str(spec.get("mode") or "0644"), 8), "root", "root"
        else:
            st = os.stat(path)
            mode = int(str(spec["mode"]), 8) if spec.get("mode") else st.st_mode & 0o7777
            owner, group = pwd.getpwuid(st.st_uid).pw_name, grp.getgrgid(st.st_gid).gr_name
        _write(path, new_text, mode, owner, group, spec.get("validate"))
    return True


def restrict(spec: dict, dry: bool) -> bool:
    """At most spec's mode (bits are only removed) and exactly its owner; a missing path is skipped."""
    path = spec["path"]
    if not os.path.lexists(path):
        return False
    st = os.stat(path)
    current = st.st_mode & 0o7777
    wanted = current & int(str(spec["mode"]), 8)
    uid, gid = _ids(spec.get("owner") or "root", spec.get("group") or "root")
    if wanted == current and st.st_uid == uid and st.st_gid == gid:
        return False
    if not dry:
        os.chown(path, uid, gid)
        os.chmod(path, wanted)
    return True


def remove(path: str, dry: bool) -> bool:
    if not os.path.lexists(path):
        return False
    if not dry:
        os.unlink(path)
    return True


def unit_states(run: Any, names: list[str]) -> dict[str, str]:
    """{unit: enablement state} for the units that exist (one systemctl call); absent ones are left out."""
    if not names:
        return {}
    rc, out, _err = run(["systemctl", "list-unit-files", "--no-legend", "--no-pager", "--full"])
    if rc != 0:
        raise EditError("systemctl list-unit-files failed: is systemd installed?")
    found = {}
    for row in out.splitlines():
        parts = row.split()
        if len(parts) >= 2:
            found[parts[0]] = parts[1]
    states = {}
    for name in names:
        unit = name if "." in name else name + ".service"
        if unit in found:
            states[name] = found[unit]
    return states


def plan_units(states: dict[str, str], enable: list[str], disable: list[str]) -> tuple[list[str], list[str]]:
    """(to enable, to disable): static, generated and alias units are never touched."""
    to_enable = [u for u in enable if states.get(u) == "disabled"]
    to_disable = [u for u in disable if states.get(u) == "enabled"]
    return to_enable, to_disable


def _check_modes(params: dict) -> None:
    for group in ("files", "blocks", "lines", "permissions"):
        for spec in params.get(group) or []:
            mode = spec.get("mode")
            if mode is not None and not re.fullmatch(r"0?[0-7]{3,4}", str(mode)):
                raise EditError(f"{group}: mode {mode!r} of {spec['path']} is not an octal mode such as '0644'")
    for spec in params.get("lines") or []:
        if spec.get("insert_before") and spec.get("insert_after"):
            raise EditError(f"lines: {spec['path']} has both insert_before and insert_after")


def apply(params: dict, dry: bool, run: Any) -> dict:
    """Every step of the system_config module; `run(argv)` returns (rc, stdout, stderr)."""
    _check_modes(params)
    changed: list[str] = []
    diff: list[dict] = []
    for path in params.get("directories") or []:
        if ensure_directory(path, dry):
            changed.append(path)
    for spec in params.get("files") or []:
        did, old = ensure_file(spec, dry)
        if did:
            changed.append(spec["path"])
            if old != spec["content"]:
                diff.append(dict(before_header=spec["path"], after_header=spec["path"],
                                 before=old or "", after=spec["content"]))
    edits = ([(s, "block") for s in params.get("blocks") or []] + [(s, "kv") for s in params.get("settings") or []]
             + [(s, "line") for s in params.get("lines") or []])
    for spec, kind in edits:
        old = _read(spec["path"])
        if old is None and not spec.get("create"):
            continue
        if kind == "block":
            new = ensure_block(old or "", spec.get("marker") or "imageforge", spec["content"], spec.get("comment_out_later", True))
        elif kind == "kv":
            new, _keys = set_keys(old or "", spec["separator"], {str(k): v for k, v in spec["values"].items()})
        else:
            new = ensure_line(old or "", spec["regexp"], spec["line"], spec.get("insert_before"), spec.get("insert_after"))
        if edit_file(spec["path"], new, old, spec, dry):
            changed.append(spec["path"])
            diff.append(dict(before_header=spec["path"], after_header=spec["path"], before=old or "", after=new))
    for spec in params.get("permissions") or []:
        if restrict(spec, dry):
            changed.append(spec["path"])
    for path in params.get("absent") or []:
        if remove(path, dry):
            changed.append(path)
    reload = (not dry and os.path.isdir("/run/systemd/system")
              and any(p.startswith("/etc/systemd/system/") for p in changed))
    if reload:
        rc, _out, err = run(["systemctl", "daemon-reload"])
        if rc != 0:
            raise EditError(f"systemctl daemon-reload failed: {err.strip()}")
    enable, disable = params.get("units_enabled") or [], params.get("units_disabled") or []
    states = unit_states(run, list(enable) + list(disable))
    to_enable, to_disable = plan_units(states, enable, disable)
    if not dry:
        for verb, units in (("enable", to_enable), ("disable", to_disable)):
            if units:
                argv = ["systemctl", verb] + (["--now"] if verb == "disable" and params.get("stop_disabled") else []) + units
                rc, _out, err = run(argv)
                if rc != 0:
                    raise EditError(f"systemctl {verb} {' '.join(units)} failed: {err.strip()}")
    return dict(changed=bool(changed or to_enable or to_disable), changed_paths=changed,
                enabled_units=to_enable, disabled_units=to_disable,
                missing_units=[u for u in enable if u not in states], daemon_reloaded=reload, diff=diff)
