#!/usr/bin/env python
"""Count the AMIs and snapshots tagged Project=PREFIX in both regions of both accounts.

usage: leftovers.py PREFIX SECOND_REGION SECOND_ACCOUNT ROLE_NAME  (AWS_* from the environment)"""

import json
import os
import sys

import boto3


def clients(region, credentials=None):
    extra = {}
    if credentials:
        extra = dict(aws_access_key_id=credentials["AccessKeyId"], aws_secret_access_key=credentials["SecretAccessKey"],
                     aws_session_token=credentials["SessionToken"])
    return boto3.client("ec2", region_name=region, endpoint_url=os.environ.get("AWS_ENDPOINT_URL") or None, **extra)


def main(prefix, region2, account2, role):
    sts = boto3.client("sts", endpoint_url=os.environ.get("AWS_ENDPOINT_URL") or None)
    credentials = sts.assume_role(RoleArn=f"arn:aws:iam::{account2}:role/{role}", RoleSessionName="leftovers")["Credentials"]
    counts = {}
    for account, creds in (("own", None), ("second", credentials)):
        for region in (os.environ["AWS_DEFAULT_REGION"], region2):
            ec2 = clients(region, creds)
            tag = [{"Name": "tag:Project", "Values": [prefix]}]
            amis = ec2.describe_images(Owners=["self"], Filters=tag)["Images"]
            snaps = ec2.describe_snapshots(OwnerIds=["self"], Filters=tag)["Snapshots"]
            counts[f"{account}/{region}"] = {"amis": len(amis), "snapshots": len(snaps)}
    return counts


if __name__ == "__main__":
    print(json.dumps(main(*sys.argv[1:5])))
