"""Fails loudly when a moto upgrade breaks the registered imagebuilder backend or the patches."""

import pytest
from botocore.config import Config

from .conftest import ACCOUNT, component


def exercise_components(client):
    arn = component(client, name="My Comp")
    assert arn == f"arn:aws:imagebuilder:us-east-1:{ACCOUNT}:component/my-comp/1.0.0/1"
    for name in ("comp-b", "comp-c"):
        component(client, name=name)
    first = client.list_components(maxResults=1)
    seen = [c["arn"] for c in first["componentVersionList"]]
    token = first["nextToken"]
    while token:
        page = client.list_components(maxResults=1, nextToken=token)
        assert len(page["componentVersionList"]) == 1
        seen += [c["arn"] for c in page["componentVersionList"]]
        token = page.get("nextToken")
    assert len(seen) == 3 and seen[0].endswith("/1.0.0")
    assert client.get_component(componentBuildVersionArn=arn)["component"]["name"] == "My Comp"
    assert component(client, name="My Comp") == arn  # same token, same parameters
    assert len(client.list_components()["componentVersionList"]) == 3
    with pytest.raises(client.exceptions.IdempotentParameterMismatchException):
        component(client, name="My Comp", description="changed")
    amazon = client.list_components(owner="Amazon")["componentVersionList"]
    assert any(c["arn"] == "arn:aws:imagebuilder:us-east-1:aws:component/update-linux/1.0.2" for c in amazon)
    client.delete_component(componentBuildVersionArn=arn)
    with pytest.raises(client.exceptions.ResourceNotFoundException):
        client.get_component(componentBuildVersionArn=arn)


def test_in_process(ib):
    exercise_components(ib)


def test_server(fresh):
    exercise_components(fresh.client("imagebuilder"))
    counters = fresh.control("/_emulator/counters")
    assert counters["operations"]["imagebuilder:CreateComponent"] == 5
    assert counters["writes"] == 6 and counters["reads"] == counters["operations"]["imagebuilder:ListComponents"] + 2
    log = fresh.control("/_emulator/requests")
    assert log[0] == {"service": "imagebuilder", "operation": "CreateComponent", "account": ACCOUNT,
                      "region": "us-east-1"}


def test_throttle_is_retried_in_legacy_mode(fresh):
    fresh.control("/_emulator/faults", {"throttle_rate": 0.5, "seed": 1})
    assert fresh.control("/_emulator/faults")["throttle_rate"] == 0.5
    legacy = fresh.client("imagebuilder", config=Config(retries={"mode": "legacy", "max_attempts": 20}))
    attempts = [legacy.list_components()["ResponseMetadata"]["RetryAttempts"] for _call in range(3)]
    assert any(attempts)
    fresh.control("/_emulator/faults", {"throttle_rate": 1})
    bare = fresh.client("imagebuilder", config=Config(retries={"mode": "standard", "total_max_attempts": 1}))
    with pytest.raises(bare.exceptions.CallRateLimitExceededException) as error:
        bare.list_components()
    assert error.value.response["ResponseMetadata"]["HTTPStatusCode"] == 429
    ec2 = fresh.client("ec2", config=Config(retries={"total_max_attempts": 1}))
    with pytest.raises(ec2.exceptions.ClientError, match="RequestLimitExceeded"):
        ec2.describe_images(Owners=["self"])


def test_error_after_backend_keeps_idempotency(fresh):
    fresh.control("/_emulator/faults", {"error_rate": 1, "after_rate": 1, "seed": 3})
    client = fresh.client("imagebuilder", config=Config(retries={"total_max_attempts": 1}))
    with pytest.raises(client.exceptions.ServiceException):
        component(client, token="lost")
    fresh.control("/_emulator/faults", {})
    assert component(client, token="lost").endswith("/my-comp/1.0.0/1")  # the retry finds the first answer


def test_cross_account_ami_visibility(fresh):
    owner = fresh.client("ec2")
    ami = owner.register_image(Name="golden", RootDeviceName="/dev/xvda")["ImageId"]
    owner.modify_image_attribute(ImageId=ami, LaunchPermission={"Add": [{"UserId": "222222222222"}]})
    credentials = fresh.client("sts").assume_role(RoleArn="arn:aws:iam::222222222222:role/reader",
                                                  RoleSessionName="smoke")["Credentials"]
    import boto3

    other = boto3.client("ec2", endpoint_url=fresh.url, region_name="us-east-1",
                         aws_access_key_id=credentials["AccessKeyId"],
                         aws_secret_access_key=credentials["SecretAccessKey"],
                         aws_session_token=credentials["SessionToken"])
    assert [i["ImageId"] for i in other.describe_images(ExecutableUsers=["self"])["Images"]] == [ami]
    assert [i["ImageId"] for i in other.describe_images(Owners=[ACCOUNT])["Images"]] == [ami]
    assert other.describe_images(Owners=["self"])["Images"] == []
