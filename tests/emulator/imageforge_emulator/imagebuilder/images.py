"""Image builds: CreateImage, StartImagePipelineExecution, ImportVmImage, ImportDiskImage,
DistributeImage, Get/List, Cancel, Retry, Delete, packages and scan findings.

A build's status is computed from its start time on every read (see image_timeline); when it
first reads AVAILABLE the AMIs are registered in moto's EC2 (see image_outputs)."""

import copy
import os
import threading
import time

from . import arns, errors
from . import image_outputs as outputs
from . import image_timeline as timeline
from . import workflow_runs
from .core import CoreBackend, now
from .registry import backend_part

LOCK = threading.RLock()
# ListImageBuildVersions' filters per the API reference: name, osVersion, platform, type, version
# (https://docs.aws.amazon.com/imagebuilder/latest/APIReference/API_ListImageBuildVersions.html).
# `version` is the semantic part (1.0.0); the response's version carries the build (1.0.0/1).
BUILD_FILTERS = {"name": "name", "osVersion": "osVersion", "platform": "platform", "type": "type",
                 "version": "_semver"}
PIPELINE_IMAGE_FILTERS = {"name": "name", "version": "_semver"}
FINDING_FILTERS = {"imageBuildVersionArn": "imageBuildVersionArn", "imagePipelineArn": "imagePipelineArn",
                   "vulnerabilityId": "vulnerabilityId", "severity": "severity"}
TERMINAL = ("AVAILABLE", "FAILED", "CANCELLED", "DELETED", "DEPRECATED", "DISABLED")


def listing_delay():
    """When a new image first shows in ListImages. "Newly created images can take up to two minutes to appear in
    the ListImages API Results" (API reference, ListImages). Off by default: EMULATOR_LIST_IMAGES_DELAY=<seconds>."""
    return time.time() + float(os.environ.get("EMULATOR_LIST_IMAGES_DELAY") or 0)


def _public(record):
    return {k: copy.deepcopy(v) for k, v in record.items() if not k.startswith("_")}


@backend_part
class Images(CoreBackend):
    # -- storage: every read of images sees their current status --------------
    def records(self, kind):
        found = self.store.setdefault(kind, {})
        if kind == "image":
            for record in list(found.values()):
                self._advance(record)
        return found

    def _once(self, operation, params, action):
        """Client-token idempotency for operations core does not cover (Start*, Retry*, Cancel*, Distribute*)."""
        key = (operation, params["clientToken"])
        fingerprint = {k: v for k, v in params.items() if k != "clientToken"}
        if key in self.client_tokens:
            previous, response = self.client_tokens[key]
            if previous != repr(sorted(fingerprint.items())):
                raise errors.idempotent_mismatch(params["clientToken"])
            return dict(response)
        response = dict(action(), clientToken=params["clientToken"])
        self.client_tokens[key] = (repr(sorted(fingerprint.items())), dict(response))
        return response

    # -- builds ---------------------------------------------------------------
    def create_image(self, params):
        return {"imageBuildVersionArn": self._start_build(params, buildType="USER_INITIATED")["arn"]}

    def start_image_pipeline_execution(self, params):
        arn = params["imagePipelineArn"]
        pipeline = self.store.get("image-pipeline", {}).get(arn)
        if pipeline is None:
            raise errors.not_found(arn)

        def start():
            fields = {k: pipeline.get(k) for k in (
                "imageRecipeArn", "containerRecipeArn", "infrastructureConfigurationArn",
                "distributionConfigurationArn", "imageTestsConfiguration", "enhancedImageMetadataEnabled",
                "imageScanningConfiguration", "workflows", "executionRole", "loggingConfiguration")}
            fields["tags"] = dict(pipeline.get("imageTags") or {}, **(params.get("tags") or {}))
            record = self._start_build(fields, buildType="USER_INITIATED", pipeline=pipeline)
            pipeline["dateLastRun"] = now()
            return {"imageBuildVersionArn": record["arn"]}

        return self._once("StartImagePipelineExecution", params, start)

    def _start_build(self, params, buildType, pipeline=None):
        recipe_arn = params.get("imageRecipeArn") or params.get("containerRecipeArn")
        if bool(params.get("imageRecipeArn")) == bool(params.get("containerRecipeArn")):
            raise errors.invalid_request("Specify exactly one of 'imageRecipeArn' or 'containerRecipeArn'.")
        kind = "image-recipe" if params.get("imageRecipeArn") else "container-recipe"
        recipe = self._referenced(kind, recipe_arn)
        infra = self._referenced("infrastructure-configuration", params["infrastructureConfigurationArn"])
        dist = None
        if params.get("distributionConfigurationArn"):
            dist = self._referenced("distribution-configuration", params["distributionConfigurationArn"])
        tests = dict({"imageTestsEnabled": True, "timeoutMinutes": 720}, **(params.get("imageTestsConfiguration") or {}))
        record = self._new_image(recipe["name"], recipe["version"], buildType, "CUSTOM", params.get("tags"))
        documents = [(c["componentArn"], self.resolve("component", c["componentArn"]).get("data") or "")
                     for c in recipe.get("components") or []]
        record.update(
            type="AMI" if kind == "image-recipe" else "DOCKER", platform=recipe.get("platform"),
            osVersion=_os_version(recipe), imageTestsConfiguration=tests,
            enhancedImageMetadataEnabled=params.get("enhancedImageMetadataEnabled", True),
            infrastructureConfiguration=_public(infra), imageScanningConfiguration=params.get("imageScanningConfiguration"),
            workflows=params.get("workflows"), executionRole=params.get("executionRole"),
            loggingConfiguration=params.get("loggingConfiguration"),
            _documents=documents, _failure=timeline.first_failure(documents, tests["imageTestsEnabled"]),
            _timeline=timeline.phases(tests["imageTestsEnabled"]), _distributions=(dist or {}).get("distributions"),
        )
        record["imageRecipe" if kind == "image-recipe" else "containerRecipe"] = _public(recipe)
        if dist:
            record["distributionConfiguration"] = _public(dist)
        record["_workflows"] = workflow_runs.plan(self, record, params.get("workflows"))
        if pipeline:
            record.update(sourcePipelineArn=pipeline["arn"], sourcePipelineName=pipeline["name"])
        return record

    def _referenced(self, kind, arn):
        try:
            return self.get_exact(kind, arn)
        except errors.ImageBuilderError:
            raise errors.invalid_request(f"The resource '{arn}' does not exist.")

    def _new_image(self, name, version, build_type, source, tags):
        version_arn = self.arn("image", name, version)
        builds = self.__dict__.setdefault("image_build_numbers", {})
        builds[version_arn] = builds.get(version_arn, 0) + 1
        arn = f"{version_arn}/{builds[version_arn]}"
        # An image's version is VersionNumberWithBuild (1.0.0/1) in GetImage, ListImageBuildVersions and
        # ListImagePipelineImages (botocore shapes Image/ImageSummary; aws-cli examples get-image.rst,
        # list-image-build-versions.rst show "2019.12.03/1"); ListImages' ImageVersion has no build.
        record = {"name": name, "version": f"{version}/{builds[version_arn]}", "_semver": version, "owner": self.account_id, "buildType": build_type,
                  "imageSource": source, "tags": dict(tags or {}), "outputResources": {"amis": []},
                  "state": {"status": "PENDING"}, "_started": timeline.clock(), "_listed_from": listing_delay(),
                  "_seconds": timeline.build_seconds(), "_timeline": timeline.phases(True)}
        return self.add("image", arn, record)

    # -- progress ---------------------------------------------------------------
    def _advance(self, record):
        with LOCK:
            status = record["state"]["status"]
            if status in TERMINAL or record.get("_halted"):
                return
            if record.get("_waits_for_task"):
                return self._advance_import(record)
            share = (timeline.clock() - record["_started"]) / max(record["_seconds"], 0.001)
            if workflow_runs.halt_if_waiting(record, share):
                return
            failure = record.get("_failure")
            if failure and share >= timeline.phase_end(record["_timeline"], failure[0]):
                return self._fail(record, failure)
            status = timeline.status_at(record["_timeline"], share)
            if status == "AVAILABLE":
                self._finish(record)
            record["state"] = {"status": status}

    def _fail(self, record, failure):
        stage, component = failure
        where = self._log_location(record)
        record["state"] = {
            "status": "FAILED",
            "reason": (f"Image Builder failed in {stage}: step '{component['stepName']}' of component "
                       f"'{component['componentArn']}' (phase '{component['phaseName']}'): "
                       f"{component['errorMessage']} Logs: {where}"),
            "failureContext": {"imageStatus": stage, "failedStep": component["stepName"],
                               "componentFailure": component},
        }

    def _log_location(self, record):
        s3 = ((record.get("infrastructureConfiguration") or {}).get("logging") or {}).get("s3Logs") or {}
        build = record["arn"].split(":", 5)[5].split("/", 1)[1]
        if s3.get("s3BucketName"):
            prefix = (s3.get("s3KeyPrefix") or "").strip("/")
            return f"s3://{s3['s3BucketName']}/{prefix + '/' if prefix else ''}{build}/"
        group = (record.get("loggingConfiguration") or {}).get("logGroupName") or f"/aws/imagebuilder/{record['name']}"
        return f"CloudWatch Logs group {group}, stream {record['_semver']}/{build.rsplit('/', 1)[1]}"

    def _finish(self, record):
        if record["type"] == "DOCKER":
            recipe = record.get("containerRecipe") or {}
            record["outputResources"] = {"containers": outputs.container_outputs(
                record, recipe, record.get("_distributions"), self.region_name, self.account_id)}
            return
        amis = outputs.distribute_amis(record, self.region_name, self.account_id, record.get("_distributions"))
        record["outputResources"] = {"amis": amis}
        scanning = (record.get("imageScanningConfiguration") or {}).get("imageScanningEnabled")
        record["scanState"] = {"status": "COMPLETED" if scanning else "ABANDONED"}

    # -- reads ------------------------------------------------------------------
    def get_image(self, params):
        arn = params["imageBuildVersionArn"]
        record = self.records("image").get(arn)
        if record is None:
            if arns.parse_arn(arn)["build"] is None:
                record = self.resolve("image", arn)
            else:
                record = self.get_exact("image", arn)
        return {"image": _public(record)}

    def list_image_build_versions(self, params):
        version_arn = params.get("imageVersionArn")
        records = list(self.records("image").values())
        if version_arn:
            records = [r for r in records if arns.version_arn(r["arn"]) == version_arn]
        records = self.filtered(records, params.get("filters"), BUILD_FILTERS)
        return self.page([_public(r) for r in _newest_first(records)], params, "imageSummaryList")

    def list_image_pipeline_images(self, params):
        arn = params["imagePipelineArn"]
        if arn not in self.store.get("image-pipeline", {}):
            raise errors.not_found(arn)
        records = [r for r in self.records("image").values() if r.get("sourcePipelineArn") == arn]
        records = self.filtered(records, params.get("filters"), PIPELINE_IMAGE_FILTERS)
        return self.page([_public(r) for r in _newest_first(records)], params, "imageSummaryList")

    def list_image_packages(self, params):
        record = self._own_image(params["imageBuildVersionArn"], errors.not_found)
        if record["state"]["status"] != "AVAILABLE" or not record.get("enhancedImageMetadataEnabled", True):
            return self.page([], params, "imagePackageList")
        documents = [text for _name, text in record.get("_documents") or []]
        return self.page(outputs.packages(record.get("platform"), documents), params, "imagePackageList")

    def _scan_findings(self):
        found = []
        for record in self.records("image").values():
            if record.get("scanState", {}).get("status") == "COMPLETED":
                for finding in outputs.findings(record, self.account_id):
                    finding["vulnerabilityId"] = finding["packageVulnerabilityDetails"]["vulnerabilityId"]
                    found.append(finding)
        return found

    def list_image_scan_findings(self, params):
        found = self.filtered(self._scan_findings(), params.get("filters"), FINDING_FILTERS)
        return self.page([{k: v for k, v in f.items() if k != "vulnerabilityId"} for f in found], params, "findings")

    def list_image_scan_finding_aggregations(self, params):
        flt = params.get("filter") or {}
        found = self._scan_findings()
        if flt.get("name") == "imageBuildVersionArn":
            found = [f for f in found if f["imageBuildVersionArn"] in (flt.get("values") or [])]
            kind, key, id_key = "imageBuildVersionArn", "imageAggregation", "imageBuildVersionArn"
        elif flt.get("name") == "imagePipelineArn":
            found = [f for f in found if f["imagePipelineArn"] in (flt.get("values") or [])]
            kind, key, id_key = "imagePipelineArn", "imagePipelineAggregation", "imagePipelineArn"
        elif flt.get("name") in (None, "accountId"):
            kind, key, id_key = "accountId", "accountAggregation", "awsAccountId"
        else:
            raise errors.invalid_request(f"The filter name '{flt.get('name')}' is not valid.")
        groups = {}
        for finding in found:
            counts = groups.setdefault(finding[id_key], {"all": 0, "critical": 0, "high": 0, "medium": 0})
            counts["all"] += 1
            severity = finding["severity"].lower()
            if severity in counts:
                counts[severity] += 1
        responses = [{key: {("accountId" if kind == "accountId" else kind): ident, "severityCounts": counts}}
                     for ident, counts in sorted(groups.items())]
        return {"aggregationType": kind, "responses": responses}

    # -- changes to a build ------------------------------------------------------
    def _own_image(self, arn, missing=errors.not_found):
        record = self.records("image").get(arn)
        if record is None:
            raise missing(arn)
        return record

    def cancel_image_creation(self, params):
        def cancel():
            record = self._own_image(params["imageBuildVersionArn"])
            status = record["state"]["status"]
            if status not in timeline.RUNNING:
                raise _not_now(params["imageBuildVersionArn"], status)
            record["_cancelled_in"] = status
            record["_stopped_share"] = workflow_runs.reached(record)
            record["state"] = {"status": "CANCELLED", "reason": "The image build was cancelled by the user."}
            return {"imageBuildVersionArn": record["arn"]}

        return self._once("CancelImageCreation", params, cancel)

    def retry_image(self, params):
        def retry():
            record = self._own_image(params["imageBuildVersionArn"])
            status = record["state"]["status"]
            if status not in ("FAILED", "CANCELLED") or record.get("type") != "AMI":
                raise _not_now(params["imageBuildVersionArn"], status)
            record.pop("_stopped_share", None)
            resume = record.pop("_cancelled_in", None) or (record.get("_failure") or ("BUILDING",))[0]
            share = timeline.phase_start(record["_timeline"], resume)
            record["_started"] = timeline.clock() - share * record["_seconds"]
            record["state"] = {"status": resume}
            return {"imageBuildVersionArn": record["arn"]}

        return self._once("RetryImage", params, retry)

    def delete_image(self, params):
        arn = params["imageBuildVersionArn"]
        record = self._own_image(arn)
        if record["state"]["status"] in timeline.RUNNING:
            raise errors.dependency(arn, ["a running image build"])
        self.delete_checked("image", arn)
        return {"imageBuildVersionArn": arn}

    # -- distribution and imports --------------------------------------------------
    def distribute_image(self, params):
        def distribute():
            source = self._distribution_source(params["sourceImage"])
            dist = self._referenced("distribution-configuration", params["distributionConfigurationArn"])
            record = self._new_image(source["name"], source["version"].split("/")[0], "USER_INITIATED",
                                     source.get("imageSource") or "CUSTOM", params.get("tags"))
            record.update(type="AMI", platform=source.get("platform"), osVersion=source.get("osVersion"),
                          imageTestsConfiguration=source.get("imageTestsConfiguration"),
                          distributionConfiguration=_public(dist), executionRole=params["executionRole"],
                          _distributions=dist["distributions"], _timeline=timeline.phases(False, skip_build=True))
            return {"imageBuildVersionArn": record["arn"]}

        return self._once("DistributeImage", params, distribute)

    def _distribution_source(self, source):
        if source.startswith("arn:"):
            return self.resolve("image", source)
        if source.startswith("ami-"):
            for record in self.records("image").values():
                if any(a["image"] == source for a in (record.get("outputResources") or {}).get("amis") or []):
                    return record
            return {"name": source, "version": "1.0.0", "platform": "Linux",
                    "imageTestsConfiguration": {"imageTestsEnabled": False}, "imageSource": "IMPORTED"}
        raise errors.invalid_request(f"The source image '{source}' is not an AMI ID or an image ARN.")

    def import_vm_image(self, params):
        from ..ec2 import vm_import

        task = vm_import.find_task(self.account_id, self.region_name, params["vmImportTaskId"])
        if task is None:
            raise errors.ImageBuilderError("ClientException",
                                           f"The VM import task '{params['vmImportTaskId']}' does not exist.")
        record = self._new_image(params["name"], params["semanticVersion"], "IMPORT", "IMPORTED", params.get("tags"))
        record.update(type="AMI", platform=params["platform"], osVersion=params.get("osVersion"),
                      description=params.get("description"), loggingConfiguration=params.get("loggingConfiguration"),
                      _waits_for_task=task["ImportTaskId"])
        return {"imageArn": record["arn"]}

    def _advance_import(self, record):
        from ..ec2 import vm_import

        task = vm_import.find_task(self.account_id, self.region_name, record["_waits_for_task"])
        status = vm_import.current(task)["Status"] if task else "deleted"
        if status == "completed":
            ami = task["ImageId"]
            record["outputResources"] = {"amis": [{"region": self.region_name, "image": ami, "name": record["name"],
                                                   "state": {"status": "AVAILABLE"}, "accountId": self.account_id}]}
            record["state"] = {"status": "AVAILABLE"}
        elif status in ("deleted", "deleting"):
            record["state"] = {"status": "FAILED", "reason": f"The VM import task ended: {task and task.get('StatusMessage')}"}
        else:
            record["state"] = {"status": "PENDING"}

    def import_disk_image(self, params):
        if not params["uri"].lower().endswith(".iso") or not params["uri"].startswith("s3://"):
            raise errors.ImageBuilderError("ClientException", "The uri must be s3://bucket/key ending in .iso.")
        infra = self._referenced("infrastructure-configuration", params["infrastructureConfigurationArn"])
        record = self._new_image(params["name"], params["semanticVersion"], "IMPORT_ISO", "IMPORTED", params.get("tags"))
        record.update(type="AMI", platform=params["platform"], osVersion=params["osVersion"],
                      description=params.get("description"), infrastructureConfiguration=_public(infra),
                      loggingConfiguration=params.get("loggingConfiguration"), _timeline=timeline.phases(False))
        return {"imageBuildVersionArn": record["arn"]}


def _not_now(arn, status):
    return errors.ImageBuilderError("ResourceInUseException", f"The image '{arn}' is {status}; the operation is not allowed now.")


def _os_version(recipe):
    return "Microsoft Windows Server 2022" if recipe.get("platform") == "Windows" else "Amazon Linux 2023"


def _newest_first(records):
    return sorted(records, key=lambda r: (r["name"], arns.version_key(r["_semver"]), int(r["arn"].rsplit("/", 1)[1])),
                  reverse=True)
