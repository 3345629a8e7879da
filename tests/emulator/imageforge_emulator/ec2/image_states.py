"""AMI states and refusals as AWS has them:

- CopyImage: "the new AMI is pending until the copy completes" (EC2 API reference, CopyImage; Image.State
  lists pending). The copy turns `available` after EMULATOR_COPY_SECONDS (default 1 s; 0 = at once).
- DescribeImageAttribute and ModifyImageAttribute on a deregistered AMI fail InvalidAMIID.Unavailable, on
  an unknown one InvalidAMIID.NotFound (EC2 API reference, error codes). moto failed with a server error.
- DeleteSnapshot of a snapshot that a registered AMI uses fails InvalidSnapshot.InUse (EC2 API reference,
  DeleteSnapshot: deregister the AMI first). moto only knew the snapshots it made for an AMI itself.
"""

import os
import time

from moto.ec2.exceptions import InvalidAMIIdError, InvalidSnapshotInUse, UnvailableAMIIdError
from moto.ec2.models import EC2Backend
from moto.ec2.models.amis import Ami

_copy_seconds = [float(os.environ.get("EMULATOR_COPY_SECONDS", "1"))]


def clock():
    return time.monotonic()


def set_copy_seconds(seconds):
    """How long a CopyImage copy stays pending; None restores the start-up setting."""
    _copy_seconds[0] = float(os.environ.get("EMULATOR_COPY_SECONDS", "1")) if seconds is None else float(seconds)


def start_pending(image):
    if _copy_seconds[0] > 0:
        image.state = "pending"
        image.ready_at = clock() + _copy_seconds[0]


def _get_state(self):
    state = self.__dict__.get("_state", "available")
    ready_at = self.__dict__.get("ready_at")
    if state == "pending" and ready_at is not None and clock() >= ready_at:
        self.__dict__["_state"] = state = "available"
    return state


def _set_state(self, value):
    self.__dict__["_state"] = value


def _known(backend, ami_id):
    if ami_id in backend.amis:
        return
    if ami_id in backend.deleted_amis:
        raise UnvailableAMIIdError(ami_id)
    if not any(ami.id == ami_id for ami in backend.describe_images(ami_ids=[ami_id])):
        raise InvalidAMIIdError(ami_id)


def apply():
    Ami.state = property(_get_state, _set_state)
    original_modify, original_describe = EC2Backend.modify_image_attribute, EC2Backend.describe_image_attribute
    original_delete_snapshot = EC2Backend.delete_snapshot

    def modify_image_attribute(self, ami_id, *args, **kwargs):
        _known(self, ami_id)
        return original_modify(self, ami_id, *args, **kwargs)

    def describe_image_attribute(self, ami_id, attribute_name):
        _known(self, ami_id)
        return original_describe(self, ami_id, attribute_name)

    def delete_snapshot(self, snapshot_id):
        for ami in self.amis.values():
            if getattr(getattr(ami, "ebs_snapshot", None), "id", None) == snapshot_id:
                raise InvalidSnapshotInUse(snapshot_id, ami.id)
        return original_delete_snapshot(self, snapshot_id)

    EC2Backend.modify_image_attribute = modify_image_attribute
    EC2Backend.describe_image_attribute = describe_image_attribute
    EC2Backend.delete_snapshot = delete_snapshot
