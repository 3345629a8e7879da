import datetime

import botocore.session

from ansible_collections.imageforge.image_builder.plugins.module_utils._core.transforms import canonical_json
from ansible_collections.imageforge.image_builder.plugins.module_utils._core.transforms import to_camel
from ansible_collections.imageforge.image_builder.plugins.module_utils._core.transforms import to_snake
from ansible_collections.imageforge.image_builder.plugins.module_utils._reconcilers.updatable import UpdatableReconciler
from ansible_collections.imageforge.image_builder.plugins.module_utils._reconcilers.updatable import merge

INFRA = botocore.session.get_session().get_service_model("imagebuilder").operation_model(
    "UpdateInfrastructureConfiguration").input_shape


def test_to_snake_keeps_user_tag_keys_and_dates_become_text():
    result = to_snake({"imageRecipeArn": "a", "tags": {"CostCenter": "1"}, "dateCreated": datetime.datetime(2026, 1, 2)})
    assert result == {"image_recipe_arn": "a", "tags": {"CostCenter": "1"}, "date_created": "2026-01-02T00:00:00"}


def test_to_camel_keeps_user_tag_keys():
    assert to_camel({"instance_types": ["t3.micro"], "resource_tags": {"my_key": "v"}}) == {
        "instanceTypes": ["t3.micro"],
        "resourceTags": {"my_key": "v"},
    }


def test_canonical_json_ignores_key_order():
    assert canonical_json({"b": 1, "a": [1, {"y": 2, "x": 1}]}) == canonical_json({"a": [1, {"x": 1, "y": 2}], "b": 1})


def test_merge_keeps_what_the_task_did_not_set():
    current = {"instanceTypes": ["t3.micro"], "logging": {"s3Logs": {"s3BucketName": "b", "s3KeyPrefix": "p"}}, "snsTopicArn": "arn:sns"}
    desired = {"instanceTypes": ["m5.large"], "logging": {"s3Logs": {"s3KeyPrefix": "q"}}, "snsTopicArn": None}
    assert merge(current, desired) == {
        "instanceTypes": ["m5.large"],
        "logging": {"s3Logs": {"s3BucketName": "b", "s3KeyPrefix": "q"}},
        "snsTopicArn": "arn:sns",
    }


def test_updatable_plan_is_none_when_only_unset_options_differ():
    rec = UpdatableReconciler(module=None, kind="infrastructure configuration", shape=INFRA)
    resource = {"instanceTypes": ["t3.micro"], "snsTopicArn": "arn:sns", "description": "d", "dateCreated": "x"}
    action, request, diff = rec.plan(resource, {"instanceTypes": ["t3.micro"], "description": None})
    assert action == "none" and diff is None and request["snsTopicArn"] == "arn:sns"


def test_updatable_plan_update_sends_every_current_field_and_lists_changes():
    rec = UpdatableReconciler(module=None, kind="x", shape=INFRA)
    action, request, diff = rec.plan({"instanceTypes": ["t3.micro"], "snsTopicArn": "arn:sns"}, {"instanceTypes": ["m5.large"]})
    assert action == "update"
    assert request == {"instanceTypes": ["m5.large"], "snsTopicArn": "arn:sns"}
    assert diff["changes"] == ['instanceTypes: ["t3.micro"] -> ["m5.large"]']
