"""Components: Create/Import/Get/List/ListComponentBuildVersions/Delete and their policy."""

from . import arns, errors
from .core import CoreBackend
from .s3_documents import read_document
from .registry import backend_part

FILTERS = {"name": "name", "platform": "platform", "type": "type", "supportedOsVersion": "supportedOsVersions"}
MAX_DATA = 16000


@backend_part
class Components(CoreBackend):
    def create_component(self, params, component_type="BUILD"):
        data, uri = params.get("data"), params.get("uri")
        if bool(data) == bool(uri):
            raise errors.ImageBuilderError(
                "InvalidParameterCombinationException", "You must specify exactly one of 'data' or 'uri'."
            )
        if data and len(data) > MAX_DATA:
            raise errors.invalid_request(f"The 'data' parameter exceeds {MAX_DATA} characters.")
        version = params["semanticVersion"]
        arns.validate_semantic_version(version)
        arn = self.arn("component", params["name"], version, 1)
        if arn in self.records("component"):
            raise errors.in_use(arns.version_arn(arn))
        self.add("component", arn, {
            "name": params["name"], "version": version, "description": params.get("description"),
            "changeDescription": params.get("changeDescription"), "type": component_type,
            "platform": params["platform"], "supportedOsVersions": params.get("supportedOsVersions"),
            "state": {"status": "ACTIVE"}, "owner": self.account_id, "data": data or read_document(self.account_id, uri),
            "kmsKeyId": params.get("kmsKeyId"), "encrypted": True, "tags": dict(params.get("tags") or {}),
        })
        return {"componentBuildVersionArn": arn}

    def import_component(self, params):
        return self.create_component(params, component_type=params["type"])

    def get_component(self, params):
        return {"component": self.resolve("component", params["componentBuildVersionArn"])}

    def list_components(self, params):
        records = self.filtered(self.owned("component", params.get("owner")), params.get("filters"), FILTERS)
        if params.get("byName"):
            records = self.latest_by_name(records)
        versions = {}
        for record in sorted(records, key=lambda r: (r["name"], arns.version_key(r["version"]))):
            versions.setdefault(arns.version_arn(record["arn"]), dict(record, arn=arns.version_arn(record["arn"])))
        return self.page(list(versions.values()), params, "componentVersionList")

    def list_component_build_versions(self, params):
        wanted = params.get("componentVersionArn")
        parsed = arns.parse_arn(wanted, "component")
        # "You can only list build versions for components that your account owns." (API reference,
        # https://docs.aws.amazon.com/imagebuilder/latest/APIReference/API_ListComponentBuildVersions.html).
        # The page names no error code; ForbiddenException is one the operation's model lists.
        if parsed["account"] != self.account_id:
            raise errors.forbidden(f"You can only list build versions of components that account "
                                   f"{self.account_id} owns, not of '{wanted}'.")
        pool = list(self.records("component").values())
        records = [r for r in pool if arns.version_arn(r["arn"]) == wanted or
                   (arns.version_arn(arns.version_arn(r["arn"])) == arns.version_arn(wanted)
                    and arns.version_matches(parsed["version"], r["version"]))]
        records.sort(key=lambda r: (arns.version_key(r["version"]), int(r["arn"].rsplit("/", 1)[1])))
        return self.page(records, params, "componentSummaryList")

    def delete_component(self, params):
        arn = params["componentBuildVersionArn"]
        self.delete_checked("component", arn)
        return {"componentBuildVersionArn": arn}

    def put_component_policy(self, params):
        return self.put_policy("component", params["componentArn"], params["policy"], "componentArn")

    def get_component_policy(self, params):
        return {"policy": self.get_policy("component", params["componentArn"])}
