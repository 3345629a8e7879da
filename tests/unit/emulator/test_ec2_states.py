"""AMI states and EC2 refusals as the EC2 API reference describes them (imageforge_emulator/ec2/image_states.py
and deprecation.py)."""

import datetime
import time

import boto3
import pytest

from imageforge_emulator.ec2 import image_states

from .conftest import REGION


@pytest.fixture
def ec2(aws):
    return boto3.client("ec2", region_name=REGION)


def registered(ec2, name="golden"):
    volume = ec2.create_volume(Size=1, AvailabilityZone=f"{REGION}a")["VolumeId"]
    snapshot = ec2.create_snapshot(VolumeId=volume)["SnapshotId"]
    image = ec2.register_image(Name=name, RootDeviceName="/dev/xvda",
                               BlockDeviceMappings=[{"DeviceName": "/dev/xvda", "Ebs": {"SnapshotId": snapshot}}])
    return image["ImageId"], snapshot


def code(excinfo):
    return excinfo.value.response["Error"]["Code"]


def state(ec2, image_id):
    return ec2.describe_images(ImageIds=[image_id])["Images"][0]["State"]


def test_a_copy_starts_pending_and_becomes_available(ec2):
    image_states.set_copy_seconds(2)  # long enough to stay pending on a loaded machine, short enough to wait for
    try:
        source, _snapshot = registered(ec2)
        copy = ec2.copy_image(SourceImageId=source, SourceRegion=REGION, Name="golden-copy")["ImageId"]
        assert state(ec2, copy) == "pending"
        assert [i["ImageId"] for i in ec2.describe_images(
            Owners=["self"], Filters=[{"Name": "state", "Values": ["pending"]}])["Images"]] == [copy]
        deadline = time.monotonic() + 30
        while state(ec2, copy) == "pending" and time.monotonic() < deadline:
            time.sleep(0.2)
        assert state(ec2, copy) == "available"
    finally:
        image_states.set_copy_seconds(None)


def test_attributes_of_a_deregistered_ami_are_unavailable_and_of_an_unknown_one_not_found(ec2):
    image, _snapshot = registered(ec2)
    ec2.deregister_image(ImageId=image)
    for call in (lambda i: ec2.describe_image_attribute(ImageId=i, Attribute="launchPermission"),
                 lambda i: ec2.modify_image_attribute(ImageId=i, LaunchPermission={"Add": [{"UserId": "222222222222"}]})):
        with pytest.raises(ec2.exceptions.ClientError) as gone:
            call(image)
        assert code(gone) == "InvalidAMIID.Unavailable"
        with pytest.raises(ec2.exceptions.ClientError) as unknown:
            call("ami-0123456789abcdef0")
        assert code(unknown) == "InvalidAMIID.NotFound"


def test_a_snapshot_that_a_registered_ami_uses_cannot_be_deleted_until_the_ami_is_deregistered(ec2):
    image, snapshot = registered(ec2)
    with pytest.raises(ec2.exceptions.ClientError) as in_use:
        ec2.delete_snapshot(SnapshotId=snapshot)
    assert code(in_use) == "InvalidSnapshot.InUse" and image in str(in_use.value)
    ec2.deregister_image(ImageId=image)
    ec2.delete_snapshot(SnapshotId=snapshot)


@pytest.mark.parametrize("offset", [datetime.timedelta(days=-1), datetime.timedelta(days=3660)])
def test_a_deprecation_time_in_the_past_or_beyond_ten_years_is_refused(ec2, offset):
    image, _snapshot = registered(ec2)
    with pytest.raises(ec2.exceptions.ClientError) as refused:
        ec2.enable_image_deprecation(ImageId=image, DeprecateAt=datetime.datetime.now(datetime.timezone.utc) + offset)
    assert code(refused) == "InvalidParameterValue"
    assert "DeprecationTime" not in ec2.describe_images(ImageIds=[image])["Images"][0]


def test_a_deprecation_time_is_rounded_to_the_minute(ec2):
    image, _snapshot = registered(ec2)
    at = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=3)).replace(second=40, microsecond=0)
    ec2.enable_image_deprecation(ImageId=image, DeprecateAt=at)
    expected = (at + datetime.timedelta(seconds=20)).strftime("%Y-%m-%dT%H:%M:00.000Z")
    assert ec2.describe_images(ImageIds=[image])["Images"][0]["DeprecationTime"] == expected


def test_an_unknown_ami_id_is_not_found_and_a_malformed_one_malformed(ec2):
    with pytest.raises(ec2.exceptions.ClientError) as unknown:
        ec2.describe_images(ImageIds=["ami-0123456789abcdef0"])
    assert code(unknown) == "InvalidAMIID.NotFound"
    with pytest.raises(ec2.exceptions.ClientError) as malformed:
        ec2.describe_images(ImageIds=["golden"])
    assert code(malformed) == "InvalidAMIID.Malformed"
    with pytest.raises(ec2.exceptions.ClientError) as copy:
        ec2.copy_image(SourceImageId="ami-0123456789abcdef0", SourceRegion=REGION, Name="copy-of-nothing")
    assert code(copy) == "InvalidAMIID.NotFound"


def test_a_just_deregistered_ami_asked_by_id_answers_no_image_and_a_second_deregister_is_unavailable(ec2):
    image, _snapshot = registered(ec2)
    ec2.deregister_image(ImageId=image)
    assert ec2.describe_images(ImageIds=[image])["Images"] == []
    with pytest.raises(ec2.exceptions.ClientError) as again:
        ec2.deregister_image(ImageId=image)
    assert code(again) == "InvalidAMIID.Unavailable"


def test_a_copy_is_idempotent_by_client_token_and_encrypted_with_the_default_ebs_key(ec2):
    source, _snapshot = registered(ec2)
    params = dict(SourceImageId=source, SourceRegion=REGION, Name="golden-copy", Encrypted=True, ClientToken="once")
    first, second = ec2.copy_image(**params)["ImageId"], ec2.copy_image(**params)["ImageId"]
    assert first == second
    ebs = ec2.describe_images(ImageIds=[first])["Images"][0]["BlockDeviceMappings"][0]["Ebs"]
    assert ebs["Encrypted"] is True and ebs["KmsKeyId"].endswith(":alias/aws/ebs")


def test_making_an_ami_public_fails_while_block_public_access_is_on(ec2):
    image, _snapshot = registered(ec2)
    assert ec2.get_image_block_public_access_state()["ImageBlockPublicAccessState"] == "unblocked"
    ec2.enable_image_block_public_access(ImageBlockPublicAccessState="block-new-sharing")
    with pytest.raises(ec2.exceptions.ClientError) as blocked:
        ec2.modify_image_attribute(ImageId=image, LaunchPermission={"Add": [{"Group": "all"}]})
    assert code(blocked) == "OperationNotPermitted"


def test_kms_ssm_sts_and_s3_answers_the_modules_branch_on(aws):
    kms = boto3.client("kms", region_name=REGION)
    key = kms.create_key()["KeyMetadata"]
    assert key["KeyManager"] == "CUSTOMER"
    kms.schedule_key_deletion(KeyId=key["Arn"], PendingWindowInDays=7)  # an ARN, as AWS accepts
    assert kms.describe_key(KeyId=key["KeyId"])["KeyMetadata"]["KeyState"] == "PendingDeletion"
    ssm = boto3.client("ssm", region_name=REGION)
    with pytest.raises(ssm.exceptions.ParameterNotFound):
        ssm.get_parameter(Name="/aws/service/nothing/here")
    assert boto3.client("sts", region_name=REGION).get_caller_identity()["Account"] == "123456789012"
    s3 = boto3.client("s3", region_name=REGION)
    s3.create_bucket(Bucket="documents-bucket")
    with pytest.raises(s3.exceptions.ClientError) as missing:
        s3.head_object(Bucket="documents-bucket", Key="absent.yml")
    assert missing.value.response["Error"]["Code"] == "404"
