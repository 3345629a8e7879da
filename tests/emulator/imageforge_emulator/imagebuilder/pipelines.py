"""Image pipelines: Create/Get/List/Update/Delete. Update replaces the whole pipeline."""

from . import errors
from .core import CoreBackend, now
from .model_fields import stored_fields
from .registry import backend_part

# Every member UpdateImagePipeline accepts and GetImagePipeline returns (botocore model).
FIELDS = stored_fields("UpdateImagePipeline", "GetImagePipeline", "imagePipeline")
DEFAULTS = {"status": "ENABLED", "enhancedImageMetadataEnabled": True,
            "imageTestsConfiguration": {"imageTestsEnabled": True, "timeoutMinutes": 720}}
FILTERS = {"name": "name", "status": "status", "platform": "platform", "arn": "arn",
           "distributionConfigurationArn": "distributionConfigurationArn",
           "infrastructureConfigurationArn": "infrastructureConfigurationArn"}


@backend_part
class Pipelines(CoreBackend):
    def _pipeline_fields(self, params):
        recipe, container = params.get("imageRecipeArn"), params.get("containerRecipeArn")
        if bool(recipe) == bool(container):
            raise errors.invalid_request("Specify exactly one of 'imageRecipeArn' or 'containerRecipeArn'.")
        refs = [recipe or container, params["infrastructureConfigurationArn"]]
        if params.get("distributionConfigurationArn"):
            refs.append(params["distributionConfigurationArn"])
        refs += [w["workflowArn"] for w in params.get("workflows") or []]
        platform = None
        for ref in refs:
            kind = ref.split(":")[5].split("/")[0]
            try:
                found = self.resolve(kind, ref) if kind in ("component", "workflow", "image") else self.get_exact(kind, ref)
            except errors.ImageBuilderError:
                raise errors.invalid_request(f"The resource '{ref}' does not exist.")
            platform = platform or found.get("platform")
        fields = {field: params.get(field) for field in FIELDS}
        for key, value in DEFAULTS.items():
            if fields.get(key) is None:
                fields[key] = value
        fields.update(status=params.get("status") or "ENABLED", platform=platform)
        return fields, refs

    def create_image_pipeline(self, params):
        arn = self.arn("image-pipeline", params["name"])
        if arn in self.records("image-pipeline"):
            raise errors.already_exists(arn)
        fields, refs = self._pipeline_fields(params)
        fields.update(name=params["name"], tags=dict(params.get("tags") or {}))
        self.add("image-pipeline", arn, fields, refs)
        return {"imagePipelineArn": arn}

    def update_image_pipeline(self, params):
        arn = params["imagePipelineArn"]
        record = self.records("image-pipeline").get(arn)
        if record is None:
            raise errors.not_found(arn)
        fields, refs = self._pipeline_fields(params)
        record.update(fields, dateUpdated=now(), _refs=refs)
        return {"imagePipelineArn": arn}

    def get_image_pipeline(self, params):
        return {"imagePipeline": self.get_exact("image-pipeline", params["imagePipelineArn"])}

    def list_image_pipelines(self, params):
        records = self.filtered(list(self.records("image-pipeline").values()), params.get("filters"), FILTERS)
        return self.page(sorted(records, key=lambda r: r["arn"]), params, "imagePipelineList")

    def delete_image_pipeline(self, params):
        self.delete_checked("image-pipeline", params["imagePipelineArn"])
        return {"imagePipelineArn": params["imagePipelineArn"]}
