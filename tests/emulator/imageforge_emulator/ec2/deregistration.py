"""Deregistration protection (Enable/DisableImageDeregistrationProtection; DeregisterImage fails
while it is on) and DeleteAssociatedSnapshots on DeregisterImage (a snapshot that another AMI
still uses is `skipped`, as in AWS)."""

from moto.core.responses import ActionResult
from moto.ec2.exceptions import EC2ClientError
from moto.ec2.models import EC2Backend
from moto.ec2.responses import EC2Response


def _image(self):
    return self.ec2_backend.describe_images(ami_ids=[self._get_param("ImageId")])[0]


def enable_image_deregistration_protection(self):
    self.error_on_dryrun()
    image = _image(self)
    image.deregistration_protection = "enabled-with-cooldown" if self._get_param("WithCooldown") else "enabled"
    return ActionResult({"Return": image.deregistration_protection})


def disable_image_deregistration_protection(self):
    self.error_on_dryrun()
    image = _image(self)
    image.deregistration_protection = "disabled"
    return ActionResult({"Return": "disabled"})


def _used_by_another_image(backend, snapshot_id):
    return any(getattr(image.ebs_snapshot, "id", None) == snapshot_id for image in backend.amis.values())


def deregister_image_response(self):
    self.error_on_dryrun()
    ami_id = self._get_param("ImageId")
    ami = self.ec2_backend.amis.get(ami_id)
    snapshots = []
    if ami is not None and self._get_param("DeleteAssociatedSnapshots"):
        snapshots = [m["Ebs"]["SnapshotId"] for m in ami.block_device_mappings if m.get("Ebs", {}).get("SnapshotId")]
    self.ec2_backend.deregister_image(ami_id)
    results = []
    for snapshot_id in snapshots:
        if _used_by_another_image(self.ec2_backend, snapshot_id):
            results.append({"SnapshotId": snapshot_id, "ReturnCode": "skipped"})
            continue
        try:
            self.ec2_backend.delete_snapshot(snapshot_id)
            results.append({"SnapshotId": snapshot_id, "ReturnCode": "success"})
        except EC2ClientError:
            results.append({"SnapshotId": snapshot_id, "ReturnCode": "client-error"})
    return ActionResult({"Return": True, "DeleteSnapshotResults": results})


def apply():
    original = EC2Backend.deregister_image

    def deregister_image(self, ami_id):
        ami = self.amis.get(ami_id)
        if ami is not None and getattr(ami, "deregistration_protection", "disabled") != "disabled":
            raise EC2ClientError("OperationNotPermitted",
                                 f"Image {ami_id} has deregistration protection enabled; disable it first.")
        return original(self, ami_id)

    EC2Backend.deregister_image = deregister_image
    EC2Response.deregister_image = deregister_image_response
    EC2Response.enable_image_deregistration_protection = enable_image_deregistration_protection
    EC2Response.disable_image_deregistration_protection = disable_image_deregistration_protection
