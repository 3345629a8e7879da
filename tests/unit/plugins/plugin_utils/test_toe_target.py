# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""component_run's actions against a throwaway folder, with the connection replaced by local subprocesses."""

from __future__ import annotations

import os
import shutil
import subprocess

from ansible_collections.imageforge.image_builder.plugins.plugin_utils.toe_runner import Runner
from ansible_collections.imageforge.image_builder.plugins.plugin_utils.toe_target import TargetExecutor


class LocalAction:
    def target_command(self, cmd):
        done = subprocess.run(["/bin/sh", "-c", cmd], capture_output=True, text=True, check=False)
        return done.returncode, done.stdout, done.stderr

    def put_file(self, local, remote):
        shutil.copy(local, remote)

    def fetch_file(self, remote, local):
        shutil.copy(remote, local)


class Conn:
    transport = "community.general.chroot"


def executor(tmp_path):
    action = LocalAction()
    action._connection = Conn()
    ex = TargetExecutor(action, {"inventory_hostname": "x"}, {"workdir": str(tmp_path / "work")})
    ex.prepare()
    return ex


def run(tmp_path, steps):
    ex = executor(tmp_path)
    try:
        return Runner({"name": "t", "phases": [{"name": "build", "steps": steps}]}, ex).run()
    finally:
        ex.cleanup()


def test_file_actions_and_outputs(tmp_path):
    d = str(tmp_path / "data")
    steps = [
        dict(name="Folder", action="CreateFolder", inputs=[{"path": d + "/sub", "permissions": "0750"}]),
        dict(name="Make", action="CreateFile", inputs=[{"path": d + "/a.txt", "content": "hello", "permissions": "0600"}]),
        dict(name="Copy", action="CopyFile", inputs=[{"source": d + "/a.txt", "destination": d + "/sub/b.txt"}]),
        dict(name="NoClobber", action="CopyFile", onFailure="Ignore",
             inputs=[{"source": d + "/a.txt", "destination": d + "/sub/b.txt", "overwrite": False}]),
        dict(name="Move", action="MoveFile", inputs=[{"source": d + "/sub/b.txt", "destination": d + "/c.txt"}]),
        dict(name="Read", action="ReadFile", inputs=[{"path": d + "/c.txt"}]),
        dict(name="List", action="ListFiles", inputs=[{"path": d, "fileNamePattern": "*.txt"}]),
        dict(name="Echo", action="ExecuteBash",
             inputs={"commands": ["echo '{{ build.Read.outputs.content }}' | tr a-z A-Z"]}),
        dict(name="Delete", action="DeleteFile", inputs=[{"path": d + "/a.txt"}]),
        dict(name="Binary", action="ExecuteBinary", inputs={"path": "/bin/ls", "arguments": [d]}),
    ]
    report = run(tmp_path, steps)
    steps = {s["name"]: s for s in report["steps"]}
    assert report["status"] == "success", report
    assert oct(os.stat(d + "/sub").st_mode & 0o777) == "0o750"
    assert steps["NoClobber"]["status"] == "ignored"
    assert steps["Read"]["outputs"]["content"] == "hello"
    assert steps["List"]["outputs"]["files"] == [d + "/a.txt", d + "/c.txt"]
    assert steps["Echo"]["outputs"]["stdout"] == "HELLO"
    assert steps["Binary"]["outputs"]["stdout"].split() == ["c.txt", "sub"]
    assert not os.path.exists(tmp_path / "work")


def test_timeout_kills_the_step(tmp_path):
    report = run(tmp_path, [dict(name="Slow", action="ExecuteBash", timeoutSeconds=1, inputs={"commands": ["sleep 20"]})])
    step = report["steps"][0]
    assert step["status"] == "failed" and "timed out after 1 seconds" in step["message"]
    assert step["duration"] < 15


def test_reboot_is_skipped_off_podman(tmp_path):
    report = run(tmp_path, [dict(name="Rb", action="Reboot"),
                            dict(name="Want194", action="ExecuteBash", inputs={"commands": ["exit 194"]})])
    assert report["steps"][0]["status"] == "skipped"
    assert report["steps"][1]["status"] == "failed" and "cannot" in report["steps"][1]["message"]
