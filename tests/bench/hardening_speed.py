"""Hardening speed benchmark driver (see hardening_speed.sh).

For each release, on fresh systemd containers of localhost/<release>-systemd:
  local   ansible-playbook -c local inside the target, as the role component's document runs it
          (ansible-core at the host's version, installed for the container's Python with pip
          --target from the host's pip, mounted read only with the collection and its dependencies)
  podman  the containers.podman.podman connection from the host, as molecule runs it
  devsec  dev-sec os_hardening + ssh_hardening with the three container overrides, over podman,
          from the devsec.hardening collection of the `ansible` package in the host's environment
          (or DEVSEC_PATH, a directory holding ansible_collections/devsec/hardening)
Each: package lists refreshed first (outside the timing), a converge and a second run, wall seconds, the recap, the system state after, and the
load average at the start of each run. Prints a markdown table and writes
tests/bench/results/hardening_speed.json. Not a test: it asserts nothing.
"""
from __future__ import annotations

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
MODES = os.environ.get("MODES", "local podman devsec").split()
DEVSEC_PATH = os.environ.get("DEVSEC_PATH", "")
WHEELS = ROOT / ".tmp" / "bench-ansible"
DEVSEC_OVERRIDES = {"os_auditd_enabled": False, "os_minimize_access_enabled": False, "os_sysctl_enabled": False}
# The role component's document: one play, facts gathered, the role (toe_documents.playbook).
OURS = [{"name": "hardening", "hosts": "all", "gather_facts": True, "roles": [{"role": "hardening"}]}]
DEVSEC = [{"name": "dev-sec", "hosts": "all", "gather_facts": True, "vars": DEVSEC_OVERRIDES,
           "roles": ["devsec.hardening.os_hardening", "devsec.hardening.ssh_hardening"]}]
RECAP = re.compile(r"ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)")


def sh(*cmd: str, check: bool = True, timeout: int = 1800, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, check=check, text=True, capture_output=True, timeout=timeout, **kw)


def load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def site_packages() -> Path:
    from ansible_collections.ansible import posix  # noqa: PLC0415 - the host venv's bundle
    return Path(posix.__path__[0]).parents[2]


def ansible_for(pyver: str) -> Path:
    """ansible-core (the host's version) for the container's Python, with pip --target."""
    import ansible  # noqa: PLC0415
    from ansible.release import __version__  # noqa: PLC0415
    del ansible
    dest = WHEELS / f"py{pyver.replace('.', '')}"
    if not (dest / "ansible" / "release.py").exists():
        sh(sys.executable, "-m", "pip", "install", "-q", "--target", str(dest), "--only-binary=:all:",
           "--python-version", pyver, "--implementation", "cp", "--platform", "manylinux2014_x86_64",
           f"ansible-core=={__version__}")
    script = dest / "ansible-playbook"
    script.write_text("#!/usr/bin/python3\nimport sys\nfrom ansible.cli.playbook import main\nsys.exit(main())\n")
    script.chmod(0o755)
    return dest


def devsec_path() -> Path | None:
    """DEVSEC_PATH, else the `ansible` bundle's copy next to ansible.posix; None without one."""
    path = Path(DEVSEC_PATH) if DEVSEC_PATH else site_packages()
    return path if (path / "ansible_collections" / "devsec" / "hardening").is_dir() else None


def recap(out: str) -> dict:
    m = RECAP.search(out)
    return dict(zip(("ok", "changed", "unreachable", "failed"), map(int, m.groups()))) if m else {}


def run(argv: list[str], env: dict, log: Path) -> dict:
    before = load()
    start = time.monotonic()
    proc = subprocess.run(argv, text=True, capture_output=True, env=env, timeout=3600, check=False)
    secs = round(time.monotonic() - start, 1)
    log.write_text(proc.stdout + proc.stderr)
    res = {"rc": proc.returncode, "seconds": secs, "load": before, **recap(proc.stdout)}
    if proc.returncode:
        res["tail"] = (proc.stdout + proc.stderr).splitlines()[-30:]
    return res


def start(name: str, release: str, mounts: list[tuple[Path, str]]) -> None:
    sh("podman", "rm", "-f", name, check=False)
    vols = [a for src, dst in mounts for a in ("-v", f"{src}:{dst}:ro")]
    sh("podman", "run", "-d", "--name", name, "--systemd=always", *vols, f"localhost/{release}-systemd", "/sbin/init")
    sh("podman", "exec", name, "/bin/sh", "-c", "systemctl is-system-running --wait >/dev/null 2>&1 || true", timeout=120)
    # Package lists for every configuration alike (dev-sec installs without refreshing them; the
    # hardening role would refresh them itself), outside the timed runs.
    sh("podman", "exec", name, "apt-get", "update", "-qq", timeout=600)


def state(name: str) -> str:
    return sh("podman", "exec", name, "systemctl", "is-system-running", check=False).stdout.strip()


def bench(release: str, mode: str, workdir: Path, logs: Path) -> dict:
    name = f"if-speed-{ROOT.name}-{release}-{mode}"  # several checkouts share one podman
    res: dict = {"release": release, "mode": mode}
    env = dict(os.environ, ANSIBLE_NOCOLOR="1", ANSIBLE_PIPELINING="true")
    profile = ["-e", "ANSIBLE_CALLBACKS_ENABLED=ansible.posix.profile_tasks"] if os.environ.get("PROFILE") == "1" else []
    if profile:
        env["ANSIBLE_CALLBACKS_ENABLED"] = "ansible.posix.profile_tasks"
    mounts: list[tuple[Path, str]] = []
    if mode == "local":
        pyver = sh("podman", "run", "--rm", f"localhost/{release}-systemd", "python3", "-c",
                   "import sys; print('%d.%d' % sys.version_info[:2])").stdout.strip()
        mounts = [(ansible_for(pyver), "/opt/bench/ansible"), (ROOT, "/opt/bench/src/ansible_collections/imageforge/image_builder"),
                  (site_packages() / "ansible_collections", "/opt/bench/deps/ansible_collections")]
    start(name, release, mounts)
    try:
        if mode == "local":
            play = workdir / "play.yml"
            play.write_text(json.dumps(OURS))
            sh("podman", "cp", str(play), f"{name}:/root/play.yml")
            inner = ["podman", "exec", "-e", "PYTHONPATH=/opt/bench/ansible", "-e", "ANSIBLE_NOCOLOR=1",
                     "-e", "ANSIBLE_PIPELINING=true", "-e", "ANSIBLE_RETRY_FILES_ENABLED=false",
                     "-e", "ANSIBLE_COLLECTIONS_PATH=/opt/bench/src:/opt/bench/deps",
                     "-e", "ANSIBLE_ROLES_PATH=/opt/bench/src/ansible_collections/imageforge/image_builder/roles",
                     "-e", "ANSIBLE_LOCAL_TEMP=/tmp/.ansible", "-e", "ANSIBLE_HOME=/tmp/.ansible",
                     *profile, "-w", "/root", name, "/usr/bin/python3", "/opt/bench/ansible/ansible-playbook",
                     "-c", "local", "-i", "localhost,", "-e", "ansible_python_interpreter=/usr/bin/python3", "play.yml"]
            argv = inner
        else:
            inv = workdir / f"{name}.ini"
            inv.write_text(f"{name} ansible_connection=containers.podman.podman ansible_python_interpreter=/usr/bin/python3\n")
            play = workdir / f"{mode}.yml"
            play.write_text(json.dumps(DEVSEC if mode == "devsec" else OURS))
            argv = ["ansible-playbook", "-i", str(inv), str(play)]
            if mode == "devsec":
                env["ANSIBLE_COLLECTIONS_PATH"] = f"{devsec_path()}{os.pathsep}{env.get('ANSIBLE_COLLECTIONS_PATH', '')}"
        res["converge"] = run(argv, env, logs / f"{release}-{mode}-1.log")
        res["rerun"] = run(argv, env, logs / f"{release}-{mode}-2.log")
        res["system"] = state(name)
    finally:
        if os.environ.get("KEEP_CONTAINERS") != "1":
            sh("podman", "rm", "-f", name, check=False)
    return res


def cell(r: dict) -> str:
    fail = "" if r["rc"] == 0 else f" (rc {r['rc']})"
    return f"{r['seconds']:.0f}{fail} [{r['load'].split()[0]}]"


def table(results: list[dict]) -> str:
    rows = ["| image | how | converge s [load] | rerun s [load] | rerun changed | system after |",
            "|---|---|---|---|---|---|"]
    for r in results:
        if "skipped" in r:
            rows.append(f"| {r['release']} | {r['mode']} | – | – | – | {r['skipped']} |")
            continue
        rows.append(f"| {r['release']} | {r['mode']} | {cell(r['converge'])} | {cell(r['rerun'])} | "
                    f"{r['rerun'].get('changed', '?')} | {r['system']} |")
    return "\n".join(rows)


def main() -> int:
    RESULTS.mkdir(parents=True, exist_ok=True)
    results = []
    # The playbook logs stay in tests/bench/results/hardening_speed-logs/ (PROFILE=1: per-task times).
    logs = RESULTS / "hardening_speed-logs"
    logs.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="hardening-speed-") as tmp:
        for release in RELEASES:
            for mode in MODES:
                if mode == "devsec" and devsec_path() is None:
                    results.append({"release": release, "mode": mode, "skipped": "no devsec.hardening collection"})
                    continue
                print(f"# {release} / {mode} (load {load()}) ...", file=sys.stderr, flush=True)
                res = bench(release, mode, Path(tmp), logs)
                results.append(res)
                print(f"#   converge {res['converge']['seconds']} s rc={res['converge']['rc']}, rerun "
                      f"{res['rerun']['seconds']} s changed={res['rerun'].get('changed')}, {res['system']}",
                      file=sys.stderr, flush=True)
                for run_ in ("converge", "rerun"):
                    if res[run_]["rc"]:
                        print("\n".join(res[run_]["tail"]), file=sys.stderr)
                (RESULTS / "hardening_speed.json").write_text(json.dumps(results, indent=1))
    print(table(results))
    print(f"\nload average at the end: {load()} ({os.cpu_count()} cores)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
