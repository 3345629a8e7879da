"""Lynis benchmark driver (see lynis_hardening.sh).

For each release: a fresh systemd container from localhost/<release>-systemd gets lynis
from Debian through the container's apt (the mirror is the host's, read from its apt sources
now) and one `lynis audit system --quick` (the "before" figure); it is committed as a
temporary image. For each configuration: a fresh container from that image, the
configuration applied over the containers.podman.podman connection, rerun, audited again;
record: index before -> after, converge/rerun seconds, changed on rerun, the system state,
the remaining warnings and suggestions (ids).
"""
from __future__ import annotations

import glob
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RESULTS = ROOT / "tests" / "bench" / "results"
RELEASES = os.environ.get("RELEASES", "bookworm trixie").split()
CONFIGS = os.environ.get("CONFIGS", "ours devsec none").split()
KEEP = os.environ.get("KEEP_CONTAINERS") == "1"
# Containers and images are named after this checkout: several checkouts share one podman.
TAG = ROOT.name

# ANCHORS.md: dev-sec with the three overrides a container needs.
DEVSEC_OVERRIDES = {
    "os_auditd_enabled": False,
    "os_minimize_access_enabled": False,
    "os_sysctl_enabled": False,
}
PLAYS = {
    "ours": [{"name": "ours", "hosts": "all", "gather_facts": True,
              "roles": [{"role": "hardening"}]}],
    "devsec": [{"name": "dev-sec", "hosts": "all", "gather_facts": True,
                "vars": DEVSEC_OVERRIDES,
                "roles": ["devsec.hardening.os_hardening", "devsec.hardening.ssh_hardening"]}],
    "none": [{"name": "none", "hosts": "all", "gather_facts": True, "tasks": []}],
}


def sh(*cmd: str, check: bool = True, timeout: int = 1800, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, check=check, text=True, capture_output=True, timeout=timeout, **kw)


def host_mirror() -> str:
    """The Debian mirror from this machine's apt sources (never stored in the repository)."""
    for path in sorted(glob.glob("/etc/apt/sources.list.d/*.sources")):
        for line in Path(path).read_text().splitlines():
            if line.lower().startswith("uris:"):
                for uri in line.split()[1:]:
                    if "security" not in uri:
                        return uri.rstrip("/")
    if Path("/etc/apt/sources.list").exists():
        for line in Path("/etc/apt/sources.list").read_text().splitlines():
            parts = line.split()
            if parts and parts[0] == "deb":
                for p in parts[1:]:
                    if re.match(r"(https?|file):", p) and "security" not in p:
                        return p.rstrip("/")
    raise SystemExit("no Debian mirror in the apt sources")


def podman_exec(name: str, script: str, check: bool = True, timeout: int = 1800):
    return sh("podman", "exec", name, "/bin/sh", "-c", script, check=check, timeout=timeout)


def devsec_available() -> str | None:
    out = sh("ansible-galaxy", "collection", "list", "devsec.hardening", "--format", "json", check=False)
    try:
        data = json.loads(out.stdout or "{}")
    except json.JSONDecodeError:
        return None
    for _path, colls in data.items():
        if "devsec.hardening" in colls:
            return colls["devsec.hardening"].get("version", "?")
    return None


def lynis(name: str) -> dict:
    start = time.monotonic()
    podman_exec(name, "rm -f /var/log/lynis-report.dat; lynis audit system --quick --no-colors >/var/log/lynis-run.txt 2>&1", check=False)
    report = podman_exec(name, "cat /var/log/lynis-report.dat", check=False).stdout
    log = podman_exec(name, "cat /var/log/lynis.log", check=False).stdout
    index, warnings, suggestions = None, [], []
    for line in report.splitlines():
        if line.startswith("hardening_index="):
            index = int(line.split("=", 1)[1])
        elif line.startswith("warning[]="):
            warnings.append(line.split("=", 1)[1].split("|")[0])
        elif line.startswith("suggestion[]="):
            suggestions.append(line.split("=", 1)[1].split("|")[0])
    return {"index": index, "warnings": warnings, "suggestions": suggestions, "missed_points": missed_points(log),
            "seconds": round(time.monotonic() - start, 1)}


def missed_points(log: str) -> dict[str, str]:
    """Per Lynis test, the hardening points it gave below its maximum ("got/max"), from lynis.log."""
    test, missed = "", {}
    for line in log.splitlines():
        if "Performing test ID " in line:
            test = line.split("Performing test ID ", 1)[1].split()[0]
        m = re.search(r"assigned partial number of hardening points \((\d+) of (\d+)\)", line)
        if m:
            got, top = missed.get(test, "0/0").split("/")
            missed[test] = f"{int(got) + int(m.group(1))}/{int(top) + int(m.group(2))}"
    return missed


def playbook(name: str, config: str, workdir: Path) -> dict:
    inv = workdir / "inventory.ini"
    inv.write_text(f"{name} ansible_connection=containers.podman.podman ansible_python_interpreter=/usr/bin/python3\n")
    pb = workdir / f"{config}.yml"
    pb.write_text(json.dumps(PLAYS[config], indent=1))
    env = dict(os.environ, ANSIBLE_ROLES_PATH=os.environ.get("ANSIBLE_ROLES_PATH", str(ROOT / "roles")),
               ANSIBLE_NOCOLOR="1", ANSIBLE_CALLBACK_RESULT_FORMAT="yaml")
    start = time.monotonic()
    proc = subprocess.run(["ansible-playbook", "-i", str(inv), str(pb)], text=True,
                          capture_output=True, env=env, timeout=3600, check=False)
    secs = round(time.monotonic() - start, 1)
    (workdir / f"{config}-{int(start)}.log").write_text(proc.stdout + proc.stderr)
    m = re.search(r"ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)", proc.stdout)
    recap = dict(zip(("ok", "changed", "unreachable", "failed"), map(int, m.groups()))) if m else {}
    return {"rc": proc.returncode, "seconds": secs, **recap,
            "tail": (proc.stdout + proc.stderr).splitlines()[-25:] if proc.returncode else []}


def base_image(release: str, mirror: str) -> tuple[str, dict]:
    """A fresh container of localhost/<release>-systemd with lynis installed and audited once
    (the "before" figure, the same for every configuration), committed as an image so every
    configuration starts from an identical fresh container without reinstalling or re-auditing."""
    name, image = f"lynis-bench-{TAG}-{release}-base", f"localhost/lynis-bench-{TAG}-{release}"
    sh("podman", "rm", "-f", name, check=False)
    sh("podman", "run", "-d", "--name", name, "--systemd=always", f"localhost/{release}-systemd", "/sbin/init")
    try:
        podman_exec(name, "systemctl is-system-running --wait >/dev/null 2>&1 || true", timeout=120)
        podman_exec(name, f"echo 'deb {mirror} {release} main' > /etc/apt/sources.list && "
                          "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq lynis >/dev/null")
        version = podman_exec(name, "lynis show version", check=False).stdout.strip()
        before = lynis(name)
        before["lynis_version"] = version
        podman_exec(name, "rm -f /var/log/lynis-report.dat /var/log/lynis.log /var/log/lynis-run.txt", check=False)
        sh("podman", "commit", "-q", name, image)
    finally:
        sh("podman", "rm", "-f", name, check=False)
    return image, before


def run_one(release: str, config: str, image: str, before: dict, workdir: Path) -> dict:
    name = f"lynis-bench-{TAG}-{release}-{config}"
    sh("podman", "rm", "-f", name, check=False)
    sh("podman", "run", "-d", "--name", name, "--systemd=always", image, "/sbin/init")
    res: dict = {"release": release, "config": config, "lynis_version": before["lynis_version"], "before": before}
    try:
        podman_exec(name, "systemctl is-system-running --wait >/dev/null 2>&1 || true", timeout=120)
        res["converge"] = playbook(name, config, workdir)
        res["rerun"] = playbook(name, config, workdir)
        res["after"] = lynis(name)
        res["system"] = podman_exec(name, "systemctl is-system-running", check=False).stdout.strip()
        res["failed_units"] = podman_exec(name, "systemctl list-units --failed --plain --no-legend | awk '{print $1}'",
                                          check=False).stdout.split()
    finally:
        if not KEEP:
            sh("podman", "rm", "-f", name, check=False)
    return res


# ANCHORS.md (measured the same way on a machine like this one): used where dev-sec can't run.
DEVSEC_ANCHOR = {
    "bookworm": "| bookworm | dev-sec, 3 overrides (ANCHORS.md, not run here) | 59 → 70 | 130–137 | 148 (0) | running | – | – |",
    "trixie": "| trixie | dev-sec, 3 overrides (ANCHORS.md, not run here) | 60 → 70 | 133 | 131 (0) | running | – | – |",
}


def table(results: list[dict]) -> str:
    rows = ["| image | configuration | Lynis before → after | converge s | rerun s (changed) | system after | warnings | suggestions |",
            "|---|---|---|---|---|---|---|---|"]
    for r in results:
        if r.get("skipped"):
            rows.append(DEVSEC_ANCHOR.get(r["release"]) if r["config"] == "devsec" and r["release"] in DEVSEC_ANCHOR
                        else f"| {r['release']} | {r['config']} | – | – | – | – | – | – ({r['skipped']}) |")
            continue
        conv, rer = r["converge"], r["rerun"]
        fail = "" if conv["rc"] == 0 else f", converge rc {conv['rc']} failed={conv.get('failed')}"
        rows.append(
            f"| {r['release']} | {r['config']} | {r['before']['index']} → {r['after']['index']} | "
            f"{conv['seconds']:.0f}{fail} | {rer['seconds']:.0f} ({rer.get('changed', '?')}) | {r['system']} | "
            f"{len(r['after']['warnings'])} | {len(r['after']['suggestions'])} |")
    return "\n".join(rows)


def main() -> int:
    RESULTS.mkdir(parents=True, exist_ok=True)
    mirror = host_mirror()
    devsec = devsec_available()
    results = []
    with tempfile.TemporaryDirectory(prefix="lynis-bench-") as tmp:
        workdir = Path(tmp)
        for release in RELEASES:
            image, before = None, None
            for config in CONFIGS:
                if config == "devsec" and not devsec:
                    results.append({"release": release, "config": config,
                                    "skipped": "devsec.hardening is not installed (not in the ansible bundle; Galaxy unreachable)"})
                    continue
                if image is None:
                    print(f"# {release}: base container with lynis, audit before ...", file=sys.stderr, flush=True)
                    image, before = base_image(release, mirror)
                print(f"# {release} / {config} ...", file=sys.stderr, flush=True)
                res = run_one(release, config, image, before, workdir)
                results.append(res)
                print(f"#   {res['before']['index']} -> {res['after']['index']}, converge "
                      f"{res['converge']['seconds']} s rc={res['converge']['rc']}, rerun {res['rerun']['seconds']} s "
                      f"changed={res['rerun'].get('changed')}, {res['system']}", file=sys.stderr, flush=True)
                if res["converge"]["rc"]:
                    print("\n".join(res["converge"]["tail"]), file=sys.stderr)
                out = RESULTS / "lynis.json"
                out.write_text(json.dumps({"devsec_version": devsec, "results": results}, indent=1))
    for release in RELEASES:
        if not KEEP:  # rmi -f also removes the containers made from the image
            sh("podman", "rmi", "-f", f"localhost/lynis-bench-{TAG}-{release}", check=False)
    print(table(results))
    print()
    for r in results:
        if r.get("skipped") or r["config"] != "ours":
            continue
        print(f"{r['release']} ours, remaining suggestions: {' '.join(sorted(set(r['after']['suggestions'])))}")
        print(f"{r['release']} ours, remaining warnings: {' '.join(sorted(set(r['after']['warnings']))) or '-'}")
        missed = r["after"].get("missed_points", {})
        print(f"{r['release']} ours, points missed (got/max): {' '.join(f'{k} {v}' for k, v in sorted(missed.items()))}")
    (RESULTS / "lynis.md").write_text(table(results) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
