# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The comparable content of image and container recipes.

A recipe version is reused when every option the task sets equals the stored
value once both are normalised: the API's defaults filled in (working directory
/tmp, SSM agent kept), empty values dropped, parameters sorted by name, block
devices sorted by device name. Options the task does not set are not compared;
a new version takes them from the newest existing version.
"""

from __future__ import annotations

from typing import Any

DEFAULT_WORKING_DIRECTORY = "/tmp"

EBS_KEYS = (
    ("encrypted", "encrypted"),
    ("delete_on_termination", "deleteOnTermination"),
    ("iops", "iops"),
    ("kms_key_id", "kmsKeyId"),
    ("snapshot_id", "snapshotId"),
    ("volume_size", "volumeSize"),
    ("volume_type", "volumeType"),
    ("throughput", "throughput"),
)

IMAGE_OPTIONAL = ("description", "workingDirectory", "blockDeviceMappings", "additionalInstanceConfiguration", "amiTags",
                  "amiWatermarks")
CONTAINER_OPTIONAL = ("description", "workingDirectory", "instanceConfiguration", "kmsKeyId")


def _empty(value: Any) -> bool:
    return value is None or value in ([], {}, "")


def drop_empty(value: Any) -> Any:
    if isinstance(value, dict):
        cleaned = {k: drop_empty(v) for k, v in value.items()}
        return {k: v for k, v in cleaned.items() if not _empty(v)}
    if isinstance(value, list):
        return [drop_empty(v) for v in value]
    return value


# ---- normalisers: API form in, comparable form out
def norm_components(components: list | None) -> list:
    result = []
    for config in components or []:
        entry = {"componentArn": config["componentArn"]}
        params = sorted(config.get("parameters") or [], key=lambda p: p["name"])
        if params:
            entry["parameters"] = [{"name": p["name"], "value": [str(v) for v in p.get("value") or []]} for p in params]
        result.append(entry)
    return result


def norm_block_devices(mappings: list | None) -> list:
    result = []
    for mapping in mappings or []:
        entry = drop_empty(dict(mapping))
        if mapping.get("noDevice") is not None:  # "" suppresses a device of the parent image
            entry["noDevice"] = ""
        result.append(entry)
    return sorted(result, key=lambda m: m.get("deviceName", ""))


def norm_working_directory(path: Any) -> str:
    if _empty(path):
        return DEFAULT_WORKING_DIRECTORY
    return path.rstrip("/") or "/"


def norm_instance_configuration(config: dict | None) -> dict:
    """additionalInstanceConfiguration: the SSM agent is kept unless told otherwise."""
    config = dict(config or {})
    agent = dict(config.get("systemsManagerAgent") or {})
    result = {"systemsManagerAgent": {"uninstallAfterBuild": bool(agent.get("uninstallAfterBuild", False))}}
    if not _empty(config.get("userDataOverride")):
        result["userDataOverride"] = config["userDataOverride"]
    return result


def norm_dockerfile(text: str | None) -> str:
    """Trailing spaces and blank lines at the end are formatting, not content."""
    lines = [line.rstrip() for line in (text or "").replace("\r\n", "\n").split("\n")]
    return "\n".join(lines).strip("\n") + "\n"


def norm_container_instance(config: dict | None) -> dict:
    config = dict(config or {})
    result = {}
    if not _empty(config.get("image")):
        result["image"] = config["image"]
    if config.get("blockDeviceMappings"):
        result["blockDeviceMappings"] = norm_block_devices(config["blockDeviceMappings"])
    return result


NORMALISERS: dict[str, Any] = {
    "components": norm_components,
    "blockDeviceMappings": norm_block_devices,
    "workingDirectory": norm_working_directory,
    "additionalInstanceConfiguration": norm_instance_configuration,
    "amiTags": lambda tags: {str(k): str(v) for k, v in (tags or {}).items()},
    "dockerfileTemplateData": norm_dockerfile,
    "instanceConfiguration": norm_container_instance,
    "targetRepository": lambda repo: drop_empty(dict(repo or {})),
}


def normalise(key: str, value: Any) -> Any:
    norm = NORMALISERS.get(key)
    return norm(value) if norm else value


def content_of_resource(resource: dict, keys: tuple) -> dict:
    """A Get result projected onto the keys the task set, normalised."""
    return {key: normalise(key, resource.get(key)) for key in keys}


# ---- options -> API form
def block_devices_request(mappings: list | None) -> list | None:
    if mappings is None:
        return None
    result = []
    for mapping in mappings:
        entry = {"deviceName": mapping.get("device_name"), "virtualName": mapping.get("virtual_name")}
        if mapping.get("ebs"):
            entry["ebs"] = {key: mapping["ebs"].get(option) for option, key in EBS_KEYS}
        entry = drop_empty(entry)
        if mapping.get("no_device"):
            entry["noDevice"] = ""
        result.append(entry)
    return result


def instance_configuration_request(option: dict | None) -> dict | None:
    """additional_instance_configuration -> additionalInstanceConfiguration."""
    if option is None:
        return None
    result = {}
    agent = option.get("systems_manager_agent") or {}
    if agent.get("uninstall_after_build") is not None:
        result["systemsManagerAgent"] = {"uninstallAfterBuild": agent["uninstall_after_build"]}
    if option.get("user_data_override") is not None:
        result["userDataOverride"] = option["user_data_override"]
    return result


def desired_content(request: dict, keys: tuple) -> dict:
    """The normalised content of a request, for the keys the task set."""
    return {key: normalise(key, request[key]) for key in keys if request.get(key) is not None}


def inherited(before: dict | None, optional_keys: tuple, desired: dict) -> dict:
    """Options the task does not set, taken from the newest existing version."""
    if not before:
        return {}
    return {key: before[key] for key in optional_keys if key not in desired and not _empty(before.get(key))}
