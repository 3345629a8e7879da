"""Generated from each module's argument spec: every option, set alone on top of the required ones, must reach
the request of the call it belongs to (issue 15: no option is silently ignored).

Values come from the spec (first choice, suboptions) and from botocore's model (patterns, enums) via
model_samples. The request is caught at the call and the call is not made. The option's member is found in
the call's model by name (camelCase for Image Builder and RAM, PascalCase for EC2) unless RENAMED says
otherwise; options that another call of the module sends are in ROUTED."""

import functools
import importlib

import boto3
import botocore.client
import botocore.session
import pytest
from ansible.module_utils import basic
from ansible.module_utils.testing import patch_module_args
from botocore import xform_name

from ansible_collections.imageforge.image_builder.plugins.module_utils._core.transforms import to_camel
from ansible_collections.imageforge.image_builder.plugins.modules import container_recipe
from ansible_collections.imageforge.image_builder.plugins.modules import distribution_configuration
from ansible_collections.imageforge.image_builder.plugins.modules import image
from ansible_collections.imageforge.image_builder.plugins.modules import image_export
from ansible_collections.imageforge.image_builder.plugins.modules import image_import
from ansible_collections.imageforge.image_builder.plugins.modules import image_pipeline
from ansible_collections.imageforge.image_builder.plugins.modules import image_recipe
from ansible_collections.imageforge.image_builder.plugins.modules import infrastructure_configuration
from ansible_collections.imageforge.image_builder.plugins.modules import lifecycle_policy
from ansible_collections.imageforge.image_builder.plugins.modules import resource_share

from . import test_update_keeps_every_member as survival
from .model_samples import sample

references = survival.references  # the same fixtures: a recipe, configurations and a workflow
MODELS = {service: botocore.session.get_session().get_service_model(service) for service in ("imagebuilder", "ec2", "ram")}
MODEL = MODELS["imagebuilder"]
NOT_REQUEST = {"name", "state", "tags", "purge_tags", "wait", "wait_timeout", "wait_delay", "force", "region",
               "access_key", "secret_key", "session_token", "profile", "endpoint_url", "validate_certs", "aws_ca_bundle",
               "aws_config", "debug_botocore_endpoint_logs"}
# Modules whose create or import call itself carries these (elsewhere tags go through TagResource).
IN_REQUEST = {"image_recipe": {"tags"}, "container_recipe": {"tags"}, "distribution_configuration": {"tags"},
              "image_import": {"name", "tags"}, "image_export": {"tags"}, "resource_share": {"name", "tags"}}
# option -> the member it fills where the names differ, or None for options that choose, not fill.
RECIPE = {"version": "semanticVersion", "all_versions": None, "retain_versions": None}
RENAMED = {
    "infrastructure_configuration": {"instance_tags": "resourceTags"},
    "image_pipeline": {"image_recipe_version": None, "container_recipe_version": None, "container_recipe": None,
                       "image_recipe": "imageRecipeArn", "infrastructure_configuration": "infrastructureConfigurationArn",
                       "distribution_configuration": "distributionConfigurationArn"},
    # the run options fill StartResourceStateUpdate/CancelLifecycleExecution under state=run_started/run_cancelled
    # (integration target workflow_step_action), not the policy's create or update request
    "lifecycle_policy": {"resource_arn": None, "resource_state": None, "include_resources": None, "update_at": None,
                         "lifecycle_execution_id": None},
    "image": {"recipe": "imageRecipeArn", "infrastructure_configuration": "infrastructureConfigurationArn",
              "distribution_configuration": "distributionConfigurationArn", "image_tests_enabled": "imageTestsConfiguration",
              "image_tests_timeout_minutes": "imageTestsConfiguration", "container_recipe": None, "pipeline": None,
              "arn": None, "distribute": None, "allow_unvalidated": None, "delete_resources": None,
              "target_account_role": None, "findings_policy": None},
    "image_recipe": RECIPE,
    "container_recipe": RECIPE,
    # allow_public only lifts the check that refuses public launch permissions
    "distribution_configuration": {"allow_public": None},
    "image_import": {"s3_bucket": "DiskContainers", "s3_key": "DiskContainers", "format": "DiskContainers",
                     "additional_disks": "DiskContainers", "license_configuration_arns": "LicenseSpecifications",
                     "image_description": "description", "semantic_version": "semanticVersion"},
    "image_export": {"format": "DiskImageFormat", "s3_bucket": "S3ExportLocation", "s3_prefix": "S3ExportLocation",
                     "tags": "TagSpecifications"},
    # the purge switches only say whether to remove what the task does not list
    "resource_share": {"purge_principals": None, "purge_resources": None, "purge_permissions": None, "purge_sources": None,
                       "retain_sharing_on_account_leave_organization": "resourceShareConfiguration",
                       "permission_versions": "permissionVersion"},
}
# option -> (service, operation) for options another call of the module sends.
IMPORT_VM_IMAGE = ("imagebuilder", "ImportVmImage")
ROUTED = {
    "image_import": {"name": IMPORT_VM_IMAGE, "semantic_version": IMPORT_VM_IMAGE, "os_version": IMPORT_VM_IMAGE,
                     "image_description": IMPORT_VM_IMAGE, "logging_configuration": IMPORT_VM_IMAGE,
                     "tags": IMPORT_VM_IMAGE},
    "resource_share": {"permission_versions": ("ram", "AssociateResourceSharePermission")},
}
BUCKET = "every-option-disks"
DOCKERFILE = f"s3://{BUCKET}/docker/Dockerfile"
# Options that fill a part of a member, so the member's sample is not their value.
SCALARS = {"image_tests_enabled": False, "image_tests_timeout_minutes": 60, "version": "1.2.3", "s3_prefix": "exports/",
           "dockerfile_template_uri": DOCKERFILE, "image_description": "the Image Builder side", "format": "VHD"}
PERMISSION = "arn:aws:ram::aws:permission/AWSRAMDefaultPermissionImageBuilderImage"
# Options whose model member has another form than the option (a dict of tags, a list of ARNs, one disk source).
SCALARS.update({
    "tags": {"team": "forge"}, "permission_versions": {PERMISSION: 2},
    "resource_arns": ["arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/shared/1.0.0"],
    "license_configuration_arns": ["arn:aws:license-manager:us-east-1:123456789012:license-configuration:lic-0a1b"],
    "client_data": {"comment": "imported by the every-option test", "upload_size": 2.5},
    "additional_disks": [{"s3_bucket": BUCKET, "s3_key": "disks/data.vmdk", "format": "VMDK", "device_name": "/dev/sdb",
                          "description": "data disk"}],
})
# option -> the base option it replaces (mutually exclusive)
REPLACES = {"dockerfile_template_uri": "dockerfile_template_data"}
# module.option -> the other options it works with
WITH = {"resource_share.permission_versions": {"permission_arns": [PERMISSION]},
        "image_import.kms_key_id": {"encrypted": True}}


def components(refs):
    return [{"arn": refs["componentArn"]}]


CASES = [
    (infrastructure_configuration, "CreateInfrastructureConfiguration", lambda r: {"instance_profile_name": "p"}),
    (image_pipeline, "CreateImagePipeline", lambda r: {"image_recipe": r["imageRecipeArn"],
                                                       "infrastructure_configuration": r["infrastructureConfigurationArn"]}),
    (lifecycle_policy, "CreateLifecyclePolicy", lambda r: {
        "execution_role": "role", "resource_type": "AMI_IMAGE", "resource_selection": {"tag_map": {"a": "b"}},
        "policy_details": [{"action": {"type": "DELETE"}, "filter": {"type": "COUNT", "value": 5}}]}),
    (image, "CreateImage", lambda r: {"recipe": r["imageRecipeArn"],
                                      "infrastructure_configuration": r["infrastructureConfigurationArn"], "wait": False}),
    (image_recipe, "CreateImageRecipe", lambda r: {"parent_image": survival.PARENT, "components": components(r)}),
    (container_recipe, "CreateContainerRecipe", lambda r: {
        "parent_image": "amazonlinux:latest", "components": components(r), "target_repository": {"repository_name": "repo"},
        "dockerfile_template_data": "FROM {{{ imagebuilder:parentImage }}}\n{{{ imagebuilder:environments }}}\n"
                                    "{{{ imagebuilder:components }}}\n"}),
    (distribution_configuration, "CreateDistributionConfiguration", lambda r: {"distributions": [{"region": "us-east-1"}]}),
    (image_import, ("ec2", "ImportImage"), lambda r: {
        "s3_bucket": BUCKET, "s3_key": "disks/app.vmdk", "semantic_version": "1.0.0", "wait": False}),
    (image_export, ("ec2", "ExportImage"), lambda r: {"image_id": "ami-0123456789abcdef0", "s3_bucket": BUCKET}),
    (resource_share, ("ram", "CreateResourceShare"), lambda r: {}),
]


@pytest.fixture
def refs(references):
    """The survival fixtures, plus their component, and an S3 bucket with a disk and a Dockerfile."""
    ib = boto3.client("imagebuilder", region_name="us-east-1")
    component = ib.list_components(owner="Self")["componentVersionList"][0]["arn"]
    s3 = boto3.client("s3", region_name="us-east-1")
    s3.create_bucket(Bucket=BUCKET)
    s3.put_object(Bucket=BUCKET, Key="disks/app.vmdk", Body=b"disk")
    s3.put_object(Bucket=BUCKET, Key="docker/Dockerfile", Body=b"FROM {{{ imagebuilder:parentImage }}}\n")
    return dict(references, componentArn=component)


class SpecCaught(BaseException):
    pass


@functools.lru_cache(maxsize=None)
def _spec(name):
    module = importlib.import_module(f"ansible_collections.imageforge.image_builder.plugins.modules.{name}")
    original = basic.AnsibleModule.__init__

    def capture(self, *args, **kwargs):
        raise SpecCaught(kwargs["argument_spec"])

    basic.AnsibleModule.__init__ = capture
    try:
        with patch_module_args({}):
            module.main()
    except SpecCaught as caught:
        return caught.args[0]
    finally:
        basic.AnsibleModule.__init__ = original
    raise AssertionError(f"{name}: no argument spec")


def argument_spec(name):
    return _spec(name)


class Caught(BaseException):
    def __init__(self, params):
        super().__init__("caught")
        self.params = params


def camel(option):
    return next(iter(to_camel({option: None})))


def option_value(entry, shape, references, member=""):
    """A value for one option: its suboptions filled recursively, else the model's sample of its member."""
    if entry.get("options"):
        inner = shape.member if shape is not None and shape.type_name == "list" else shape
        one = {sub: option_value(spec, inner.members.get(camel(sub)) if inner is not None and inner.type_name == "structure"
                                 else None, references, camel(sub)) for sub, spec in entry["options"].items()}
        one = {k: v for k, v in one.items() if v is not None}
        return [one] if entry.get("type") == "list" else one
    if entry.get("choices"):
        return [entry["choices"][0]] if entry.get("type") == "list" else entry["choices"][0]
    if entry.get("type") == "bool" and shape is not None and shape.type_name != "boolean":
        return True  # a switch the module turns into the member's own form (no_device -> noDevice: "")
    if shape is not None:
        value = sample(shape, member, references)
        return value if entry.get("type") != "str" or isinstance(value, str) else str(value)
    return {"str": "x", "int": 1, "bool": False, "list": ["x"], "dict": {"k": "v"}}.get(entry.get("type", "str"), "x")


def call_of(name, operation, option):
    """(service, operation) whose request the option must reach."""
    default = operation if isinstance(operation, tuple) else ("imagebuilder", operation)
    return ROUTED.get(name, {}).get(option, default)


def member_of(name, option, shape):
    """The member an option fills: RENAMED, else the model's member of the same name in any case style."""
    if RENAMED[name].get(option):
        return RENAMED[name][option]
    flat = option.replace("_", "")
    return next((m for m in shape.members if m.lower() == flat), camel(option))


def cases():
    for module, operation, base in CASES:
        name = module.__name__.rsplit(".", 1)[-1]
        for option in sorted(argument_spec(name)):
            if (option not in NOT_REQUEST or option in IN_REQUEST.get(name, ())) and RENAMED[name].get(option, "") is not None:
                yield pytest.param(module, operation, base, option, id=f"{name}.{option}")


# Suboptions whose value the module sends in the member's own form (the switch no_device as noDevice: "").
OWN_FORM = {"no_device"}


def leaves(value):
    """The scalars inside a value, but for OWN_FORM suboptions."""
    if isinstance(value, dict):
        return [leaf for key, inner in value.items() if key not in OWN_FORM for leaf in leaves(inner)]
    if isinstance(value, list):
        return [leaf for inner in value for leaf in leaves(inner)]
    return [value]


@pytest.mark.parametrize("module,operation,base,option", list(cases()))
def test_option_reaches_the_request(run_module, refs, monkeypatch, module, operation, base, option):
    name = module.__name__.rsplit(".", 1)[-1]
    service, operation = call_of(name, operation, option)
    shape = MODELS[service].operation_model(operation).input_shape
    member = member_of(name, option, shape)
    args = dict(base(refs), name="every-option")
    if name in ("image", "image_export"):
        args.pop("name")
    args.pop(REPLACES.get(option), None)
    args.update(WITH.get(f"{name}.{option}", {}))
    if option in args:
        value = args[option]
    elif option in SCALARS:
        value = args[option] = SCALARS[option]
    else:
        value = args[option] = option_value(argument_spec(name)[option], shape.members.get(member), refs, member)
    original = botocore.client.BaseClient._make_api_call

    def catch(self, operation_name, params):
        if operation_name == operation and self.meta.service_model.service_name == service:
            raise Caught(params)
        return original(self, operation_name, params)

    monkeypatch.setattr(botocore.client.BaseClient, "_make_api_call", catch)
    with pytest.raises(Caught) as caught:
        result = run_module(module, args)
        pytest.fail(f"{operation} was not called: {result.get('msg')}")
    sent = caught.value.params.get(member)
    assert sent not in (None, {}, []), f"{option}={value!r} did not reach {xform_name(operation)}"
    found = set(map(repr, leaves(sent)))
    missing = [leaf for leaf in leaves(value) if repr(leaf) not in found]
    assert not missing, f"{option}: {missing} did not reach {xform_name(operation)}'s {member}: {sent!r}"


def test_a_value_outside_the_model_fails_before_any_call_naming_the_option(run_module, api_calls):
    result = run_module(infrastructure_configuration, {"name": "bad", "instance_profile_name": "p",
                                                       "sns_topic_arn": "topic"})
    assert result["failed"] and "sns_topic_arn is 'topic'; it must match" in result["msg"]
    assert [op for _service, op in api_calls if op.startswith(("Create", "Update", "Tag"))] == []
