"""model_checks: a request that does not fit botocore's model is refused with the option's name."""

import botocore.session

from ansible_collections.imageforge.image_builder.plugins.module_utils._core.model_checks import model_problem
from ansible_collections.imageforge.image_builder.plugins.module_utils._core.model_checks import option_path

MODEL = botocore.session.get_session().get_service_model("imagebuilder")


def shape(operation):
    return MODEL.operation_model(operation).input_shape


def test_a_container_only_member_does_not_fit_an_image_recipe():
    problem = model_problem(shape("CreateImageRecipe"), {"name": "web-recipe", "containerType": "DOCKER"}, "")
    assert problem.startswith("container_type does not fit CreateImageRecipe")


def test_a_value_outside_the_enum_names_the_nested_option():
    request = {"imageScanningConfiguration": {"scanResultCondition": {"maximumSeverityLabel": "SEVERE"}}}
    problem = model_problem(shape("CreateImage"), request, "")
    assert problem == ("image_scanning_configuration.scan_result_condition.maximum_severity_label is 'SEVERE'; "
                       "it must be one of INFORMATIONAL, LOW, MEDIUM, HIGH")


def test_a_value_that_breaks_the_pattern_names_the_option_in_a_list():
    request = {"workflows": [{"workflowArn": "not-an-arn"}]}
    problem = model_problem(shape("CreateImage"), request, "")
    assert problem.startswith("workflows[0].workflow_arn is 'not-an-arn'; it must match ^arn:aws")


def test_valid_values_and_user_maps_pass():
    request = {"schedule": {"pipelineExecutionStartCondition": "EXPRESSION_MATCH_ONLY"}, "imageTags": {"AnyKey": "v"}}
    assert model_problem(shape("UpdateImagePipeline"), request, "") is None


def test_option_path_keeps_list_indexes():
    assert option_path("distributions[1].amiDistributionConfiguration.kmsKeyId") == (
        "distributions[1].ami_distribution_configuration.kms_key_id")
