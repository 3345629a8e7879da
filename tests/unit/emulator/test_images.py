"""Image builds in the emulator: lazy progress, AMIs per region and account, failures, cancel/retry,
and VM import/export tasks."""

import time

import boto3
import pytest

from imageforge_emulator.imagebuilder import image_timeline

from .conftest import REGION

PASSING = ("name: c\nschemaVersion: 1.0\nphases:\n  - name: test\n    steps:\n      - name: Check\n"
           "        action: ExecuteBash\n        inputs:\n          commands: ['{command}']\n")


@pytest.fixture
def fast():
    image_timeline.set_build_seconds(0.4)
    yield
    image_timeline.set_build_seconds(None)


def setup(ib, command="true", distributions=None):
    comp = ib.create_component(name="comp", semanticVersion="1.0.0", platform="Linux", clientToken="c",
                               data=PASSING.format(command=command))["componentBuildVersionArn"]
    recipe = ib.create_image_recipe(name="rec", semanticVersion="1.0.0", components=[{"componentArn": comp}],
                                    parentImage="ami-12345678", clientToken="r")["imageRecipeArn"]
    infra = ib.create_infrastructure_configuration(
        name="inf", instanceProfileName="p", clientToken="i",
        logging={"s3Logs": {"s3BucketName": "logs-bucket", "s3KeyPrefix": "ib"}})["infrastructureConfigurationArn"]
    params = dict(imageRecipeArn=recipe, infrastructureConfigurationArn=infra, clientToken="b")
    if distributions:
        params["distributionConfigurationArn"] = ib.create_distribution_configuration(
            name="dist", distributions=distributions, clientToken="d")["distributionConfigurationArn"]
    return params


def wait(ib, arn, until=("AVAILABLE", "FAILED", "CANCELLED")):
    seen = []
    for _attempt in range(100):
        image = ib.get_image(imageBuildVersionArn=arn)["image"]
        if not seen or seen[-1] != image["state"]["status"]:
            seen.append(image["state"]["status"])
        if image["state"]["status"] in until:
            return image, seen
        time.sleep(0.02)
    raise AssertionError(seen)


def test_a_build_moves_through_its_phases_and_registers_amis_everywhere(ib, monkeypatch):
    now = [1000.0]
    monkeypatch.setattr(image_timeline, "clock", lambda: now[0])
    image_timeline.set_build_seconds(10)
    ami = {"name": "web-{{ imagebuilder:buildDate }}", "targetAccountIds": ["222222222222"], "amiTags": {"team": "a"}}
    params = setup(ib, distributions=[{"region": REGION, "amiDistributionConfiguration": ami},
                                      {"region": "eu-west-1", "amiDistributionConfiguration": ami}])
    arn = ib.create_image(**params)["imageBuildVersionArn"]
    seen = []
    for elapsed in (0.5, 3, 6, 8, 10):
        now[0] = 1000.0 + elapsed
        image = ib.get_image(imageBuildVersionArn=arn)["image"]
        seen.append(image["state"]["status"])
    image_timeline.set_build_seconds(None)
    assert seen == ["PENDING", "BUILDING", "TESTING", "DISTRIBUTING", "AVAILABLE"]
    amis = image["outputResources"]["amis"]
    assert {(a["region"], a["accountId"]) for a in amis} == {
        (REGION, "123456789012"), (REGION, "222222222222"), ("eu-west-1", "123456789012"), ("eu-west-1", "222222222222")}
    own = [a for a in amis if a["region"] == "eu-west-1" and a["accountId"] == "123456789012"][0]
    described = boto3.client("ec2", region_name="eu-west-1").describe_images(ImageIds=[own["image"]])["Images"][0]
    tags = {t["Key"]: t["Value"] for t in described["Tags"]}
    assert tags["team"] == "a" and tags["Ec2ImageBuilderArn"] == arn
    assert described["Name"].startswith("web-20") and "{{" not in described["Name"]


def test_a_failing_test_step_fails_in_testing_with_reason_and_s3_logs(ib, fast):
    arn = ib.create_image(**setup(ib, command="exit 1"))["imageBuildVersionArn"]
    image, seen = wait(ib, arn)
    assert seen[-2:] == ["TESTING", "FAILED"]
    assert image["state"]["failureContext"]["imageStatus"] == "TESTING"
    assert "Check" in image["state"]["reason"] and "s3://logs-bucket/ib/rec/1.0.0/1/" in image["state"]["reason"]
    assert image["outputResources"]["amis"] == []


def test_without_tests_the_test_phase_is_skipped_and_does_not_fail(ib, fast):
    params = dict(setup(ib, command="exit 1"), imageTestsConfiguration={"imageTestsEnabled": False})
    image, seen = wait(ib, ib.create_image(**params)["imageBuildVersionArn"])
    assert "TESTING" not in seen and image["state"]["status"] == "AVAILABLE"


@pytest.fixture
def frozen(monkeypatch):
    """A clock that moves only when the test says so, so a slow machine cannot finish a build early."""
    now = [1000.0]
    monkeypatch.setattr(image_timeline, "clock", lambda: now[0])
    image_timeline.set_build_seconds(10)
    yield now
    image_timeline.set_build_seconds(None)


def test_cancel_then_retry_continues_the_same_build(ib, frozen):
    arn = ib.create_image(**setup(ib))["imageBuildVersionArn"]
    ib.cancel_image_creation(imageBuildVersionArn=arn, clientToken="x")
    assert ib.get_image(imageBuildVersionArn=arn)["image"]["state"]["status"] == "CANCELLED"
    with pytest.raises(ib.exceptions.ResourceInUseException):
        ib.cancel_image_creation(imageBuildVersionArn=arn, clientToken="y")
    assert ib.retry_image(imageBuildVersionArn=arn, clientToken="z")["imageBuildVersionArn"] == arn
    frozen[0] += 60
    assert wait(ib, arn)[0]["state"]["status"] == "AVAILABLE"


def test_a_running_build_cannot_be_deleted(ib, frozen):
    arn = ib.create_image(**setup(ib))["imageBuildVersionArn"]
    with pytest.raises(ib.exceptions.ResourceDependencyException):
        ib.delete_image(imageBuildVersionArn=arn)
    frozen[0] += 60
    wait(ib, arn)
    ib.delete_image(imageBuildVersionArn=arn)
    assert ib.list_image_build_versions()["imageSummaryList"] == []


def test_vm_import_then_export(ib, fast):
    s3, ec2 = boto3.client("s3", region_name=REGION), boto3.client("ec2", region_name=REGION)
    s3.create_bucket(Bucket="disks-bucket")
    s3.put_object(Bucket="disks-bucket", Key="a.vmdk", Body=b"disk")
    task = ec2.import_image(DiskContainers=[{"UserBucket": {"S3Bucket": "disks-bucket", "S3Key": "a.vmdk"}}])
    assert task["Status"] == "active" and task["Progress"] == "2"
    arn = ib.import_vm_image(name="imp", semanticVersion="1.0.0", platform="Linux",
                             vmImportTaskId=task["ImportTaskId"], clientToken="v")["imageArn"]
    time.sleep(0.45)
    done = ec2.describe_import_image_tasks(ImportTaskIds=[task["ImportTaskId"]])["ImportImageTasks"][0]
    assert done["Status"] == "completed" and done["ImageId"].startswith("ami-")
    image = ib.get_image(imageBuildVersionArn=arn)["image"]
    assert image["buildType"] == "IMPORT" and image["outputResources"]["amis"][0]["image"] == done["ImageId"]
    export = ec2.export_image(ImageId=done["ImageId"], DiskImageFormat="RAW", S3ExportLocation={"S3Bucket": "disks-bucket"})
    time.sleep(0.45)
    assert ec2.describe_export_image_tasks()["ExportImageTasks"][0]["Status"] == "completed"
    assert f"{export['ExportImageTaskId']}.raw" in [o["Key"] for o in s3.list_objects_v2(Bucket="disks-bucket")["Contents"]]


def test_an_import_of_a_missing_disk_ends_deleted_with_a_message(aws, fast):
    ec2 = boto3.client("ec2", region_name=REGION)
    task = ec2.import_image(DiskContainers=[{"Url": "s3://nowhere/x.raw"}])
    time.sleep(0.45)
    done = ec2.describe_import_image_tasks(ImportTaskIds=[task["ImportTaskId"]])["ImportImageTasks"][0]
    assert done["Status"] == "deleted" and "x.raw" in done["StatusMessage"]
