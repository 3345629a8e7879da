"""Lifecycle policies: Create/Get/List/Update/Delete. Update replaces the whole policy."""

from . import errors
from .core import CoreBackend, now
from .model_fields import stored_fields
from .registry import backend_part

# Every member UpdateLifecyclePolicy accepts and GetLifecyclePolicy returns (botocore model).
FIELDS = stored_fields("UpdateLifecyclePolicy", "GetLifecyclePolicy", "lifecyclePolicy")
FILTERS = {"name": "name", "resourceType": "resourceType", "status": "status"}


@backend_part
class LifecyclePolicies(CoreBackend):
    def create_lifecycle_policy(self, params):
        arn = self.arn("lifecycle-policy", params["name"])
        if arn in self.records("lifecycle-policy"):
            raise errors.already_exists(arn)
        record = {field: params.get(field) for field in FIELDS}
        record.update(name=params["name"], status=params.get("status") or "ENABLED",
                      tags=dict(params.get("tags") or {}))
        self.add("lifecycle-policy", arn, record)
        return {"lifecyclePolicyArn": arn}

    def update_lifecycle_policy(self, params):
        arn = params["lifecyclePolicyArn"]
        record = self.records("lifecycle-policy").get(arn)
        if record is None:
            raise errors.not_found(arn)
        record.update({field: params.get(field) for field in FIELDS})
        record.update(status=params.get("status") or "ENABLED", dateUpdated=now())
        return {"lifecyclePolicyArn": arn}

    def get_lifecycle_policy(self, params):
        return {"lifecyclePolicy": self.get_exact("lifecycle-policy", params["lifecyclePolicyArn"])}

    def list_lifecycle_policies(self, params):
        records = self.filtered(list(self.records("lifecycle-policy").values()), params.get("filters"), FILTERS)
        return self.page(sorted(records, key=lambda r: r["arn"]), params, "lifecyclePolicySummaryList")

    def delete_lifecycle_policy(self, params):
        self.delete_checked("lifecycle-policy", params["lifecyclePolicyArn"])
        return {"lifecyclePolicyArn": params["lifecyclePolicyArn"]}
