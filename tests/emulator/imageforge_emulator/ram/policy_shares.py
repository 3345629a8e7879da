"""Put*Policy on an Image Builder resource creates a RAM share "created from policy" in the owner's
account (featureSet CREATED_FROM_POLICY), as in AWS; PromoteResourceShareCreatedFromPolicy turns it
into a standard share. A later Put*Policy updates that share's principals."""

from moto.ram.models import ResourceShare, ram_backends

from ..imagebuilder import core
from ..imagebuilder.core import CoreBackend


def _share_for(backend, arn):
    ram = ram_backends[backend.account_id][backend.region_name]
    for share in ram.resource_shares:
        if share.status == "ACTIVE" and arn in share.resource_arns and share.__dict__.get("_from_policy"):
            return share
    share = ResourceShare(backend.account_id, backend.region_name, name=f"imagebuilder-policy-{arn.split(':')[-1]}")
    share.feature_set = "CREATED_FROM_POLICY"
    share._from_policy = True
    share.resource_arns = [arn]
    ram.resource_shares.append(share)
    return share


def apply():
    original = CoreBackend.put_policy

    def put_policy(self, kind, arn, policy, arn_key):
        result = original(self, kind, arn, policy, arn_key)
        share = _share_for(self, arn)
        share.principals = sorted(core.shared_accounts(self.records(kind)[arn]))
        return result

    CoreBackend.put_policy = put_policy
