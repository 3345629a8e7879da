"""CopyImage as AWS does it: ClientToken idempotency, Encrypted/KmsKeyId on the copy's snapshots,
CopyImageTags, TagSpecifications (image and snapshot), SourceImageId/SourceImageRegion; block
device mappings report the snapshot's encryption. moto ignores all of these. The copy starts
pending (image_states)."""

from moto.core.responses import ActionResult
from moto.ec2.models import ec2_backends
from moto.ec2.models.amis import Ami
from moto.ec2.responses import EC2Response

from .image_states import start_pending


def _default_ebs_key(backend):
    return f"arn:aws:kms:{backend.region_name}:{backend.account_id}:alias/aws/ebs"


def copy_image(self):
    self.error_on_dryrun()
    backend = self.ec2_backend
    tokens = backend.__dict__.setdefault("_copy_image_tokens", {})
    token = self._get_param("ClientToken")
    if token and token in tokens:
        return ActionResult({"ImageId": tokens[token]})
    source_id, source_region = self._get_param("SourceImageId"), self._get_param("SourceRegion")
    source = ec2_backends[backend.account_id][source_region].describe_images(ami_ids=[source_id])[0]
    image = backend.copy_image(source_id, source_region, self._get_param("Name"), self._get_param("Description"))
    image.source_image_id, image.source_image_region = source_id, source_region
    start_pending(image)
    kms_key = self._get_param("KmsKeyId")
    source_encrypted = getattr(source, "ebs_snapshot", None) is not None and source.ebs_snapshot.encrypted
    if self._get_bool_param("Encrypted") or kms_key or source_encrypted:
        image.ebs_snapshot.encrypted = True
        image.ebs_snapshot.kms_key_id = kms_key or _default_ebs_key(backend)
    if self._get_bool_param("CopyImageTags"):
        image.add_tags({t["key"]: t["value"] for t in source.get_tags()})
    specs = self._parse_tag_specification()
    image.add_tags(specs.get("image", {}))
    image.ebs_snapshot.add_tags(specs.get("snapshot", {}))
    if token:
        tokens[token] = image.id
    return ActionResult({"ImageId": image.id})


def block_device_mappings(self):
    snapshot = self.ebs_snapshot
    ebs = {"SnapshotId": snapshot.id, "VolumeSize": 15, "DeleteOnTermination": False,
           "VolumeType": "standard", "Encrypted": bool(snapshot.encrypted)}
    if snapshot.kms_key_id:
        ebs["KmsKeyId"] = snapshot.kms_key_id
    return [{"DeviceName": self.root_device_name, "Ebs": ebs}]


def apply():
    EC2Response.copy_image = copy_image
    Ami.block_device_mappings = property(block_device_mappings)
    Ami.source_image_id = None
    Ami.source_image_region = None
