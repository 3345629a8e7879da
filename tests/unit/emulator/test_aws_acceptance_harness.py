"""`make aws-acceptance` (tests/tools/aws-acceptance.sh), run here against the emulator as if it were a
real account: the dry run calls nothing, the prefix reaches the targets, and the teardown removes what a
failing target left behind, and only that."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import boto3

ROOT = Path(__file__).resolve().parents[3]
HARNESS = ROOT / "tests/tools/aws-acceptance.sh"

# A stand-in for ansible-test: it reads the cloud config the harness wrote, creates prefixed resources
# (and some that are not), records what it saw, and fails like a broken target.
FAILING_TARGET = textwrap.dedent('''
    import configparser, json, sys
    import boto3
    ini = configparser.ConfigParser()
    ini.read("tests/integration/cloud-config-aws.ini")
    conf = ini["default"]
    prefix = conf["resource_prefix"]
    kw = dict(endpoint_url=conf["aws_endpoint_url"], aws_access_key_id=conf["aws_access_key"],
              aws_secret_access_key=conf["aws_secret_key"])
    ib, ec2 = boto3.client("imagebuilder", region_name="us-east-1", **kw), boto3.client("ec2", region_name="us-east-1", **kw)
    doc = ("name: x\\nschemaVersion: 1.0\\nphases:\\n  - name: build\\n    steps:\\n      - name: A\\n"
           "        action: ExecuteBash\\n        inputs:\\n          commands: [echo]\\n")
    for name in (f"{prefix}-hello", "keep-me"):
        ib.create_component(name=name, semanticVersion="1.0.0", platform="Linux", data=doc, clientToken=name)
    ib.create_infrastructure_configuration(name=f"{prefix}-infra", instanceProfileName="p", clientToken="i")
    for name in ("keep-me-ami", f"{prefix}-ami"):  # the last, prefixed one is protected and copied
        volume = ec2.create_volume(Size=1, AvailabilityZone="us-east-1a",
                                   TagSpecifications=[{"ResourceType": "volume", "Tags": [{"Key": "Name", "Value": name}]}])
        snapshot = ec2.create_snapshot(VolumeId=volume["VolumeId"], TagSpecifications=[
            {"ResourceType": "snapshot", "Tags": [{"Key": "Name", "Value": name}]}])["SnapshotId"]
        image = ec2.register_image(Name=name, RootDeviceName="/dev/xvda",
                                   BlockDeviceMappings=[{"DeviceName": "/dev/xvda", "Ebs": {"SnapshotId": snapshot}}])
    ec2.enable_image_deregistration_protection(ImageId=image["ImageId"])  # the teardown lifts it first
    west = boto3.client("ec2", region_name="eu-west-1", **kw)
    west.copy_image(SourceImageId=image["ImageId"], SourceRegion="us-east-1", Name=f"{prefix}-copy")
    boto3.client("ram", region_name="us-east-1", **kw).create_resource_share(name=f"{prefix}-share")
    boto3.client("s3", region_name="us-east-1", **kw).create_bucket(Bucket=f"{prefix}-bucket")
    kms = boto3.client("kms", region_name="us-east-1", **kw)
    kms.create_alias(AliasName=f"alias/{prefix}-key", TargetKeyId=kms.create_key()["KeyMetadata"]["KeyId"])
    json.dump({"prefix": prefix, "argv": sys.argv[1:]}, open(sys.argv[1], "w"))
    sys.exit(3)
''')


def run(env_changes, cwd=ROOT):
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env.update(env_changes)
    return subprocess.run(["bash", str(HARNESS)], cwd=cwd, env=env, capture_output=True, text=True, timeout=300, check=False)


def test_the_dry_run_prints_the_plan_and_the_cost_and_calls_nothing():
    done = run({"DRY_RUN": "1", "TARGETS": "image component", "AWS_ENDPOINT_URL": "http://127.0.0.1:9"})
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "aws-acceptance plan: prefix ifacc-" in out
    image_line = next(line for line in out.splitlines() if line.startswith("image "))
    assert image_line.split()[1:3] == ["18", "30"]
    assert next(line for line in out.splitlines() if line.startswith("component ")).split()[1] == "0"
    assert "cost note: about 9.0 instance-hours" in out and "dry run: nothing was called" in out


def test_a_failing_target_still_gets_the_prefix_and_a_full_teardown(fresh, tmp_path):
    target = tmp_path / "failing_target.py"
    target.write_text(FAILING_TARGET)
    seen = tmp_path / "seen.json"
    done = run({"ACCEPTANCE_ENDPOINT": fresh.url, "ACCEPTANCE_PREFIX": "ifacc-harness-1", "TARGETS": "component",
                "ACCEPTANCE_RUNNER": f"{sys.executable} {target} {seen}", "AWS_ACCESS_KEY_ID": "testing",
                "AWS_SECRET_ACCESS_KEY": "testing", "AWS_REGION": "us-east-1"})
    assert done.returncode == 3, done.stdout + done.stderr  # the target's failure is the run's result
    assert '"prefix": "ifacc-harness-1"' in seen.read_text() and "component" in seen.read_text()
    assert "=== teardown of ifacc-harness-1 (run status 3)" in done.stdout
    assert "teardown of ifacc-harness-1: " in done.stdout and ", 0 failed" in done.stdout

    ib, ec2 = fresh.client("imagebuilder"), fresh.client("ec2")
    assert [c["name"] for c in ib.list_components(owner="Self")["componentVersionList"]] == ["keep-me"]
    assert ib.list_infrastructure_configurations()["infrastructureConfigurationSummaryList"] == []
    assert [i["Name"] for i in ec2.describe_images(Owners=["self"])["Images"]] == ["keep-me-ami"]
    west = boto3.client("ec2", endpoint_url=fresh.url, region_name="eu-west-1", aws_access_key_id="testing",
                        aws_secret_access_key="testing")
    assert west.describe_images(Owners=["self"])["Images"] == []
    names = [t["Value"] for s in ec2.describe_snapshots(OwnerIds=["self"])["Snapshots"] for t in s.get("Tags", [])]
    assert "keep-me-ami" in names and not any(n.startswith("ifacc-harness-1") for n in names)
    assert [v for v in ec2.describe_volumes()["Volumes"]
            if any(t["Value"].startswith("ifacc-") for t in v.get("Tags", []))] == []
    ram = fresh.client("ram").get_resource_shares(resourceOwner="SELF", resourceShareStatus="ACTIVE")
    assert ram["resourceShares"] == []
    assert fresh.client("s3").list_buckets()["Buckets"] == []
    aliases = [a["AliasName"] for a in fresh.client("kms").list_aliases()["Aliases"]]
    assert "alias/ifacc-harness-1-key" not in aliases
