"""Block public access for AMIs (Get/Enable/DisableImageBlockPublicAccess), per account and region.
While it is `block-new-sharing`, ModifyImageAttribute cannot add the `all` group, as in AWS.
The emulator starts `unblocked` (accounts created before October 2023 in AWS)."""

from moto.core.responses import ActionResult
from moto.ec2.exceptions import EC2ClientError
from moto.ec2.models import EC2Backend
from moto.ec2.responses import EC2Response

UNBLOCKED = "unblocked"


def _state(backend):
    return backend.__dict__.get("_image_block_public_access", UNBLOCKED)


def get_image_block_public_access_state(self):
    self.error_on_dryrun()
    return ActionResult({"ImageBlockPublicAccessState": _state(self.ec2_backend), "ManagedBy": "account"})


def enable_image_block_public_access(self):
    self.error_on_dryrun()
    self.ec2_backend._image_block_public_access = self._get_param("ImageBlockPublicAccessState")
    return ActionResult({"ImageBlockPublicAccessState": _state(self.ec2_backend)})


def disable_image_block_public_access(self):
    self.error_on_dryrun()
    self.ec2_backend._image_block_public_access = UNBLOCKED
    return ActionResult({"ImageBlockPublicAccessState": "unblocked"})


def apply():
    original = EC2Backend.modify_image_attribute

    def modify_image_attribute(self, ami_id, launch_permissions_to_add, launch_permissions_to_remove):
        if {"Group": "all"} in (launch_permissions_to_add or []) and _state(self) != UNBLOCKED:
            raise EC2ClientError("OperationNotPermitted",
                                 "You can't publicly share this image because block public access for AMIs is enabled "
                                 "for this account. To publicly share the image, you must call the "
                                 "DisableImageBlockPublicAccess API.")
        return original(self, ami_id, launch_permissions_to_add, launch_permissions_to_remove)

    EC2Backend.modify_image_attribute = modify_image_attribute
    EC2Response.get_image_block_public_access_state = get_image_block_public_access_state
    EC2Response.enable_image_block_public_access = enable_image_block_public_access
    EC2Response.disable_image_block_public_access = disable_image_block_public_access
