"""An AMI whose launch permissions name account B (or B's organization/OU, or `all`) is visible
to B in DescribeImages, as in AWS. moto keeps AMIs per account and never looks across."""

from moto.ec2.exceptions import InvalidAMIIdError, MalformedAMIIdError
from moto.ec2.models import EC2Backend, ec2_backends
from moto.ec2.utils import generic_filter


def organization_paths(account_id):
    """ARNs of the organization and OUs that contain the account, from moto's Organizations."""
    try:
        from moto.organizations.models import organizations_backends
    except ImportError:
        return set()
    arns = set()
    for account_backends in organizations_backends.values():
        for backend in account_backends.values():
            org = getattr(backend, "org", None)
            if org is None:
                continue
            for account in getattr(backend, "accounts", []):
                if account.id == account_id:
                    arns.add(org.arn)
                    parent = account.parent_id
                    for ou in getattr(backend, "ou", []):
                        if ou.id == parent:
                            arns.add(ou.arn)
    return arns


def launchable_by(ami, account_id, org_arns):
    for permission in ami.launch_permissions:
        if permission.get("Group") == "all" or permission.get("UserId") == account_id:
            return True
        if permission.get("OrganizationArn") in org_arns or permission.get("OrganizationalUnitArn") in org_arns:
            return True
    return False


def shared_with(backend):
    org_arns = organization_paths(backend.account_id)
    for account_id in list(ec2_backends.keys()):
        if account_id == backend.account_id:
            continue
        regions = ec2_backends[account_id]
        if not dict.__contains__(regions, backend.region_name):
            continue
        for ami in list(regions[backend.region_name].amis.values()):
            if launchable_by(ami, backend.account_id, org_arns):
                yield ami


def describe_images(self, ami_ids=None, filters=None, exec_users=None, owners=None):
    shared = list(shared_with(self))
    images = list(self.amis.copy().values()) + shared
    if ami_ids:
        malformed = [i for i in ami_ids if not i.startswith("ami-")]
        if malformed:
            raise MalformedAMIIdError(malformed)
        images = [ami for ami in images if ami.id in ami_ids]
        if not images and not [i for i in ami_ids if i in self.deleted_amis]:
            raise InvalidAMIIdError(ami_ids)
        return images
    if exec_users:
        users = {self.account_id if u == "self" else u for u in exec_users}
        org_arns = organization_paths(self.account_id) if self.account_id in users else set()
        images = [ami for ami in images if ami.is_public or any(
            launchable_by(ami, user, org_arns if user == self.account_id else set()) for user in users)]
    if owners:
        owners = [self.account_id if o == "self" else o for o in owners]
        images = [ami for ami in images if ami.owner_id in owners or ami.owner_alias in owners]
    return generic_filter(filters, images) if filters else images


def apply():
    EC2Backend.describe_images = describe_images
