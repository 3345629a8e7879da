#!/usr/bin/env python
"""Create or delete what the builds of this target need, with boto3 (independent of the modules):
a component that installs xz (its scan has a CRITICAL finding with a fix), a recipe, an
infrastructure configuration, a BUILD workflow with a WaitForAction step named Approve, a
pipeline that runs it with image scanning, and a distribution configuration. Prints JSON.

usage: builds.py create|delete PREFIX  (AWS_* from the environment)"""

import json
import os
import sys
import uuid

import boto3

COMPONENT = """name: {name}
schemaVersion: 1.0
phases:
  - name: build
    steps:
      - name: Install
        action: ExecuteBash
        inputs:
          commands: ['dnf install -y xz']
"""
WORKFLOW = """name: approve
schemaVersion: 1.0
steps:
  - name: LaunchBuildInstance
    action: LaunchInstance
    onFailure: Abort
    inputs:
      waitFor: ssmAgent
  - name: ApplyBuildComponents
    action: ExecuteComponents
    onFailure: Abort
    inputs:
      instanceId.$: $.stepOutputs.LaunchBuildInstance.instanceId
  - name: Approve
    action: WaitForAction
    onFailure: Abort
  - name: CreateOutputAMI
    action: CreateImage
    onFailure: Abort
    inputs:
      instanceId.$: $.stepOutputs.LaunchBuildInstance.instanceId
  - name: TerminateBuildInstance
    action: TerminateInstance
    onFailure: Continue
    inputs:
      instanceId.$: $.stepOutputs.LaunchBuildInstance.instanceId
"""


def client(service):
    return boto3.client(service, endpoint_url=os.environ.get("AWS_ENDPOINT_URL") or None)


def arns(ib, prefix):
    region = ib.meta.region_name
    account = client("sts").get_caller_identity()["Account"]
    base = f"arn:aws:imagebuilder:{region}:{account}"
    return {"component": f"{base}:component/{prefix}/1.0.0/1", "recipe": f"{base}:image-recipe/{prefix}/1.0.0",
            "infra": f"{base}:infrastructure-configuration/{prefix}", "workflow": f"{base}:workflow/build/{prefix}/1.0.0/1",
            "pipeline": f"{base}:image-pipeline/{prefix}", "dist": f"{base}:distribution-configuration/{prefix}",
            "role": f"arn:aws:iam::{account}:role/{prefix}-execution"}


def create(prefix):
    ib = client("imagebuilder")
    region = ib.meta.region_name
    out = arns(ib, prefix)
    ib.create_component(name=prefix, semanticVersion="1.0.0", platform="Linux", clientToken=str(uuid.uuid4()),
                        data=COMPONENT.format(name=prefix))
    ib.create_image_recipe(name=prefix, semanticVersion="1.0.0", components=[{"componentArn": out["component"]}],
                           parentImage=f"arn:aws:imagebuilder:{region}:aws:image/amazon-linux-2023-x86/x.x.x",
                           clientToken=str(uuid.uuid4()))
    ib.create_infrastructure_configuration(name=prefix, instanceProfileName="EC2InstanceProfileForImageBuilder",
                                           clientToken=str(uuid.uuid4()))
    ib.create_workflow(name=prefix, semanticVersion="1.0.0", type="BUILD", data=WORKFLOW, clientToken=str(uuid.uuid4()))
    ib.create_distribution_configuration(name=prefix, clientToken=str(uuid.uuid4()), distributions=[
        {"region": region, "amiDistributionConfiguration": {"name": prefix + "-dist-{{ imagebuilder:buildDate }}"}}])
    ib.create_image_pipeline(name=prefix, imageRecipeArn=out["recipe"], infrastructureConfigurationArn=out["infra"],
                             workflows=[{"workflowArn": out["workflow"]}], executionRole=out["role"],
                             imageScanningConfiguration={"imageScanningEnabled": True}, clientToken=str(uuid.uuid4()))
    return out


def delete(prefix):
    ib = client("imagebuilder")
    out = arns(ib, prefix)
    errors = []
    for operation, key, value in (("delete_image_pipeline", "imagePipelineArn", out["pipeline"]),
                                  ("delete_distribution_configuration", "distributionConfigurationArn", out["dist"]),
                                  ("delete_workflow", "workflowBuildVersionArn", out["workflow"]),
                                  ("delete_infrastructure_configuration", "infrastructureConfigurationArn", out["infra"]),
                                  ("delete_image_recipe", "imageRecipeArn", out["recipe"]),
                                  ("delete_component", "componentBuildVersionArn", out["component"])):
        try:
            getattr(ib, operation)(**{key: value})
        except ib.exceptions.ClientError as exc:
            errors.append(f"{operation}: {exc}")
    return {"errors": errors}


if __name__ == "__main__":
    print(json.dumps((create if sys.argv[1] == "create" else delete)(sys.argv[2])))
