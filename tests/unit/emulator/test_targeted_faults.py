"""POST /_emulator/faults/targeted: one chosen operation answers with a chosen error, the others work."""

import json
import urllib.error
import urllib.request

import botocore.exceptions
import pytest
from botocore.config import Config

ONE_ATTEMPT = Config(retries={"mode": "standard", "total_max_attempts": 1})


@pytest.fixture
def targeted(fresh):
    def target(operation, kind, times=None):
        return fresh.control("/_emulator/faults/targeted", {"operation": operation, "kind": kind, "times": times})

    yield target
    urllib.request.urlopen(urllib.request.Request(fresh.url + "/_emulator/faults/targeted", method="DELETE"))


def code_and_status(call):
    with pytest.raises(botocore.exceptions.ClientError) as error:
        call()
    return error.value.response["Error"]["Code"], error.value.response["ResponseMetadata"]["HTTPStatusCode"]


@pytest.mark.parametrize(
    ("service", "operation", "call", "kind", "expected"),
    [
        ("imagebuilder", "ListComponents", lambda c: c.list_components(), "access_denied", ("AccessDeniedException", 403)),
        ("imagebuilder", "ListComponents", lambda c: c.list_components(), "not_found", ("ResourceNotFoundException", 404)),
        ("imagebuilder", "ListComponents", lambda c: c.list_components(), "validation", ("InvalidParameterValueException", 400)),
        ("imagebuilder", "ListComponents", lambda c: c.list_components(), "throttle", ("CallRateLimitExceededException", 429)),
        ("imagebuilder", "ListComponents", lambda c: c.list_components(), "error", ("ServiceException", 500)),
        ("ec2", "DescribeImages", lambda c: c.describe_images(Owners=["self"]), "access_denied", ("UnauthorizedOperation", 403)),
        ("ec2", "DescribeSnapshots", lambda c: c.describe_snapshots(OwnerIds=["self"]), "not_found", ("InvalidSnapshot.NotFound", 400)),
        ("kms", "DescribeKey", lambda c: c.describe_key(KeyId="alias/x"), "access_denied", ("AccessDeniedException", 400)),
        ("sts", "GetCallerIdentity", lambda c: c.get_caller_identity(), "access_denied", ("AccessDenied", 403)),
        ("ram", "GetResourceShares", lambda c: c.get_resource_shares(resourceOwner="SELF"), "not_found", ("UnknownResourceException", 400)),
    ],
)
def test_the_chosen_operation_fails_as_the_service_would(fresh, targeted, service, operation, call, kind, expected):
    targeted(f"{service}:{operation}", kind)
    assert code_and_status(lambda: call(fresh.client(service, config=ONE_ATTEMPT))) == expected


def test_the_message_of_access_denied_names_the_iam_action(fresh, targeted):
    targeted("imagebuilder:ListComponents", "access_denied")
    with pytest.raises(botocore.exceptions.ClientError, match="not authorized to perform: imagebuilder:ListComponents"):
        fresh.client("imagebuilder", config=ONE_ATTEMPT).list_components()


def test_other_operations_work_and_hits_are_counted(fresh, targeted):
    targeted("imagebuilder:ListImages", "access_denied", times=1)
    client = fresh.client("imagebuilder", config=ONE_ATTEMPT)
    assert client.list_components()["componentVersionList"] == []
    assert code_and_status(client.list_images)[0] == "AccessDeniedException"
    assert client.list_images()["imageVersionList"] == []  # times=1: the second call gets through
    assert fresh.control("/_emulator/faults/targeted")["hits"] == {"imagebuilder:ListImages": 1}


def test_unknown_kinds_are_refused(fresh):
    request = urllib.request.Request(
        fresh.url + "/_emulator/faults/targeted", method="POST", data=json.dumps({"operation": "imagebuilder:ListImages", "kind": "boom"}).encode()
    )
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request)
    assert refused.value.code == 400
