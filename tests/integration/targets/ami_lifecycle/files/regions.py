#!/usr/bin/env python
"""Register GENERATIONS AMIs (each with its own snapshot) in each region, a second apart, and put
an SSM parameter on the oldest AMI of the second region. Prints {region: [AMI IDs, newest first]}
and the parameter name as JSON.

usage: regions.py PREFIX REGION...  (AWS_* from the environment)"""

import json
import os
import sys
import time

import boto3

GENERATIONS = 3


def client(service, region):
    return boto3.client(service, region_name=region, endpoint_url=os.environ.get("AWS_ENDPOINT_URL") or None)


def register(ec2, region, name):
    volume = ec2.create_volume(Size=1, AvailabilityZone=f"{region}a")["VolumeId"]
    snapshot = ec2.create_snapshot(VolumeId=volume)["SnapshotId"]
    ec2.get_waiter("snapshot_completed").wait(SnapshotIds=[snapshot])
    ami = ec2.register_image(Name=name, RootDeviceName="/dev/xvda", Architecture="x86_64", VirtualizationType="hvm",
                             BlockDeviceMappings=[{"DeviceName": "/dev/xvda", "Ebs": {"SnapshotId": snapshot}}])["ImageId"]
    ec2.delete_volume(VolumeId=volume)
    return ami


def main(prefix, regions):
    out = {region: [] for region in regions}
    for generation in range(GENERATIONS):
        for region in regions:
            out[region].insert(0, register(client("ec2", region), region, f"{prefix}-r-{generation}"))
        time.sleep(1.1)  # creation dates have second precision
    parameter = f"/{prefix}/golden"
    client("ssm", regions[1]).put_parameter(Name=parameter, Value=out[regions[1]][-1], Type="String",
                                            DataType="aws:ec2:image", Overwrite=True)
    return {"amis": out, "parameter": parameter}


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1], sys.argv[2:])))
