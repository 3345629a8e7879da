"""The corpus itself: enough real bodies, each with its source, each one a body botocore accepts."""

from __future__ import annotations

import botocore.session
import pytest
from botocore.validate import ParamValidator

from .corpus import fixtures

MODELS = botocore.session.get_session()
# Image Builder Get/List operations whose answers the module_utils parse, with a recorded body.
PARSED_IMAGEBUILDER = {"GetComponent", "ListComponents", "ListComponentBuildVersions", "GetImage", "ListImages",
                       "ListImageBuildVersions", "ListImageRecipes", "GetImagePipeline",
                       "GetInfrastructureConfiguration", "ListInfrastructureConfigurations",
                       "GetDistributionConfiguration", "ListDistributionConfigurations"}


def test_the_corpus_holds_at_least_40_bodies_from_public_sources():
    found = fixtures()
    assert len(found) >= 40
    for _service, stem, fixture in found:
        assert fixture["_source"].startswith("https://github.com/aws/aws-cli/blob/"), stem
        assert fixture["_source"].endswith(f"/{stem.rsplit('-', 1)[0] if stem[-1].isdigit() else stem}.rst"), stem


def test_it_covers_every_parsed_image_builder_read_and_the_ec2_image_calls():
    operations = {(service, fixture["operation"]) for service, _stem, fixture in fixtures()}
    assert {("imagebuilder", op) for op in PARSED_IMAGEBUILDER} <= operations
    assert {("ec2", "DescribeImages"), ("ec2", "DescribeImageAttribute"), ("ec2", "CopyImage")} <= operations


@pytest.mark.parametrize("service,stem,fixture", fixtures(), ids=lambda v: v if isinstance(v, str) else "")
def test_each_body_fits_the_output_shape_of_its_operation(service, stem, fixture):
    operation = MODELS.get_service_model(service).operation_model(fixture["operation"])
    report = ParamValidator().validate(fixture["response"], operation.output_shape)
    if fixture.get("_model_mismatch"):
        # Recorded before the model made a member required: the test proves the mismatch is still there,
        # so the note is removed when a newer body replaces it.
        assert report.has_errors(), f"{stem} now fits the model; drop its _model_mismatch note"
    else:
        assert not report.has_errors(), report.generate_report()
