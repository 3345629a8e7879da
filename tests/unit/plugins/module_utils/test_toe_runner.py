# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Every semantic rule of the local AWSTOE runner, against a scripted fake target."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from ansible_collections.imageforge.image_builder.plugins.plugin_utils.toe_runner import ActionResult
from ansible_collections.imageforge.image_builder.plugins.plugin_utils.toe_runner import Runner
from ansible_collections.imageforge.image_builder.plugins.plugin_utils.toe_runner import RunnerError
from ansible_collections.imageforge.image_builder.plugins.plugin_utils.toe_runner import junit_xml


class FakeTarget:
    """Runs ExecuteBash by looking each command up in `script`: command -> list of ActionResults (one per call)."""

    def __init__(self, script=None, can_reboot=True, files=()):
        self.script = {k: list(v) for k, v in (script or {}).items()}
        self.calls = []
        self.reboots = 0
        self.can_reboot = can_reboot
        self.files = set(files)

    def supports(self, action):
        return action in ("ExecuteBash", "CreateFile") or (action == "Reboot" and self.can_reboot)

    def run(self, action, inputs, timeout):
        if action == "CreateFile":
            self.calls.append(("CreateFile", inputs[0]["path"], inputs[0]["content"]))
            return ActionResult()
        command = inputs["commands"][0]
        self.calls.append((command, timeout))
        queue = self.script.get(str(command))
        result = queue.pop(0) if queue else ActionResult(stdout=str(command).upper())
        if not result.outputs:
            result.outputs = {"stdout": result.stdout}
        return result

    def reboot(self):
        if self.can_reboot:
            self.reboots += 1
        return self.can_reboot

    def check(self, operator, operand):
        return operand in self.files


def bash(name, command, **extra):
    return dict(name=name, action="ExecuteBash", inputs={"commands": [command]}, **extra)


def doc(*steps, phases=None, **top):
    return dict(name="demo", schemaVersion=1.0, phases=phases or [{"name": "build", "steps": list(steps)}], **top)


def run(document, target=None, **kwargs):
    target = target or FakeTarget()
    return Runner(document, target, **kwargs).run(), target


def by_name(report):
    return {s["name"]: s for s in report["steps"]}


def test_step_outputs_feed_later_steps():
    report, target = run(doc(bash("First", "hello"), bash("Second", "echo {{ build.First.outputs.stdout }}!")))
    assert target.calls[1][0] == "echo HELLO!"
    assert report["status"] == "success"
    assert by_name(report)["Second"]["outputs"] == {"stdout": "ECHO HELLO!"}


def test_step_inputs_can_be_referenced():
    report, target = run(doc(bash("First", "a-{{ Who }}"), bash("Second", "{{ build.First.inputs.commands }}"),
                             parameters=[{"Who": {"type": "string", "default": "me"}}]))
    assert target.calls[1][0] == ["a-me"]


def test_parameters_default_and_override_and_unknown():
    document = doc(bash("Say", "say {{ Greeting }} {{ Fixed }}"), parameters=[{"Greeting": {"type": "string", "default": "hi"}}],
                   constants=[{"Fixed": {"type": "string", "value": "c"}}])
    assert run(document)[1].calls[0][0] == "say hi c"
    assert run(document, parameters={"Greeting": True})[1].calls[0][0] == "say true c"
    with pytest.raises(RunnerError, match="unknown parameters Nope"):
        Runner(document, FakeTarget(), parameters={"Nope": "x"})


def test_parameter_without_default_must_be_passed():
    document = doc(bash("Say", "{{ Need }}"), parameters=[{"Need": {"type": "string"}}])
    with pytest.raises(RunnerError, match="Need has no default"):
        Runner(document, FakeTarget())


def test_reference_to_a_step_that_did_not_run_fails_the_step():
    report, target = run(doc(bash("Only", "x {{ build.Later.outputs.stdout }}")))
    assert report["status"] == "failed"
    assert "has not run" in report["steps"][0]["message"]
    assert target.calls == []


def test_for_loop_is_inclusive_and_exposes_index_and_value():
    step = bash("Loop", "n={{ loop.value }} i={{ loop.index }}", loop={"for": {"start": 10, "end": 30, "updateBy": 10}})
    report, target = run(doc(step))
    assert [c[0] for c in target.calls] == ["n=10 i=0", "n=20 i=1", "n=30 i=2"]


def test_named_foreach_loop_with_delimiter():
    step = bash("Loop", "pkg {{ pk.value }}", loop={"name": "pk", "forEach": {"list": "a;b", "delimiter": ";"}})
    assert [c[0] for c in run(doc(step))[1].calls] == ["pkg a", "pkg b"]


def test_loop_stops_at_first_failing_iteration():
    step = bash("Loop", "{{ loop.value }}", loop={"forEach": ["ok", "bad", "never"]})
    target = FakeTarget({"bad": [ActionResult(rc=3)]})
    report, _target = run(doc(step), target)
    assert [c[0] for c in target.calls] == ["ok", "bad"]
    assert report["steps"][0]["exit_code"] == 3


def test_on_failure_abort_stops_the_document():
    target = FakeTarget({"bad": [ActionResult(rc=1, stderr="boom")]})
    report, _target = run(doc(bash("Bad", "bad"), bash("After", "after")), target)
    steps = by_name(report)
    assert report["status"] == "failed"
    assert steps["Bad"]["status"] == "failed" and steps["Bad"]["stderr_tail"] == "boom"
    assert steps["After"]["status"] == "not_run"
    assert [c[0] for c in target.calls] == ["bad"]


def test_on_failure_continue_runs_on_but_the_document_fails():
    target = FakeTarget({"bad": [ActionResult(rc=1)]})
    report, _target = run(doc(bash("Bad", "bad", onFailure="Continue"), bash("After", "after")), target)
    assert by_name(report)["After"]["status"] == "success"
    assert report["status"] == "failed"


def test_on_failure_ignore_marks_ignored_and_the_document_succeeds():
    target = FakeTarget({"bad": [ActionResult(rc=1)]})
    report, _target = run(doc(bash("Bad", "bad", onFailure="Ignore"), bash("After", "after")), target)
    assert by_name(report)["Bad"]["status"] == "ignored"
    assert report["status"] == "success"
    assert report["counts"]["ignored"] == 1


def test_max_attempts_retries_until_success():
    target = FakeTarget({"flaky": [ActionResult(rc=1), ActionResult(rc=1), ActionResult(stdout="ok")]})
    report, _target = run(doc(bash("Flaky", "flaky", maxAttempts=3)), target)
    assert report["steps"][0]["attempts"] == 3 and report["status"] == "success"


def test_max_attempts_gives_up():
    target = FakeTarget({"bad": [ActionResult(rc=1)] * 5})
    report, _target = run(doc(bash("Bad", "bad", maxAttempts=2)), target)
    assert len(target.calls) == 2 and report["steps"][0]["attempts"] == 2


def test_timeout_is_passed_defaulted_unlimited_and_reported():
    target = FakeTarget({"slow": [ActionResult(rc=124, timed_out=True)]})
    report, _target = run(doc(bash("Slow", "slow", timeoutSeconds=5), bash("Default", "d", onFailure="Continue"),
                              phases=[{"name": "build", "steps": [bash("Slow", "slow", timeoutSeconds=5, onFailure="Continue"),
                                                                  bash("Default", "d"), bash("Forever", "f", timeoutSeconds=-1)]}]),
                          target)
    assert target.calls == [("slow", 5), ("d", 7200), ("f", None)]
    assert by_name(report)["Slow"]["status"] == "failed"
    assert "timed out after 5 seconds" in by_name(report)["Slow"]["message"]


def test_timed_out_step_is_retried():
    target = FakeTarget({"slow": [ActionResult(rc=124, timed_out=True), ActionResult()]})
    report, _target = run(doc(bash("Slow", "slow", timeoutSeconds=5, maxAttempts=2)), target)
    assert report["status"] == "success" and report["steps"][0]["attempts"] == 2


def test_exit_194_reboots_and_resumes_the_same_step():
    target = FakeTarget({"kernel": [ActionResult(rc=194), ActionResult(stdout="done")]})
    report, _target = run(doc(bash("Kernel", "kernel"), bash("Next", "next")), target)
    assert target.reboots == 1 and report["reboots"] == 1
    assert [c[0] for c in target.calls] == ["kernel", "kernel", "next"]
    assert report["steps"][0]["attempts"] == 1 and report["status"] == "success"


def test_exit_194_without_reboot_support_fails_the_step():
    target = FakeTarget({"kernel": [ActionResult(rc=194)]}, can_reboot=False)
    report, _target = run(doc(bash("Kernel", "kernel")), target)
    assert report["status"] == "failed" and "cannot" in report["steps"][0]["message"]


def test_exit_194_loop_is_bounded():
    target = FakeTarget({"kernel": [ActionResult(rc=194)] * 10})
    report, _target = run(doc(bash("Kernel", "kernel")), target, max_reboots=3)
    assert target.reboots == 3 and report["status"] == "failed"


def test_unsupported_action_is_skipped_with_a_warning():
    step = dict(name="Msi", action="InstallMSI", inputs={"path": "x.msi"})
    report, target = run(doc(step, bash("After", "after")))
    assert by_name(report)["Msi"]["status"] == "skipped"
    assert any("InstallMSI" in w for w in report["warnings"])
    assert report["status"] == "success" and [c[0] for c in target.calls] == ["after"]


def test_reboot_action_skipped_when_the_target_cannot_reboot():
    report, _target = run(doc(dict(name="Rb", action="Reboot")), FakeTarget(can_reboot=False))
    assert report["steps"][0]["status"] == "skipped" and report["warnings"]


def test_assert_and_if_conditions():
    steps = [bash("Ver", "ver"),
             dict(name="Check", action="Assert", inputs={"and": [{"stringEquals": "VER", "value": "{{ build.Ver.outputs.stdout }}"},
                                                                 {"fileExists": "/etc/x"}]}),
             bash("OnlyIfMissing", "never", **{"if": {"fileExists": "/nope"}}),
             bash("Newer", "newer", **{"if": {"semVerGreaterThan": "1.2.3", "value": "1.10.0"}}),
             dict(name="Fails", action="Assert", inputs={"numberLessThan": 2, "value": "10"})]
    report, target = run(doc(*steps), FakeTarget(files={"/etc/x"}))
    steps = by_name(report)
    assert steps["Check"]["status"] == "success"
    assert steps["OnlyIfMissing"]["status"] == "skipped"
    assert steps["Newer"]["status"] == "success"
    assert steps["Fails"]["status"] == "failed"
    assert "never" not in [c[0] for c in target.calls]


def test_phase_selection_and_cross_phase_outputs():
    document = doc(phases=[{"name": "build", "steps": [bash("B", "b")]},
                           {"name": "validate", "steps": [bash("V", "v {{ build.B.outputs.stdout }}")]},
                           {"name": "test", "steps": [bash("T", "t")]}])
    report, target = run(document, phases=["build", "validate"])
    assert [c[0] for c in target.calls] == ["b", "v B"]
    assert [s["phase"] for s in report["steps"]] == ["build", "validate"]


def test_tail_keeps_the_last_lines():
    target = FakeTarget({"many": [ActionResult(stdout="\n".join(str(i) for i in range(50)))]})
    report, _target = run(doc(bash("Many", "many")), target, tail_lines=3)
    assert report["steps"][0]["stdout_tail"] == "47\n48\n49"


def test_junit_report_counts_failures_and_skips():
    target = FakeTarget({"bad": [ActionResult(rc=2, stderr="<bad & worse>")]})
    report, _target = run(doc(bash("Ok", "ok"), dict(name="Msi", action="InstallMSI", inputs={"path": "x"}),
                              bash("Bad", "bad", onFailure="Continue")), target)
    suite = ET.fromstring(junit_xml(report, "demo")).find("testsuite")
    assert suite.get("name") == "demo.build"
    assert (suite.get("tests"), suite.get("failures"), suite.get("skipped")) == ("3", "1", "1")
    bad = [c for c in suite.findall("testcase") if c.get("name") == "Bad"][0]
    assert bad.find("failure").text == "<bad & worse>"
