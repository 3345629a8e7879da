# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Request building and normalisation of the updatable resources: omitted options keep their value,
API defaults compare equal, user data is never renamed, bad input is named before any call."""

from __future__ import annotations

import botocore.session
import pytest

from ansible_collections.imageforge.image_builder.plugins.module_utils._imagebuilder.configurations import distribution_request
from ansible_collections.imageforge.image_builder.plugins.module_utils._imagebuilder.configurations import infrastructure_request
from ansible_collections.imageforge.image_builder.plugins.module_utils._imagebuilder.configurations import normalise_distribution
from ansible_collections.imageforge.image_builder.plugins.module_utils._imagebuilder.configurations import normalise_infrastructure
from ansible_collections.imageforge.image_builder.plugins.module_utils._imagebuilder.distribution_checks import distribution_problems
from ansible_collections.imageforge.image_builder.plugins.module_utils._imagebuilder.image_pipelines import normalise_pipeline
from ansible_collections.imageforge.image_builder.plugins.module_utils._imagebuilder.lifecycle_policies import LIFECYCLE_REPLACED_KEYS
from ansible_collections.imageforge.image_builder.plugins.module_utils._imagebuilder.lifecycle_policies import lifecycle_request
from ansible_collections.imageforge.image_builder.plugins.module_utils._imagebuilder.schedules import ScheduleError
from ansible_collections.imageforge.image_builder.plugins.module_utils._imagebuilder.schedules import normalise_cron
from ansible_collections.imageforge.image_builder.plugins.module_utils._reconcilers.updatable import UpdatableReconciler
from ansible_collections.imageforge.image_builder.plugins.module_utils._reconcilers.updatable import merge

MODEL = botocore.session.get_session().get_service_model("imagebuilder")
INFRA = MODEL.operation_model("UpdateInfrastructureConfiguration").input_shape
PIPELINE = MODEL.operation_model("UpdateImagePipeline").input_shape


def plan(resource, desired, shape=INFRA, **kwargs):
    return UpdatableReconciler(None, "thing", shape, **kwargs).plan(resource, desired)


def test_an_option_the_task_did_not_set_keeps_its_value():
    stored = {"instanceProfileName": "p", "instanceTypes": ["t3.small"], "description": "d",
              "logging": {"s3Logs": {"s3BucketName": "b", "s3KeyPrefix": "k"}}}
    action, request, diff = plan(stored, {"logging": {"s3Logs": {"s3KeyPrefix": "new"}}})
    assert action == "update"
    assert request == dict(stored, logging={"s3Logs": {"s3BucketName": "b", "s3KeyPrefix": "new"}})
    assert diff["changes"] == ['logging.s3Logs.s3KeyPrefix: "k" -> "new"']


def test_same_options_plan_nothing():
    stored = {"instanceProfileName": "p", "instanceTypes": ["t3.small"], "arn": "x", "dateCreated": "now"}
    assert plan(stored, {"instanceTypes": ["t3.small"]})[0] == "none"


def test_user_data_maps_are_replaced_whole_not_merged():
    assert merge({"resourceTags": {"a": "1", "b": "2"}}, {"resourceTags": {"a": "1"}}) == {"resourceTags": {"a": "1"}}
    assert merge({"x": {"a": 1}}, {"x": {"b": 2}}) == {"x": {"a": 1, "b": 2}}


def test_create_defaults_apply_only_to_a_new_resource():
    defaults = {"instanceMetadataOptions": {"httpTokens": "required"}}
    assert plan(None, {"instanceProfileName": "p"}, create_defaults=defaults)[1]["instanceMetadataOptions"] == {"httpTokens": "required"}
    stored = {"instanceProfileName": "p", "instanceMetadataOptions": {"httpTokens": "optional"}}
    assert plan(stored, {"instanceProfileName": "p"}, create_defaults=defaults)[0] == "none"


def test_setting_one_exclusive_field_drops_the_other():
    stored = {"imageRecipeArn": "r", "infrastructureConfigurationArn": "i"}
    _action, request, _diff = plan(stored, {"containerRecipeArn": "c"}, shape=PIPELINE,
                                   exclusive=(("imageRecipeArn", "containerRecipeArn"),))
    assert request == {"containerRecipeArn": "c", "infrastructureConfigurationArn": "i"}


def test_terminate_on_failure_default_compares_equal_to_omitted():
    assert normalise_infrastructure({"instanceProfileName": "p"}) == normalise_infrastructure(
        {"instanceProfileName": "p", "terminateInstanceOnFailure": True, "resourceTags": {}})


def test_security_group_order_is_not_a_change():
    a = normalise_infrastructure({"securityGroupIds": ["sg-2", "sg-1"]})
    assert a == normalise_infrastructure({"securityGroupIds": ["sg-1", "sg-2"]})


def test_infrastructure_request_keeps_instance_tags_and_nests_logging():
    params = {"instance_tags": {"cost_center": 42}, "logging": {"s3_bucket_name": "b", "s3_key_prefix": None},
              "instance_metadata_options": {"http_tokens": "required", "http_put_response_hop_limit": None}}
    assert infrastructure_request(params) == {
        "resourceTags": {"cost_center": "42"},
        "logging": {"s3Logs": {"s3BucketName": "b"}},
        "instanceMetadataOptions": {"httpTokens": "required"},
    }


def test_pipeline_defaults_compare_equal_to_omitted():
    stored = {"infrastructureConfigurationArn": "i", "status": "ENABLED", "enhancedImageMetadataEnabled": True,
              "imageTestsConfiguration": {"imageTestsEnabled": True, "timeoutMinutes": 720},
              "imageScanningConfiguration": {"imageScanningEnabled": False},
              "schedule": {"scheduleExpression": "cron(0 3 * * ? *)",
                           "pipelineExecutionStartCondition": "EXPRESSION_MATCH_AND_DEPENDENCY_UPDATES_AVAILABLE"}}
    omitted = {"infrastructureConfigurationArn": "i", "schedule": {"scheduleExpression": "cron(0 3 * * ? *)"}}
    assert normalise_pipeline(omitted) == normalise_pipeline(stored)


def test_distribution_keeps_image_builder_variables_and_ami_tags_verbatim():
    name = "app-{{ imagebuilder:buildDate }}"
    request = distribution_request({"distributions": [
        {"region": "eu-west-1", "ami_distribution_configuration": {"name": name, "ami_tags": {"build_id": "x"}, "kms_key_id": None}},
        {"region": "us-east-1", "launch_template_configurations": []},
    ]})
    normalised = normalise_distribution(request)
    assert normalised["distributions"] == [
        {"region": "eu-west-1", "amiDistributionConfiguration": {"name": name, "amiTags": {"build_id": "x"}}},
        {"region": "us-east-1"},
    ]


def test_region_order_is_not_a_change():
    a = {"distributions": [{"region": "us-east-1"}, {"region": "eu-west-1"}]}
    b = {"distributions": [{"region": "eu-west-1"}, {"region": "us-east-1"}]}
    assert normalise_distribution(a) == normalise_distribution(b)


@pytest.mark.parametrize("distributions, fault", [
    ([{"region": "mars-north-1"}], "does not exist"),
    ([{"region": "us-east-1"}, {"region": "us-east-1"}], "more than once"),
    ([{"region": "us-east-1", "ami_distribution_configuration": {"launch_permission": {"user_groups": ["all"]}}}], "allow_public"),
])
def test_distribution_problems_name_the_fault(distributions, fault):
    problems = distribution_problems(distributions, allow_public=False)
    assert len(problems) == 1 and fault in problems[0]


def test_public_share_is_accepted_with_allow_public_and_real_regions_pass():
    public = [{"region": "eu-central-1", "ami_distribution_configuration": {"launch_permission": {"user_groups": ["all"]}}}]
    assert distribution_problems(public, allow_public=True) == []
    assert distribution_problems([{"region": "cn-north-1"}, {"region": "us-gov-west-1"}], allow_public=False) == []


def test_lifecycle_request_keeps_tag_maps_and_replaces_the_selection():
    request = lifecycle_request({"resource_selection": {"tag_map": {"App_Name": "web"}, "recipes": None},
                                 "policy_details": [{"exclusion_rules": {"tag_map": {"Keep_Me": "1"}}}]})
    assert request["resourceSelection"] == {"tagMap": {"App_Name": "web"}}
    assert request["policyDetails"][0]["exclusionRules"]["tagMap"] == {"Keep_Me": "1"}
    stored = {"resourceSelection": {"tagMap": {"a": "b"}}}
    assert merge(stored, {"resourceSelection": {"recipes": [{"name": "r"}]}}, LIFECYCLE_REPLACED_KEYS) == {
        "resourceSelection": {"recipes": [{"name": "r"}]}}


@pytest.mark.parametrize("text, expected", [
    ("cron(0 3 * * ? *)", "cron(0 3 * * ? *)"),
    ("0 3 * * ? *", "cron(0 3 * * ? *)"),
    ("cron(0/15 8-18 ? * MON-FRI *)", "cron(0/15 8-18 ? * MON-FRI *)"),
    ("cron(0 0 L * ? *)", "cron(0 0 L * ? *)"),
    ("cron(0 0 ? * 6#3 *)", "cron(0 0 ? * 6#3 *)"),
])
def test_valid_cron_expressions(text, expected):
    assert normalise_cron(text) == expected


@pytest.mark.parametrize("text, fault", [
    ("cron(0 25 * * ? *)", "hours"),
    ("cron(0 3 * * *)", "6 fields"),
    ("cron(0 3 1 * MON *)", "'?'"),
    ("cron(61 3 * * ? *)", "minutes"),
    ("rate(1 day)", "6 fields"),
])
def test_invalid_cron_expressions_name_the_fault(text, fault):
    with pytest.raises(ScheduleError, match=fault):
        normalise_cron(text)
