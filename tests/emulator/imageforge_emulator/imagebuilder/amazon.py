"""Amazon-owned components and managed images, the same in every region (account `aws`)."""

from functools import lru_cache

from .arns import AMAZON_ACCOUNT, build_arn

COMPONENTS = {  # name: (platform, description)
    "update-linux": ("Linux", "Updates Linux with the latest security updates."),
    "aws-cli-version-2-linux": ("Linux", "Installs the latest version of the AWS CLI version 2."),
    "reboot-linux": ("Linux", "Reboots the instance."),
    "update-windows": ("Windows", "Updates Windows with the latest security updates."),
}
COMPONENT_VERSIONS = ("1.0.0", "1.0.1", "1.0.2")
IMAGES = {  # name: (platform, osVersion, version)
    "amazon-linux-2023-x86": ("Linux", "Amazon Linux 2023", "2025.1.1"),
    "amazon-linux-2-x86": ("Linux", "Amazon Linux 2", "2025.1.1"),
    "ubuntu-server-22-lts-x86": ("Linux", "Ubuntu 22", "2025.1.1"),
    "windows-server-2022-english-full-base-x86": ("Windows", "Microsoft Windows Server 2022", "2025.1.1"),
}
DATE = "2024-01-01T00:00:00.000Z"
DOCUMENT = (
    "name: {name}\nschemaVersion: 1.0\nphases:\n  - name: build\n    steps:\n"
    "      - name: Run\n        action: {action}\n        inputs:\n          commands: ['echo {name}']\n"
)


def records(region, kind):
    return _catalogue(region).get(kind, {})


@lru_cache(maxsize=None)
def _catalogue(region):
    components, images = {}, {}
    for name, (platform, description) in COMPONENTS.items():
        action = "ExecutePowerShell" if platform == "Windows" else "ExecuteBash"
        for version in COMPONENT_VERSIONS:
            arn = build_arn(region, AMAZON_ACCOUNT, "component", name, version, 1)
            components[arn] = {
                "arn": arn, "name": name, "version": version, "description": description,
                "type": "BUILD", "platform": platform, "owner": "Amazon", "state": {"status": "ACTIVE"},
                "supportedOsVersions": [], "encrypted": True, "dateCreated": DATE, "tags": {},
                "data": DOCUMENT.format(name=name, action=action),
            }
    for name, (platform, os_version, version) in IMAGES.items():
        arn = build_arn(region, AMAZON_ACCOUNT, "image", name, version, 1)
        images[arn] = {
            "arn": arn, "listArn": build_arn(region, AMAZON_ACCOUNT, "image", name, "x.x.x"),
            "name": name, "type": "AMI", "version": version, "platform": platform, "osVersion": os_version,
            "owner": "Amazon", "dateCreated": DATE, "buildType": "USER_INITIATED", "imageSource": "AMAZON_MANAGED",
            "state": {"status": "AVAILABLE"},
        }
    return {"component": components, "image": images}
