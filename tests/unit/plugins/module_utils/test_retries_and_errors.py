import boto3
import botocore.exceptions
import pytest
from ansible_collections.amazon.aws.plugins.module_utils.retries import RetryingBotoClientWrapper
from botocore.stub import Stubber

from ansible_collections.imageforge.image_builder.plugins.module_utils._core.errors import explain_error
from ansible_collections.imageforge.image_builder.plugins.module_utils._core.retries import ImageForgeRetry
from ansible_collections.imageforge.image_builder.plugins.module_utils._core.retries import default_retry


def client_error(code, status=400, message="boom", operation="DeleteComponent"):
    return botocore.exceptions.ClientError(
        {"Error": {"Code": code, "Message": message}, "ResponseMetadata": {"HTTPStatusCode": status}}, operation
    )


def flaky(errors):
    calls = []

    @ImageForgeRetry.jittered_backoff(retries=5, delay=0, max_delay=0)
    def call():
        calls.append(1)
        if len(calls) <= len(errors):
            raise errors[len(calls) - 1]
        return "ok"

    return call, calls


@pytest.mark.parametrize("error", [
    client_error("CallRateLimitExceededException", 429),
    client_error("RequestLimitExceeded", 503),
    client_error("ThrottlingException"),
    client_error("ServiceException", 500),
    client_error("SomethingNew", 502),
])
def test_throttling_and_5xx_are_retried(error):
    call, calls = flaky([error, error])
    assert call() == "ok" and len(calls) == 3


def test_client_errors_are_not_retried():
    call, calls = flaky([client_error("InvalidParameterValueException", 400)])
    with pytest.raises(botocore.exceptions.ClientError):
        call()
    assert len(calls) == 1


def test_explained_errors_say_what_to_do():
    message = explain_error(client_error("ResourceDependencyException", message="used by recipe r"), "delete component c")
    assert message.startswith("Failed to delete component c (DeleteComponent): used by recipe r (ResourceDependencyException)")
    assert "remove or repoint its users first" in message


def retrying_imagebuilder():
    """(an Image Builder client behind our retry decorator, its Stubber)."""
    raw = boto3.client("imagebuilder", region_name="us-east-1", aws_access_key_id="k", aws_secret_access_key="s")
    return RetryingBotoClientWrapper(raw, default_retry(retries=2, delay=0, max_delay=0)), Stubber(raw)


@pytest.mark.parametrize("code", ["AccessDeniedException", "ResourceDependencyException", "ServiceException"])
def test_a_failed_call_is_named_with_its_iam_action_whoever_reports_it(code):
    client, stubber = retrying_imagebuilder()
    for _attempt in range(2):
        stubber.add_client_error("delete_component", service_error_code=code, http_status_code=500 if code == "ServiceException" else 400)
    with stubber, pytest.raises(botocore.exceptions.ClientError) as raised:
        client.delete_component(aws_retry=True, componentBuildVersionArn="arn:aws:imagebuilder:us-east-1:1:component/c/1.0.0/1")
    message = explain_error(raised.value, "delete component c")
    assert message.startswith("Failed to delete component c (imagebuilder:DeleteComponent): ")


def test_an_action_that_names_the_call_already_is_not_repeated():
    client, stubber = retrying_imagebuilder()
    stubber.add_client_error("list_images", service_error_code="AccessDeniedException")
    with stubber, pytest.raises(botocore.exceptions.ClientError) as raised:
        client.list_images(aws_retry=True)
    assert explain_error(raised.value, "list images (imagebuilder:ListImages)").count("imagebuilder:ListImages") == 1
    assert explain_error(client_error("X", operation="ListImages"), "read ListImages").count("ListImages") == 1
