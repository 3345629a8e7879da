"""The AWX job templates and workflow of playbooks/awx_setup.yml, run the way AWX runs them.

Each job: ansible-runner of the execution environment built from execution-environment.yml alone
(tests/tools/ee_env.py), a private data directory (project/, inventory/, env/extravars with the survey
answers typed as AWX types them, env/envvars with what the AWS credential injects), against the emulator.
The tests run in file order and share the emulator (tests/tools/stages/47-awx.sh starts it).
"""

import pathlib
import shutil
import subprocess
import sys

import boto3
import pytest
import yaml

from conftest import ENDPOINT, ROOT, awx, build_ee

DEFINITION = yaml.safe_load((ROOT / "playbooks/vars/definition-demo.yml").read_text())["image_pipeline_definition"]
DECLARED = yaml.safe_load((ROOT / "execution-environment.yml").read_text())["dependencies"]


def ec2(region):
    return boto3.client("ec2", region_name=region, endpoint_url=ENDPOINT, aws_access_key_id="testing",
                        aws_secret_access_key="testing")


def succeeded(job):
    assert job.rc == 0 and job.status == "successful", f"{job.name}: rc {job.rc}\n{job.stdout[-6000:]}"
    return job


def test_the_environment_holds_what_the_definition_declares_and_nothing_else(ee):
    frozen = set(ee["pip_freeze"])
    declared = {DECLARED["ansible_core"]["package_pip"], DECLARED["ansible_runner"]["package_pip"]}
    declared |= {line.strip() for line in (ROOT / DECLARED["python"]).read_text().splitlines()
                 if line.strip() and not line.startswith("#")}
    assert declared <= frozen
    names = {line.split("==")[0].lower() for line in frozen}
    for test_only in ("ansible", "moto", "pytest", "ansible-navigator", "ansible-lint", "flask"):
        assert test_only not in names
    wanted = {c["name"] for c in yaml.safe_load((ROOT / DECLARED["galaxy"]).read_text())["collections"] if "type" not in c}
    assert set(ee["collections"]) == wanted | {"imageforge.image_builder"}
    assert ee["bindep_checked"], "the system packages were checked against this machine"


def test_pipeline_job_creates_then_changes_nothing(controller, emulator):
    first = succeeded(controller.launch("imageforge pipeline"))
    assert first.count("changed") > 0
    emulator("/_emulator/counters/reset", {})
    again = succeeded(controller.launch("imageforge pipeline"))
    assert again.count("changed") == 0
    assert emulator("/_emulator/counters")["writes"] == 0


def test_the_workflow_passes_artifacts_from_job_to_job(controller):
    asked = []
    build, validate, share = (succeeded(job) for job in controller.workflow(
        approve=lambda node, artifacts: asked.append((node["identifier"], artifacts)) or True))
    assert [build.name, validate.name, share.name] == ["imageforge build", "imageforge validate", "imageforge share"]
    arn = build.artifacts["imageforge_image_arn"]
    assert arn.startswith("arn:aws:imagebuilder:us-east-1:")
    # the node's extra_data passed the build template's survey, so the build did not share ...
    assert build.extra_vars["build_share"] == "false"
    # ... each later job got the artifacts as extra vars, and used them
    assert validate.extra_vars["imageforge_image_arn"] == arn
    assert validate.artifacts["imageforge_validated"] is True
    assert share.extra_vars["imageforge_image_arn"] == arn
    assert share.extra_vars["imageforge_amis"] == build.artifacts["imageforge_amis"]
    assert share.artifacts["imageforge_shared_amis"] == build.artifacts["imageforge_amis"]
    # the approval node came after validation, with what to approve in hand
    assert [(node, artifacts["imageforge_validated"]) for node, artifacts in asked] == [("approve", True)]
    assert share.count("changed") > 0, "the share step shared what the build step left unshared"
    for ami in share.artifacts["imageforge_shared_amis"]:
        permissions = ec2(ami["region"]).describe_image_attribute(ImageId=ami["image_id"], Attribute="launchPermission")
        assert permissions["LaunchPermissions"] == [{"UserId": account} for account in DEFINITION["sharing"]["accounts"]]


def test_the_workflow_rerun_changes_nothing(controller, emulator):
    emulator("/_emulator/counters/reset", {})
    jobs = [succeeded(job) for job in controller.workflow()]
    assert [job.name for job in jobs] == ["imageforge build", "imageforge validate", "imageforge share"]
    assert [job.count("changed") for job in jobs] == [0, 0, 0]
    assert emulator("/_emulator/counters")["writes"] == 0


@pytest.mark.parametrize("template", ["imageforge build", "imageforge share"])
def test_a_job_template_runs_on_its_survey_defaults_alone(controller, emulator, template):
    # every variable the playbook needs has a survey question with a default, or a default of its own
    emulator("/_emulator/counters/reset", {})
    job = succeeded(controller.launch(template))
    assert set(job.extra_vars) == set(awx.survey_defaults(awx.survey(template))) | set(controller.job_vars)
    assert job.count("changed") == 0 and emulator("/_emulator/counters")["writes"] == 0


def test_cleanup_job_then_changes_nothing(controller, emulator):
    succeeded(controller.launch("imageforge cleanup", {"cleanup_keep_newest": 1}))
    emulator("/_emulator/counters/reset", {})
    # unanswered, the optional question leaves the definition's lifecycle in charge
    again = succeeded(controller.launch("imageforge cleanup"))
    assert "cleanup_keep_newest" not in again.extra_vars
    assert again.count("changed") == 0
    assert emulator("/_emulator/counters")["writes"] == 0


@pytest.mark.parametrize("template, answer, message", [
    ("imageforge build", {"build_wait_timeout": "two hours"},
     "Survey question 'Build timeout (seconds)' (build_wait_timeout): wants an integer, got \"two hours\""),
    ("imageforge cleanup", {"cleanup_keep_newest": 5000},
     "Survey question 'Images to keep' (cleanup_keep_newest): wants an integer from 0 to 1000, got 5000"),
    ("imageforge share", {"share_state": "everyone"},
     "Survey question 'Share or unshare' (share_state): wants one of present, absent, got \"everyone\""),
])
def test_a_wrong_survey_answer_fails_naming_the_question_before_any_call(controller, emulator, template, answer, message):
    # AWX checks a survey's own answers, but not workflow extra vars or artifacts: the playbook must.
    emulator("/_emulator/counters/reset", {})
    playbook = pathlib.Path(awx.template(template)["playbook"]).name
    job = controller.run(playbook, {**awx.job_extra_vars(template, controller.job_vars), **answer}, template)
    assert job.rc != 0 and job.status == "failed"
    assert message in job.stdout
    assert emulator("/_emulator/counters")["operations"] == {}


def test_ansible_navigator_runs_a_job_in_the_environment(controller, ee):
    extra = awx.job_extra_vars("imageforge validate", controller.job_vars)
    pdd = controller.private_data_dir(extra)
    # only the environment's bin folder: the ansible-playbook that navigator starts can only be the EE's
    env = {"PATH": f"{ee['bin']}:/usr/bin:/bin", "HOME": str(pdd), "LANG": "C.UTF-8", **controller.envvars()}
    navigator = pathlib.Path(sys.executable).parent / "ansible-navigator"
    done = subprocess.run([str(navigator), "run", "project/validate.yml", "--ee", "false", "--mode", "stdout",
                           "-i", "inventory/hosts.json", "-e", "@env/extravars", "--pae", "false",
                           "--lf", str(pdd / "navigator.log")],
                          cwd=pdd, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert "is available, tested and distributed" in done.stdout
    assert "failed=0" in done.stdout


def test_a_dependency_missing_from_the_definition_fails_the_job(controller, tmp_path):
    shutil.copy(ROOT / "execution-environment.yml", tmp_path)
    shutil.copytree(ROOT / "meta", tmp_path / "meta")
    galaxy = tmp_path / DECLARED["galaxy"]
    collections = yaml.safe_load(galaxy.read_text())
    collections["collections"] = [c for c in collections["collections"] if c["name"] != "community.aws"]
    galaxy.write_text(yaml.safe_dump(collections))
    lacking = build_ee(tmp_path / "execution-environment.yml")
    assert "community.aws" not in lacking["collections"]
    without = awx.Controller(lacking, tmp_path / "jobs", ENDPOINT, controller.job_vars)
    job = without.launch("imageforge build", {"build_share": "false"})
    assert job.rc != 0
    assert "community.aws.ssm_parameter" in job.stdout
