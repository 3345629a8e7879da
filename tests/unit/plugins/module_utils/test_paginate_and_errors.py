"""module.paginate() and RegionCaller.paginate(): every page, and call()'s error handling on failure."""

import threading
import types

import boto3
import botocore.exceptions
import pytest
from ansible_collections.amazon.aws.plugins.module_utils.retries import RetryingBotoClientWrapper
from botocore.stub import Stubber

from ansible_collections.imageforge.image_builder.plugins.module_utils._core import regional
from ansible_collections.imageforge.image_builder.plugins.module_utils._core.base import ImageForgeModule
from ansible_collections.imageforge.image_builder.plugins.module_utils._core.errors import is_not_found
from ansible_collections.imageforge.image_builder.plugins.module_utils._core.paginate import all_pages
from ansible_collections.imageforge.image_builder.plugins.module_utils._core.retries import default_retry

RETRIES = 3  # attempts in all: AWSRetry counts the first try as one of its "retries"
ARN = "arn:aws:imagebuilder:us-east-1:123456789012:image/x/1.0.0"


class Failed(Exception):
    def __init__(self, **result):
        super().__init__(result["msg"])
        self.result = result


class Module(ImageForgeModule):
    """ImageForgeModule without argument parsing: only call() and paginate() are under test."""

    params: dict = {}
    check_mode = False

    def __init__(self):  # pylint: disable=super-init-not-called
        pass

    def fail_json(self, **result):
        raise Failed(**result)


@pytest.fixture
def stubbed():
    """(client with our retries and no sleeping, its Stubber)."""
    raw = boto3.client("imagebuilder", region_name="us-east-1", aws_access_key_id="k", aws_secret_access_key="s")
    with Stubber(raw) as stubber:
        yield RetryingBotoClientWrapper(raw, default_retry(retries=RETRIES, delay=0, max_delay=0)), stubber


@pytest.fixture
def module():
    return Module()


def paginate_with(how, module, client):
    if how == "module":
        return module.paginate(client, "list_image_build_versions", imageVersionArn=ARN)
    caller = regional.RegionCaller(module, "eu-west-1", services=())
    return caller.paginate(client, "list_image_build_versions", imageVersionArn=ARN)


def summary(n):
    return {"arn": f"{ARN}/{n}", "name": "x", "version": "1.0.0"}


@pytest.mark.parametrize("how", ["module", "region"])
def test_every_page_is_read_and_merged(how, module, stubbed):
    client, stubber = stubbed
    stubber.add_response("list_image_build_versions", {"imageSummaryList": [summary(1)], "nextToken": "t1"}, {"imageVersionArn": ARN})
    stubber.add_response("list_image_build_versions", {"imageSummaryList": [summary(2)], "requestId": "r"}, {"imageVersionArn": ARN, "nextToken": "t1"})
    result = paginate_with(how, module, client)
    assert [s["arn"] for s in result["imageSummaryList"]] == [f"{ARN}/1", f"{ARN}/2"]
    assert "nextToken" not in result
    stubber.assert_no_pending_responses()


def test_ec2_style_tokens_are_followed():
    pages = iter([{"Images": [{"ImageId": "ami-1"}], "NextToken": "n"}, {"Images": [{"ImageId": "ami-2"}]}])
    seen = []

    class Client:
        def describe_images(self, aws_retry, **params):
            seen.append(params)
            return next(pages)

    assert all_pages(Client(), "describe_images", Owners=["self"])["Images"] == [{"ImageId": "ami-1"}, {"ImageId": "ami-2"}]
    assert seen == [{"Owners": ["self"]}, {"Owners": ["self"], "NextToken": "n"}]


ERRORS = {  # case: (code, HTTP status, times the error is answered, words the message must hold)
    "access denied": ("AccessDeniedException", 400, 1, ["imagebuilder:ListImageBuildVersions", "IAM policy"]),
    "not found": ("ResourceNotFoundException", 404, 1, ["ResourceNotFoundException"]),
    "throttled past the retries": ("CallRateLimitExceededException", 429, RETRIES, ["throttled after all retries"]),
    "5xx past the retries": ("ServiceException", 500, RETRIES, ["ServiceException"]),
}


@pytest.mark.parametrize("how", ["module", "region"])
@pytest.mark.parametrize("case", ERRORS)
def test_errors_fail_with_the_operation_named(case, how, module, stubbed):
    client, stubber = stubbed
    code, status, times, words = ERRORS[case]
    for _attempt in range(times):
        stubber.add_client_error("list_image_build_versions", service_error_code=code, service_message="no", http_status_code=status)
    if how == "module":
        with pytest.raises(Failed) as failed:
            paginate_with(how, module, client)
        message, returned_code = failed.value.result["msg"], failed.value.result["error_code"]
    else:
        with pytest.raises(regional.RegionalError) as failed:
            paginate_with(how, module, client)
        message, returned_code = str(failed.value), failed.value.code
        assert message.startswith("eu-west-1: ")
    assert "Failed to list image build versions (imagebuilder:ListImageBuildVersions): no" in message
    assert all(word in message for word in words), message
    assert returned_code == code
    stubber.assert_no_pending_responses()  # retried exactly as often as call() retries


def test_the_caller_names_the_action_in_its_own_words(module, stubbed):
    client, stubber = stubbed
    stubber.add_client_error("get_image", service_error_code="AccessDeniedException", http_status_code=400)
    with pytest.raises(Failed) as failed:
        module.call(client, "get_image", "read image x", imageBuildVersionArn=ARN + "/1")
    assert failed.value.result["msg"].startswith("Failed to read image x (imagebuilder:GetImage): ")


def error(code, message="m"):
    return botocore.exceptions.ClientError({"Error": {"Code": code, "Message": message}}, "Op")


@pytest.mark.parametrize(
    "code",
    [
        "ResourceNotFoundException",
        "InvalidAMIID.NotFound",
        "InvalidSnapshot.NotFound",
        "NotFoundException",
        "UnknownResourceException",
        "ParameterNotFound",
        "NoSuchKey",
        "404",
    ],
)
def test_not_found_answers_of_every_service(code):
    assert is_not_found(error(code))


def test_other_errors_are_not_not_found():
    assert not is_not_found(error("AccessDeniedException"))
    assert not is_not_found(error("InvalidParameterValueException", "bad name"))
    assert is_not_found(error("InvalidParameterValueException", "The image ami-1 does not exist"))
    assert not is_not_found(types.SimpleNamespace())  # not an AWS error at all


ROLE = "arn:aws:iam::222222222222:role/OrganizationAccountAccessRole"


class RoleModule(Module):
    """ImageForgeModule whose clients are recorded instead of made."""

    _name = "imageforge.image_builder.image"
    region = "us-east-1"

    def __init__(self):  # pylint: disable=super-init-not-called
        self._clients, self._assumed, self._clients_lock = {}, {}, threading.Lock()
        self.made, self.assumed = [], []

    def client(self, service, retry_decorator=None, **extra):
        self.made.append((service, extra.get("region"), extra.get("aws_session_token")))
        if service == "sts":
            return types.SimpleNamespace(assume_role=self.assume_role)
        return types.SimpleNamespace(service=service, token=extra.get("aws_session_token"))

    def assume_role(self, aws_retry, **params):
        self.assumed.append(params)
        return {"Credentials": {"AccessKeyId": "a", "SecretAccessKey": "s", "SessionToken": "role-token"}}

    def _user_agent(self):
        return None


def test_a_role_is_assumed_once_and_its_clients_act_in_its_account():
    module = RoleModule()
    west = module.client_for("ec2", region="eu-west-1", role_arn=ROLE)
    assert module.client_for("ec2", region="eu-west-1", role_arn=ROLE) is west
    east = module.client_for("ec2", region="us-east-1", role_arn=ROLE)
    own = module.client_for("ec2")
    assert [a["RoleArn"] for a in module.assumed] == [ROLE]
    assert module.assumed[0]["RoleSessionName"] == "imageforge-image"
    assert west.token == east.token == "role-token"
    assert own.token is None
    assert len({id(west), id(east), id(own)}) == 3
