"""RunInstances with another account's AMI works only while that AMI is shared with the caller
(account, organization, OU or public), as in AWS; otherwise InvalidAMIID.NotFound. AMI ids that
no account owns keep working as moto's fakes."""

from moto.ec2.exceptions import InvalidAMIIdError
from moto.ec2.models import ec2_backends
from moto.ec2.responses import EC2Response

from .cross_account import launchable_by, organization_paths


def _foreign_image(backend, image_id):
    for account_id in list(ec2_backends.keys()):
        if account_id == backend.account_id:
            continue
        regions = ec2_backends[account_id]
        if dict.__contains__(regions, backend.region_name) and image_id in regions[backend.region_name].amis:
            return regions[backend.region_name].amis[image_id]
    return None


def apply():
    original = EC2Response.run_instances

    def run_instances(self):
        image_id = self._get_param("ImageId")
        if image_id and image_id not in self.ec2_backend.amis:
            image = _foreign_image(self.ec2_backend, image_id)
            account = self.ec2_backend.account_id
            if image is not None and not launchable_by(image, account, organization_paths(account)):
                raise InvalidAMIIdError(image_id)
        return original(self)

    EC2Response.run_instances = run_instances
