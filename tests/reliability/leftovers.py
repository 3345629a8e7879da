#!/usr/bin/env python
"""What a reliability test left behind: leftovers.py PREFIX builds|all [REGION ...]; prints JSON.

`builds`: the image build ARNs of PREFIX-recipe. `all`: {kind: [ids]} of every AMI, snapshot and
Image Builder resource whose name or tags mention PREFIX, in the given regions (default: the flow's)."""

import json
import os
import sys

import boto3
import botocore.config

REGIONS = ["us-east-1", "eu-west-1", "ap-southeast-2"]
CONFIG = botocore.config.Config(retries={"mode": "legacy", "max_attempts": 20})


def client(service, region="us-east-1"):
    return boto3.client(service, region_name=region, endpoint_url=os.environ.get("AWS_ENDPOINT_URL") or None, config=CONFIG)


def builds(prefix):
    ib = client("imagebuilder")
    versions = [i["arn"] for page in ib.get_paginator("list_images").paginate(owner="Self")
                for i in page["imageVersionList"] if i["name"] == f"{prefix}-recipe"]
    return [s["arn"] for arn in versions for page in ib.get_paginator("list_image_build_versions").paginate(imageVersionArn=arn)
            for s in page["imageSummaryList"] if s["state"]["status"] != "DELETED"]


def mentions(prefix, item):
    tags = {t["Key"]: t["Value"] for t in item.get("Tags", [])}
    return any(prefix in str(v) for v in [item.get("Name"), item.get("Description")] + list(tags.values()))


def everything(prefix, regions):
    left = {}
    for region in regions:
        ec2 = client("ec2", region)
        images = [i for i in ec2.describe_images(Owners=["self"])["Images"] if mentions(prefix, i)]
        snapshots = [s for s in ec2.describe_snapshots(OwnerIds=["self"])["Snapshots"] if mentions(prefix, s)]
        if images:
            left[f"amis/{region}"] = sorted(i["ImageId"] for i in images)
        if snapshots:
            left[f"snapshots/{region}"] = sorted(s["SnapshotId"] for s in snapshots)
    ib = client("imagebuilder")
    for kind, operation, key, extra in (
            ("components", "list_components", "componentVersionList", {"owner": "Self"}),
            ("recipes", "list_image_recipes", "imageRecipeSummaryList", {"owner": "Self"}),
            ("infrastructure", "list_infrastructure_configurations", "infrastructureConfigurationSummaryList", {}),
            ("distribution", "list_distribution_configurations", "distributionConfigurationSummaryList", {}),
            ("pipelines", "list_image_pipelines", "imagePipelineList", {})):
        names = [i["name"] for page in ib.get_paginator(operation).paginate(**extra) for i in page[key]
                 if i["name"].startswith(f"{prefix}-")]
        if names:
            left[kind] = names
    if builds(prefix):
        left["builds"] = builds(prefix)
    return left


if __name__ == "__main__":
    prefix, what = sys.argv[1:3]
    print(json.dumps(builds(prefix) if what == "builds" else everything(prefix, sys.argv[3:] or REGIONS)))
