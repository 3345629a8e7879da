#!/usr/bin/env python
"""Create or delete the build prerequisites with boto3 (component, recipes, infra, distribution,
pipeline), independent of the collection's other modules. Prints the ARNs as JSON.

usage: prereqs.py create|delete PREFIX SECOND_REGION SECOND_ACCOUNT  (AWS_* from the environment)"""

import json
import os
import sys
import uuid

import boto3

PASSING = """name: {name}
schemaVersion: 1.0
phases:
  - name: build
    steps:
      - name: Install
        action: ExecuteBash
        inputs:
          commands: ['dnf install -y nginx']
  - name: test
    steps:
      - name: Check
        action: ExecuteBash
        inputs:
          commands: ['nginx -v']
"""
FAILING = PASSING.replace("nginx -v", "nginx -t || exit 1")


def client(service, **kwargs):
    return boto3.client(service, endpoint_url=os.environ.get("AWS_ENDPOINT_URL") or None, **kwargs)


def names(prefix):
    return {k: f"{prefix}-{k}" for k in ("ok", "bad", "infra", "dist", "pipeline", "bucket")}


def create(prefix, region2, account2):
    ib, n = client("imagebuilder"), names(prefix)

    def token():
        return str(uuid.uuid4())

    region = ib.meta.region_name
    s3 = client("s3")
    s3.create_bucket(Bucket=n["bucket"])
    out = {"bucket": n["bucket"]}
    for key, doc in (("ok", PASSING), ("bad", FAILING)):
        comp = ib.create_component(name=n[key], semanticVersion="1.0.0", platform="Linux", clientToken=token(),
                                   data=doc.format(name=n[key]))["componentBuildVersionArn"]
        out[f"recipe_{key}"] = ib.create_image_recipe(
            name=n[key], semanticVersion="1.0.0", components=[{"componentArn": comp}], clientToken=token(),
            parentImage=f"arn:aws:imagebuilder:{region}:aws:image/amazon-linux-2023-x86/x.x.x")["imageRecipeArn"]
        out[f"component_{key}"] = comp
    out["infra"] = ib.create_infrastructure_configuration(
        name=n["infra"], instanceProfileName="EC2InstanceProfileForImageBuilder", clientToken=token(),
        logging={"s3Logs": {"s3BucketName": n["bucket"], "s3KeyPrefix": "logs"}})["infrastructureConfigurationArn"]
    ami = {"name": prefix + "-{{ imagebuilder:buildDate }}", "targetAccountIds": [account2], "amiTags": {"Project": prefix}}
    out["dist"] = ib.create_distribution_configuration(
        name=n["dist"], clientToken=token(),
        distributions=[{"region": region, "amiDistributionConfiguration": ami},
                       {"region": region2, "amiDistributionConfiguration": ami}])["distributionConfigurationArn"]
    out["pipeline"] = ib.create_image_pipeline(
        name=n["pipeline"], imageRecipeArn=out["recipe_ok"], infrastructureConfigurationArn=out["infra"],
        distributionConfigurationArn=out["dist"], clientToken=token())["imagePipelineArn"]
    out["names"] = n
    return out


def delete(prefix, region2, account2):
    ib, n = client("imagebuilder"), names(prefix)
    region = ib.meta.region_name
    account = client("sts").get_caller_identity()["Account"]

    def arn(kind, name, version=""):
        return f"arn:aws:imagebuilder:{region}:{account}:{kind}/{name}{version}"

    calls = [("delete_image_pipeline", "imagePipelineArn", arn("image-pipeline", n["pipeline"])),
             ("delete_distribution_configuration", "distributionConfigurationArn", arn("distribution-configuration", n["dist"])),
             ("delete_infrastructure_configuration", "infrastructureConfigurationArn", arn("infrastructure-configuration", n["infra"]))]
    for key in ("ok", "bad"):
        calls.append(("delete_image_recipe", "imageRecipeArn", arn("image-recipe", n[key], "/1.0.0")))
        calls.append(("delete_component", "componentBuildVersionArn", arn("component", n[key], "/1.0.0/1")))
    errors = []
    for operation, key, value in calls:
        try:
            getattr(ib, operation)(**{key: value})
        except ib.exceptions.ClientError as exc:
            errors.append(f"{operation}: {exc}")
    return {"errors": errors}


if __name__ == "__main__":
    action, prefix, region2, account2 = sys.argv[1:5]
    print(json.dumps((create if action == "create" else delete)(prefix, region2, account2)))
