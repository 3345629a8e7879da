"""Focused checks per resource family of the imagebuilder backend (in-process)."""

import json

import boto3
import pytest

from .conftest import ACCOUNT, component

PREFIX = f"arn:aws:imagebuilder:us-east-1:{ACCOUNT}"
PARENT = "arn:aws:imagebuilder:us-east-1:aws:image/amazon-linux-2023-x86/x.x.x"


def recipe(ib, comp_arn, name="my-recipe", version="1.0.0"):
    return ib.create_image_recipe(name=name, semanticVersion=version, parentImage=PARENT,
                                  components=[{"componentArn": comp_arn}], clientToken=f"r-{name}-{version}")[
        "imageRecipeArn"]


def infra(ib, name="my-infra", **extra):
    return ib.create_infrastructure_configuration(name=name, instanceProfileName="profile", clientToken=name,
                                                  **extra)["infrastructureConfigurationArn"]


def test_component_validation_and_conflicts(ib):
    arn = component(ib)
    with pytest.raises(ib.exceptions.ResourceInUseException):
        component(ib, token="another")
    with pytest.raises(ib.exceptions.InvalidParameterCombinationException):
        ib.create_component(name="both", semanticVersion="1.0.0", platform="Linux", data="x", uri="s3://b/k",
                            clientToken="b")
    with pytest.raises(ib.exceptions.InvalidRequestException):
        ib.create_component(name="big", semanticVersion="1.0.0", platform="Linux", data="x" * 16001,
                            clientToken="big")
    with pytest.raises(ib.exceptions.InvalidRequestException, match="semanticVersion"):
        component(ib, version="1.0")
    component(ib, version="1.0.1")
    assert ib.get_component(componentBuildVersionArn=f"{PREFIX}:component/my-comp/1.0.x")["component"][
        "version"] == "1.0.1"
    builds = ib.list_component_build_versions(componentVersionArn=arn.rsplit("/", 1)[0])["componentSummaryList"]
    assert [b["arn"] for b in builds] == [arn]
    imported = ib.import_component(name="imported", semanticVersion="2.0.0", type="TEST", format="SHELL",
                                   platform="Linux", data="echo hi", clientToken="imp")["componentBuildVersionArn"]
    assert ib.get_component(componentBuildVersionArn=imported)["component"]["type"] == "TEST"


def test_recipes_reference_components_and_block_their_deletion(ib):
    comp = component(ib)
    arn = recipe(ib, f"{PREFIX}:component/my-comp/x.x.x")
    assert arn == f"{PREFIX}:image-recipe/my-recipe/1.0.0"
    with pytest.raises(ib.exceptions.ResourceAlreadyExistsException):
        ib.create_image_recipe(name="my-recipe", semanticVersion="1.0.0", parentImage=PARENT,
                               components=[{"componentArn": comp}], clientToken="other")
    with pytest.raises(ib.exceptions.ResourceDependencyException, match="image-recipe/my-recipe"):
        ib.delete_component(componentBuildVersionArn=comp)
    container = ib.create_container_recipe(
        containerType="DOCKER", name="my-container", semanticVersion="1.0.0", parentImage="amazonlinux:2023",
        components=[{"componentArn": comp}], dockerfileTemplateData="FROM {{{ imagebuilder:parentImage }}}",
        targetRepository={"service": "ECR", "repositoryName": "repo"}, clientToken="c")["containerRecipeArn"]
    assert ib.get_container_recipe(containerRecipeArn=container)["containerRecipe"]["platform"] == "Linux"
    assert len(ib.list_image_recipes(filters=[{"name": "name", "values": ["my-recipe"]}])[
        "imageRecipeSummaryList"]) == 1
    ib.delete_image_recipe(imageRecipeArn=arn)
    ib.delete_container_recipe(containerRecipeArn=container)
    ib.delete_component(componentBuildVersionArn=comp)


def test_workflow_build_versions(ib):
    first = ib.create_workflow(name="my-flow", semanticVersion="1.0.0", type="BUILD", data="a: 1",
                               clientToken="w1")["workflowBuildVersionArn"]
    assert first == f"{PREFIX}:workflow/build/my-flow/1.0.0/1"
    second = ib.create_workflow(name="my-flow", semanticVersion="1.0.0", type="BUILD", data="a: 2",
                                clientToken="w2")["workflowBuildVersionArn"]
    assert second.endswith("/1.0.0/2")
    with pytest.raises(ib.exceptions.ResourceInUseException):
        ib.create_workflow(name="my-flow", semanticVersion="1.0.0", type="BUILD", data="a: 2", clientToken="w3")
    assert ib.get_workflow(workflowBuildVersionArn=first.rsplit("/", 1)[0])["workflow"]["arn"] == second
    builds = ib.list_workflow_build_versions(workflowVersionArn=first.rsplit("/", 1)[0], maxResults=1)
    assert len(builds["workflowSummaryList"]) == 1 and builds["nextToken"]
    ib.delete_workflow(workflowBuildVersionArn=first)


def test_update_replaces_configurations(ib):
    arn = infra(ib, snsTopicArn="arn:aws:sns:us-east-1:123456789012:topic", instanceTypes=["t3.micro"])
    ib.update_infrastructure_configuration(infrastructureConfigurationArn=arn, instanceProfileName="other",
                                           clientToken="u1")
    current = ib.get_infrastructure_configuration(infrastructureConfigurationArn=arn)["infrastructureConfiguration"]
    assert current["instanceProfileName"] == "other" and "snsTopicArn" not in current and "instanceTypes" not in current
    dist = ib.create_distribution_configuration(
        name="my-dist", description="d", clientToken="d",
        distributions=[{"region": "us-east-1", "amiDistributionConfiguration": {"name": "x-{{imagebuilder:buildDate}}"}}],
    )["distributionConfigurationArn"]
    ib.update_distribution_configuration(distributionConfigurationArn=dist, distributions=[{"region": "eu-west-1"}],
                                         clientToken="d2")
    current = ib.get_distribution_configuration(distributionConfigurationArn=dist)["distributionConfiguration"]
    assert "description" not in current and current["distributions"] == [{"region": "eu-west-1"}]
    with pytest.raises(ib.exceptions.ResourceAlreadyExistsException):
        ib.create_infrastructure_configuration(name="my-infra", instanceProfileName="p", clientToken="again")


def test_pipelines_hold_their_dependencies(ib):
    rec = recipe(ib, component(ib))
    inf = infra(ib)
    flow = ib.create_workflow(name="my-flow", semanticVersion="1.0.0", type="TEST", data="a: 1",
                              clientToken="w")["workflowBuildVersionArn"]
    pipe = ib.create_image_pipeline(name="my-pipe", imageRecipeArn=rec, infrastructureConfigurationArn=inf,
                                    schedule={"scheduleExpression": "cron(0 0 * * ? *)"},
                                    workflows=[{"workflowArn": flow}], clientToken="p")["imagePipelineArn"]
    for call, key, arn in ((ib.delete_image_recipe, "imageRecipeArn", rec),
                           (ib.delete_infrastructure_configuration, "infrastructureConfigurationArn", inf),
                           (ib.delete_workflow, "workflowBuildVersionArn", flow)):
        with pytest.raises(ib.exceptions.ResourceDependencyException, match="image-pipeline/my-pipe"):
            call(**{key: arn})
    ib.update_image_pipeline(imagePipelineArn=pipe, imageRecipeArn=rec, infrastructureConfigurationArn=inf,
                             clientToken="p2")
    current = ib.get_image_pipeline(imagePipelineArn=pipe)["imagePipeline"]
    assert "schedule" not in current and "workflows" not in current and current["status"] == "ENABLED"
    ib.delete_workflow(workflowBuildVersionArn=flow)  # no longer used after the replacing update
    ib.delete_image_pipeline(imagePipelineArn=pipe)
    ib.delete_image_recipe(imageRecipeArn=rec)


def test_lifecycle_policy_update_replaces(ib):
    arn = ib.create_lifecycle_policy(
        name="my-policy", description="old", executionRole="arn:aws:iam::123456789012:role/lc",
        resourceType="AMI_IMAGE", policyDetails=[{"action": {"type": "DELETE"}, "filter": {"type": "COUNT", "value": 2}}],
        resourceSelection={"recipes": [{"name": "my-recipe", "semanticVersion": "1.0.0"}]}, clientToken="l")[
        "lifecyclePolicyArn"]
    ib.update_lifecycle_policy(
        lifecyclePolicyArn=arn, executionRole="arn:aws:iam::123456789012:role/lc", resourceType="AMI_IMAGE",
        policyDetails=[{"action": {"type": "DELETE"}, "filter": {"type": "COUNT", "value": 3}}],
        resourceSelection={"recipes": [{"name": "my-recipe", "semanticVersion": "1.0.0"}]}, clientToken="l2")
    current = ib.get_lifecycle_policy(lifecyclePolicyArn=arn)["lifecyclePolicy"]
    assert "description" not in current and current["policyDetails"][0]["filter"]["value"] == 3
    ib.delete_lifecycle_policy(lifecyclePolicyArn=arn)


def test_tags_policies_and_sharing(ib):
    comp = component(ib)
    ib.tag_resource(resourceArn=comp, tags={"team": "a", "env": "x"})
    ib.untag_resource(resourceArn=comp, tagKeys=["env"])
    assert ib.list_tags_for_resource(resourceArn=comp)["tags"] == {"team": "a"}
    with pytest.raises(ib.exceptions.ResourceNotFoundException):
        ib.list_tags_for_resource(resourceArn=f"{PREFIX}:component/nothing/1.0.0/1")
    with pytest.raises(ib.exceptions.ResourceNotFoundException):
        ib.get_component_policy(componentArn=comp)
    policy = json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {
        "AWS": ["222222222222"]}, "Action": ["imagebuilder:GetComponent"], "Resource": [comp]}]})
    ib.put_component_policy(componentArn=comp, policy=policy)
    assert json.loads(ib.get_component_policy(componentArn=comp)["policy"]) == json.loads(policy)
    creds = boto3.client("sts", region_name="us-east-1").assume_role(
        RoleArn="arn:aws:iam::222222222222:role/r", RoleSessionName="share")["Credentials"]
    other = boto3.client("imagebuilder", region_name="us-east-1", aws_access_key_id=creds["AccessKeyId"],
                         aws_secret_access_key=creds["SecretAccessKey"], aws_session_token=creds["SessionToken"])
    assert [c["arn"] for c in other.list_components(owner="Shared")["componentVersionList"]] == [
        comp.rsplit("/", 1)[0]]
    assert other.list_components()["componentVersionList"] == []
    assert other.get_component(componentBuildVersionArn=comp)["component"]["owner"] == ACCOUNT
    eu = boto3.client("imagebuilder", region_name="eu-west-1")
    assert eu.list_components()["componentVersionList"] == []
    assert any(i["name"] == "Ubuntu Server 22 LTS x86" and i["arn"].endswith(":aws:image/ubuntu-server-22-lts-x86/x.x.x")
               for i in eu.list_images(owner="Amazon")["imageVersionList"])
