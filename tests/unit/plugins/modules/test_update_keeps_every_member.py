"""Generated from botocore's model: for each updatable resource, every member of its Update call is set,
one option is changed through the module, and every other member must survive (issue 15).

The values come from the model: the first enum value, a string the member's pattern accepts (the
shortest that hypothesis finds), the smallest valid number, False for booleans (the opposite of most
defaults). Members that must name a real resource (REFERENCES) point at fixtures made first."""

import boto3
import botocore.session
import pytest
from botocore import xform_name

from ansible_collections.imageforge.image_builder.plugins.modules import distribution_configuration
from ansible_collections.imageforge.image_builder.plugins.modules import image_pipeline
from ansible_collections.imageforge.image_builder.plugins.modules import infrastructure_configuration
from ansible_collections.imageforge.image_builder.plugins.modules import lifecycle_policy

from .conftest import writes
from .model_samples import sample

MODEL = botocore.session.get_session().get_service_model("imagebuilder")
PARENT = "arn:aws:imagebuilder:us-east-1:aws:image/amazon-linux-2023-x86/x.x.x"
# (resource family, Update operation, arn key, module, members the task must leave out)
RESOURCES = [
    ("infrastructure-configuration", "UpdateInfrastructureConfiguration", "infrastructureConfigurationArn",
     infrastructure_configuration, ()),
    ("distribution-configuration", "UpdateDistributionConfiguration", "distributionConfigurationArn",
     distribution_configuration, ()),
    # A pipeline builds one recipe: image or container, not both.
    ("image-pipeline", "UpdateImagePipeline", "imagePipelineArn", image_pipeline, ("containerRecipeArn",)),
    ("lifecycle-policy", "UpdateLifecyclePolicy", "lifecyclePolicyArn", lifecycle_policy, ()),
]


def every_member(operation, arn_key, left_out, references):
    shape = MODEL.operation_model(operation).input_shape
    return {member: sample(inner, member, references) for member, inner in shape.members.items()
            if member not in (arn_key, "clientToken") + left_out}


@pytest.fixture
def references(aws):
    ib = boto3.client("imagebuilder", region_name="us-east-1")
    component = ib.create_component(name="comp", semanticVersion="1.0.0", platform="Linux", clientToken="c",
                                    data="phases: []\nschemaVersion: 1.0\n")["componentBuildVersionArn"]
    recipe = ib.create_image_recipe(name="recipe", semanticVersion="1.0.0", parentImage=PARENT, clientToken="r",
                                    components=[{"componentArn": component}])["imageRecipeArn"]
    infra = ib.create_infrastructure_configuration(name="infra", instanceProfileName="p", clientToken="i")[
        "infrastructureConfigurationArn"]
    dist = ib.create_distribution_configuration(name="dist", distributions=[{"region": "us-east-1"}], clientToken="d")[
        "distributionConfigurationArn"]
    workflow = ib.create_workflow(name="flow", semanticVersion="1.0.0", type="BUILD", data="a: 1", clientToken="w")[
        "workflowBuildVersionArn"]
    return {"imageRecipeArn": recipe, "infrastructureConfigurationArn": infra, "distributionConfigurationArn": dist,
            "workflowArn": workflow}


def create_minimal(ib, family, name, references):
    if family == "infrastructure-configuration":
        return ib.create_infrastructure_configuration(name=name, instanceProfileName="p", clientToken="m")
    if family == "distribution-configuration":
        return ib.create_distribution_configuration(name=name, distributions=[{"region": "us-east-1"}], clientToken="m")
    if family == "image-pipeline":
        return ib.create_image_pipeline(name=name, imageRecipeArn=references["imageRecipeArn"], clientToken="m",
                                        infrastructureConfigurationArn=references["infrastructureConfigurationArn"])
    return ib.create_lifecycle_policy(name=name, executionRole="role", resourceType="AMI_IMAGE", clientToken="m",
                                      policyDetails=[{"action": {"type": "DELETE"}, "filter": {"type": "COUNT", "value": 5}}],
                                      resourceSelection={"tagMap": {"a": "b"}})


def get(ib, operation, arn_key, arn):
    """The resource as the Get call of an Update operation returns it."""
    response = getattr(ib, xform_name("Get" + operation[len("Update"):]))(**{arn_key: arn})
    return next(v for k, v in response.items() if k not in ("ResponseMetadata", "requestId"))


@pytest.mark.parametrize("family,operation,arn_key,module,left_out", RESOURCES, ids=[r[0] for r in RESOURCES])
def test_changing_one_option_keeps_every_other_member(run_module, api_calls, references, family, operation, arn_key,
                                                      module, left_out):
    ib = boto3.client("imagebuilder", region_name="us-east-1")
    arn = create_minimal(ib, family, "full", references)[arn_key]
    full = every_member(operation, arn_key, left_out, references)
    getattr(ib, xform_name(operation))(**{arn_key: arn}, clientToken="full", **full)
    before = get(ib, operation, arn_key, arn)
    assert all(before.get(member) is not None for member in full), "the emulator dropped a member it was given"

    api_calls.clear()
    result = run_module(module, {"name": "full", "description": "changed by the task"}, diff=True)

    assert not result["failed"], result.get("msg")
    assert result["changed"] and result["changes"] == [f'description: "{full["description"]}" -> "changed by the task"']
    after = get(ib, operation, arn_key, arn)
    for member, value in full.items():
        expected = "changed by the task" if member == "description" else before[member]
        assert after.get(member) == expected, f"{family}: {member} was {before[member]!r}, is {after.get(member)!r}"
    assert sum(1 for op in writes(api_calls) if op.startswith("Update")) == 1
