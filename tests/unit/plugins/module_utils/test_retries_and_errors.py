import botocore.exceptions
import pytest

from ansible_collections.imageforge.image_builder.plugins.module_utils._core.errors import explain_error
from ansible_collections.imageforge.image_builder.plugins.module_utils._core.retries import ImageForgeRetry


def client_error(code, status=400, message="boom"):
    return botocore.exceptions.ClientError(
        {"Error": {"Code": code, "Message": message}, "ResponseMetadata": {"HTTPStatusCode": status}}, "Op"
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
    assert message.startswith("Failed to delete component c: used by recipe r (ResourceDependencyException)")
    assert "remove or repoint its users first" in message
