"""EnableImageDeprecation / DisableImageDeprecation; DescribeImages shows DeprecationTime.

DeprecateAt cannot be in the past, nor more than 10 years ahead (2 years after creation for a public
AMI); seconds round to the minute (EC2 API reference, EnableImageDeprecation). The reference names no
error code: the emulator answers InvalidParameterValue, EC2's code for a value it refuses."""

import datetime

from moto.core.responses import ActionResult
from moto.ec2.exceptions import EC2ClientError
from moto.ec2.responses import EC2Response

TEN_YEARS = datetime.timedelta(days=3652)
TWO_YEARS = datetime.timedelta(days=731)


def _parse(value):
    if isinstance(value, datetime.datetime):
        at = value
    else:
        at = datetime.datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    at = at if at.tzinfo else at.replace(tzinfo=datetime.timezone.utc)
    return (at + datetime.timedelta(seconds=30)).replace(second=0, microsecond=0)


def _refusal(image, at):
    now = datetime.datetime.now(datetime.timezone.utc)
    if at < now.replace(second=0, microsecond=0):
        return f"The deprecation time {at:%Y-%m-%dT%H:%M:%SZ} is in the past."
    if at > now + TEN_YEARS:
        return "The deprecation time can be at most 10 years from now."
    created = getattr(image, "creation_date", None)
    if image.is_public and created and at > _parse(created) + TWO_YEARS:
        return "The deprecation time of a public AMI can be at most 2 years after its creation."
    return None


def enable_image_deprecation(self):
    self.error_on_dryrun()
    image = self.ec2_backend.describe_images(ami_ids=[self._get_param("ImageId")])[0]
    at = _parse(self._get_param("DeprecateAt"))
    refusal = _refusal(image, at)
    if refusal:
        raise EC2ClientError("InvalidParameterValue", refusal)
    image.deprecation_time = at.strftime("%Y-%m-%dT%H:%M:%S.000Z")
    return ActionResult({"Return": True})


def disable_image_deprecation(self):
    self.error_on_dryrun()
    image = self.ec2_backend.describe_images(ami_ids=[self._get_param("ImageId")])[0]
    image.deprecation_time = None
    return ActionResult({"Return": True})


def apply():
    EC2Response.enable_image_deprecation = enable_image_deprecation
    EC2Response.disable_image_deprecation = disable_image_deprecation
