import pytest

from ansible_collections.imageforge.image_builder.plugins.module_utils._core.arns import ArnError
from ansible_collections.imageforge.image_builder.plugins.module_utils._core.arns import build_arn
from ansible_collections.imageforge.image_builder.plugins.module_utils._core.arns import parse_arn
from ansible_collections.imageforge.image_builder.plugins.module_utils._core.arns import version_arn


def test_build_arn_matches_what_aws_writes():
    assert build_arn("component", "My Comp", "us-east-1", "123456789012", "1.0.0", 1) == (
        "arn:aws:imagebuilder:us-east-1:123456789012:component/my-comp/1.0.0/1"
    )


def test_parse_round_trip_and_amazon_owner():
    parts = parse_arn("arn:aws:imagebuilder:eu-west-1:aws:image/amazon-linux-2023-x86/x.x.x")
    assert parts["account"] == "aws" and parts["version"] == "x.x.x" and parts["build"] is None
    parts = parse_arn("arn:aws:imagebuilder:us-east-1:123456789012:component/c/1.2.3/4")
    assert parts["build"] == 4 and parts["type"] == "component"


@pytest.mark.parametrize("text", ["", "arn:aws:ec2:us-east-1:123456789012:image/ami-1", "component/x/1.0.0", None, 5])
def test_bad_arns_say_what_an_arn_looks_like(text):
    with pytest.raises(ArnError, match="arn:aws:imagebuilder"):
        parse_arn(text)


def test_version_arn_strips_the_build():
    assert version_arn("arn:aws:imagebuilder:us-east-1:123456789012:component/c/1.2.3/4").endswith("component/c/1.2.3")
