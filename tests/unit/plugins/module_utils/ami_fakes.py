# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Stand-ins for EC2, KMS and the module, answering like boto3, for the AMI module_utils tests."""

from __future__ import annotations

import itertools
import threading
import time

from ansible_collections.imageforge.image_builder.plugins.module_utils._core.regional import RegionCaller

ACCOUNT_A, ACCOUNT_B, ACCOUNT_C = "111111111111", "222222222222", "333333333333"
ORG = "arn:aws:organizations::999999999999:organization/o-abc1234567"
OU = "arn:aws:organizations::999999999999:ou/o-abc1234567/ou-ab12-cdef5678"
KEY_ARN = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
EC2_WRITES = ("modify_image_attribute", "modify_snapshot_attribute", "copy_image", "deregister_image", "delete_snapshot")
KMS_WRITES = ("create_grant", "revoke_grant")


class Failed(Exception):
    """What fail_json / fail_aws raise here."""


def ami(image_id, snapshots=(), name=None, tags=None, created="2024-05-01T10:00:00.000Z", state="available",
        encrypted=False, kms_key_id=None):
    ebs = [dict(SnapshotId=s, Encrypted=encrypted, **({"KmsKeyId": kms_key_id} if kms_key_id else {})) for s in snapshots]
    return {"ImageId": image_id, "Name": name or f"name-{image_id}", "State": state, "CreationDate": created,
            "BlockDeviceMappings": [{"DeviceName": f"/dev/sd{chr(97 + i)}", "Ebs": e} for i, e in enumerate(ebs)],
            "Tags": [{"Key": k, "Value": v} for k, v in (tags or {}).items()]}


class Recorder:
    writes_are = ()

    def __init__(self):
        self.calls, self._lock = [], threading.Lock()

    def log(self, operation, params):
        with self._lock:
            self.calls.append((operation, params))

    def called(self, operation):
        return [params for op, params in self.calls if op == operation]

    def writes(self):
        return [(op, params) for op, params in self.calls if op in self.writes_are]


class FakeEc2(Recorder):
    writes_are = EC2_WRITES

    def __init__(self, images=(), launch_permissions=(), volume_permissions=None, snapshot_keys=None,
                 block_public_access="unblocked", read_delay=0.0):
        super().__init__()
        self.images = list(images)
        self.launch_permissions = [dict([p]) for p in launch_permissions]  # (kind, value) pairs, for every image
        self.volume_permissions = volume_permissions or {}  # snapshot id -> accounts
        self.snapshot_keys = snapshot_keys or {}  # snapshot id -> KMS key ARN
        self.block_public_access = block_public_access
        self.read_delay = read_delay
        self._ids = itertools.count(1)

    def describe_images(self, aws_retry, **params):
        self.log("describe_images", params)
        time.sleep(self.read_delay)
        return {"Images": [i for i in self.images if _matches(i, params)]}

    def describe_image_attribute(self, aws_retry, ImageId, Attribute):
        self.log("describe_image_attribute", dict(ImageId=ImageId, Attribute=Attribute))
        return {"ImageId": ImageId, "LaunchPermissions": self.launch_permissions}

    def describe_snapshot_attribute(self, aws_retry, SnapshotId, Attribute):
        self.log("describe_snapshot_attribute", dict(SnapshotId=SnapshotId, Attribute=Attribute))
        return {"SnapshotId": SnapshotId,
                "CreateVolumePermissions": [{"UserId": u} for u in sorted(self.volume_permissions.get(SnapshotId, ()))]}

    def describe_snapshots(self, aws_retry, SnapshotIds):
        self.log("describe_snapshots", dict(SnapshotIds=SnapshotIds))
        return {"Snapshots": [{"SnapshotId": s, "Encrypted": True, "KmsKeyId": self.snapshot_keys[s]} for s in SnapshotIds]}

    def get_image_block_public_access_state(self, aws_retry):
        self.log("get_image_block_public_access_state", {})
        return {"ImageBlockPublicAccessState": self.block_public_access, "ManagedBy": "account"}

    def copy_image(self, aws_retry, **params):
        self.log("copy_image", params)
        return {"ImageId": f"ami-copy{next(self._ids)}"}

    def __getattr__(self, operation):
        if operation in EC2_WRITES:
            return lambda aws_retry, **params: self.log(operation, params) or {"Return": True}
        raise AttributeError(operation)


def _matches(image, params):
    if "ImageIds" in params and image["ImageId"] not in params["ImageIds"]:
        return False
    tags = {t["Key"]: t["Value"] for t in image.get("Tags", [])}
    for criterion in params.get("Filters", []):
        name = criterion["Name"]
        value = tags.get(name[4:]) if name.startswith("tag:") else image.get(name.capitalize())
        if value not in criterion["Values"]:
            return False
    return True


class FakeKms(Recorder):
    writes_are = KMS_WRITES

    def __init__(self, keys=None, grants=None):
        super().__init__()
        self.keys = keys or {KEY_ARN: {"Arn": KEY_ARN, "KeyManager": "CUSTOMER"}}
        self.grants = grants or {}  # key ARN -> account -> grant id

    def describe_key(self, aws_retry, KeyId):
        self.log("describe_key", dict(KeyId=KeyId))
        return {"KeyMetadata": self.keys[KeyId]}

    def list_grants(self, aws_retry, KeyId, Marker=None):
        self.log("list_grants", dict(KeyId=KeyId))
        return {"Truncated": False, "Grants": [
            {"GrantId": grant_id, "Name": "imageforge-ami-share", "GranteePrincipal": f"arn:aws:iam::{account}:root"}
            for account, grant_id in self.grants.get(KeyId, {}).items()]}

    def create_grant(self, aws_retry, **params):
        self.log("create_grant", params)
        return {"GrantId": "new-grant", "GrantToken": "token"}

    def revoke_grant(self, aws_retry, **params):
        self.log("revoke_grant", params)
        return {}


class FakeModule:
    """The module: per-region clients, params, check mode, and fail_json that raises."""

    def __init__(self, clients, params, region="us-east-1", check_mode=False):
        self.clients, self.params, self.region, self.check_mode = clients, params, region, check_mode
        self.tokens = itertools.count(1)

    def client_for(self, service, region=None):
        return self.clients[region or self.region][service]

    def client_token(self):
        return f"token-{next(self.tokens)}"

    def fail_json(self, **result):
        raise Failed(result)

    def fail_aws(self, exc, action, **result):
        raise Failed(dict(msg=action, **result))


def caller(ec2, params, kms=None, region="us-east-1", check_mode=False):
    """A real RegionCaller around the fakes."""
    module = FakeModule({region: {"ec2": ec2, "kms": kms or FakeKms()}}, params, region, check_mode)
    return RegionCaller(module, region, ("ec2", "kms"))
