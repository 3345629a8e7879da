"""Fixtures shared by the fuzz tests."""

import pytest


@pytest.fixture(scope="module")
def aws():
    import os

    from moto import mock_aws

    os.environ.update(AWS_ACCESS_KEY_ID="testing", AWS_SECRET_ACCESS_KEY="testing", AWS_DEFAULT_REGION="us-east-1")
    os.environ.pop("AWS_ENDPOINT_URL", None)
    with mock_aws():
        yield
