"""Amazon-owned components and managed images, the same in every region (account `aws`)."""

from functools import lru_cache

from .arns import AMAZON_ACCOUNT, MARKETPLACE_ACCOUNT, build_arn

COMPONENTS = {  # name: (platform, description)
    "update-linux": ("Linux", "Updates Linux with the latest security updates."),
    "aws-cli-version-2-linux": ("Linux", "Installs the latest version of the AWS CLI version 2."),
    "reboot-linux": ("Linux", "Reboots the instance."),
    "update-windows": ("Windows", "Updates Windows with the latest security updates."),
}
COMPONENT_VERSIONS = ("1.0.0", "1.0.1", "1.0.2")
# Managed images: `name` is a display name; the ARN carries its lowercase, dashed form. Terraform's
# image_data_source_test.go reads arn ".../aws:image/amazon-linux-2-x86/x.x.x" and checks name
# "Amazon Linux 2 x86", os_version "Amazon Linux 2", version "\d+.\d+.\d+/\d+".
IMAGES = {  # display name: (platform, osVersion, version)
    "Amazon Linux 2023 x86": ("Linux", "Amazon Linux 2023", "2025.1.1"),
    "Amazon Linux 2 x86": ("Linux", "Amazon Linux 2", "2025.1.1"),
    "Ubuntu Server 22 LTS x86": ("Linux", "Ubuntu 22", "2025.1.1"),
    "Windows Server 2022 English Full Base x86": ("Windows", "Microsoft Windows Server 2022", "2025.1.1"),
}
# One AWS Marketplace product of each kind (ListImages/ListComponents owner=AWSMarketplace), so that
# Marketplace parents and components can be resolved offline.
MARKETPLACE_IMAGES = {"Hardened Linux 2023 Level 1": ("Linux", "Amazon Linux 2023", "1.2.0")}
MARKETPLACE_COMPONENTS = {"hardened-linux-agent": ("Linux", "Installs the hardening agent of the product.")}
OWNERS = {AMAZON_ACCOUNT: "Amazon", MARKETPLACE_ACCOUNT: "AWSMarketplace"}
DATE = "2024-01-01T00:00:00.000Z"
DOCUMENT = (
    "name: {name}\nschemaVersion: 1.0\nphases:\n  - name: build\n    steps:\n"
    "      - name: Run\n        action: {action}\n        inputs:\n          commands: ['echo {name}']\n"
)


def records(region, kind, owner=None):
    """Managed records of one kind; `owner` (Amazon, AWSMarketplace) narrows them."""
    found = _catalogue(region).get(kind, {})
    if owner is None:
        return found
    return {arn: r for arn, r in found.items() if r["owner"] == owner}


@lru_cache(maxsize=None)
def _catalogue(region):
    components, images = {}, {}
    sources = [(AMAZON_ACCOUNT, COMPONENTS, COMPONENT_VERSIONS), (MARKETPLACE_ACCOUNT, MARKETPLACE_COMPONENTS, ("1.0.0",))]
    for account, table, versions in sources:
        for name, (platform, description) in table.items():
            action = "ExecutePowerShell" if platform == "Windows" else "ExecuteBash"
            for version in versions:
                arn = build_arn(region, account, "component", name, version, 1)
                components[arn] = {
                    "arn": arn, "name": name, "version": version, "description": description,
                    "type": "BUILD", "platform": platform, "owner": OWNERS[account], "state": {"status": "ACTIVE"},
                    "supportedOsVersions": [], "encrypted": True, "dateCreated": DATE, "tags": {},
                    "data": DOCUMENT.format(name=name, action=action),
                }
    managed = [(AMAZON_ACCOUNT, n, spec) for n, spec in IMAGES.items()]
    managed += [(MARKETPLACE_ACCOUNT, n, spec) for n, spec in MARKETPLACE_IMAGES.items()]
    for account, name, (platform, os_version, version) in managed:
        arn = build_arn(region, account, "image", name, version, 1)
        images[arn] = {
            "arn": arn, "_listArn": build_arn(region, account, "image", name, "x.x.x"),
            "name": name, "type": "AMI", "version": f"{version}/1", "_semver": version, "platform": platform,
            "osVersion": os_version, "owner": OWNERS[account], "dateCreated": DATE, "buildType": "USER_INITIATED",
            "imageSource": "AMAZON_MANAGED" if account == AMAZON_ACCOUNT else "AWS_MARKETPLACE",
            "state": {"status": "AVAILABLE"},
        }
    return {"component": components, "image": images}
