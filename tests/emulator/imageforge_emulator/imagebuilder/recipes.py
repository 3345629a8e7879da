"""Image recipes and container recipes: Create/Get/List/Delete and their policies."""

from . import arns, errors
from .core import CoreBackend
from .registry import backend_part

IMAGE_FILTERS = {"name": "name", "parentImage": "parentImage", "platform": "platform"}
IMAGE_SUMMARY = ("arn", "name", "platform", "owner", "parentImage", "dateCreated", "tags")
CONTAINER_SUMMARY = IMAGE_SUMMARY + ("containerType", "instanceImage")
# What GetImageRecipe shows for options the request omitted.
IMAGE_DEFAULTS = {"workingDirectory": "/tmp",
                  "additionalInstanceConfiguration": {"systemsManagerAgent": {"uninstallAfterBuild": False}}}
CONTAINER_FILTERS = {"containerType": "containerType", "name": "name", "parentImage": "parentImage",
                     "platform": "platform"}


@backend_part
class Recipes(CoreBackend):
    def _new_recipe(self, kind, params):
        version = params["semanticVersion"]
        arns.validate_semantic_version(version)
        arn = self.arn(kind, params["name"], version)
        if arn in self.records(kind):
            raise errors.already_exists(arn)
        components = params.get("components") or []
        if not components:
            raise errors.invalid_request("A recipe must contain at least one component.")
        platforms = set()
        for component in components:
            try:
                platforms.add(self.resolve("component", component["componentArn"])["platform"])
            except errors.ImageBuilderError:
                raise errors.invalid_request(f"The component '{component['componentArn']}' does not exist.")
        parent = params["parentImage"]
        if parent.startswith("arn:"):
            platforms.add(self.resolve("image", parent)["platform"])
        refs = [c["componentArn"] for c in components] + ([parent] if parent.startswith("arn:") else [])
        platform = params.get("platformOverride") or sorted(platforms)[0]
        return arn, refs, platform

    def create_image_recipe(self, params):
        arn, refs, platform = self._new_recipe("image-recipe", params)
        record = {k: params.get(k) for k in ("name", "description", "components", "parentImage", "blockDeviceMappings",
                                             "workingDirectory", "additionalInstanceConfiguration", "amiTags",
                                             "amiWatermarks")}
        record = {k: v for k, v in record.items() if v is not None}
        for key, value in IMAGE_DEFAULTS.items():
            record.setdefault(key, value)
        record.update(type="AMI", platform=platform, owner=self.account_id, version=params["semanticVersion"],
                      tags=dict(params.get("tags") or {}))
        self.add("image-recipe", arn, record, refs)
        return {"imageRecipeArn": arn}

    def create_container_recipe(self, params):
        if bool(params.get("dockerfileTemplateData")) == bool(params.get("dockerfileTemplateUri")):
            raise errors.invalid_request("Specify exactly one of 'dockerfileTemplateData' or 'dockerfileTemplateUri'.")
        arn, refs, platform = self._new_recipe("container-recipe", params)
        record = {k: params.get(k) for k in ("containerType", "name", "description", "components", "parentImage",
                                             "instanceConfiguration", "kmsKeyId", "workingDirectory",
                                             "targetRepository")}
        record = {k: v for k, v in record.items() if v is not None}
        record.update(platform=platform, owner=self.account_id, version=params["semanticVersion"],
                      encrypted=True, tags=dict(params.get("tags") or {}),
                      dockerfileTemplateData=params.get("dockerfileTemplateData")
                      or self._read_s3(params["dockerfileTemplateUri"]))
        self.add("container-recipe", arn, record, refs)
        return {"containerRecipeArn": arn}

    def _read_s3(self, uri):
        """AWS copies the template from S3 and returns it as dockerfileTemplateData."""
        from moto.s3.models import s3_backends

        bucket, _sep, key = uri[len("s3://"):].partition("/")
        try:
            return s3_backends[self.account_id]["global"].get_object(bucket, key).value.decode("utf-8")
        except Exception:  # moto raises several kinds for a missing bucket or key
            raise errors.invalid_request(f"The Dockerfile template '{uri}' could not be read.")

    def get_image_recipe(self, params):
        return {"imageRecipe": self.get_exact("image-recipe", params["imageRecipeArn"])}

    def get_container_recipe(self, params):
        return {"containerRecipe": self.get_exact("container-recipe", params["containerRecipeArn"])}

    def list_image_recipes(self, params):
        records = self.filtered(self.owned("image-recipe", params.get("owner")), params.get("filters"), IMAGE_FILTERS)
        return self.page(_summaries(records, IMAGE_SUMMARY), params, "imageRecipeSummaryList")

    def list_container_recipes(self, params):
        records = self.filtered(self.owned("container-recipe", params.get("owner")), params.get("filters"),
                                CONTAINER_FILTERS)
        return self.page(_summaries(records, CONTAINER_SUMMARY), params, "containerRecipeSummaryList")

    def delete_image_recipe(self, params):
        self.delete_checked("image-recipe", params["imageRecipeArn"])
        return {"imageRecipeArn": params["imageRecipeArn"]}

    def delete_container_recipe(self, params):
        self.delete_checked("container-recipe", params["containerRecipeArn"])
        return {"containerRecipeArn": params["containerRecipeArn"]}

    def put_image_recipe_policy(self, params):
        return self.put_policy("image-recipe", params["imageRecipeArn"], params["policy"], "imageRecipeArn")

    def get_image_recipe_policy(self, params):
        return {"policy": self.get_policy("image-recipe", params["imageRecipeArn"])}

    def put_container_recipe_policy(self, params):
        return self.put_policy("container-recipe", params["containerRecipeArn"], params["policy"], "containerRecipeArn")

    def get_container_recipe_policy(self, params):
        return {"policy": self.get_policy("container-recipe", params["containerRecipeArn"])}


def _summaries(records, keys):
    return [{k: r[k] for k in keys if r.get(k) is not None} for r in sorted(records, key=lambda r: r["arn"])]
