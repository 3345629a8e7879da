# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The helpers of `make aws-acceptance` (tests/tools/aws-acceptance.sh): the plan and its cost note,
the cloud config that ansible-test reads, and the teardown of everything named with the run's prefix.

usage: aws_acceptance.py targets | plan PREFIX TARGET... | config PREFIX | teardown PREFIX
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SECOND_REGION = "eu-west-1"  # the targets copy and share AMIs into it

# target -> (EC2 instances it makes AWS start, minutes they run, what else it costs or needs)
PLAN = {
    "ami_copy": (0, 0, "1 GiB volume, snapshot and AMI; copies into eu-west-1"),
    "ami_info": (0, 0, "1 GiB volume, snapshot and AMI"),
    "ami_lifecycle": (0, 0, "1 GiB volumes, snapshots and AMIs"),
    "ami_share": (0, 0, "AMIs, a customer-managed KMS key (pending deletion 7 days, USD 1/month pro rata); "
                        "needs second_account_role_arn"),
    "component": (0, 0, "components only (free)"),
    "container_recipe": (0, 0, "container recipes and an ECR repository name; no build"),
    "distribution_configuration": (0, 0, "configurations only (free)"),
    "image": (18, 30, "about 9 Image Builder builds, each a build instance and (tests on) a test instance, "
                      "of the infrastructure configuration's type, for 20 to 60 minutes; raise build_wait_timeout"),
    "image_import": (0, 0, "VM Import of a disk image from S3 and an export to S3; import tasks run 20 to 60 minutes"),
    "image_pipeline_module": (0, 0, "pipelines without a run (free)"),
    "image_recipe": (0, 0, "recipes and components (free)"),
    "infrastructure_configuration": (0, 0, "configurations only (free)"),
    "lifecycle_policy": (0, 0, "lifecycle policies and an IAM role name (free)"),
    "resource_policy": (0, 0, "component policies and a RAM share (free)"),
    "resource_share": (0, 0, "RAM shares; needs second_account_role_arn in an organization"),
    "role_component": (0, 0, "components only (free)"),
    "workflow": (0, 0, "workflows and recipes (free)"),
}
PRICE_M5_LARGE = 0.096  # USD per hour, on-demand Linux in us-east-1


def targets():
    found = sorted(p.name for p in (ROOT / "tests/integration/targets").iterdir() if not p.name.startswith("setup_"))
    return found


def plan(prefix, names):
    print(f"aws-acceptance plan: prefix {prefix}, region {region()}, second region {SECOND_REGION}")
    print(f"{'target':30} {'EC2 instances':>13} {'minutes each':>12}  cost and needs")
    instance_hours = 0.0
    for name in names:
        instances, minutes, note = PLAN.get(name, (0, 0, "not in the plan table: read its tasks before running it"))
        instance_hours += instances * minutes / 60
        print(f"{name:30} {instances:>13} {minutes or '-':>12}  {note}")
    print(f"cost note: about {instance_hours:.1f} instance-hours of EC2 (about USD {instance_hours * PRICE_M5_LARGE:.2f} "
          "at m5.large on-demand), plus EBS snapshots and AMIs for the length of the run; Image Builder, RAM and "
          "the configurations themselves cost nothing. Every resource is named with the prefix and deleted at the end.")
    print("teardown: always, also after a failure or Ctrl-C, by the prefix (Image Builder resources, AMIs and their "
          "snapshots, volumes, instances, RAM shares, KMS aliases, S3 buckets) in both regions")


def region():
    return os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION") or "us-east-1"


def _session():
    import boto3

    return boto3.session.Session(region_name=region())


def _client(service, region_name=None):
    endpoint = os.environ.get("ACCEPTANCE_ENDPOINT")  # only the harness's own test points it at the emulator
    return _session().client(service, region_name=region_name or region(), **({"endpoint_url": endpoint} if endpoint else {}))


def config(prefix):
    """The cloud config ansible-test reads: the caller's standard credentials, resolved once, and the prefix."""
    credentials = _session().get_credentials()
    if credentials is None:
        sys.exit("aws-acceptance: no AWS credentials found (environment, profile, SSO or instance role)")
    frozen = credentials.get_frozen_credentials()
    identity = _client("sts").get_caller_identity()
    print(f"aws-acceptance: account {identity['Account']} as {identity['Arn']}", file=sys.stderr)
    lines = ["[default]", f"aws_access_key: {frozen.access_key}", f"aws_secret_key: {frozen.secret_key}",
             f"aws_region: {region()}", f"resource_prefix: {prefix}"]
    if frozen.token:
        lines.append(f"security_token: {frozen.token}")
    if os.environ.get("ACCEPTANCE_ENDPOINT"):
        lines.append(f"aws_endpoint_url: {os.environ['ACCEPTANCE_ENDPOINT']}")
    print("\n".join(lines))


def _named(prefix, name):
    return (name or "").lower().startswith(prefix.lower())


class Teardown:
    def __init__(self, prefix):
        self.prefix = prefix
        self.deleted, self.failed = [], []

    def attempt(self, what, call, *args, **kwargs):
        try:
            call(*args, **kwargs)
            self.deleted.append(what)
        except Exception as exc:  # keep going: one stuck resource must not leave the others behind
            self.failed.append(f"{what}: {exc}")

    def run(self):
        for region_name in dict.fromkeys([region(), SECOND_REGION]):
            self.imagebuilder(region_name)
            self.ec2(region_name)
            self.ram(region_name)
            self.kms(region_name)
        self.s3()
        for what in self.deleted:
            print(f"teardown: deleted {what}")
        for what in self.failed:
            print(f"teardown: FAILED {what}", file=sys.stderr)
        print(f"teardown of {self.prefix}: {len(self.deleted)} deleted, {len(self.failed)} failed")
        return not self.failed

    def _pages(self, client, operation, key, **params):
        items, token = [], None
        while True:
            page = getattr(client, operation)(**params, **({"nextToken": token} if token else {}))
            items += page.get(key) or []
            token = page.get("nextToken")
            if not token:
                return items

    def imagebuilder(self, region_name):
        ib = _client("imagebuilder", region_name)
        for pipeline in self._pages(ib, "list_image_pipelines", "imagePipelineList"):
            if _named(self.prefix, pipeline["name"]):
                self.attempt(pipeline["arn"], ib.delete_image_pipeline, imagePipelineArn=pipeline["arn"])
        versioned = (("list_images", "imageVersionList", "list_image_build_versions", "imageVersionArn",
                      "imageSummaryList", "delete_image", "imageBuildVersionArn"),
                     ("list_components", "componentVersionList", "list_component_build_versions", "componentVersionArn",
                      "componentSummaryList", "delete_component", "componentBuildVersionArn"),
                     ("list_workflows", "workflowVersionList", "list_workflow_build_versions", "workflowVersionArn",
                      "workflowSummaryList", "delete_workflow", "workflowBuildVersionArn"))
        for list_op, list_key, builds_op, builds_param, builds_key, delete_op, delete_param in versioned:
            for version in self._pages(ib, list_op, list_key, owner="Self"):
                if _named(self.prefix, version["name"]):
                    for build in self._pages(ib, builds_op, builds_key, **{builds_param: version["arn"]}):
                        self.attempt(build["arn"], getattr(ib, delete_op), **{delete_param: build["arn"]})
        for list_op, list_key, delete_op, param in (
                ("list_image_recipes", "imageRecipeSummaryList", "delete_image_recipe", "imageRecipeArn"),
                ("list_container_recipes", "containerRecipeSummaryList", "delete_container_recipe", "containerRecipeArn"),
                ("list_infrastructure_configurations", "infrastructureConfigurationSummaryList",
                 "delete_infrastructure_configuration", "infrastructureConfigurationArn"),
                ("list_distribution_configurations", "distributionConfigurationSummaryList",
                 "delete_distribution_configuration", "distributionConfigurationArn"),
                ("list_lifecycle_policies", "lifecyclePolicySummaryList", "delete_lifecycle_policy", "lifecyclePolicyArn")):
            params = {"owner": "Self"} if "recipe" in list_op else {}
            for item in self._pages(ib, list_op, list_key, **params):
                if _named(self.prefix, item["name"]):
                    self.attempt(item["arn"], getattr(ib, delete_op), **{param: item["arn"]})

    def ec2(self, region_name):
        ec2 = _client("ec2", region_name)
        name_filter = [{"Name": "tag:Name", "Values": [f"{self.prefix}*"]}]
        reservations = ec2.describe_instances(Filters=name_filter)["Reservations"]
        instances = [i["InstanceId"] for r in reservations for i in r["Instances"] if i["State"]["Name"] != "terminated"]
        if instances:
            self.attempt(f"instances {instances}", ec2.terminate_instances, InstanceIds=instances)
        for image in ec2.describe_images(Owners=["self"], Filters=[{"Name": "name", "Values": [f"{self.prefix}*"]}])["Images"]:
            if image.get("DeregistrationProtection", "disabled") != "disabled":
                self.attempt(f"protection of {image['ImageId']}", ec2.disable_image_deregistration_protection,
                             ImageId=image["ImageId"])
            self.attempt(f"{region_name} {image['ImageId']} ({image['Name']}) and its snapshots", ec2.deregister_image,
                         ImageId=image["ImageId"], DeleteAssociatedSnapshots=True)
        for snapshot in ec2.describe_snapshots(OwnerIds=["self"], Filters=name_filter)["Snapshots"]:
            self.attempt(f"{region_name} {snapshot['SnapshotId']}", ec2.delete_snapshot, SnapshotId=snapshot["SnapshotId"])
        for volume in ec2.describe_volumes(Filters=name_filter)["Volumes"]:
            self.attempt(f"{region_name} {volume['VolumeId']}", ec2.delete_volume, VolumeId=volume["VolumeId"])

    def ram(self, region_name):
        ram = _client("ram", region_name)
        for share in ram.get_resource_shares(resourceOwner="SELF")["resourceShares"]:
            if _named(self.prefix, share["name"]) and share.get("status") not in ("DELETED", "DELETING"):
                self.attempt(share["resourceShareArn"], ram.delete_resource_share, resourceShareArn=share["resourceShareArn"])

    def kms(self, region_name):
        kms = _client("kms", region_name)
        for alias in kms.list_aliases()["Aliases"]:
            if _named(f"alias/{self.prefix}", alias["AliasName"]) and alias.get("TargetKeyId"):
                self.attempt(alias["AliasName"], kms.delete_alias, AliasName=alias["AliasName"])
                self.attempt(f"key {alias['TargetKeyId']} (pending deletion, 7 days)", kms.schedule_key_deletion,
                             KeyId=alias["TargetKeyId"], PendingWindowInDays=7)

    def s3(self):
        s3 = _client("s3")
        for bucket in s3.list_buckets().get("Buckets", []):
            if _named(self.prefix, bucket["Name"]):
                objects = s3.list_objects_v2(Bucket=bucket["Name"]).get("Contents", [])
                for obj in objects:
                    self.attempt(f"s3://{bucket['Name']}/{obj['Key']}", s3.delete_object, Bucket=bucket["Name"], Key=obj["Key"])
                self.attempt(f"s3://{bucket['Name']}", s3.delete_bucket, Bucket=bucket["Name"])


def main(argv):
    if not argv:
        sys.exit(__doc__)
    command, args = argv[0], argv[1:]
    if command == "targets":
        print(" ".join(targets()))
    elif command == "plan":
        plan(args[0], args[1:] or targets())
    elif command == "config":
        config(args[0])
    elif command == "teardown":
        start = time.monotonic()
        ok = Teardown(args[0]).run()
        print(f"teardown took {time.monotonic() - start:.0f} s")
        sys.exit(0 if ok else 1)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
