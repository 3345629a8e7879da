"""A delete whose first answer was lost is retried and told "not found": that is success."""

import pytest
from botocore.exceptions import ClientError

from ansible_collections.imageforge.image_builder.plugins.module_utils._core.removal import remove


class Failed(Exception):
    pass


class Module:
    def fail_aws(self, exc, action):
        raise Failed(action)


class Client:
    def __init__(self, *answers):
        self.answers = list(answers)
        self.calls = []

    def deregister_image(self, aws_retry, **params):
        self.calls.append(params)
        answer = self.answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer


def error(code, message=None):
    return ClientError({"Error": {"Code": code, "Message": message or code}}, "DeregisterImage")


@pytest.mark.parametrize("code", ["InvalidAMIID.Unavailable", "InvalidAMIID.NotFound", "ResourceNotFoundException"])
def test_already_gone_is_success(code):
    assert remove(Module(), Client(error(code)), "deregister_image", "deregister", ImageId="ami-1") is None


def test_the_answer_is_returned():
    client = Client({"Return": True})
    assert remove(Module(), client, "deregister_image", "deregister", ImageId="ami-1") == {"Return": True}
    assert client.calls == [{"ImageId": "ami-1"}]


@pytest.mark.parametrize("code", ["UnauthorizedOperation", "InvalidAMIID.Malformed", "ResourceDependencyException"])
def test_other_errors_fail_the_task(code):
    with pytest.raises(Failed, match="deregister"):
        remove(Module(), Client(error(code)), "deregister_image", "deregister", ImageId="ami-1")


def test_a_deleted_build_is_gone_but_invalid_requests_fail():
    # DeleteImage of a missing build: ResourceNotFoundException (terraform-provider-aws image.go treats it as gone)
    gone = error("ResourceNotFoundException", "The resource 'arn:aws:imagebuilder:us-east-1:1:image/x/1.0.0/1' does not exist.")
    assert remove(Module(), Client(gone), "deregister_image", "delete") is None
    for message in ("The image is still BUILDING", "The resource ARN 'x' does not exist."):
        with pytest.raises(Failed):
            remove(Module(), Client(error("InvalidRequestException", message)), "deregister_image", "delete")
