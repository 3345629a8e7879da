"""Workflow executions and waiting steps, scan findings, lifecycle runs, image references and
disabled AMIs in the emulator (issue 16)."""

import boto3
import pytest

from imageforge_emulator.imagebuilder import image_timeline

from .conftest import REGION
from .test_images import setup

WAITING = ("name: approve\nschemaVersion: 1.0\nsteps:\n  - name: LaunchBuildInstance\n    action: LaunchInstance\n"
           "  - name: Approve\n    action: WaitForAction\n  - name: CreateOutputAMI\n    action: CreateImage\n")


@pytest.fixture
def frozen(monkeypatch):
    now = [1000.0]
    monkeypatch.setattr(image_timeline, "clock", lambda: now[0])
    image_timeline.set_build_seconds(10)
    yield now
    image_timeline.set_build_seconds(None)


def executions(ib, arn):
    found = ib.list_workflow_executions(imageBuildVersionArn=arn)["workflowExecutions"]
    return {e["type"]: (e, ib.list_workflow_step_executions(workflowExecutionId=e["workflowExecutionId"])["steps"])
            for e in found}


def test_a_failing_test_step_is_the_failed_step_of_the_test_workflow(ib, frozen):
    arn = ib.create_image(**setup(ib, command="exit 3"))["imageBuildVersionArn"]
    frozen[0] += 60
    assert ib.get_image(imageBuildVersionArn=arn)["image"]["state"]["status"] == "FAILED"
    runs = executions(ib, arn)
    assert runs["BUILD"][0]["status"] == "COMPLETED"
    assert runs["BUILD"][0]["workflowBuildVersionArn"].endswith(":aws:workflow/build/build-image/1.0.3/1")
    test, steps = runs["TEST"]
    assert test["status"] == "FAILED" and test["totalStepsFailed"] == 1
    failed = [s for s in steps if s["status"] == "FAILED"]
    assert [s["name"] for s in failed] == ["ApplyTestComponents"]
    assert "exited with code 3" in failed[0]["message"] and "'Check'" in failed[0]["message"]
    assert steps[-1]["status"] == "SKIPPED"
    one = ib.get_workflow_step_execution(stepExecutionId=failed[0]["stepExecutionId"])
    assert one["imageBuildVersionArn"] == arn and one["onFailure"] == "Abort"


def test_a_running_build_lists_only_started_executions(ib, frozen):
    arn = ib.create_image(**setup(ib))["imageBuildVersionArn"]
    frozen[0] += 2  # BUILDING
    runs = executions(ib, arn)
    assert list(runs) == ["BUILD"] and runs["BUILD"][0]["status"] == "RUNNING"
    with pytest.raises(ib.exceptions.InvalidRequestException):
        ib.get_workflow_execution(workflowExecutionId="wf-00000000-0000-0000-0000-000000000000")


def build_with_wait(ib, token):
    workflow = ib.create_workflow(name=f"approve-{token}", semanticVersion="1.0.0", type="BUILD", data=WAITING,
                                  clientToken=f"w{token}")["workflowBuildVersionArn"]
    params = dict(setup(ib) if token == "a" else {**_reuse(ib), "clientToken": f"b{token}"},
                  workflows=[{"workflowArn": workflow}], executionRole="arn:aws:iam::123456789012:role/exec")
    return ib.create_image(**params)["imageBuildVersionArn"]


def _reuse(ib):
    recipe = ib.list_image_recipes()["imageRecipeSummaryList"][0]["arn"]
    infra = ib.list_infrastructure_configurations()["infrastructureConfigurationSummaryList"][0]["arn"]
    return dict(imageRecipeArn=recipe, infrastructureConfigurationArn=infra)


def test_a_build_waits_at_a_wait_for_action_step_until_resumed(ib, frozen):
    arn = build_with_wait(ib, "a")
    frozen[0] += 600
    assert ib.get_image(imageBuildVersionArn=arn)["image"]["state"]["status"] == "BUILDING"
    waiting = ib.list_waiting_workflow_steps()["steps"]
    assert [(w["name"], w["imageBuildVersionArn"]) for w in waiting] == [("Approve", arn)]
    step = waiting[0]["stepExecutionId"]
    ib.send_workflow_step_action(stepExecutionId=step, imageBuildVersionArn=arn, action="RESUME", clientToken="r1")
    assert ib.list_waiting_workflow_steps()["steps"] == []
    with pytest.raises(ib.exceptions.InvalidRequestException):
        ib.send_workflow_step_action(stepExecutionId=step, imageBuildVersionArn=arn, action="STOP", clientToken="r2")
    frozen[0] += 60
    assert ib.get_image(imageBuildVersionArn=arn)["image"]["state"]["status"] == "AVAILABLE"
    assert ib.get_workflow_step_execution(stepExecutionId=step)["status"] == "COMPLETED"


def test_stop_fails_the_step_and_the_build(ib, frozen):
    build_with_wait(ib, "a")
    frozen[0] += 600
    arn = build_with_wait(ib, "b")
    frozen[0] += 600
    step = [w for w in ib.list_waiting_workflow_steps()["steps"] if w["imageBuildVersionArn"] == arn][0]
    ib.send_workflow_step_action(stepExecutionId=step["stepExecutionId"], imageBuildVersionArn=arn, action="STOP",
                                 reason="rejected", clientToken="s1")
    image = ib.get_image(imageBuildVersionArn=arn)["image"]
    assert image["state"]["status"] == "FAILED" and "rejected" in image["state"]["reason"]
    steps = executions(ib, arn)["BUILD"][1]
    assert [s["status"] for s in steps] == ["COMPLETED", "FAILED", "SKIPPED"]


def test_findings_follow_the_packages_and_filter_by_severity(ib, frozen):
    params = setup(ib, command="apt-get install -y xz")
    params["imageScanningConfiguration"] = {"imageScanningEnabled": True}
    arn = ib.create_image(**params)["imageBuildVersionArn"]
    frozen[0] += 60
    ib.get_image(imageBuildVersionArn=arn)
    critical = ib.list_image_scan_findings(filters=[{"name": "severity", "values": ["CRITICAL"]}])["findings"]
    assert [f["packageVulnerabilityDetails"]["vulnerabilityId"] for f in critical] == ["CVE-2024-3094"]
    assert critical[0]["fixAvailable"] == "YES"
    assert critical[0]["packageVulnerabilityDetails"]["vulnerablePackages"][0]["fixedInVersion"] == "5.6.2"
    with pytest.raises(ib.exceptions.InvalidRequestException):
        ib.list_image_scan_findings(filters=[{"name": "severity", "values": ["CRITICAL"]},
                                             {"name": "imageBuildVersionArn", "values": [arn]}])


def test_a_scheduled_state_update_is_listed_then_cancelled_and_an_immediate_one_applies(ib, frozen):
    arn = ib.create_image(**setup(ib))["imageBuildVersionArn"]
    frozen[0] += 60
    ami = ib.get_image(imageBuildVersionArn=arn)["image"]["outputResources"]["amis"][0]["image"]
    later = ib.start_resource_state_update(resourceArn=arn, state={"status": "DEPRECATED"}, updateAt="2099-01-01T00:00:00Z",
                                           includeResources={"amis": True}, clientToken="l1")["lifecycleExecutionId"]
    assert later.startswith("lce-")
    runs = ib.list_lifecycle_executions(resourceArn=arn)["lifecycleExecutions"]
    assert [(r["lifecycleExecutionId"], r["state"]["status"]) for r in runs] == [(later, "IN_PROGRESS")]
    assert ib.list_lifecycle_execution_resources(lifecycleExecutionId=later)["resources"] == []
    ib.cancel_lifecycle_execution(lifecycleExecutionId=later, clientToken="c1")
    assert ib.get_lifecycle_execution(lifecycleExecutionId=later)["lifecycleExecution"]["state"]["status"] == "CANCELLED"
    with pytest.raises(ib.exceptions.ResourceInUseException):
        ib.cancel_lifecycle_execution(lifecycleExecutionId=later, clientToken="c2")
    now = ib.start_resource_state_update(resourceArn=arn, state={"status": "DISABLED"},
                                         includeResources={"amis": True}, clientToken="l2")["lifecycleExecutionId"]
    resources = ib.list_lifecycle_execution_resources(lifecycleExecutionId=now)
    assert resources["lifecycleExecutionState"]["status"] == "SUCCESS"
    assert [(r["resourceId"], r["action"]["name"]) for r in resources["resources"]] == [(ami, "DISABLE")]
    ec2 = boto3.client("ec2", region_name=REGION)
    assert ec2.describe_images(ImageIds=[ami])["Images"] == []
    assert ec2.describe_images(ImageIds=[ami], IncludeDisabled=True)["Images"][0]["State"] == "disabled"
    assert ib.get_image(imageBuildVersionArn=arn)["image"]["state"]["status"] == "DISABLED"


def test_image_references_name_parameters_templates_and_recipes(ib):
    ec2, ssm = boto3.client("ec2", region_name=REGION), boto3.client("ssm", region_name=REGION)
    ami = ec2.register_image(Name="referenced", RootDeviceName="/dev/xvda")["ImageId"]
    other = ec2.register_image(Name="other", RootDeviceName="/dev/xvda")["ImageId"]
    ssm.put_parameter(Name="/golden/latest", Value=ami, Type="String", DataType="aws:ec2:image")
    ec2.create_launch_template(LaunchTemplateName="lt", LaunchTemplateData={"ImageId": ami})
    ib.create_image_recipe(name="child", semanticVersion="1.0.0", parentImage=ami, clientToken="cr",
                           components=[{"componentArn": ib.create_component(
                               name="comp", semanticVersion="1.0.0", platform="Linux", data="name: x",
                               clientToken="cc")["componentBuildVersionArn"]}])
    refs = ec2.describe_image_references(ImageIds=[ami, other], IncludeAllResourceTypes=True)["ImageReferences"]
    assert sorted(r["ResourceType"] for r in refs) == ["ec2:LaunchTemplate", "imagebuilder:ImageRecipe", "ssm:Parameter"]
    assert {r["ImageId"] for r in refs} == {ami}
    assert [r["Arn"] for r in refs if r["ResourceType"] == "ssm:Parameter"] == [
        f"arn:aws:ssm:{REGION}:123456789012:parameter/golden/latest"]
    only = ec2.describe_image_references(ImageIds=[ami], ResourceTypes=[{"ResourceType": "ssm:Parameter"}])
    assert [r["ResourceType"] for r in only["ImageReferences"]] == ["ssm:Parameter"]


def test_disable_removes_launch_permissions_and_enable_brings_the_ami_back(aws):
    ec2 = boto3.client("ec2", region_name=REGION)
    ami = ec2.register_image(Name="disabled", RootDeviceName="/dev/xvda")["ImageId"]
    ec2.modify_image_attribute(ImageId=ami, LaunchPermission={"Add": [{"UserId": "222222222222"}]})
    ec2.disable_image(ImageId=ami)
    assert ec2.describe_images(Owners=["self"])["Images"] == []
    assert ec2.describe_image_attribute(ImageId=ami, Attribute="launchPermission")["LaunchPermissions"] == []
    ec2.enable_image(ImageId=ami)
    assert ec2.describe_images(Owners=["self"])["Images"][0]["State"] == "available"
