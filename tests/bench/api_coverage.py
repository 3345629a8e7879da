"""How much of the build API each module can express.

Walks the input shape of every Create/Update/Import call a module makes, recursively, and counts the
members (at every depth) that one of the module's options (or the module itself) can set.

Run: source tests/tools/env.sh && python tests/bench/api_coverage.py [--missing] [--markdown]

A member is expressed when:
- an option has its snake_case name at the same depth (suboptions follow nested structures), or
- RENAMES maps it to an option with another name (`recipe` for `imageRecipeArn`), or
- the module fills it itself (AUTO: client tokens, the ARN of an update, the version), or
- it lies under an option without suboptions (a free-form dict or list of dicts, passed on in camelCase).
`dryRun` is not counted (see NOT_OFFERED).
"""

import argparse
import importlib
import os
import sys

import botocore.session
from ansible.module_utils import basic
from ansible.module_utils.testing import patch_module_args

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "tests"))
importlib.import_module("unit.conftest")  # makes ansible_collections.imageforge.image_builder importable

IB = "imagebuilder"
CALLS = {
    "component": [(IB, "CreateComponent")],
    "workflow": [(IB, "CreateWorkflow")],
    "image_recipe": [(IB, "CreateImageRecipe")],
    "container_recipe": [(IB, "CreateContainerRecipe")],
    "infrastructure_configuration": [(IB, "CreateInfrastructureConfiguration"), (IB, "UpdateInfrastructureConfiguration")],
    "distribution_configuration": [(IB, "CreateDistributionConfiguration"), (IB, "UpdateDistributionConfiguration")],
    "image_pipeline": [(IB, "CreateImagePipeline"), (IB, "UpdateImagePipeline")],
    "lifecycle_policy": [(IB, "CreateLifecyclePolicy"), (IB, "UpdateLifecyclePolicy")],
    "image": [(IB, "CreateImage"), (IB, "StartImagePipelineExecution")],
    "image_import": [("ec2", "ImportImage"), (IB, "ImportVmImage")],
    "image_export": [("ec2", "ExportImage")],
    "resource_share": [("ram", "CreateResourceShare"), ("ram", "UpdateResourceShare")],
}

# Members every module fills itself.
AUTO_ANY = {"clientToken", "ClientToken"}
AUTO = {
    "component": {"semanticVersion", "data", "uri"},
    "workflow": {"semanticVersion", "data", "uri"},
    "image_recipe": {"semanticVersion"},
    "container_recipe": {"semanticVersion"},
    "infrastructure_configuration": {"infrastructureConfigurationArn"},
    "distribution_configuration": {"distributionConfigurationArn"},
    "image_pipeline": {"imagePipelineArn"},
    "lifecycle_policy": {"lifecyclePolicyArn"},
    "image": {"imageTestsConfiguration"},
    "image_import": {"vmImportTaskId", "DiskContainers", "DiskContainers.UserBucket", "TagSpecifications",
                     "TagSpecifications.ResourceType"},
    "image_export": {"TagSpecifications", "TagSpecifications.ResourceType", "S3ExportLocation"},
    "resource_share": {"resourceShareArn"},
}
# Not offered on purpose, and left out of the count: a dry run is a write call in AWS's accounting
# (CloudTrail, our emulator's counters), and check mode makes none.
NOT_OFFERED = {"dryRun", "DryRun"}

# member path (dotted, from the call's input) -> option path (dotted) where the names differ.
RENAMES = {
    "component": {"uri": "uri"},
    "image_recipe": {"components.componentArn": "components.arn"},
    "container_recipe": {"components.componentArn": "components.arn"},
    "infrastructure_configuration": {"resourceTags": "instance_tags", "logging.s3Logs": "logging"},
    "image_pipeline": {"imageRecipeArn": "image_recipe", "containerRecipeArn": "container_recipe",
                       "infrastructureConfigurationArn": "infrastructure_configuration",
                       "distributionConfigurationArn": "distribution_configuration"},
    "image": {"imageRecipeArn": "recipe", "containerRecipeArn": "container_recipe", "imagePipelineArn": "pipeline",
              "infrastructureConfigurationArn": "infrastructure_configuration",
              "distributionConfigurationArn": "distribution_configuration",
              "imageTestsConfiguration.imageTestsEnabled": "image_tests_enabled",
              "imageTestsConfiguration.timeoutMinutes": "image_tests_timeout_minutes"},
    "image_import": {"semanticVersion": "semantic_version", "osVersion": "os_version", "description": "image_description",
                     "DiskContainers.UserBucket": "additional_disks", "DiskContainers.Url": "additional_disks.url",
                     "DiskContainers.SnapshotId": "additional_disks.snapshot_id",
                     "DiskContainers.DeviceName": "additional_disks.device_name",
                     "DiskContainers.Description": "additional_disks.description", "Encrypted": "encrypted",
                     "KmsKeyId": "kms_key_id", "LicenseType": "license_type", "UsageOperation": "usage_operation",
                     "Hypervisor": "hypervisor", "LicenseSpecifications": "license_configuration_arns",
                     "LicenseSpecifications.LicenseConfigurationArn": "license_configuration_arns",
                     "ClientData": "client_data", "TagSpecifications.Tags": "tags",
                     "DiskContainers.UserBucket.S3Bucket": "s3_bucket", "DiskContainers.UserBucket.S3Key": "s3_key",
                     "DiskContainers.Format": "format", "RoleName": "role_name", "Platform": "platform",
                     "Architecture": "architecture", "BootMode": "boot_mode", "Description": "description"},
    "image_export": {"TagSpecifications.Tags": "tags", "ImageId": "image_id", "DiskImageFormat": "format", "S3ExportLocation.S3Bucket": "s3_bucket",
                     "S3ExportLocation.S3Prefix": "s3_prefix", "RoleName": "role_name", "Description": "description"},
    "resource_share": {"resourceArns": "resource_arns", "permissionArns": "permission_arns", "tags": "tags",
                       "resourceShareConfiguration": "retain_sharing_on_account_leave_organization",
                       "resourceShareConfiguration.retainSharingOnAccountLeaveOrganization":
                           "retain_sharing_on_account_leave_organization"},
}


def _snake(name):
    out = ""
    for i, ch in enumerate(name):
        if ch.isupper() and i and not name[i - 1].isupper():
            out += "_"
        out += ch.lower()
    return out


class SpecCaptured(Exception):
    pass


def argument_spec(name):
    module = importlib.import_module(f"ansible_collections.imageforge.image_builder.plugins.modules.{name}")
    original = basic.AnsibleModule.__init__

    def capture(self, *args, **kwargs):
        raise SpecCaptured(kwargs.get("argument_spec", {}))

    basic.AnsibleModule.__init__ = capture
    try:
        with patch_module_args({}):
            module.main()
    except SpecCaptured as captured:
        return captured.args[0]
    finally:
        basic.AnsibleModule.__init__ = original
    raise RuntimeError(f"{name}: no argument spec")


def members(shape, prefix="", seen=()):
    """Every member path of an input shape, at every depth (a recursive shape stops at its second visit)."""
    if shape.type_name == "list":
        yield from members(shape.member, prefix, seen)
        return
    if shape.type_name != "structure" or shape.name in seen:
        return
    for name, inner in shape.members.items():
        path = f"{prefix}.{name}" if prefix else name
        yield path
        yield from members(inner, path, seen + (shape.name,))


def _lookup(spec, option_path):
    """The spec entry of a dotted option path, or None."""
    entry = None
    for part in option_path.split("."):
        options = spec if entry is None else (entry.get("options") or {})
        entry = options.get(part)
        if entry is None:
            return None
    return entry


def expressed(module, spec, path):
    if path.split(".")[-1] in AUTO_ANY or path in AUTO.get(module, ()):
        return True
    parts = path.split(".")
    renames = RENAMES.get(module, {})
    for cut in range(len(parts), -1, -1):
        head = ".".join(parts[:cut])
        if cut and head not in renames:
            continue
        option_path = renames.get(head, "") if cut else ""
        entry = _lookup(spec, option_path) if option_path else None
        if option_path and entry is None:
            return False
        for part in parts[cut:]:
            if entry is not None and not entry.get("options"):
                return entry.get("type") in ("dict", "list", "raw")  # free form: the subtree passes through
            options = spec if entry is None else entry["options"]
            entry = options.get(_snake(part))
            if entry is None:
                return False
        return entry is not None
    return False


def report(show_missing=False, markdown=False):
    session = botocore.session.get_session()
    rows, missing = [], {}
    for module, calls in CALLS.items():
        spec = argument_spec(module)
        for service, operation in calls:
            shape = session.get_service_model(service).operation_model(operation).input_shape
            paths = [p for p in members(shape) if p.split(".")[-1] not in NOT_OFFERED]
            lost = [p for p in paths if not expressed(module, spec, p)]
            rows.append((module, operation, len(paths) - len(lost), len(paths)))
            missing[(module, operation)] = lost
    if markdown:
        print("| module | call | members expressed | of | % |\n|---|---|---:|---:|---:|")
        for module, operation, got, total in rows:
            print(f"| {module} | {operation} | {got} | {total} | {100 * got / total:.1f} |")
    else:
        for module, operation, got, total in rows:
            print(f"{module:30} {operation:36} {got:4}/{total:<4} {100 * got / total:5.1f}%")
    got, total = sum(r[2] for r in rows), sum(r[3] for r in rows)
    print(f"\ntotal: {got}/{total} = {100 * got / total:.1f}%; calls at >= 98%: "
          f"{sum(1 for r in rows if r[2] >= 0.98 * r[3])}/{len(rows)}  (botocore {botocore.__version__})")
    if show_missing:
        for (module, operation), lost in missing.items():
            if lost:
                print(f"\n{module} {operation}: " + ", ".join(lost))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--missing", action="store_true", help="list the members no option expresses")
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    args = parser.parse_args()
    report(args.missing, args.markdown)


if __name__ == "__main__":
    main()
