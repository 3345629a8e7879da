# Read-only checker run on the target by image_validation in ONE call.
# argv[1]: JSON {"context": str, "checks": [{"id", "group", "name", "type", ...}]}
# Prints JSON {"results": [{"id", "level", "group", "name", "status": pass|fail|skip, "detail"}]}.
import glob
import json
import os
import pwd
import re
import shutil
import stat
import subprocess
import sys

SPEC = json.loads(sys.argv[1])
CONTEXT = SPEC.get("context", "host")
RUNTIME = CONTEXT == "host"
_pkgs = None


def run(argv):
    try:
        p = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True, check=False)
        return p.returncode, p.stdout
    except OSError as e:
        return 127, str(e)


def read(path):
    with open(path, "r", errors="replace") as f:
        return f.read()


def installed_packages():
    global _pkgs
    if _pkgs is None:
        _pkgs = set()
        if shutil.which("dpkg-query"):
            rc, out = run(["dpkg-query", "-W", "-f", "${Package} ${db:Status-Status}\n"])
            for line in out.splitlines():
                parts = line.split()
                if len(parts) == 2 and parts[1] == "installed":
                    _pkgs.add(parts[0])
        elif shutil.which("rpm"):
            rc, out = run(["rpm", "-qa", "--qf", "%{NAME}\n"])
            _pkgs.update(out.split())
    return _pkgs


def unit_state(name):
    if "." not in name:
        name += ".service"
    rc, out = run(["systemctl", "is-enabled", name])
    return out.strip() or "not-found"


def check_file(c):
    p = c["path"]
    if not os.path.lexists(p):
        return ("skip", "absent (optional)") if c.get("optional") else ("fail", "missing")
    st = os.stat(p)
    problems = []
    if c.get("mode"):
        allowed = int(str(c["mode"]), 8)
        extra = stat.S_IMODE(st.st_mode) & ~allowed
        if extra:
            problems.append("mode %04o is wider than %s" % (stat.S_IMODE(st.st_mode), c["mode"]))
    if c.get("owner"):
        try:
            owner = pwd.getpwuid(st.st_uid).pw_name
        except KeyError:
            owner = str(st.st_uid)
        if owner != c["owner"]:
            problems.append("owner %s, not %s" % (owner, c["owner"]))
    return ("fail", "; ".join(problems)) if problems else ("pass", "ok")


def check_contains(c, want=True):
    p = c["path"]
    if not os.path.exists(p):
        return ("fail", "missing") if want else ("pass", "file absent")
    text = read(p)
    bad = []
    for pat in c.get("patterns", []):
        found = re.search(pat, text, re.M) is not None
        if found != want:
            bad.append(pat)
    if not bad:
        return "pass", "ok"
    return "fail", ("missing: " if want else "present: ") + ", ".join(bad)


def check_keyvalue(c):
    p = c["path"]
    if not os.path.exists(p):
        return "fail", "missing"
    sep = c.get("separator", "=")
    found = {}
    for line in read(p).splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if sep.strip():
            if sep not in line:
                continue
            k, v = line.split(sep, 1)
        else:
            parts = line.split(None, 1)
            if len(parts) != 2:
                continue
            k, v = parts
        found.setdefault(k.strip(), v.strip())
    bad = ["%s=%s (want %s)" % (k, found.get(k, "unset"), v) for k, v in c["values"].items() if str(found.get(k)) != str(v)]
    return ("fail", "; ".join(bad)) if bad else ("pass", "ok")


def check_modprobe(c):
    p = c["path"]
    if not os.path.exists(p):
        return "fail", "missing"
    text = read(p)
    missing = [m for m in c.get("modules", []) if not re.search(r"^install\s+%s\s+/bin/(false|true)" % re.escape(m), text, re.M)]
    forbidden = [m for m in c.get("forbidden", []) if re.search(r"^(install|blacklist)\s+%s\b" % re.escape(m), text, re.M)]
    bad = (["not blocked: " + ", ".join(missing)] if missing else []) + (["must stay loadable: " + ", ".join(forbidden)] if forbidden else [])
    return ("fail", "; ".join(bad)) if bad else ("pass", "ok")


def check_fstab(c):
    entries = {}
    if os.path.exists(c["path"]):
        for line in read(c["path"]).splitlines():
            f = line.split()
            if len(f) >= 4 and not f[0].startswith("#"):
                entries[f[1]] = f[3].split(",")
    bad = []
    for mp in c.get("mountpoints", []):
        if mp not in entries:
            bad.append("%s: no entry" % mp)
            continue
        miss = [o for o in c.get("options", []) if o not in entries[mp]]
        if miss:
            bad.append("%s lacks %s" % (mp, ",".join(miss)))
    return ("fail", "; ".join(bad)) if bad else ("pass", "ok")


def check_sysctl(c):
    if not RUNTIME:
        return "skip", "runtime value: not readable in a %s" % CONTEXT
    bad = []
    for k, v in c["values"].items():
        path = "/proc/sys/" + k.replace(".", "/")
        if not os.path.exists(path):
            continue
        cur = " ".join(read(path).split())
        if cur != str(v):
            bad.append("%s=%s (want %s)" % (k, cur, v))
    return ("fail", "; ".join(bad)) if bad else ("pass", "ok")


def check_service(c):
    state = c.get("state", "enabled")
    bad = []
    for name in c.get("names", []):
        s = unit_state(name)
        if state == "enabled" and s not in ("enabled", "enabled-runtime", "static", "alias", "indirect"):
            bad.append("%s is %s" % (name, s))
        if state in ("disabled", "absent") and s in ("enabled", "enabled-runtime"):
            bad.append("%s is %s" % (name, s))
    return ("fail", "; ".join(bad)) if bad else ("pass", "ok")


def check_package(c):
    have = installed_packages()
    names = c.get("names", [])
    if c.get("state", "present") == "present":
        bad = [n for n in names if n not in have]
        return ("fail", "not installed: " + ", ".join(bad)) if bad else ("pass", "ok")
    bad = [n for n in names if n in have]
    return ("fail", "installed: " + ", ".join(bad)) if bad else ("pass", "ok")


def check_absent(c):
    found = sorted(set(p for pat in c.get("paths", [c.get("path")]) for p in glob.glob(pat)))
    if c.get("nonempty_only"):
        found = [p for p in found if os.path.isfile(p) and os.path.getsize(p) > 0]
    return ("fail", "present: " + ", ".join(found[:20])) if found else ("pass", "ok")


def check_empty(c):
    p = c["path"]
    if not os.path.exists(p):
        return "pass", "absent"
    size = os.path.getsize(p)
    return ("fail", "%d bytes" % size) if size else ("pass", "empty")


def check_private_keys(c):
    found = []
    for pat in c.get("paths", []):
        for p in glob.glob(pat):
            if not os.path.isfile(p) or os.path.getsize(p) > 1048576:
                continue
            try:
                if "PRIVATE KEY" in read(p):
                    found.append(p)
            except OSError:
                continue
    return ("fail", "private keys: " + ", ".join(sorted(found))) if found else ("pass", "ok")


def check_ports(c):
    if CONTEXT == "chroot":
        return "skip", "a chroot shares the host's network"
    allowed = set(int(p) for p in c.get("allowed", []))
    ports = set()
    if shutil.which("ss"):
        rc, out = run(["ss", "-tlnH"])
        for line in out.splitlines():
            f = line.split()
            if len(f) >= 4:
                port = f[3].rsplit(":", 1)[-1]
                if port.isdigit():
                    ports.add(int(port))
    else:  # no iproute2 (minimal images): the kernel's own table, state 0A = LISTEN
        for table in ("/proc/net/tcp", "/proc/net/tcp6"):
            if os.path.exists(table):
                for line in read(table).splitlines()[1:]:
                    f = line.split()
                    if len(f) > 3 and f[3] == "0A":
                        ports.add(int(f[1].rsplit(":", 1)[-1], 16))
    extra = sorted(ports - allowed)
    return ("fail", "not allowed: %s (listening: %s)" % (extra, sorted(ports))) if extra else ("pass", "listening: %s" % sorted(ports))


TYPES = {
    "file": check_file,
    "contains": check_contains,
    "absent_pattern": lambda c: check_contains(c, want=False),
    "keyvalue": check_keyvalue,
    "modprobe": check_modprobe,
    "fstab": check_fstab,
    "sysctl": check_sysctl,
    "service": check_service,
    "package": check_package,
    "absent": check_absent,
    "empty": check_empty,
    "private_keys": check_private_keys,
    "ports": check_ports,
}

results = []
for c in SPEC["checks"]:
    fn = TYPES.get(c.get("type"))
    try:
        status, detail = fn(c) if fn else ("fail", "unknown check type %r" % c.get("type"))
    except Exception as e:  # a broken check is a failed check, not a crash
        status, detail = "fail", "error: %s" % e
    results.append({"id": c.get("id", ""), "level": c.get("level", ""), "group": c.get("group", ""), "name": c.get("name", ""),
                    "type": c.get("type"), "status": status, "detail": detail})
print(json.dumps({"results": results}))
