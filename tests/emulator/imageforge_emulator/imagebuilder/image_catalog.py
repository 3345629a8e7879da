"""ListImages (own images kept in store["image"] by the builds module, plus Amazon-managed ones)
and image policies."""

import time

from . import arns
from .core import CoreBackend
from .registry import backend_part

# ListImages' filters per the API reference: name, osVersion, platform, type, version
# (https://docs.aws.amazon.com/imagebuilder/latest/APIReference/API_ListImages.html); `name` matches the
# image's name as shown (for managed images the display name, "Amazon Linux 2 x86").
FILTERS = {"name": "name", "osVersion": "osVersion", "platform": "platform", "type": "type", "version": "_semver"}


@backend_part
class ImageCatalog(CoreBackend):
    def list_images(self, params):
        records = self.filtered(self.owned("image", params.get("owner")), params.get("filters"), FILTERS)
        now = time.time()
        records = [r for r in records if r.get("_listed_from", 0) <= now]  # eventual consistency, see images.py
        if not params.get("includeDeprecated"):
            records = [r for r in records if (r.get("state") or {}).get("status") != "DEPRECATED"]
        # ImageVersion.version is a VersionNumber without the build (botocore shape ImageVersion)
        records = [dict(r, version=r["_semver"]) for r in records]
        if params.get("byName"):
            records = self.latest_by_name(records)
        versions = {}
        for record in sorted(records, key=lambda r: (r["name"], arns.version_key(r["version"]))):
            arn = record.get("_listArn") or arns.version_arn(record["arn"])
            versions.setdefault(arn, {k: v for k, v in record.items() if not k.startswith("_")} | {"arn": arn})
        return self.page(list(versions.values()), params, "imageVersionList")

    def put_image_policy(self, params):
        return self.put_policy("image", params["imageArn"], params["policy"], "imageArn")

    def get_image_policy(self, params):
        return {"policy": self.get_policy("image", params["imageArn"])}
