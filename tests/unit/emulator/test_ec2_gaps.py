"""The EC2 gap patches, in-process."""

import datetime

import boto3
import pytest


def test_deprecation_protection_and_snapshot_cleanup(aws):
    ec2 = boto3.client("ec2", region_name="us-east-1")
    ami = ec2.register_image(Name="golden", RootDeviceName="/dev/xvda")["ImageId"]
    ec2.enable_image_deprecation(ImageId=ami, DeprecateAt=datetime.datetime(2031, 1, 1))
    assert ec2.describe_images(ImageIds=[ami])["Images"][0]["DeprecationTime"].startswith("2031-01-01")
    ec2.disable_image_deprecation(ImageId=ami)
    assert "DeprecationTime" not in ec2.describe_images(ImageIds=[ami])["Images"][0]
    ec2.enable_image_deregistration_protection(ImageId=ami)
    with pytest.raises(ec2.exceptions.ClientError, match="OperationNotPermitted"):
        ec2.deregister_image(ImageId=ami)
    ec2.disable_image_deregistration_protection(ImageId=ami)
    snapshot = ec2.describe_images(ImageIds=[ami])["Images"][0]["BlockDeviceMappings"][0]["Ebs"]["SnapshotId"]
    result = ec2.deregister_image(ImageId=ami, DeleteAssociatedSnapshots=True)
    assert result["DeleteSnapshotResults"] == [{"SnapshotId": snapshot, "ReturnCode": "success"}]
    assert snapshot not in [s["SnapshotId"] for s in ec2.describe_snapshots(OwnerIds=["self"])["Snapshots"]]


def test_structured_modify_snapshot_attribute(aws):
    ec2 = boto3.client("ec2", region_name="us-east-1")
    volume = ec2.create_volume(Size=8, AvailabilityZone="us-east-1a")["VolumeId"]
    snapshot = ec2.create_snapshot(VolumeId=volume)["SnapshotId"]
    ec2.modify_snapshot_attribute(SnapshotId=snapshot, Attribute="createVolumePermission",
                                  CreateVolumePermission={"Add": [{"UserId": "222222222222"}]})
    permissions = ec2.describe_snapshot_attribute(SnapshotId=snapshot, Attribute="createVolumePermission")
    assert permissions["CreateVolumePermissions"] == [{"UserId": "222222222222"}]


def test_ami_shared_with_all_or_by_id_is_visible(aws):
    ec2 = boto3.client("ec2", region_name="us-east-1")
    ami = ec2.register_image(Name="public", RootDeviceName="/dev/xvda")["ImageId"]
    ec2.modify_image_attribute(ImageId=ami, LaunchPermission={"Add": [{"Group": "all"}]})
    creds = boto3.client("sts", region_name="us-east-1").assume_role(
        RoleArn="arn:aws:iam::333333333333:role/r", RoleSessionName="other")["Credentials"]
    other = boto3.client("ec2", region_name="us-east-1", aws_access_key_id=creds["AccessKeyId"],
                         aws_secret_access_key=creds["SecretAccessKey"], aws_session_token=creds["SessionToken"])
    assert [i["ImageId"] for i in other.describe_images(ImageIds=[ami])["Images"]] == [ami]
    assert ami in [i["ImageId"] for i in other.describe_images(ExecutableUsers=["all"])["Images"]]
