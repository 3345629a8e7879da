"""RAM operations moto lacks: Associate/DisassociateResourceShare (principals, resources and sources),
ListSourceAssociations, Tag/UntagResource,
List/Associate/DisassociateResourceSharePermission, PromoteResourceShareCreatedFromPolicy,
GetResourceShares filters (name, status, ARNs, tags, OTHER-ACCOUNTS), and an
UpdateResourceShare that leaves unset fields alone."""

import json

from moto.core.utils import unix_time
from moto.ram import urls
from moto.ram.exceptions import InvalidParameterException, UnknownResourceException
from moto.ram.models import ram_backends
from moto.ram.responses import ResourceAccessManagerResponse

from ..ec2.cross_account import organization_paths

NEW_PATHS = ("associateresourceshare", "disassociateresourceshare", "listsourceassociations", "tagresource", "untagresource",
             "listresourcesharepermissions", "associateresourcesharepermission",
             "disassociateresourcesharepermission", "promoteresourcesharecreatedfrompolicy")


def default_permission(resource_arn):
    service, rest = resource_arn.split(":")[2], resource_arn.split(":")[5]
    kind = rest.split("/")[0].replace("-", "").lower()
    return f"arn:aws:ram::aws:permission/AWSRAMDefaultPermission{service.title()}{kind.title()}"


def _share(backend, arn):
    for share in backend.resource_shares:
        if share.arn == arn and share.status != "DELETED":
            return share
    raise UnknownResourceException(f"ResourceShare {arn} could not be found.")


def _associations(share, kind, entities):
    return [{"resourceShareArn": share.arn, "resourceShareName": share.name, "associatedEntity": e,
             "associationType": kind, "status": "ASSOCIATED", "external": False} for e in entities]


def _describe(share):
    result = share.describe()
    result["tags"] = [{"key": k, "value": v} for k, v in _tags(share).items()]
    return result


def _tags(share):
    return share.__dict__.setdefault("tags", {})


def _permissions(share):
    if "permission_arns" not in share.__dict__:
        share.permission_arns = sorted({default_permission(a) for a in share.resource_arns})
    return share.permission_arns


def _sources(share):
    """The share's source constraints (CreateResourceShare/AssociateResourceShare `sources`)."""
    return share.__dict__.setdefault("sources", [])


def _visible_to(share, account_id):
    paths = organization_paths(account_id) | {account_id}
    return share.status == "ACTIVE" and any(p in paths for p in share.principals)


class Handlers:
    def associate_resource_share(self):
        params = self.request_params
        share = _share(self.ram_backend, params["resourceShareArn"])
        principals = [p for p in params.get("principals", []) if p not in share.principals]
        resources = [r for r in params.get("resourceArns", []) if r not in share.resource_arns]
        share.add_principals(principals)
        share.add_resources(resources)
        _sources(share).extend(s for s in params.get("sources", []) if s not in _sources(share))
        permissions = _permissions(share)
        permissions.extend(p for p in sorted({default_permission(r) for r in resources}) if p not in permissions)
        return json.dumps({"resourceShareAssociations": _associations(share, "PRINCIPAL", principals)
                           + _associations(share, "RESOURCE", resources), "clientToken": params.get("clientToken")})

    def disassociate_resource_share(self):
        params = self.request_params
        share = _share(self.ram_backend, params["resourceShareArn"])
        principals = [p for p in params.get("principals", []) if p in share.principals]
        resources = [r for r in params.get("resourceArns", []) if r in share.resource_arns]
        share.principals = [p for p in share.principals if p not in principals]
        share.resource_arns = [r for r in share.resource_arns if r not in resources]
        share.sources = [s for s in _sources(share) if s not in params.get("sources", [])]
        associations = _associations(share, "PRINCIPAL", principals) + _associations(share, "RESOURCE", resources)
        for association in associations:
            association["status"] = "DISASSOCIATING"
        return json.dumps({"resourceShareAssociations": associations, "clientToken": params.get("clientToken")})

    def list_source_associations(self):
        """botocore's AssociatedSource, without `sourceType`: the API reference names no values for it."""
        params = self.request_params
        shares = [s for s in self.ram_backend.resource_shares if s.status != "DELETED"
                  and (not params.get("resourceShareArns") or s.arn in params["resourceShareArns"])]
        found = [{"resourceShareArn": share.arn, "sourceId": source, "status": "ASSOCIATED",
                  "creationTime": unix_time(share.creation_time), "lastUpdatedTime": unix_time(share.last_updated_time)}
                 for share in shares for source in _sources(share)
                 if params.get("sourceId") in (None, source) and params.get("associationStatus") in (None, "ASSOCIATED")]
        return json.dumps({"sourceAssociations": found})

    def tag_resource(self):
        params = self.request_params
        share = _share(self.ram_backend, params["resourceShareArn"])
        _tags(share).update({t["key"]: t.get("value", "") for t in params.get("tags", [])})
        return "{}"

    def untag_resource(self):
        params = self.request_params
        share = _share(self.ram_backend, params["resourceShareArn"])
        for key in params.get("tagKeys", []):
            _tags(share).pop(key, None)
        return "{}"

    def list_resource_share_permissions(self):
        share = _share(self.ram_backend, self.request_params["resourceShareArn"])
        permissions = [{"arn": arn, "name": arn.rsplit("/", 1)[-1], "version": "1", "defaultVersion": True,
                        "status": "ASSOCIATED", "permissionType": "AWS_MANAGED"} for arn in _permissions(share)]
        return json.dumps({"permissions": permissions})

    def associate_resource_share_permission(self):
        params = self.request_params
        share = _share(self.ram_backend, params["resourceShareArn"])
        arn = params["permissionArn"]
        kind = arn.rsplit("/", 1)[-1]
        current = _permissions(share)
        if params.get("replace"):
            current[:] = [p for p in current if _resource_kind(p) != _resource_kind(kind)]
        if arn not in current:
            current.append(arn)
        return json.dumps({"returnValue": True, "clientToken": params.get("clientToken")})

    def disassociate_resource_share_permission(self):
        params = self.request_params
        share = _share(self.ram_backend, params["resourceShareArn"])
        share.permission_arns = [p for p in _permissions(share) if p != params["permissionArn"]]
        return json.dumps({"returnValue": True, "clientToken": params.get("clientToken")})

    def promote_resource_share_created_from_policy(self):
        share = _share(self.ram_backend, self._get_param("resourceShareArn"))
        if share.feature_set == "STANDARD":
            raise InvalidParameterException(f"ResourceShare {share.arn} was not created from a policy.")
        share.feature_set = "PROMOTING_TO_STANDARD"
        share.feature_set = "STANDARD"  # promotion completes at once in the emulator
        return json.dumps({"returnValue": True})

    def get_resource_shares(self):
        params = self.request_params
        owner = params.get("resourceOwner")
        if owner == "OTHER-ACCOUNTS":
            account = self.current_account
            shares = [s for account_backends in ram_backends.values() for s in account_backends[self.region].resource_shares
                      if s.owning_account_id != account and _visible_to(s, account)]
        elif owner == "SELF":
            shares = list(self.ram_backend.resource_shares)
        else:
            raise InvalidParameterException(f"{owner} is not a valid resource owner. "
                                            "Specify either SELF or OTHER-ACCOUNTS and try again.")
        if params.get("name"):
            shares = [s for s in shares if s.name == params["name"]]
        if params.get("resourceShareArns"):
            shares = [s for s in shares if s.arn in params["resourceShareArns"]]
        if params.get("resourceShareStatus"):
            shares = [s for s in shares if s.status == params["resourceShareStatus"]]
        for tag_filter in params.get("tagFilters", []):
            shares = [s for s in shares if _tags(s).get(tag_filter["tagKey"]) in tag_filter.get("tagValues", [])]
        return json.dumps({"resourceShares": [_describe(s) for s in shares]})

    def update_resource_share(self):
        params = self.request_params
        share = _share(self.ram_backend, params["resourceShareArn"])
        share.update(params.get("allowExternalPrincipals", share.allow_external_principals),
                     params.get("name", share.name))
        result = share.describe()
        return json.dumps({"resourceShare": result})


def _resource_kind(permission_name):
    return permission_name.rsplit("/", 1)[-1]


def create_resource_share(self):
    params = self.request_params
    tokens = self.ram_backend.__dict__.setdefault("_client_tokens", {})
    token = params.get("clientToken")
    if token and token in tokens:
        share = _share(self.ram_backend, tokens[token])
    else:
        self.ram_backend.create_resource_share(**params)
        share = self.ram_backend.resource_shares[-1]
        _tags(share).update({t["key"]: t.get("value", "") for t in params.get("tags", [])})
        _sources(share).extend(params.get("sources", []))
        if params.get("permissionArns"):
            share.permission_arns = list(params["permissionArns"])
        _permissions(share)
        if token:
            tokens[token] = share.arn
    return json.dumps({"resourceShare": _describe(share), "clientToken": token})


def apply():
    for name, handler in vars(Handlers).items():
        if not name.startswith("_") and name != "create_resource_share":
            setattr(ResourceAccessManagerResponse, name, handler)
    ResourceAccessManagerResponse.create_resource_share = create_resource_share
    for path in NEW_PATHS:
        urls.url_paths.setdefault("{0}/" + path + "$", ResourceAccessManagerResponse.dispatch)
