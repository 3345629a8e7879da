"""EnableImageDeprecation / DisableImageDeprecation; DescribeImages shows DeprecationTime."""

from moto.ec2.responses import EC2Response
from moto.core.responses import ActionResult


def enable_image_deprecation(self):
    self.error_on_dryrun()
    image = self.ec2_backend.describe_images(ami_ids=[self._get_param("ImageId")])[0]
    deprecate_at = self._get_param("DeprecateAt")
    image.deprecation_time = deprecate_at if isinstance(deprecate_at, str) else deprecate_at.strftime(
        "%Y-%m-%dT%H:%M:%S.000Z")
    return ActionResult({"Return": True})


def disable_image_deprecation(self):
    self.error_on_dryrun()
    image = self.ec2_backend.describe_images(ami_ids=[self._get_param("ImageId")])[0]
    image.deprecation_time = None
    return ActionResult({"Return": True})


def apply():
    EC2Response.enable_image_deprecation = enable_image_deprecation
    EC2Response.disable_image_deprecation = disable_image_deprecation
