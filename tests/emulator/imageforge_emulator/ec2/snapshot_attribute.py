"""The structured form of ModifySnapshotAttribute (CreateVolumePermission.Add/Remove), which moto
ignores silently; the flat OperationType/UserIds form keeps working."""

from moto.core.responses import EmptyResult
from moto.ec2.responses import EC2Response


def apply():
    original = EC2Response.modify_snapshot_attribute

    def modify_snapshot_attribute(self):
        structured = self._get_param("CreateVolumePermission") or {}
        if not structured:
            return original(self)
        self.error_on_dryrun()
        snapshot_id = self._get_param("SnapshotId")
        for operation, change in (("Add", self.ec2_backend.add_create_volume_permission),
                                  ("Remove", self.ec2_backend.remove_create_volume_permission)):
            entries = structured.get(operation) or []
            user_ids = [e["UserId"] for e in entries if e.get("UserId")]
            groups = [e["Group"] for e in entries if e.get("Group")]
            if user_ids or groups:
                change(snapshot_id, user_ids=user_ids, groups=groups)
        return EmptyResult()

    EC2Response.modify_snapshot_attribute = modify_snapshot_attribute
