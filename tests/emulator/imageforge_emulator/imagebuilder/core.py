"""Shared machinery of the Image Builder backend: dispatch, client tokens, pagination,
owners, references, tags. Resource families are mixins in sibling modules."""

import base64
import copy
import json
import os
import uuid
from datetime import datetime, timezone

from moto.core.base_backend import BaseBackend
from moto.core.utils import camelcase_to_underscores

from . import amazon, arns, errors
from .validation import validate

IDEMPOTENT_PREFIXES = ("Create", "Import", "Update")


def now():
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def fingerprint(params):
    return json.dumps({k: v for k, v in params.items() if k != "clientToken"}, sort_keys=True, default=str)


def refers_to(ref, target):
    """Does reference `ref` (maybe `1.0.x`, maybe without build) point at `target`?"""
    try:
        r, t = arns.parse_arn(ref), arns.parse_arn(target)
    except errors.ImageBuilderError:
        return False
    same = all(r[k] == t[k] for k in ("region", "account", "kind", "name"))
    if not same:
        return False
    if r["version"] and t["version"] and not arns.version_matches(r["version"], t["version"]):
        return False
    return not (r["build"] and t["build"] and r["build"] != t["build"])


class CoreBackend(BaseBackend):
    def __init__(self, region_name, account_id):
        super().__init__(region_name, account_id)
        self.store = {}  # kind -> {arn: record}; private record keys start with "_"
        self.client_tokens = {}  # (operation, token) -> (fingerprint, response)

    # -- dispatch -------------------------------------------------------------
    def handle(self, operation, params):
        params = dict(params or {})
        validate(operation, params)
        method = getattr(self, camelcase_to_underscores(operation))
        token = params.get("clientToken")
        if token and operation.startswith(IDEMPOTENT_PREFIXES):
            key = (operation, token)
            if key in self.client_tokens:
                previous, response = self.client_tokens[key]
                if previous != fingerprint(params):
                    raise errors.idempotent_mismatch(token)
                return dict(copy.deepcopy(response), requestId=str(uuid.uuid4()))
            response = method(params)
            response["clientToken"] = token
            self.client_tokens[key] = (fingerprint(params), copy.deepcopy(response))
        else:
            response = method(params)
        response.setdefault("requestId", str(uuid.uuid4()))
        return response

    # -- storage --------------------------------------------------------------
    def records(self, kind):
        return self.store.setdefault(kind, {})

    def arn(self, kind, name, version=None, build=None):
        return arns.build_arn(self.region_name, self.account_id, kind, name, version, build)

    def add(self, kind, arn, record, refs=()):
        record.update(arn=arn, dateCreated=now(), _refs=list(refs))
        self.records(kind)[arn] = record
        return record

    def find(self, arn):
        """Any own resource by exact ARN, for tags."""
        for records in self.store.values():
            if arn in records:
                return records[arn]
        return None

    def get_exact(self, kind, arn):
        record = self.backend_for(arn).records(kind).get(arn) or amazon.records(self.region_name, kind).get(arn)
        if record is None or not self.can_read(record):
            raise errors.not_found(arn)
        return record

    def resolve(self, kind, arn):
        """Latest build matching a build ARN, a version ARN, or a wildcard version ARN."""
        parsed = arns.parse_arn(arn, kind)
        pool = list(self.backend_for(arn).records(kind).values()) + list(amazon.records(self.region_name, kind).values())
        best = None
        for record in pool:
            p = arns.parse_arn(record["arn"])
            same = ("account", "kind", "name", "region")
            if tuple(p[k] for k in same) != tuple(parsed[k] for k in same):
                continue
            if parsed["version"] and not arns.version_matches(parsed["version"], p["version"]):
                continue
            if parsed["build"] and parsed["build"] != p["build"]:
                continue
            if not self.can_read(record):
                continue
            key = (arns.version_key(p["version"]), int(p["build"] or 0))
            if best is None or key > best[0]:
                best = (key, record)
        if best is None:
            raise errors.not_found(arn)
        return best[1]

    def backend_for(self, arn):
        account = arns.parse_arn(arn)["account"]
        if account == self.account_id or account in arns.MANAGED_ACCOUNTS:
            return self
        from . import imagebuilder_backends

        return imagebuilder_backends[account][self.region_name]

    def delete_checked(self, kind, arn):
        records = self.records(kind)
        if arn not in records:
            raise errors.not_found(arn)
        users = self.users_of(arn)
        if users:
            raise errors.dependency(arn, users)
        del records[arn]

    def users_of(self, target):
        return [
            record["arn"]
            for records in self.store.values()
            for record in records.values()
            if any(refers_to(ref, target) for ref in record.get("_refs", ()))
        ]

    # -- owners and sharing ---------------------------------------------------
    def can_read(self, record):
        account = arns.parse_arn(record["arn"])["account"]
        return account == self.account_id or account in arns.MANAGED_ACCOUNTS or self.account_id in shared_accounts(record)

    def owned(self, kind, owner):
        """List*'s `owner` (Self, Shared, Amazon, ThirdParty, AWSMarketplace; Self when omitted), per the
        API reference of ListImages/ListComponents/ListImageRecipes/ListContainerRecipes/ListWorkflows."""
        if owner in (None, "Self"):
            return list(self.records(kind).values())
        if owner in ("Amazon", "AWSMarketplace"):
            return list(amazon.records(self.region_name, kind, owner).values())
        if owner == "Shared":
            return [record for other in self.other_backends() for record in other.records(kind).values()
                    if self.account_id in shared_accounts(record)]
        return []  # ThirdParty: no third-party publisher offline

    def other_backends(self):
        from . import imagebuilder_backends

        for account in list(imagebuilder_backends.keys()):
            regions = imagebuilder_backends[account]
            if account != self.account_id and dict.__contains__(regions, self.region_name):
                yield regions[self.region_name]

    # -- lists ----------------------------------------------------------------
    def page(self, items, params, list_key):
        # EMULATOR_PAGE_SIZE: smaller pages than AWS's default, to prove that callers follow nextToken
        max_results = params.get("maxResults") or 25
        if os.environ.get("EMULATOR_PAGE_SIZE"):
            max_results = min(max_results, int(os.environ["EMULATOR_PAGE_SIZE"]))
        token = params.get("nextToken")
        start = 0
        if token:
            try:
                start = int(base64.b64decode(token).decode())
            except ValueError:
                raise errors.ImageBuilderError("InvalidPaginationTokenException", "The pagination token is invalid.")
        result = {list_key: items[start:start + max_results]}
        if start + max_results < len(items):
            result["nextToken"] = base64.b64encode(str(start + max_results).encode()).decode()
        return result

    @staticmethod
    def filtered(records, filters, fields):
        """`fields` maps an AWS filter name to a record key; values of one filter are OR-ed."""
        for flt in filters or ():
            key, values = fields.get(flt.get("name")), flt.get("values") or []
            if key is None:
                raise errors.invalid_request(f"The filter name '{flt.get('name')}' is not valid.")
            records = [r for r in records if _matches(r.get(key), values)]
        return records

    @staticmethod
    def latest_by_name(records):
        latest = {}
        for record in records:
            current = latest.get(record["name"])
            if current is None or arns.version_key(record["version"]) > arns.version_key(current["version"]):
                latest[record["name"]] = record
        return list(latest.values())

    # -- tags -----------------------------------------------------------------
    def _taggable(self, arn):
        record = self.find(arn)
        if record is None:
            raise errors.not_found(arn)
        return record

    def tag_resource(self, params):
        self._taggable(params["resourceArn"]).setdefault("tags", {}).update(params["tags"])
        return {}

    def untag_resource(self, params):
        tags = self._taggable(params["resourceArn"]).setdefault("tags", {})
        for key in params["tagKeys"]:
            tags.pop(key, None)
        return {}

    def list_tags_for_resource(self, params):
        return {"tags": dict(self._taggable(params["resourceArn"]).get("tags") or {})}


def _matches(value, wanted):
    if isinstance(value, list):
        return any(v in wanted for v in value)
    return value in wanted


def shared_accounts(record):
    """Accounts named as principals in the resource policy (Put*Policy)."""
    policy = record.get("_policy")
    if not policy:
        return set()
    accounts = set()
    for statement in json.loads(policy).get("Statement", []):
        principal = statement.get("Principal", {})
        values = principal.get("AWS", []) if isinstance(principal, dict) else [principal]
        for value in [values] if isinstance(values, str) else values:
            accounts.add(value.split(":")[4] if value.startswith("arn:") else value)
    return accounts


def _policy_methods():
    """Put*/Get*Policy share one shape: the policy JSON is kept on the resource."""

    def put_policy(self, kind, arn, policy, arn_key):
        record = self.records(kind).get(arn)
        if record is None:
            raise errors.not_found(arn)
        try:
            json.loads(policy)
        except ValueError:
            raise errors.invalid_parameter("The policy is not valid JSON.")
        record["_policy"] = policy
        return {arn_key: arn}

    def get_policy(self, kind, arn):
        record = self.backend_for(arn).records(kind).get(arn)
        if record is None or not record.get("_policy") or not self.can_read(record):
            raise errors.not_found(arn)
        return record["_policy"]

    CoreBackend.put_policy = put_policy
    CoreBackend.get_policy = get_policy


_policy_methods()
