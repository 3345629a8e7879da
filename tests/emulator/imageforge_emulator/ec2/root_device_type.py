"""RootDeviceType is `ebs` or `instance-store` on AWS (EC2 API reference, Image; the aws-cli
describe-images example answers `ebs`); moto says `standard`. Every AMI here has an EBS root."""

from moto.ec2.models.amis import Ami

VALID = ("ebs", "instance-store")


def apply():
    original = Ami.__init__

    def __init__(self, *args, **kwargs):
        original(self, *args, **kwargs)
        if self.root_device_type not in VALID:
            self.root_device_type = "ebs"

    Ami.__init__ = __init__
