"""Image Builder behaviours the modules rely on, as AWS documents them (rows of tests/emulator/FIDELITY.md)."""

import re
import time

import botocore.exceptions
import pytest

from .conftest import ACCOUNT, component

PREFIX = f"arn:aws:imagebuilder:us-east-1:{ACCOUNT}"
MANAGED = "arn:aws:imagebuilder:us-east-1:aws:image/amazon-linux-2023-x86/x.x.x"


def build(ib, token="b"):
    comp = component(ib, name="comp")
    recipe = ib.create_image_recipe(name="Rec", semanticVersion="1.0.0", parentImage=MANAGED,
                                    components=[{"componentArn": comp}], clientToken="r")["imageRecipeArn"]
    infra = ib.create_infrastructure_configuration(name="inf", instanceProfileName="p",
                                                   clientToken="i")["infrastructureConfigurationArn"]
    return recipe, infra


def test_managed_images_show_a_display_name_and_a_slug_in_their_arn(ib):
    listed = ib.list_images(owner="Amazon", filters=[{"name": "name", "values": ["Amazon Linux 2023 x86"]}])
    [image] = listed["imageVersionList"]
    assert image["name"] == "Amazon Linux 2023 x86"
    assert image["arn"] == MANAGED
    assert re.fullmatch(r"\d+\.\d+\.\d+", image["version"])
    by_slug = ib.list_images(owner="Amazon", filters=[{"name": "name", "values": ["amazon-linux-2023-x86"]}])
    assert by_slug["imageVersionList"] == []
    got = ib.get_image(imageBuildVersionArn=MANAGED)["image"]
    assert got["name"] == "Amazon Linux 2023 x86" and got["osVersion"] == "Amazon Linux 2023"
    assert re.fullmatch(r"\d+\.\d+\.\d+/\d+", got["version"])
    assert re.fullmatch(r"arn:aws:imagebuilder:us-east-1:aws:image/amazon-linux-2023-x86/\d+\.\d+\.\d+/\d+", got["arn"])


def test_names_keep_their_case_and_arns_are_lowercase(ib):
    arn = component(ib, name="MyExampleComponent")
    assert arn == f"{PREFIX}:component/myexamplecomponent/1.0.0/1"
    assert ib.get_component(componentBuildVersionArn=arn)["component"]["name"] == "MyExampleComponent"
    listed = ib.list_components(filters=[{"name": "name", "values": ["MyExampleComponent"]}])["componentVersionList"]
    assert [c["name"] for c in listed] == ["MyExampleComponent"]


def test_component_build_versions_are_listed_only_for_own_components(ib):
    with pytest.raises(ib.exceptions.ForbiddenException, match="owns"):
        ib.list_component_build_versions(componentVersionArn="arn:aws:imagebuilder:us-east-1:aws:component/update-linux/1.0.2")
    own = component(ib)
    builds = ib.list_component_build_versions(componentVersionArn=own.rsplit("/", 1)[0])["componentSummaryList"]
    assert [b["arn"] for b in builds] == [own]
    managed = ib.get_component(componentBuildVersionArn="arn:aws:imagebuilder:us-east-1:aws:component/update-linux/1.0.x")
    assert managed["component"]["arn"].endswith("component/update-linux/1.0.2/1")


def test_image_versions_carry_the_build_number(ib):
    recipe, infra = build(ib)
    first = ib.create_image(imageRecipeArn=recipe, infrastructureConfigurationArn=infra, clientToken="1")
    second = ib.create_image(imageRecipeArn=recipe, infrastructureConfigurationArn=infra, clientToken="2")
    assert first["imageBuildVersionArn"] == f"{PREFIX}:image/rec/1.0.0/1"
    assert second["imageBuildVersionArn"] == f"{PREFIX}:image/rec/1.0.0/2"
    assert ib.get_image(imageBuildVersionArn=second["imageBuildVersionArn"])["image"]["version"] == "1.0.0/2"
    summaries = ib.list_image_build_versions(imageVersionArn=f"{PREFIX}:image/rec/1.0.0")["imageSummaryList"]
    assert sorted(s["version"] for s in summaries) == ["1.0.0/1", "1.0.0/2"]
    versions = ib.list_images()["imageVersionList"]
    assert [(v["arn"], v["name"], v["version"]) for v in versions] == [(f"{PREFIX}:image/rec/1.0.0", "Rec", "1.0.0")]
    by_version = ib.list_image_build_versions(imageVersionArn=f"{PREFIX}:image/rec/1.0.0",
                                              filters=[{"name": "version", "values": ["1.0.0"]}])
    assert len(by_version["imageSummaryList"]) == 2


def test_pipeline_images_carry_the_build_number(ib):
    recipe, infra = build(ib)
    pipeline = ib.create_image_pipeline(name="Pipe", imageRecipeArn=recipe, infrastructureConfigurationArn=infra,
                                        clientToken="p")["imagePipelineArn"]
    ib.start_image_pipeline_execution(imagePipelineArn=pipeline, clientToken="s")
    [image] = ib.list_image_pipeline_images(imagePipelineArn=pipeline)["imageSummaryList"]
    assert image["version"] == "1.0.0/1"


MISSING = {
    "get_component": {"componentBuildVersionArn": f"{PREFIX}:component/none/1.0.0/1"},
    "delete_component": {"componentBuildVersionArn": f"{PREFIX}:component/none/1.0.0/1"},
    "get_image_recipe": {"imageRecipeArn": f"{PREFIX}:image-recipe/none/1.0.0"},
    "delete_image_recipe": {"imageRecipeArn": f"{PREFIX}:image-recipe/none/1.0.0"},
    "get_container_recipe": {"containerRecipeArn": f"{PREFIX}:container-recipe/none/1.0.0"},
    "delete_container_recipe": {"containerRecipeArn": f"{PREFIX}:container-recipe/none/1.0.0"},
    "get_infrastructure_configuration": {"infrastructureConfigurationArn": f"{PREFIX}:infrastructure-configuration/none"},
    "delete_infrastructure_configuration": {
        "infrastructureConfigurationArn": f"{PREFIX}:infrastructure-configuration/none"},
    "update_infrastructure_configuration": {
        "infrastructureConfigurationArn": f"{PREFIX}:infrastructure-configuration/none", "instanceProfileName": "p",
        "clientToken": "u"},
    "get_distribution_configuration": {"distributionConfigurationArn": f"{PREFIX}:distribution-configuration/none"},
    "delete_distribution_configuration": {
        "distributionConfigurationArn": f"{PREFIX}:distribution-configuration/none"},
    "get_image_pipeline": {"imagePipelineArn": f"{PREFIX}:image-pipeline/none"},
    "delete_image_pipeline": {"imagePipelineArn": f"{PREFIX}:image-pipeline/none"},
    "list_image_pipeline_images": {"imagePipelineArn": f"{PREFIX}:image-pipeline/none"},
    "get_image": {"imageBuildVersionArn": f"{PREFIX}:image/none/1.0.0/1"},
    "delete_image": {"imageBuildVersionArn": f"{PREFIX}:image/none/1.0.0/1"},
    "get_workflow": {"workflowBuildVersionArn": f"{PREFIX}:workflow/build/none/1.0.0/1"},
    "delete_workflow": {"workflowBuildVersionArn": f"{PREFIX}:workflow/build/none/1.0.0/1"},
    "get_lifecycle_policy": {"lifecyclePolicyArn": f"{PREFIX}:lifecycle-policy/none"},
    "delete_lifecycle_policy": {"lifecyclePolicyArn": f"{PREFIX}:lifecycle-policy/none"},
    "get_component_policy": {"componentArn": f"{PREFIX}:component/none/1.0.0/1"},
    "list_tags_for_resource": {"resourceArn": f"{PREFIX}:image-recipe/none/1.0.0"},
}


@pytest.mark.parametrize("operation", sorted(MISSING))
def test_a_missing_resource_is_resource_not_found_404(ib, operation):
    with pytest.raises(ib.exceptions.ResourceNotFoundException) as caught:
        getattr(ib, operation)(**MISSING[operation])
    assert caught.value.response["ResponseMetadata"]["HTTPStatusCode"] == 404


def test_every_owner_of_the_api_is_accepted(ib):
    market = ib.list_images(owner="AWSMarketplace")["imageVersionList"]
    assert [i["arn"] for i in market] == [
        "arn:aws:imagebuilder:us-east-1:aws-marketplace:image/hardened-linux-2023-level-1/x.x.x"]
    assert market[0]["name"] == "Hardened Linux 2023 Level 1" and market[0]["owner"] == "AWSMarketplace"
    [comp] = ib.list_components(owner="AWSMarketplace")["componentVersionList"]
    assert comp["arn"].startswith("arn:aws:imagebuilder:us-east-1:aws-marketplace:component/hardened-linux-agent/")
    assert ib.get_component(componentBuildVersionArn=comp["arn"])["component"]["owner"] == "AWSMarketplace"
    assert ib.get_image(imageBuildVersionArn=market[0]["arn"])["image"]["version"] == "1.2.0/1"
    for owner in ("ThirdParty", "Shared"):
        assert ib.list_images(owner=owner)["imageVersionList"] == []
        assert ib.list_image_recipes(owner=owner)["imageRecipeSummaryList"] == []


def test_filters_are_the_documented_ones_and_never_an_empty_list(ib):
    with pytest.raises(ib.exceptions.InvalidRequestException, match="filter name"):
        ib.list_images(filters=[{"name": "buildType", "values": ["IMPORT"]}])
    with pytest.raises(botocore.exceptions.ParamValidationError):
        ib.list_images(filters=[])  # botocore refuses it before any call (FilterList: min 1)
    assert ib.list_images()["imageVersionList"] == []


def test_new_images_may_take_a_while_to_show_in_list_images(ib, monkeypatch):
    monkeypatch.setenv("EMULATOR_LIST_IMAGES_DELAY", "0.3")
    recipe, infra = build(ib)
    arn = ib.create_image(imageRecipeArn=recipe, infrastructureConfigurationArn=infra, clientToken="1")[
        "imageBuildVersionArn"]
    assert ib.list_images()["imageVersionList"] == []
    assert ib.get_image(imageBuildVersionArn=arn)["image"]["arn"] == arn
    time.sleep(0.35)
    assert len(ib.list_images()["imageVersionList"]) == 1
