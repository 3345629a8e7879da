"""RegisterImage as AWS does it: Architecture, VirtualizationType, RootDeviceName, and a root
volume from the snapshot named in BlockDeviceMappings (moto ignores all of them and makes a
snapshot of its own, so two AMIs registered on one snapshot never share it)."""

from moto.core.responses import ActionResult
from moto.ec2.responses import EC2Response


def register_image(self):
    self.error_on_dryrun()
    backend = self.ec2_backend
    image = backend.register_image(self._get_param("Name"), self._get_param("Description", ""))
    image.architecture = self._get_param("Architecture") or "x86_64"
    image.virtualization_type = self._get_param("VirtualizationType") or image.virtualization_type
    image.root_device_name = self._get_param("RootDeviceName") or image.root_device_name
    for mapping in self._get_param("BlockDeviceMappings", []):
        snapshot_id = (mapping.get("Ebs") or {}).get("SnapshotId")
        if mapping.get("DeviceName") == image.root_device_name and snapshot_id in backend.snapshots:
            backend.snapshots.pop(image.ebs_snapshot.id, None)
            image.ebs_snapshot = backend.snapshots[snapshot_id]
    return ActionResult({"ImageId": image.id})


def apply():
    EC2Response.register_image = register_image
