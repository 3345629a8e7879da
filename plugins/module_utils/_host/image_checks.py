# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Read-only checks of a host or image (the image_check module, used by image_validation).

Every check is a dict with a ``type`` and that type's fields; it yields ``(status, detail)``
with status ``pass``, ``fail`` or ``skip``. Nothing here writes to the host.
"""

from __future__ import annotations

import glob
import os
import pwd
import re
import shutil
import stat
from collections.abc import Callable
from typing import Any

# run_command(argv) -> (rc, stdout, stderr), as AnsibleModule.run_command returns it.
Runner = Callable[[list], tuple]
Outcome = tuple  # (status, detail)

ENABLED_STATES = ("enabled", "enabled-runtime", "static", "alias", "indirect")
FSTAB_OPTIONS = 3  # field index of the mount options in /etc/fstab
SS_LOCAL_ADDRESS = 3  # field index of the local address in `ss -tlnH`
KEY_SCAN_LIMIT = 1024 * 1024  # larger files are not read for private keys
PROC_NET_STATE = 3  # field index of the socket state in /proc/net/tcp


def _read(path: str) -> str:
    with open(path, encoding="utf-8", errors="replace") as handle:
        return handle.read()


def _verdict(problems: list[str], ok: str = "ok") -> Outcome:
    return ("fail", "; ".join(problems)) if problems else ("pass", ok)


class Checker:
    """Runs checks against the file system under ``/`` and the commands of ``runner``."""

    def __init__(self, context: str, runner: Runner) -> None:
        self.context = context
        self.runner = runner
        self._packages: set[str] | None = None

    def _run(self, argv: list[str]) -> tuple[int, str]:
        try:
            rc, out, _err = self.runner(argv)
        except OSError as exc:
            return 127, str(exc)
        return rc, out

    def installed_packages(self) -> set[str]:
        if self._packages is None:
            self._packages = set()
            if shutil.which("dpkg-query"):
                _rc, out = self._run(["dpkg-query", "-W", "-f", "${Package} ${db:Status-Status}\n"])
                self._packages = {p[0] for p in (line.split() for line in out.splitlines()) if p[1:] == ["installed"]}
            elif shutil.which("rpm"):
                _rc, out = self._run(["rpm", "-qa", "--qf", "%{NAME}\n"])
                self._packages = set(out.split())
        return self._packages

    def unit_state(self, name: str) -> str:
        _rc, out = self._run(["systemctl", "is-enabled", name if "." in name else name + ".service"])
        return out.strip() or "not-found"

    def file(self, c: dict) -> Outcome:
        path = c["path"]
        if not os.path.lexists(path):
            return ("skip", "absent (optional)") if c.get("optional") else ("fail", "missing")
        st = os.stat(path)
        problems = []
        if c.get("mode"):
            mode = stat.S_IMODE(st.st_mode)
            if mode & ~int(str(c["mode"]), 8):
                problems.append("mode {:04o} is wider than {}".format(mode, c["mode"]))
        if c.get("owner"):
            try:
                owner = pwd.getpwuid(st.st_uid).pw_name
            except KeyError:
                owner = str(st.st_uid)
            if owner != c["owner"]:
                problems.append("owner {}, not {}".format(owner, c["owner"]))
        return _verdict(problems)

    def contains(self, c: dict, want: bool = True) -> Outcome:
        path = c["path"]
        if not os.path.exists(path):
            return ("fail", "missing") if want else ("pass", "file absent")
        text = _read(path)
        bad = [p for p in c.get("patterns", []) if (re.search(p, text, re.M) is not None) != want]
        return ("fail", ("missing: " if want else "present: ") + ", ".join(bad)) if bad else ("pass", "ok")

    def absent_pattern(self, c: dict) -> Outcome:
        return self.contains(c, want=False)

    def keyvalue(self, c: dict) -> Outcome:
        path = c["path"]
        if not os.path.exists(path):
            return "fail", "missing"
        found = parse_keyvalues(_read(path), c.get("separator", "="))
        return _verdict(["{}={} (want {})".format(k, found.get(k, "unset"), v) for k, v in c["values"].items() if str(found.get(k)) != str(v)])

    def modprobe(self, c: dict) -> Outcome:
        path = c["path"]
        if not os.path.exists(path):
            return "fail", "missing"
        text = _read(path)
        missing = [m for m in c.get("modules", []) if not re.search(rf"^install\s+{re.escape(m)}\s+/bin/(false|true)", text, re.M)]
        forbidden = [m for m in c.get("forbidden", []) if re.search(rf"^(install|blacklist)\s+{re.escape(m)}\b", text, re.M)]
        return _verdict((["not blocked: " + ", ".join(missing)] if missing else []) + (["must stay loadable: " + ", ".join(forbidden)] if forbidden else []))

    def fstab(self, c: dict) -> Outcome:
        entries = {}
        if os.path.exists(c["path"]):
            for line in _read(c["path"]).splitlines():
                fields = line.split()
                if len(fields) > FSTAB_OPTIONS and not fields[0].startswith("#"):
                    entries[fields[1]] = fields[FSTAB_OPTIONS].split(",")
        bad = []
        for mount in c.get("mountpoints", []):
            if mount not in entries:
                bad.append(f"{mount}: no entry")
                continue
            lacking = [o for o in c.get("options", []) if o not in entries[mount]]
            if lacking:
                bad.append("{} lacks {}".format(mount, ",".join(lacking)))
        return _verdict(bad)

    def sysctl(self, c: dict) -> Outcome:
        if self.context != "host":
            return "skip", f"runtime value: not readable in a {self.context}"
        bad = []
        for key, want in c["values"].items():
            path = "/proc/sys/" + key.replace(".", "/")
            if os.path.exists(path):
                now = " ".join(_read(path).split())
                if now != str(want):
                    bad.append(f"{key}={now} (want {want})")
        return _verdict(bad)

    def service(self, c: dict) -> Outcome:
        state = c.get("state", "enabled")
        bad = []
        for name in c.get("names", []):
            now = self.unit_state(name)
            if state == "enabled" and now not in ENABLED_STATES:
                bad.append(f"{name} is {now}")
            if state in ("disabled", "absent") and now in ("enabled", "enabled-runtime"):
                bad.append(f"{name} is {now}")
        return _verdict(bad)

    def package(self, c: dict) -> Outcome:
        have = self.installed_packages()
        names = c.get("names", [])
        if c.get("state", "present") == "present":
            bad = [n for n in names if n not in have]
            return ("fail", "not installed: " + ", ".join(bad)) if bad else ("pass", "ok")
        bad = [n for n in names if n in have]
        return ("fail", "installed: " + ", ".join(bad)) if bad else ("pass", "ok")

    def absent(self, c: dict) -> Outcome:
        found = sorted({p for pattern in c.get("paths", [c.get("path")]) for p in glob.glob(pattern)})
        if c.get("nonempty_only"):
            found = [p for p in found if os.path.isfile(p) and os.path.getsize(p) > 0]
        return ("fail", "present: " + ", ".join(found[:20])) if found else ("pass", "ok")

    def empty(self, c: dict) -> Outcome:
        path = c["path"]
        if not os.path.exists(path):
            return "pass", "absent"
        size = os.path.getsize(path)
        return ("fail", f"{size} bytes") if size else ("pass", "empty")

    def private_keys(self, c: dict) -> Outcome:
        found = []
        for pattern in c.get("paths", []):
            for path in glob.glob(pattern):
                if not os.path.isfile(path) or os.path.getsize(path) > KEY_SCAN_LIMIT:
                    continue
                try:
                    if "PRIVATE KEY" in _read(path):
                        found.append(path)
                except OSError:
                    continue
        return ("fail", "private keys: " + ", ".join(sorted(found))) if found else ("pass", "ok")

    def ports(self, c: dict) -> Outcome:
        if self.context == "chroot":
            return "skip", "a chroot shares the host's network"
        allowed = {int(p) for p in c.get("allowed", [])}
        listening = self.listening_ports()
        extra = sorted(listening - allowed)
        if extra:
            return "fail", f"not allowed: {extra} (listening: {sorted(listening)})"
        return "pass", f"listening: {sorted(listening)}"

    def listening_ports(self) -> set[int]:
        ports = set()
        if shutil.which("ss"):
            _rc, out = self._run(["ss", "-tlnH"])
            for line in out.splitlines():
                fields = line.split()
                port = fields[SS_LOCAL_ADDRESS].rsplit(":", 1)[-1] if len(fields) > SS_LOCAL_ADDRESS else ""
                if port.isdigit():
                    ports.add(int(port))
            return ports
        # No iproute2 (minimal images): the kernel's own table, state 0A = LISTEN.
        for table in ("/proc/net/tcp", "/proc/net/tcp6"):
            if os.path.exists(table):
                for line in _read(table).splitlines()[1:]:
                    fields = line.split()
                    if len(fields) > PROC_NET_STATE and fields[PROC_NET_STATE] == "0A":
                        ports.add(int(fields[1].rsplit(":", 1)[-1], 16))
        return ports


CHECK_TYPES = (
    "file",
    "contains",
    "absent_pattern",
    "keyvalue",
    "modprobe",
    "fstab",
    "sysctl",
    "service",
    "package",
    "absent",
    "empty",
    "private_keys",
    "ports",
)


def parse_keyvalues(text: str, separator: str) -> dict[str, str]:
    """The first value of every key, as a daemon that keeps the first one reads it."""
    found: dict[str, str] = {}
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if separator.strip():
            if separator not in line:
                continue
            key, value = line.split(separator, 1)
        else:
            key, *rest = line.split(None, 1)
            if not rest:
                continue
            value = rest[0]
        found.setdefault(key.strip(), value.strip())
    return found


def run_checks(checks: list[dict[str, Any]], context: str, runner: Runner) -> list[dict[str, Any]]:
    """One result per check, in order, each with the check's id, level, group and name."""
    checker = Checker(context, runner)
    results = []
    for check in checks:
        kind = check.get("type")
        try:
            if kind in CHECK_TYPES:
                status, detail = getattr(checker, kind)(check)
            else:
                status, detail = "fail", f"unknown check type {kind!r}"
        except Exception as exc:  # pylint: disable=broad-except  # a broken check fails, it does not end the run
            status, detail = "fail", f"error: {exc}"
        results.append(
            {
                "id": check.get("id", ""),
                "level": check.get("level", ""),
                "group": check.get("group", ""),
                "name": check.get("name", ""),
                "type": kind,
                "status": status,
                "detail": detail,
            }
        )
    return results
