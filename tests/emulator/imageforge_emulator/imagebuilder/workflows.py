"""Workflows: Create/Get/List/ListWorkflowBuildVersions/Delete. A changed document under an
existing version becomes a new build version; the same document again is ResourceInUse."""

from . import arns, errors
from .core import CoreBackend
from .s3_documents import read_document
from .registry import backend_part

FILTERS = {"name": "name"}
MAX_DATA = 16000


@backend_part
class Workflows(CoreBackend):
    def create_workflow(self, params):
        data, uri = params.get("data"), params.get("uri")
        if bool(data) == bool(uri):
            raise errors.ImageBuilderError(
                "InvalidParameterCombinationException", "You must specify exactly one of 'data' or 'uri'."
            )
        if data and len(data) > MAX_DATA:
            raise errors.invalid_request(f"The 'data' parameter exceeds {MAX_DATA} characters.")
        version = params["semanticVersion"]
        arns.validate_semantic_version(version)
        kind = f"workflow/{params['type'].lower()}"
        version_arn = self.arn(kind, params["name"], version)
        builds = [r for r in self.records("workflow").values() if arns.version_arn(r["arn"]) == version_arn]
        document = data or read_document(self.account_id, uri)
        if any(r["data"] == document for r in builds):
            raise errors.in_use(version_arn)
        arn = f"{version_arn}/{len(builds) + 1}"
        self.add("workflow", arn, {
            "name": params["name"], "version": version, "description": params.get("description"),
            "changeDescription": params.get("changeDescription"), "type": params["type"],
            "owner": self.account_id, "data": document,
            "kmsKeyId": params.get("kmsKeyId"), "tags": dict(params.get("tags") or {}), "parameters": [],
        })
        return {"workflowBuildVersionArn": arn}

    def get_workflow(self, params):
        return {"workflow": self.resolve("workflow", params["workflowBuildVersionArn"])}

    def list_workflows(self, params):
        records = self.filtered(self.owned("workflow", params.get("owner")), params.get("filters"), FILTERS)
        if params.get("byName"):
            records = self.latest_by_name(records)
        versions = {}
        for record in sorted(records, key=lambda r: (r["name"], arns.version_key(r["version"]))):
            version_arn = arns.version_arn(record["arn"])
            versions.setdefault(version_arn, dict(record, arn=version_arn))
        return self.page(list(versions.values()), params, "workflowVersionList")

    def list_workflow_build_versions(self, params):
        wanted = params.get("workflowVersionArn")
        parsed = arns.parse_arn(wanted, "workflow")
        records = [r for r in self.backend_for(wanted).records("workflow").values()
                   if arns.version_arn(arns.version_arn(r["arn"])) == arns.version_arn(wanted)
                   and arns.version_matches(parsed["version"], r["version"]) and self.can_read(r)]
        records.sort(key=lambda r: (arns.version_key(r["version"]), int(r["arn"].rsplit("/", 1)[1])))
        return self.page(records, params, "workflowSummaryList")

    def delete_workflow(self, params):
        self.delete_checked("workflow", params["workflowBuildVersionArn"])
        return {"workflowBuildVersionArn": params["workflowBuildVersionArn"]}
