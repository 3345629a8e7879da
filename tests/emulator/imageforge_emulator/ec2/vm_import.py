"""VM Import/Export, which moto lacks: ImportImage, ImportSnapshot, CancelImportTask, ExportImage
and their Describe* calls. A task's status and progress come from its start time on every read;
on completion the AMI (with its snapshot), the snapshot, or the exported S3 object appears.

Tasks live on moto's EC2 backend of the account and region, so a moto reset clears them."""

import random

from moto.core.responses import ActionResult
from moto.ec2.exceptions import EC2ClientError
from moto.ec2.models import ec2_backends
from moto.ec2.responses import EC2Response

from ..imagebuilder import image_timeline as timeline

IMPORT_STEPS = ((0.0, "pending", "2"), (0.2, "converting", "28"), (0.5, "updating", "54"),
                (0.7, "booting", "74"), (0.85, "preparing ami", "88"))
SOURCE_FORMATS = ("OVA", "VMDK", "VHD", "VHDX", "RAW")


def _tasks(backend):
    if not hasattr(backend, "imageforge_vm_tasks"):
        backend.imageforge_vm_tasks = {}
    return backend.imageforge_vm_tasks


def find_task(account, region, task_id):
    regions = ec2_backends[account]
    return _tasks(regions[region]).get(task_id)


def _task_id(prefix):
    return f"{prefix}-{random.getrandbits(68):017x}"


def _s3_object(account, url=None, bucket=None, key=None):
    """True when the S3 object exists in moto's S3 (any account's bucket, by name)."""
    from moto.s3.models import s3_backends

    if url:
        bucket, _sep, key = url.removeprefix("s3://").partition("/")
    for regions in s3_backends.values():
        for backend in regions.values():
            found = backend.buckets.get(bucket)
            if found is not None:
                return key in found.keys
    return False


def current(task):
    """Advance the task to now; returns it (with Status, StatusMessage, Progress)."""
    if task["Status"] != "active":
        return task
    share = (timeline.clock() - task["_started"]) / max(task["_seconds"], 0.001)
    if share >= 1.0:
        task["_finish"](task)
        task.pop("Progress", None)
        if task["Status"] == "completed":
            task.pop("StatusMessage", None)
        return task
    for start, message, progress in task["_steps"]:
        if share >= start:
            task["StatusMessage"], task["Progress"] = message, progress
    return task


def _public(task):
    return {k: v for k, v in current(task).items() if not k.startswith("_")}


def _tags(self, resource_type):
    for spec in self._get_param("TagSpecifications") or []:
        if spec.get("ResourceType") == resource_type:
            return [{"Key": t["Key"], "Value": t["Value"]} for t in spec.get("Tags") or []]
    return []


def _source(container):
    bucket = container.get("UserBucket") or {}
    url = container.get("Url") or (f"s3://{bucket.get('S3Bucket')}/{bucket.get('S3Key')}" if bucket else None)
    if not url:
        raise EC2ClientError("InvalidParameter", "A disk container needs Url or UserBucket.")
    fmt = (container.get("Format") or url.rsplit(".", 1)[-1]).upper()
    if fmt not in SOURCE_FORMATS:
        raise EC2ClientError("InvalidParameter", f"The disk format '{fmt}' is not supported: {', '.join(SOURCE_FORMATS)}.")
    return url, fmt, bucket


def _new_task(finish, steps=IMPORT_STEPS):
    return {"_started": timeline.clock(), "_seconds": timeline.build_seconds(), "_finish": finish, "_steps": steps,
            "Status": "active", "StatusMessage": steps[0][1], "Progress": steps[0][2]}


def _snapshot(backend, description):
    volume = backend.create_volume(size=8, zone_name=f"{backend.region_name}a")
    snapshot = backend.create_snapshot(volume.id, description)
    backend.delete_volume(volume.id)
    return snapshot


def import_image(self):
    self.error_on_dryrun()
    backend = self.ec2_backend
    containers = self._get_param("DiskContainers") or []
    if not containers:
        raise EC2ClientError("InvalidParameter", "DiskContainers is required.")
    sources = [_source(c) for c in containers]
    task_id = _task_id("import-ami")

    def finish(task):
        missing = [url for url, _fmt, _bucket in sources if not _s3_object(backend.account_id, url=url)]
        if missing:
            task.update(Status="deleted", StatusMessage=f"ClientError: Unable to read the disk image {missing[0]}")
            return
        ami = backend.register_image(f"import-ami-{task_id.split('-')[-1]}", task.get("Description") or "")
        ami.platform = None if task.get("Platform") != "Windows" else "windows"
        task["ImageId"] = ami.id
        for detail in task["SnapshotDetails"]:
            detail.update(Status="completed", SnapshotId=ami.ebs_snapshot.id)
        task["Status"] = "completed"

    task = _new_task(finish)
    task.update(ImportTaskId=task_id, Description=self._get_param("Description"), Platform=self._get_param("Platform"),
                Architecture=self._get_param("Architecture") or "x86_64", BootMode=self._get_param("BootMode"),
                Tags=_tags(self, "import-image-task"),
                SnapshotDetails=[{"Url": url, "Format": fmt, "UserBucket": bucket, "DiskImageSize": 8589934592.0,
                                  "Status": "active"} for url, fmt, bucket in sources])
    _tasks(backend)[task_id] = task
    return ActionResult({k: v for k, v in task.items() if not k.startswith("_")})


def import_snapshot(self):
    self.error_on_dryrun()
    backend = self.ec2_backend
    url, fmt, bucket = _source(self._get_param("DiskContainer") or {})
    task_id = _task_id("import-snap")

    def finish(task):
        detail = task["SnapshotTaskDetail"]
        if not _s3_object(backend.account_id, url=url):
            task["Status"] = detail["Status"] = "deleted"
            detail["StatusMessage"] = f"ClientError: Unable to read the disk image {url}"
            return
        detail.update(Status="completed", SnapshotId=_snapshot(backend, f"Created by {task_id}").id)
        detail.pop("Progress", None)
        task["Status"] = "completed"

    task = _new_task(finish)
    task.update(ImportTaskId=task_id, Description=self._get_param("Description"), Tags=_tags(self, "import-snapshot-task"),
                SnapshotTaskDetail={"Url": url, "Format": fmt, "UserBucket": bucket, "Status": "active",
                                    "DiskImageSize": 8589934592.0})
    _tasks(backend)[task_id] = task
    return ActionResult({k: task[k] for k in ("ImportTaskId", "Description", "SnapshotTaskDetail", "Tags")})


def _describe(self, prefix, ids_param, list_key):
    ids = self._get_param(ids_param) or []
    tasks = [t for t in _tasks(self.ec2_backend).values() if t.get(_id_key(prefix), "").startswith(prefix)]
    if ids:
        unknown = [i for i in ids if i not in _tasks(self.ec2_backend)]
        if unknown:
            raise EC2ClientError("InvalidConversionTaskId.Malformed", f"The task ID '{unknown[0]}' does not exist.")
        tasks = [t for t in tasks if t[_id_key(prefix)] in ids]
    tasks = [_public(t) for t in tasks]
    for flt in self._get_param("Filters") or []:
        name, values = flt.get("Name"), flt.get("Values") or []
        if name == "task-state":
            tasks = [t for t in tasks if t["Status"] in values]
        elif name and name.startswith("tag:"):
            tasks = [t for t in tasks if any(x["Key"] == name[4:] and x["Value"] in values for x in t.get("Tags") or [])]
    if prefix == "import-snap":
        tasks = [{k: t[k] for k in ("ImportTaskId", "Description", "SnapshotTaskDetail", "Tags") if k in t}
                 for t in tasks]
    return ActionResult({list_key: tasks})


def _id_key(prefix):
    return "ExportImageTaskId" if prefix == "export-ami" else "ImportTaskId"


def describe_import_image_tasks(self):
    return _describe(self, "import-ami", "ImportTaskIds", "ImportImageTasks")


def describe_import_snapshot_tasks(self):
    return _describe(self, "import-snap", "ImportTaskIds", "ImportSnapshotTasks")


def describe_export_image_tasks(self):
    return _describe(self, "export-ami", "ExportImageTaskIds", "ExportImageTasks")


def cancel_import_task(self):
    self.error_on_dryrun()
    task_id = self._get_param("ImportTaskId")
    task = _tasks(self.ec2_backend).get(task_id)
    if task is None:
        raise EC2ClientError("InvalidConversionTaskId", f"The task ID '{task_id}' does not exist.")
    previous = current(task)["Status"]
    if previous != "active":
        raise EC2ClientError("IncorrectState", f"The import task '{task_id}' is {previous} and cannot be cancelled.")
    task.update(Status="deleted", StatusMessage=self._get_param("CancelReason") or "User cancelled the task")
    return ActionResult({"ImportTaskId": task_id, "PreviousState": previous, "State": "deleting"})


def export_image(self):
    self.error_on_dryrun()
    backend = self.ec2_backend
    image_id = self._get_param("ImageId")
    backend.describe_images(ami_ids=[image_id])  # InvalidAMIID.NotFound as in AWS
    location = self._get_param("S3ExportLocation") or {}
    fmt = self._get_param("DiskImageFormat")
    if fmt not in ("VMDK", "RAW", "VHD"):
        raise EC2ClientError("InvalidParameter", f"DiskImageFormat must be VMDK, RAW or VHD, not '{fmt}'.")
    from moto.s3.models import s3_backends

    s3 = s3_backends[backend.account_id]["aws"]
    if location.get("S3Bucket") not in s3.buckets:
        raise EC2ClientError("InvalidParameter", f"The S3 bucket '{location.get('S3Bucket')}' does not exist.")
    task_id = _task_id("export-ami")
    key = f"{location.get('S3Prefix') or ''}{task_id}.{fmt.lower()}"

    def finish(task):
        s3.put_object(location["S3Bucket"], key, f"{fmt} disk of {image_id}\n".encode())
        task["Status"] = "completed"

    steps = ((0.0, "pending", "0"), (0.3, "exporting", "40"), (0.8, "uploading", "85"))
    task = _new_task(finish, steps)
    task.update(ExportImageTaskId=task_id, ImageId=image_id, Description=self._get_param("Description"),
                S3ExportLocation=location, Tags=_tags(self, "export-image-task"))
    _tasks(backend)[task_id] = task
    result = {k: v for k, v in task.items() if not k.startswith("_")}
    result.update(DiskImageFormat=fmt, RoleName=self._get_param("RoleName") or "vmimport")
    return ActionResult(result)


def apply():
    for handler in (import_image, import_snapshot, describe_import_image_tasks, describe_import_snapshot_tasks,
                    cancel_import_task, export_image, describe_export_image_tasks):
        setattr(EC2Response, handler.__name__, handler)
