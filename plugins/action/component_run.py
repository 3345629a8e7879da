# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Action plugin: run an AWSTOE component document's phases on the task's host, through its connection."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
import time
from typing import Any

from ansible.errors import AnsibleActionFail
from ansible.module_utils.common.text.converters import to_text
from ansible.plugins.action import ActionBase

from ansible_collections.imageforge.image_builder.plugins.module_utils._awstoe import awstoe
from ansible_collections.imageforge.image_builder.plugins.module_utils._core import documents
from ansible_collections.imageforge.image_builder.plugins.plugin_utils import toe_runner
from ansible_collections.imageforge.image_builder.plugins.plugin_utils.toe_target import TargetExecutor

ARGUMENT_SPEC = dict(
    data=dict(type="raw"),
    src=dict(type="path"),
    parameters=dict(type="dict", default={}),
    phases=dict(type="list", elements="str"),
    allow_localhost=dict(type="bool", default=False),
    junit_path=dict(type="path"),
    fail_on_error=dict(type="bool", default=True),
    max_reboots=dict(type="int", default=5),
    tail_lines=dict(type="int", default=20),
    workdir=dict(type="str", default="/var/tmp/imageforge-component-run"),
    container=dict(type="str"),
    endpoint_url=dict(type="str", aliases=["aws_endpoint_url"]),
    region=dict(type="str", aliases=["aws_region"]),
    access_key=dict(type="str", aliases=["aws_access_key_id", "aws_access_key"], no_log=False),
    secret_key=dict(type="str", aliases=["aws_secret_access_key", "aws_secret_key"], no_log=True),
    session_token=dict(type="str", aliases=["aws_session_token"], no_log=True),
    profile=dict(type="str", aliases=["aws_profile"]),
)
READ_ONLY_ACTIONS = ("Assert", "ReadFile", "ListFiles", "S3Upload")


class ActionModule(ActionBase):
    TRANSFERS_FILES = True
    _requires_connection = True

    def run(self, tmp: str | None = None, task_vars: dict[str, Any] | None = None) -> dict[str, Any]:
        result = super().run(tmp, task_vars)
        task_vars = task_vars or {}
        _spec, args = self.validate_argument_spec(
            argument_spec=ARGUMENT_SPEC, mutually_exclusive=[("data", "src")], required_one_of=[("data", "src")])
        transport = str(getattr(self._connection, "transport", ""))
        if transport.rsplit(".", maxsplit=1)[-1] == "local" and not args["allow_localhost"]:
            raise AnsibleActionFail("component_run refuses to run a component on the controller through the local "
                                    "connection; target a container or chroot, or set allow_localhost: true")
        doc = self._load(args)
        phases = args["phases"]
        try:
            runner_phases = [p["name"] for p in doc["phases"] if phases is None or p["name"] in phases]
            if phases and set(phases) - set(runner_phases):
                raise toe_runner.RunnerError(f"the document has no phase {', '.join(sorted(set(phases) - set(runner_phases)))}")
            executor = TargetExecutor(self, task_vars, args)
            runner = toe_runner.Runner(doc, executor, args["parameters"], runner_phases,
                                       args["max_reboots"], args["tail_lines"])
        except toe_runner.RunnerError as exc:
            raise AnsibleActionFail(str(exc)) from exc
        if self._task.check_mode:
            result.update(changed=False, skipped=True, phases=runner_phases,
                          msg="check mode: the component was not run")
            return result
        started = time.monotonic()
        try:
            executor.prepare()
            report = runner.run()
        finally:
            executor.cleanup()
        report["duration"] = round(time.monotonic() - started, 3)
        if args["junit_path"]:
            self._write_junit(report, doc.get("name") or "component", args["junit_path"])
            report["junit_path"] = args["junit_path"]
        for warning in report["warnings"]:
            self._display.warning(warning)
        result.update(report)
        result["changed"] = any(s["status"] in ("success", "failed", "ignored") and s["action"] not in READ_ONLY_ACTIONS
                                for s in report["steps"])
        if report["status"] == "failed" and args["fail_on_error"]:
            failed = [f"{s['phase']}.{s['name']}: {s['message'] or 'exit code ' + str(s['exit_code'])}"
                      for s in report["steps"] if s["status"] == "failed"]
            result.update(failed=True, msg="the component failed: " + "; ".join(failed))
        return result

    def _load(self, args: Any) -> Any:
        data = args.get("data")
        if isinstance(data, (dict, list)):
            data = json.loads(json.dumps(data))  # plain types: templated values carry Ansible's tags
        try:
            text = documents.load_text(data, args.get("src"))
        except documents.DocumentError as exc:
            raise AnsibleActionFail(str(exc)) from exc
        doc, problems = awstoe.parse_and_validate(text, check_inline_limit=False)
        if problems:
            raise AnsibleActionFail("the component document is not valid: " + "; ".join(str(p) for p in problems[:20]))
        return doc

    def _write_junit(self, report: dict[str, Any], name: str, path: str) -> None:
        directory = os.path.dirname(os.path.abspath(path))
        os.makedirs(directory, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", dir=directory, delete=False, encoding="utf-8") as handle:
            handle.write(toe_runner.junit_xml(report, name))
        os.replace(handle.name, path)

    # ---- helpers the executor uses (they need the ActionBase internals)
    def target_command(self, cmd: str) -> tuple[Any, ...]:
        res = self._low_level_execute_command(cmd, sudoable=True)
        return res.get("rc", 1), to_text(res.get("stdout", "")), to_text(res.get("stderr", ""))

    def put_file(self, local: Any, remote: Any) -> None:
        self._connection.put_file(local, remote)

    def fetch_file(self, remote: Any, local: Any) -> None:
        self._connection.fetch_file(remote, local)

    def restart_container(self, name: str) -> bool:
        """podman restart on the controller, then wait until the container answers again."""
        podman = shutil.which("podman")
        if not podman:
            return False
        done = subprocess.run([podman, "restart", name], capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise AnsibleActionFail(f"podman restart {name} failed: {done.stderr.strip()}")
        self._connection.close()
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            rc, _out, _err = self.target_command("systemctl is-system-running --wait >/dev/null 2>&1; true")
            if rc == 0:
                return True
            time.sleep(1)
        raise AnsibleActionFail(f"container {name} did not come back within 120 seconds after the restart")
