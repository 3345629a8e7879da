"""Disabled AMIs: DisableImage removes every launch permission (moto only sets the state), and
DescribeImages leaves disabled AMIs out unless IncludeDisabled is true (moto ignores it).

Source: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DisableImage.html ("removes all
launch permissions"; "A disabled AMI does not appear in DescribeImages API calls by default"),
API_DescribeImages.html (IncludeDisabled).
"""

from moto.ec2.models import EC2Backend
from moto.ec2.responses import EC2Response

_describe = EC2Response.describe_images
_disable = EC2Backend.disable_image


def describe_images(self):
    result = _describe(self)
    if not self._get_param("IncludeDisabled"):
        result.result["Images"] = [i for i in result.result["Images"] if i.state != "disabled"]
    return result


def disable_image(self, ami_id):
    _disable(self, ami_id)
    self.amis[ami_id].launch_permissions.clear()


def apply():
    EC2Response.describe_images = describe_images
    EC2Backend.disable_image = disable_image
