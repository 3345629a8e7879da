"""Recorded Image Builder answers (aws-cli examples) through the module_utils that parse them."""

from __future__ import annotations

import botocore.session
import pytest

from ansible_collections.imageforge.image_builder.plugins.module_utils._imagebuilder import components
from ansible_collections.imageforge.image_builder.plugins.module_utils._imagebuilder import configurations
from ansible_collections.imageforge.image_builder.plugins.module_utils._imagebuilder import image_builds
from ansible_collections.imageforge.image_builder.plugins.module_utils._imagebuilder import image_queries
from ansible_collections.imageforge.image_builder.plugins.module_utils._imagebuilder import recipe_sources
from ansible_collections.imageforge.image_builder.plugins.module_utils._reconcilers.updatable import UpdatableReconciler
from ansible_collections.imageforge.image_builder.plugins.module_utils._reconcilers.versioned import COMPONENT
from ansible_collections.imageforge.image_builder.plugins.module_utils._reconcilers.versioned import IMAGE_RECIPE
from ansible_collections.imageforge.image_builder.plugins.module_utils._reconcilers.versioned import VersionedReconciler

from .corpus import ReplayModule
from .corpus import body

IB = "imagebuilder"
ACCOUNT_ARN = "arn:aws:imagebuilder:us-west-2:123456789012"
IMAGE_QUERY = dict(arn=None, pipeline=None, recipe=None, name=None, version=None, states=None, owner="Self",
                   filters=None)


def update_input(operation):
    return botocore.session.get_session().get_service_model(IB).operation_model(operation).input_shape


@pytest.fixture
def module():
    made = ReplayModule()
    yield made
    made.all_replayed()


def test_component_versions_are_found_by_name_and_keep_their_version(module):
    module.replay(IB, "list-components", expected_params={
        "owner": "Self", "filters": [{"name": "name", "values": ["component-name"]}]})
    rec = VersionedReconciler(module, COMPONENT, "component-name", lambda r: r)
    assert rec.versions() == {"1.0.0": f"{ACCOUNT_ARN}:component/component-name/1.0.0"}


def test_component_info_splits_version_and_build_and_keeps_the_names_case(module):
    module.params.update(owner="Self", name=None, platform=None, version=None, include_data=False, arn=None)
    module.replay(IB, "list-components")
    module.replay(IB, "list-component-build-versions",
                  expected_params={"componentVersionArn": f"{ACCOUNT_ARN}:component/component-name/1.0.0"})
    [found] = components.find_components(module)
    # The name keeps its case; the ARN carries the lower-case slug and the build number.
    assert found["name"] == "MyExampleComponent"
    assert found["arn"] == f"{ACCOUNT_ARN}:component/myexamplecomponent/2019.12.02/1"
    assert found["version"] == "2019.12.02"
    assert found["change_description"] == "Initial version."
    assert found["tags"] == {"KeyName": "KeyValue"}  # user data is not snake_cased


def test_the_newest_build_of_a_component_version_is_read_from_its_build_list(module):
    module.replay(IB, "list-component-build-versions")
    resolver = recipe_sources.ComponentResolver(module)
    newest = resolver._newest_build(f"{ACCOUNT_ARN}:component/myexamplecomponent/2019.12.02")
    assert newest == f"{ACCOUNT_ARN}:component/myexamplecomponent/2019.12.02/1"


def test_a_component_read_by_arn_comes_back_snake_cased_with_its_document(module):
    arn = f"{ACCOUNT_ARN}:component/component-name/1.0.0/1"
    module.params.update(arn=arn)
    module.replay(IB, "get-component", expected_params={"componentBuildVersionArn": arn})
    [found] = components.find_components(module)
    assert found["arn"] == arn and found["type"] == "TEST" and found["encrypted"] is True
    assert found["data"].startswith("name: HelloWorldTestingDocument")
    content = components.content_of_resource(body(IB, "get-component")["component"], ("data",))
    assert content["data"]["phases"][0]["steps"][0]["action"] == "ExecuteBash"


def test_get_image_becomes_the_result_a_user_reads(module):
    arn = f"{ACCOUNT_ARN}:image/mybasicrecipe/2019.12.03/1"
    module.replay(IB, "get-image", expected_params={"imageBuildVersionArn": arn})
    image = image_builds.summarise(image_builds.get_image(module, arn))
    # GetImage says version "2019.12.03/1": the result splits it into version and build
    assert image["name"] == "MyBasicRecipe" and image["version"] == "2019.12.03" and image["build"] == 1
    assert image["state"] == "BUILDING" and image["platform"] == "Windows"
    assert image["recipe_arn"] == f"{ACCOUNT_ARN}:image-recipe/mybasicrecipe/2019.12.03"
    assert image["infrastructure_configuration_arn"] == f"{ACCOUNT_ARN}:infrastructure-configuration/myexampleinfrastructure"
    assert image["amis"] == [] and image["tests_ran"] is False and image["tests_passed"] is False


def test_a_failed_build_summary_names_the_reason_and_where_the_logs_are():
    summary = body(IB, "list-image-build-versions")["imageSummaryList"][0]
    result = image_builds.summarise(summary)
    assert result["state"] == "FAILED"
    assert "iamInstanceProfileName" in result["reason"]
    assert result["log_location"] == "CloudWatch Logs group /aws/imagebuilder/MyBasicRecipe"


def _image_builds(module, **params):
    module.params.update(IMAGE_QUERY, **params)
    module.replay(IB, "list-images")
    module.replay(IB, "list-image-build-versions",
                  expected_params={"imageVersionArn": f"{ACCOUNT_ARN}:image/mybasicrecipe/2019.12.03"})
    return image_queries.candidate_arns(module)


def test_image_builds_by_name_newest_build_first(module):
    found = _image_builds(module, name="MyBasicRecipe")
    builds = [int(arn.rsplit("/", 1)[1]) for arn in found]
    assert builds == sorted(builds, reverse=True) and builds[0] == 7


def test_image_builds_by_state(module):
    everything = [s["arn"] for s in body(IB, "list-image-build-versions")["imageSummaryList"]
                  if s["state"]["status"] == "AVAILABLE"]
    found = _image_builds(module, name="MyBasicRecipe", states=["AVAILABLE"])
    assert sorted(found) == sorted(everything) and found


@pytest.mark.parametrize("version", ["2019.12.03", "2019.12.x"])
def test_image_builds_by_version_match_versions_that_carry_a_build_number(module, version):
    """ListImageBuildVersions says `2019.12.03/7`: a version filter without the build still finds it."""
    found = _image_builds(module, name="MyBasicRecipe", version=version)
    assert len(found) == len(body(IB, "list-image-build-versions")["imageSummaryList"])


def test_an_owned_image_arn_is_accepted_as_a_parent_although_its_name_keeps_its_case(module):
    """The ARN's slug `mybasicrecipe` is not the name `MyBasicRecipe`: the ARN is checked with GetImage,
    which takes a version ARN and answers its newest build, not by listing images by name."""
    arn = f"{ACCOUNT_ARN}:image/mybasicrecipe/2019.12.03"
    module.replay(IB, "get-image", expected_params={"imageBuildVersionArn": arn})
    assert recipe_sources.resolve_parent_image(module, arn) == arn


def test_image_recipe_versions_come_from_the_arn_as_summaries_have_no_version(module):
    module.replay(IB, "list-image-recipes")
    rec = VersionedReconciler(module, IMAGE_RECIPE, "MyBasicRecipe", lambda r: r)
    assert rec.versions() == {"2019.12.03": f"{ACCOUNT_ARN}:image-recipe/mybasicrecipe/2019.12.03"}


def test_a_pipeline_build_source_is_read_from_get_image_pipeline(module):
    arn = f"{ACCOUNT_ARN}:image-pipeline/mywindows2016pipeline"
    module.params.update(pipeline=arn)
    module.replay(IB, "get-image-pipeline", expected_params={"imagePipelineArn": arn})
    source = image_builds.build_source(module)
    assert source == {"pipeline": arn, "recipe": f"{ACCOUNT_ARN}:image-recipe/mybasicrecipe/2019.12.03",
                      "infrastructure": f"{ACCOUNT_ARN}:infrastructure-configuration/myexampleinfrastructure",
                      "distribution": f"{ACCOUNT_ARN}:distribution-configuration/myexampledistribution",
                      "tests": {"imageTestsEnabled": True, "timeoutMinutes": 60}}


@pytest.mark.parametrize("option,stem,name,slug", [
    ("infrastructure_configuration", "list-infrastructure-configurations", "MyExampleInfrastructure",
     "infrastructure-configuration/myexampleinfrastructure"),
    ("distribution_configuration", "list-distribution-configurations", "MyExampleDistribution",
     "distribution-configuration/myexampledistribution"),
    ("recipe", "list-image-recipes", "MyBasicRecipe", "image-recipe/mybasicrecipe/2019.12.03"),
])
def test_a_resource_named_with_capitals_resolves_to_its_lower_case_arn(module, option, stem, name, slug):
    module.replay(IB, stem, expected_params={"filters": [{"name": "name", "values": [name]}]})
    assert image_builds.resolve(module, option, name) == f"{ACCOUNT_ARN}:{slug}"


def test_an_unchanged_infrastructure_configuration_needs_no_update():
    current = body(IB, "get-infrastructure-configuration")["infrastructureConfiguration"]
    rec = UpdatableReconciler(None, "infrastructure configuration", update_input("UpdateInfrastructureConfiguration"),
                              configurations.normalise_infrastructure,
                              request_only=("infrastructureConfigurationArn", "clientToken"))
    request = configurations.infrastructure_request({
        "instance_types": ["m5.large", "m5.xlarge"], "instance_profile_name": current["instanceProfileName"],
        "terminate_instance_on_failure": False, "logging": {"s3_bucket_name": "bucket-name", "s3_key_prefix": "bucket-path"}})
    action, _request, diff = rec.plan(current, request)
    assert (action, diff) == ("none", None)
    action, _request, diff = rec.plan(current, dict(request, terminateInstanceOnFailure=True))
    assert action == "update" and diff["changes"] == ["terminateInstanceOnFailure: false -> true"]


def test_a_distribution_configuration_recorded_without_timeout_is_still_compared():
    current = body(IB, "get-distribution-configuration")["distributionConfiguration"]
    rec = UpdatableReconciler(None, "distribution configuration", update_input("UpdateDistributionConfiguration"),
                              configurations.normalise_distribution,
                              request_only=("distributionConfigurationArn", "clientToken"))
    action, _request, diff = rec.plan(current, {"description": current["description"]})
    assert (action, diff) == ("none", None)
    regions = [d["region"] for d in configurations.normalise_distribution(rec.current_request(current))["distributions"]]
    assert regions == sorted(regions)
