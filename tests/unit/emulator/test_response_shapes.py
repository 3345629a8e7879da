"""Every Image Builder operation the emulator implements, and the EC2, RAM and KMS operations it
patches, answers only what botocore's output shapes allow: required members present, enums,
patterns, types and limits kept. AWS cannot send anything else, so the emulator must not either."""

from __future__ import annotations

import datetime
import json
import time

import boto3
import pytest
from moto.core.utils import camelcase_to_underscores

from imageforge_emulator.imagebuilder import ImageBuilderBackend
from imageforge_emulator.imagebuilder import image_timeline
from imageforge_emulator.imagebuilder.validation import service_model

from .conftest import ACCOUNT
from .test_operate_builds import WAITING
from .conftest import REGION
from .shapes import ResponseChecker

DOC = ("name: c\nschemaVersion: 1.0\nphases:\n  - name: build\n    steps:\n      - name: Hello\n"
       "        action: ExecuteBash\n        inputs:\n          commands: ['echo hi']\n")
ROLE = f"arn:aws:iam::{ACCOUNT}:role/imagebuilder"
IMPLEMENTED = sorted(op for op in service_model().operation_names
                     if hasattr(ImageBuilderBackend, camelcase_to_underscores(op)))
# The EC2, RAM and KMS operations whose answers the emulator writes itself (imageforge_emulator/ec2, ram, kms).
PATCHED = {"ec2": ["CopyImage", "DescribeImages", "RegisterImage", "DeregisterImage", "EnableImageDeprecation",
                   "DisableImageDeprecation", "EnableImageDeregistrationProtection",
                   "DisableImageDeregistrationProtection", "GetImageBlockPublicAccessState",
                   "EnableImageBlockPublicAccess", "DisableImageBlockPublicAccess", "ImportImage",
                   "DescribeImportImageTasks", "ExportImage", "DescribeExportImageTasks", "DescribeImageAttribute",
                   "ModifyImageAttribute", "ModifySnapshotAttribute", "DescribeSnapshotAttribute", "RunInstances",
                   "DescribeImageReferences", "DisableImage", "EnableImage"],
           "ram": ["CreateResourceShare", "AssociateResourceShare", "GetResourceShareAssociations",
                   "DisassociateResourceShare", "GetResourceShares", "UpdateResourceShare", "TagResource",
                   "UntagResource", "ListResourceSharePermissions", "ListSourceAssociations", "DeleteResourceShare"],
           "kms": ["CreateKey", "DescribeKey", "CreateGrant", "ListGrants", "RevokeGrant"]}


@pytest.fixture
def checker(aws):
    image_timeline.set_build_seconds(0.3)
    yield ResponseChecker()
    image_timeline.set_build_seconds(None)


def wait(ib, arn, until=("AVAILABLE", "FAILED", "CANCELLED")):
    for _attempt in range(200):
        if ib.get_image(imageBuildVersionArn=arn)["image"]["state"]["status"] in until:
            return
        time.sleep(0.02)
    raise AssertionError(f"{arn} never reached {until}")


def policy(arn, actions):
    return json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"AWS": ["222222222222"]}, "Action": actions, "Resource": [arn]}]})


def drive_image_builder(ib, ec2, s3):
    component = ib.create_component(name="Shape-Check", semanticVersion="1.0.0", platform="Linux", data=DOC,
                                    description="d", clientToken="c1", tags={"team": "a"})["componentBuildVersionArn"]
    version_arn = component.rsplit("/", 1)[0]
    ib.get_component(componentBuildVersionArn=component)
    ib.list_components(owner="Self")
    ib.list_component_build_versions(componentVersionArn=version_arn)
    imported = ib.import_component(name="imported", semanticVersion="1.0.0", type="BUILD", format="SHELL",
                                   platform="Linux", data="echo hi", clientToken="c2")["componentBuildVersionArn"]
    ib.put_component_policy(componentArn=component, policy=policy(component, ["imagebuilder:GetComponent"]))
    ib.get_component_policy(componentArn=component)
    ib.tag_resource(resourceArn=component, tags={"env": "x"})
    ib.list_tags_for_resource(resourceArn=component)
    ib.untag_resource(resourceArn=component, tagKeys=["env"])

    recipe = ib.create_image_recipe(name="Shape-Recipe", semanticVersion="1.0.0", parentImage="ami-12345678",
                                    components=[{"componentArn": component}], clientToken="r1")["imageRecipeArn"]
    ib.get_image_recipe(imageRecipeArn=recipe)
    ib.list_image_recipes(owner="Self")
    ib.put_image_recipe_policy(imageRecipeArn=recipe, policy=policy(recipe, ["imagebuilder:GetImageRecipe"]))
    ib.get_image_recipe_policy(imageRecipeArn=recipe)
    container = ib.create_container_recipe(
        containerType="DOCKER", name="shape-container", semanticVersion="1.0.0", parentImage="amazonlinux:2023",
        components=[{"componentArn": component}], dockerfileTemplateData="FROM {{{ imagebuilder:parentImage }}}",
        targetRepository={"service": "ECR", "repositoryName": "repo"}, clientToken="cr1")["containerRecipeArn"]
    ib.get_container_recipe(containerRecipeArn=container)
    ib.list_container_recipes(owner="Self")
    ib.put_container_recipe_policy(containerRecipeArn=container,
                                   policy=policy(container, ["imagebuilder:GetContainerRecipe"]))
    ib.get_container_recipe_policy(containerRecipeArn=container)

    infra = ib.create_infrastructure_configuration(name="Shape-Infra", instanceProfileName="profile",
                                                   clientToken="i1")["infrastructureConfigurationArn"]
    ib.update_infrastructure_configuration(infrastructureConfigurationArn=infra, instanceProfileName="profile2",
                                           clientToken="i2")
    ib.get_infrastructure_configuration(infrastructureConfigurationArn=infra)
    ib.list_infrastructure_configurations()
    dist = ib.create_distribution_configuration(
        name="Shape-Dist", clientToken="d1",
        distributions=[{"region": REGION, "amiDistributionConfiguration": {"name": "shape-{{ imagebuilder:buildDate }}"}}])[
        "distributionConfigurationArn"]
    ib.update_distribution_configuration(distributionConfigurationArn=dist, clientToken="d2",
                                         distributions=[{"region": REGION}])
    ib.get_distribution_configuration(distributionConfigurationArn=dist)
    ib.list_distribution_configurations()

    workflow = ib.create_workflow(name="shape-flow", semanticVersion="1.0.0", type="TEST", data="a: 1",
                                  clientToken="w1")["workflowBuildVersionArn"]
    ib.get_workflow(workflowBuildVersionArn=workflow)
    ib.list_workflows(owner="Self")
    ib.list_workflow_build_versions(workflowVersionArn=workflow.rsplit("/", 1)[0])

    pipeline = ib.create_image_pipeline(name="Shape-Pipe", imageRecipeArn=recipe, infrastructureConfigurationArn=infra,
                                        distributionConfigurationArn=dist, clientToken="p1")["imagePipelineArn"]
    ib.update_image_pipeline(imagePipelineArn=pipeline, imageRecipeArn=recipe, infrastructureConfigurationArn=infra,
                             description="updated", clientToken="p2")
    ib.get_image_pipeline(imagePipelineArn=pipeline)
    ib.list_image_pipelines()
    built = ib.start_image_pipeline_execution(imagePipelineArn=pipeline, clientToken="p3")["imageBuildVersionArn"]
    wait(ib, built)
    ib.list_image_pipeline_images(imagePipelineArn=pipeline)

    image = ib.create_image(imageRecipeArn=recipe, infrastructureConfigurationArn=infra, clientToken="b1")[
        "imageBuildVersionArn"]
    ib.cancel_image_creation(imageBuildVersionArn=image, clientToken="b2")
    ib.retry_image(imageBuildVersionArn=image, clientToken="b3")
    wait(ib, image)
    for arn in (built, image):
        ib.get_image(imageBuildVersionArn=arn)
    ib.list_images(owner="Self")
    ib.list_images(owner="Amazon")
    ib.list_image_build_versions(imageVersionArn=image.rsplit("/", 1)[0])
    ib.list_image_packages(imageBuildVersionArn=image)
    ib.list_image_scan_findings()
    ib.list_image_scan_finding_aggregations(filter={"name": "imageBuildVersionArn", "values": [image]})
    ib.list_image_scan_finding_aggregations()
    ib.put_image_policy(imageArn=image, policy=policy(image, ["imagebuilder:GetImage"]))
    ib.get_image_policy(imageArn=image)
    copied = ib.distribute_image(sourceImage=image, distributionConfigurationArn=dist, executionRole=ROLE,
                                 clientToken="x1")["imageBuildVersionArn"]
    wait(ib, copied)

    s3.create_bucket(Bucket="shape-disks")
    s3.put_object(Bucket="shape-disks", Key="a.vmdk", Body=b"disk")
    s3.put_object(Bucket="shape-disks", Key="a.iso", Body=b"iso")
    task = ec2.import_image(DiskContainers=[{"UserBucket": {"S3Bucket": "shape-disks", "S3Key": "a.vmdk"}}])
    ib.import_vm_image(name="shape-import", semanticVersion="1.0.0", platform="Linux",
                       vmImportTaskId=task["ImportTaskId"], clientToken="v1")
    ib.import_disk_image(name="shape-iso", semanticVersion="1.0.0", platform="Windows", osVersion="Microsoft Windows 11",
                         infrastructureConfigurationArn=infra, uri="s3://shape-disks/a.iso", clientToken="v2")

    drive_runs(ib, image, recipe, infra)

    lifecycle = ib.create_lifecycle_policy(
        name="Shape-Lifecycle", executionRole=ROLE, resourceType="AMI_IMAGE", clientToken="l1",
        policyDetails=[{"action": {"type": "DELETE"}, "filter": {"type": "COUNT", "value": 2}}],
        resourceSelection={"recipes": [{"name": "Shape-Recipe", "semanticVersion": "1.0.0"}]})["lifecyclePolicyArn"]
    ib.update_lifecycle_policy(lifecyclePolicyArn=lifecycle, executionRole=ROLE, resourceType="AMI_IMAGE", clientToken="l2",
                               policyDetails=[{"action": {"type": "DELETE"}, "filter": {"type": "COUNT", "value": 3}}],
                               resourceSelection={"recipes": [{"name": "Shape-Recipe", "semanticVersion": "1.0.0"}]})
    ib.get_lifecycle_policy(lifecyclePolicyArn=lifecycle)
    ib.list_lifecycle_policies()

    ib.delete_lifecycle_policy(lifecyclePolicyArn=lifecycle)
    ib.delete_image_pipeline(imagePipelineArn=pipeline)
    for arn in (built, image, copied):
        ib.delete_image(imageBuildVersionArn=arn)
    ib.delete_container_recipe(containerRecipeArn=container)
    ib.delete_image_recipe(imageRecipeArn=recipe)
    ib.delete_workflow(workflowBuildVersionArn=workflow)
    ib.delete_component(componentBuildVersionArn=imported)
    ib.delete_component(componentBuildVersionArn=component)
    ib.delete_infrastructure_configuration(infrastructureConfigurationArn=infra)
    ib.delete_distribution_configuration(distributionConfigurationArn=dist)


def drive_runs(ib, image, recipe, infra):
    """Workflow executions and their steps, a step waiting for an action, and lifecycle runs."""
    run = ib.list_workflow_executions(imageBuildVersionArn=image)["workflowExecutions"][0]["workflowExecutionId"]
    ib.get_workflow_execution(workflowExecutionId=run)
    step = ib.list_workflow_step_executions(workflowExecutionId=run)["steps"][0]["stepExecutionId"]
    ib.get_workflow_step_execution(stepExecutionId=step)
    flow = ib.create_workflow(name="shape-approve", semanticVersion="1.0.0", type="BUILD", data=WAITING,
                              clientToken="w2")["workflowBuildVersionArn"]
    waiting = ib.create_image(imageRecipeArn=recipe, infrastructureConfigurationArn=infra, clientToken="b4",
                              workflows=[{"workflowArn": flow}], executionRole=ROLE)["imageBuildVersionArn"]
    for _attempt in range(200):
        steps = [w for w in ib.list_waiting_workflow_steps()["steps"] if w["imageBuildVersionArn"] == waiting]
        if steps:
            break
        time.sleep(0.02)
    ib.send_workflow_step_action(stepExecutionId=steps[0]["stepExecutionId"], imageBuildVersionArn=waiting,
                                 action="RESUME", clientToken="r1")
    wait(ib, waiting)
    later = ib.start_resource_state_update(resourceArn=image, state={"status": "DEPRECATED"}, clientToken="l3",
                                           updateAt="2099-01-01T00:00:00Z", includeResources={"amis": True})[
        "lifecycleExecutionId"]
    ib.list_lifecycle_executions(resourceArn=image)
    ib.get_lifecycle_execution(lifecycleExecutionId=later)
    ib.list_lifecycle_execution_resources(lifecycleExecutionId=later)
    ib.cancel_lifecycle_execution(lifecycleExecutionId=later, clientToken="c1")
    ib.delete_image(imageBuildVersionArn=waiting)
    ib.delete_workflow(workflowBuildVersionArn=flow)


def test_every_image_builder_answer_fits_its_output_shape(checker):
    ib = checker.attach(boto3.client("imagebuilder", region_name=REGION))
    ec2, s3 = boto3.client("ec2", region_name=REGION), boto3.client("s3", region_name=REGION)
    drive_image_builder(ib, ec2, s3)
    assert sorted(checker.seen) == IMPLEMENTED, "an operation the emulator implements went unchecked"
    assert checker.found == []


def drive_ec2_ram_kms(ec2, ram, kms):
    volume = ec2.create_volume(Size=1, AvailabilityZone=f"{REGION}a")["VolumeId"]
    snapshot = ec2.create_snapshot(VolumeId=volume)["SnapshotId"]
    image = ec2.register_image(Name="shape-ami", RootDeviceName="/dev/xvda", Architecture="x86_64",
                               VirtualizationType="hvm", BootMode="uefi-preferred", ImdsSupport="v2.0",
                               BlockDeviceMappings=[{"DeviceName": "/dev/xvda", "Ebs": {"SnapshotId": snapshot}}])["ImageId"]
    key = kms.create_key(Description="shape")["KeyMetadata"]["Arn"]
    kms.describe_key(KeyId=key)
    grant = kms.create_grant(KeyId=key, GranteePrincipal="arn:aws:iam::222222222222:root", Operations=["Decrypt"],
                             Name="shape")["GrantId"]
    kms.list_grants(KeyId=key)
    kms.revoke_grant(KeyId=key, GrantId=grant)
    copy = ec2.copy_image(SourceImageId=image, SourceRegion=REGION, Name="shape-copy", Encrypted=True, KmsKeyId=key,
                          CopyImageTags=True, ClientToken="copy-1")["ImageId"]
    ec2.describe_images(ImageIds=[image, copy])
    ec2.describe_images(Owners=["self"], IncludeDeprecated=True)
    ec2.enable_image_deprecation(ImageId=image, DeprecateAt=datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=30))
    ec2.disable_image_deprecation(ImageId=image)
    ec2.enable_image_deregistration_protection(ImageId=image)
    ec2.disable_image_deregistration_protection(ImageId=image)
    ec2.get_image_block_public_access_state()
    ec2.enable_image_block_public_access(ImageBlockPublicAccessState="block-new-sharing")
    ec2.disable_image_block_public_access()
    ec2.modify_image_attribute(ImageId=image, LaunchPermission={"Add": [{"UserId": "222222222222"}]})
    ec2.describe_image_attribute(ImageId=image, Attribute="launchPermission")
    ec2.modify_snapshot_attribute(SnapshotId=snapshot, Attribute="createVolumePermission", OperationType="add",
                                  UserIds=["222222222222"])
    ec2.describe_snapshot_attribute(SnapshotId=snapshot, Attribute="createVolumePermission")
    boto3.client("s3", region_name=REGION).create_bucket(Bucket="shape-export")
    ec2.export_image(ImageId=image, DiskImageFormat="RAW", S3ExportLocation={"S3Bucket": "shape-export"})
    ec2.describe_export_image_tasks()
    boto3.client("s3", region_name=REGION).put_object(Bucket="shape-export", Key="a.vmdk", Body=b"disk")
    ec2.import_image(DiskContainers=[{"UserBucket": {"S3Bucket": "shape-export", "S3Key": "a.vmdk"}}])
    ec2.describe_import_image_tasks()
    ec2.run_instances(ImageId=image, MinCount=1, MaxCount=1, InstanceType="t3.micro")
    ec2.describe_image_references(ImageIds=[image], IncludeAllResourceTypes=True)
    ec2.disable_image(ImageId=copy)
    ec2.enable_image(ImageId=copy)
    ec2.deregister_image(ImageId=copy, DeleteAssociatedSnapshots=True)

    share = ram.create_resource_share(name="shape-share", principals=["222222222222"],
                                      resourceArns=[f"arn:aws:imagebuilder:{REGION}:{ACCOUNT}:component/x/1.0.0/1"])[
        "resourceShare"]["resourceShareArn"]
    ram.associate_resource_share(resourceShareArn=share, principals=["333333333333"], sources=["333333333333"])
    ram.get_resource_share_associations(associationType="PRINCIPAL", resourceShareArns=[share])
    ram.list_source_associations(resourceShareArns=[share])
    ram.disassociate_resource_share(resourceShareArn=share, principals=["333333333333"], sources=["333333333333"])
    ram.get_resource_shares(resourceOwner="SELF")
    ram.update_resource_share(resourceShareArn=share, allowExternalPrincipals=False)
    ram.tag_resource(resourceShareArn=share, tags=[{"key": "team", "value": "a"}])
    ram.untag_resource(resourceShareArn=share, tagKeys=["team"])
    ram.list_resource_share_permissions(resourceShareArn=share)
    ram.delete_resource_share(resourceShareArn=share)


def test_every_patched_ec2_ram_and_kms_answer_fits_its_output_shape(checker):
    clients = {service: checker.attach(boto3.client(service, region_name=REGION)) for service in PATCHED}
    drive_ec2_ram_kms(clients["ec2"], clients["ram"], clients["kms"])
    missed = {op for ops in PATCHED.values() for op in ops} - checker.seen
    assert not missed, f"{missed} went unchecked"
    assert checker.found == []


def test_the_checker_finds_what_aws_could_not_send():
    from botocore.session import get_session

    from .shapes import problems

    output = get_session().get_service_model("imagebuilder").operation_model("GetImage").output_shape
    found = problems(output, {"image": {"arn": "arn:aws:imagebuilder:us-east-1:123456789012:image/x/1.0.0/1",
                                        "version": "v1", "state": {"status": "BAKING"}, "extra": 1}})
    assert any(p.startswith("image.version: 2 characters is below the minimum 5") for p in found)
    assert any(p.startswith("image.state.status: 'BAKING' is not one of") for p in found)
    assert "image.extra: not in the shape" in found
