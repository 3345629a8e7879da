"""Generated from each module's argument spec: every option, set alone on top of the required ones, must reach
the request of the call it belongs to (issue 15: no option is silently ignored).

Values come from the spec (first choice, suboptions) and from botocore's model (patterns, enums) via
model_samples. The request is caught at the call and the call is not made."""

import functools
import importlib

import botocore.client
import botocore.session
import pytest
from ansible.module_utils import basic
from ansible.module_utils.testing import patch_module_args
from botocore import xform_name

from ansible_collections.imageforge.image_builder.plugins.module_utils.transforms import to_camel
from ansible_collections.imageforge.image_builder.plugins.modules import image
from ansible_collections.imageforge.image_builder.plugins.modules import image_pipeline
from ansible_collections.imageforge.image_builder.plugins.modules import infrastructure_configuration
from ansible_collections.imageforge.image_builder.plugins.modules import lifecycle_policy

from . import test_update_keeps_every_member as survival
from .model_samples import sample

references = survival.references  # the same fixtures: a recipe, configurations and a workflow
MODEL = botocore.session.get_session().get_service_model("imagebuilder")
NOT_REQUEST = {"name", "state", "tags", "purge_tags", "wait", "wait_timeout", "wait_delay", "force", "region",
               "access_key", "secret_key", "session_token", "profile", "endpoint_url", "validate_certs", "aws_ca_bundle",
               "aws_config", "debug_botocore_endpoint_logs"}
# option -> the member it fills where the names differ, or None for options that choose, not fill.
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
}
# Options that fill a part of a member, so the member's sample is not their value.
SCALARS = {"image_tests_enabled": False, "image_tests_timeout_minutes": 60}
CASES = [
    (infrastructure_configuration, "CreateInfrastructureConfiguration", lambda r: {"instance_profile_name": "p"}),
    (image_pipeline, "CreateImagePipeline", lambda r: {"image_recipe": r["imageRecipeArn"],
                                                       "infrastructure_configuration": r["infrastructureConfigurationArn"]}),
    (lifecycle_policy, "CreateLifecyclePolicy", lambda r: {
        "execution_role": "role", "resource_type": "AMI_IMAGE", "resource_selection": {"tag_map": {"a": "b"}},
        "policy_details": [{"action": {"type": "DELETE"}, "filter": {"type": "COUNT", "value": 5}}]}),
    (image, "CreateImage", lambda r: {"recipe": r["imageRecipeArn"],
                                      "infrastructure_configuration": r["infrastructureConfigurationArn"], "wait": False}),
]


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
    if shape is not None:
        value = sample(shape, member, references)
        return value if entry.get("type") != "str" or isinstance(value, str) else str(value)
    return {"str": "x", "int": 1, "bool": False, "list": ["x"], "dict": {"k": "v"}}.get(entry.get("type", "str"), "x")


def cases():
    for module, operation, base in CASES:
        name = module.__name__.rsplit(".", 1)[-1]
        for option in sorted(argument_spec(name)):
            if option not in NOT_REQUEST and RENAMED[name].get(option, "") is not None:
                yield pytest.param(module, operation, base, option, id=f"{name}.{option}")


@pytest.mark.parametrize("module,operation,base,option", list(cases()))
def test_option_reaches_the_request(run_module, references, monkeypatch, module, operation, base, option):
    name = module.__name__.rsplit(".", 1)[-1]
    member = RENAMED[name].get(option) or camel(option)
    shape = MODEL.operation_model(operation).input_shape
    args = dict(base(references), name="every-option")
    if name == "image":
        args.pop("name")
    if option in args:
        value = args[option]
    elif option in SCALARS:
        value = args[option] = SCALARS[option]
    else:
        value = args[option] = option_value(argument_spec(name)[option], shape.members.get(member), references, member)
    original = botocore.client.BaseClient._make_api_call

    def catch(self, operation_name, params):
        if operation_name == operation:
            raise Caught(params)
        return original(self, operation_name, params)

    monkeypatch.setattr(botocore.client.BaseClient, "_make_api_call", catch)
    with pytest.raises(Caught) as caught:
        result = run_module(module, args)
        pytest.fail(f"{operation} was not called: {result.get('msg')}")
    assert caught.value.params.get(member) not in (None, {}, []), f"{option}={value!r} did not reach {xform_name(operation)}"


def test_a_value_outside_the_model_fails_before_any_call_naming_the_option(run_module, api_calls):
    result = run_module(infrastructure_configuration, {"name": "bad", "instance_profile_name": "p",
                                                       "sns_topic_arn": "topic"})
    assert result["failed"] and "sns_topic_arn is 'topic'; it must match" in result["msg"]
    assert [op for _service, op in api_calls if op.startswith(("Create", "Update", "Tag"))] == []
