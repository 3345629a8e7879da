#!/usr/bin/env python
"""How many Image Builder resources of a kind carry this prefix: count.py PREFIX infrastructure|distribution|pipeline|builds.

Plain boto3 with no retries of its own beyond botocore's, so the count does not depend on the collection."""

import os
import sys

import boto3
import botocore.config

LISTS = {
    "infrastructure": ("list_infrastructure_configurations", "infrastructureConfigurationSummaryList"),
    "distribution": ("list_distribution_configurations", "distributionConfigurationSummaryList"),
    "pipeline": ("list_image_pipelines", "imagePipelineList"),
}


def main(prefix, kind):
    config = botocore.config.Config(retries={"mode": "legacy", "max_attempts": 20})
    client = boto3.client("imagebuilder", endpoint_url=os.environ.get("AWS_ENDPOINT_URL") or None, config=config)
    if kind == "builds":
        recipe = f"{prefix}-recipe"
        arns = [i["arn"] for page in client.get_paginator("list_images").paginate(owner="Self")
                for i in page["imageVersionList"] if i["name"] == recipe]
        return sum(len(page["imageSummaryList"]) for arn in arns
                   for page in client.get_paginator("list_image_build_versions").paginate(imageVersionArn=arn))
    operation, key = LISTS[kind]
    items = [i for page in client.get_paginator(operation).paginate() for i in page[key]]
    return sum(1 for i in items if i["name"].startswith(f"{prefix}-"))


if __name__ == "__main__":
    print(main(*sys.argv[1:3]))
