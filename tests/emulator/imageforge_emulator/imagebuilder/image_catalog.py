"""ListImages (own images kept in store["image"] by the builds module, plus Amazon-managed ones)
and image policies."""

from . import arns
from .core import CoreBackend
from .registry import backend_part

FILTERS = {"name": "name", "osVersion": "osVersion", "platform": "platform", "type": "type", "version": "version"}


@backend_part
class ImageCatalog(CoreBackend):
    def list_images(self, params):
        records = self.filtered(self.owned("image", params.get("owner")), params.get("filters"), FILTERS)
        if not params.get("includeDeprecated"):
            records = [r for r in records if (r.get("state") or {}).get("status") != "DEPRECATED"]
        if params.get("byName"):
            records = self.latest_by_name(records)
        versions = {}
        for record in sorted(records, key=lambda r: (r["name"], arns.version_key(r["version"]))):
            arn = record.get("listArn") or arns.version_arn(record["arn"])
            versions.setdefault(arn, dict(record, arn=arn))
        return self.page(list(versions.values()), params, "imageVersionList")

    def put_image_policy(self, params):
        return self.put_policy("image", params["imageArn"], params["policy"], "imageArn")

    def get_image_policy(self, params):
        return {"policy": self.get_policy("image", params["imageArn"])}
