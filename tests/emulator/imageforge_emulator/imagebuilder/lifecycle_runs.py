"""Lifecycle runs: StartResourceStateUpdate, CancelLifecycleExecution, ListLifecycleExecutions,
GetLifecycleExecution, ListLifecycleExecutionResources.

A run started by StartResourceStateUpdate is IN_PROGRESS with no resources until its `updateAt`
(default: at once); then it applies the state to the image and, per `includeResources`, to its
AMIs and snapshots in every region of this account, lists them as resources and ends SUCCESS.

Sources (aws-cli awscli/examples/imagebuilder/):
- start-resource-state-update.rst: returns lifecycleExecutionId `lce-...` and resourceArn; updateAt schedules
- list-lifecycle-executions.rst: a run started this way has no lifecyclePolicyArn; IN_PROGRESS until applied
- list-lifecycle-execution-resources.rst: a scheduled update that has not started lists no resources
- botocore imagebuilder service-2.json: LifecycleExecutionResourceActionName AVAILABLE|DELETE|DEPRECATE|DISABLE
"""

import time
import uuid
from datetime import datetime, timezone

from . import errors
from .core import CoreBackend
from .registry import backend_part

ACTION_OF = {"AVAILABLE": "AVAILABLE", "DELETED": "DELETE", "DEPRECATED": "DEPRECATE", "DISABLED": "DISABLE"}
ENDED = ("CANCELLED", "FAILED", "SUCCESS")


def _stamp(seconds):
    return datetime.fromtimestamp(seconds, timezone.utc)


def _epoch(value):
    if value is None:
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, datetime):
        return value.timestamp()
    return datetime.fromisoformat(str(value).replace("Z", "+00:00")).timestamp()


@backend_part
class LifecycleRuns(CoreBackend):
    def _runs(self):
        runs = self.__dict__.setdefault("lifecycle_runs", {})
        for run in runs.values():
            if run["state"]["status"] == "IN_PROGRESS" and time.time() >= run["_apply_at"]:
                self._apply(run)
        return runs

    def start_resource_state_update(self, params):
        def start():
            arn = params["resourceArn"]
            if arn not in self.records("image"):
                raise errors.not_found(arn)
            run_id = f"lce-{uuid.uuid4()}"
            self.__dict__.setdefault("lifecycle_runs", {})[run_id] = {
                "lifecycleExecutionId": run_id, "resourcesImpactedSummary": {"hasImpactedResources": False},
                "state": {"status": "IN_PROGRESS"}, "startTime": _stamp(time.time()), "_resource": arn,
                "_status": params["state"]["status"], "_include": params.get("includeResources") or {},
                "_apply_at": _epoch(params.get("updateAt")) or time.time(), "_resources": [],
            }
            return {"lifecycleExecutionId": run_id, "resourceArn": arn}

        return self._once("StartResourceStateUpdate", params, start)

    def _apply(self, run):
        from moto.ec2.models import ec2_backends

        image = self.records("image").get(run["_resource"])
        action, include, resources = ACTION_OF[run["_status"]], run["_include"], []
        for ami in ((image or {}).get("outputResources") or {}).get("amis") or []:
            if ami.get("accountId", self.account_id) != self.account_id or not include.get("amis"):
                continue
            backend = ec2_backends[self.account_id][ami["region"]]
            found = backend.amis.get(ami["image"])
            snapshots = [found.ebs_snapshot.id] if found is not None and getattr(found, "ebs_snapshot", None) else []
            if found is not None:
                _ec2_effect(backend, found, action, include.get("snapshots"))
            resource = {"accountId": self.account_id, "resourceId": ami["image"], "region": ami["region"],
                        "state": {"status": "SUCCESS" if found is not None else "SKIPPED"},
                        "action": {"name": action}, "startTime": _stamp(run["_apply_at"]),
                        "endTime": _stamp(time.time())}
            if include.get("snapshots"):
                resource["snapshots"] = [{"snapshotId": s, "state": {"status": "SUCCESS"}} for s in snapshots]
            resources.append(resource)
        if image is not None:
            image["state"] = {"status": run["_status"]}
        run["_resources"] = resources
        run["resourcesImpactedSummary"] = {"hasImpactedResources": bool(resources)}
        run["state"] = {"status": "SUCCESS"}
        run["endTime"] = _stamp(time.time())

    def _run(self, run_id):
        run = self._runs().get(run_id)
        if run is None:
            raise errors.invalid_request(f"The lifecycle execution '{run_id}' does not exist.")
        return run

    @staticmethod
    def _view(run):
        return {k: v for k, v in run.items() if not k.startswith("_")}

    def cancel_lifecycle_execution(self, params):
        def cancel():
            run = self._run(params["lifecycleExecutionId"])
            if run["state"]["status"] in ENDED:
                raise errors.ImageBuilderError("ResourceInUseException", (
                    f"The lifecycle execution '{run['lifecycleExecutionId']}' is {run['state']['status']}; "
                    "only a run in progress can be cancelled."))
            run["state"] = {"status": "CANCELLED", "reason": "Cancelled by CancelLifecycleExecution."}
            run["endTime"] = _stamp(time.time())
            return {"lifecycleExecutionId": run["lifecycleExecutionId"]}

        return self._once("CancelLifecycleExecution", params, cancel)

    def list_lifecycle_executions(self, params):
        arn = params["resourceArn"]
        runs = [r for r in self._runs().values() if arn in (r["_resource"], r.get("lifecyclePolicyArn"))]
        runs.sort(key=lambda r: r["startTime"], reverse=True)
        return self.page([self._view(r) for r in runs], params, "lifecycleExecutions")

    def get_lifecycle_execution(self, params):
        return {"lifecycleExecution": self._view(self._run(params["lifecycleExecutionId"]))}

    def list_lifecycle_execution_resources(self, params):
        run = self._run(params["lifecycleExecutionId"])
        resources = run["_resources"]
        if params.get("parentResourceId"):
            resources = [r for r in resources if r["resourceId"] == params["parentResourceId"]]
        return dict(self.page(resources, params, "resources"), lifecycleExecutionId=run["lifecycleExecutionId"],
                    lifecycleExecutionState=run["state"])


def _ec2_effect(backend, ami, action, with_snapshots):
    if action == "DEPRECATE":
        ami.deprecation_time = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.000Z")
    elif action == "DISABLE":
        ami.state = "disabled"
    elif action == "AVAILABLE":
        ami.state, ami.deprecation_time = "available", None
    elif action == "DELETE":
        snapshot = getattr(ami, "ebs_snapshot", None)
        backend.deregister_image(ami.id)
        if with_snapshots and snapshot is not None:
            backend.delete_snapshot(snapshot.id)
