"""Make or remove an image pipeline that uses a recipe, so that the recipe is in use.

usage: pipeline.py create|delete <name> [<image or container recipe ARN> | --workflow <workflow ARN> <image recipe ARN>]
Endpoint, region and credentials come from the environment (AWS_ENDPOINT_URL, AWS_DEFAULT_REGION, ...).
"""

import json
import os
import sys
import uuid

import boto3


def client():
    return boto3.client("imagebuilder", endpoint_url=os.environ.get("AWS_ENDPOINT_URL") or None)


def create(name, recipe, workflow=None):
    ib = client()
    infra = ib.create_infrastructure_configuration(
        name=name, instanceProfileName=os.environ.get("INSTANCE_PROFILE", "EC2InstanceProfileForImageBuilder"),
        clientToken=str(uuid.uuid4()))["infrastructureConfigurationArn"]
    recipe_key = "containerRecipeArn" if ":container-recipe/" in recipe else "imageRecipeArn"
    params = {"name": name, recipe_key: recipe, "infrastructureConfigurationArn": infra, "clientToken": str(uuid.uuid4())}
    if workflow:
        params["workflows"] = [{"workflowArn": workflow}]
    pipeline = ib.create_image_pipeline(**params)["imagePipelineArn"]
    print(json.dumps({"pipeline": pipeline, "infrastructure": infra}))


def delete(name):
    ib = client()
    for pipeline in ib.list_image_pipelines(filters=[{"name": "name", "values": [name]}])["imagePipelineList"]:
        ib.delete_image_pipeline(imagePipelineArn=pipeline["arn"])
    for infra in ib.list_infrastructure_configurations(filters=[{"name": "name", "values": [name]}])[
            "infrastructureConfigurationSummaryList"]:
        ib.delete_infrastructure_configuration(infrastructureConfigurationArn=infra["arn"])
    print(json.dumps({"deleted": name}))


if __name__ == "__main__":
    if sys.argv[1] == "create":
        if sys.argv[3] == "--workflow":
            create(sys.argv[2], sys.argv[5], sys.argv[4])
        else:
            create(sys.argv[2], sys.argv[3])
    else:
        delete(sys.argv[2])
