# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""ami_lifecycle: which AMIs are kept, deprecation times, and removing an AMI with its snapshots."""

from __future__ import annotations

import datetime
from types import SimpleNamespace

import pytest
from botocore.exceptions import ClientError

from ansible_collections.imageforge.image_builder.plugins.module_utils._amis import ami_retention as retention

from .ami_fakes import Failed, FakeEc2, FakeModule, ami

NOW = datetime.datetime(2024, 6, 30, 12, 0, tzinfo=datetime.timezone.utc)


def images_aged(*days):
    """Newest first, as ami_lifecycle lists them."""
    return [ami(f"ami-{d}", created=(NOW - datetime.timedelta(days=d)).strftime("%Y-%m-%dT%H:%M:%S.000Z")) for d in days]


def ids(images):
    return [i["ImageId"] for i in images]


@pytest.mark.parametrize("keep_newest, keep_days, kept", [
    (2, None, ["ami-1", "ami-5"]),
    (None, 10, ["ami-1", "ami-5"]),
    (1, 10, ["ami-1", "ami-5"]),
    (4, 3, ["ami-1", "ami-5", "ami-20", "ami-40"]),
    (0, None, []),
    (None, None, ["ami-1", "ami-5", "ami-20", "ami-40", "ami-90"]),
])
def test_an_image_is_kept_when_either_rule_keeps_it(keep_newest, keep_days, kept):
    images = images_aged(1, 5, 20, 40, 90)
    kept_images, expired = retention.select(images, keep_newest, keep_days, NOW)
    assert ids(kept_images) == kept
    assert ids(expired) == [i for i in ids(images) if i not in kept]


def test_deprecation_time_is_days_after_creation_to_the_minute():
    image = {"CreationDate": "2024-01-15T08:30:45.123Z"}
    assert retention.deprecation_time(image, 30) == "2024-02-14T08:30:00.000Z"


@pytest.mark.parametrize("a, b, same", [
    ("2024-02-14T08:30:00.000Z", "2024-02-14T08:30:00Z", True),
    ("2024-02-14T08:30:00.000Z", "2024-02-14T08:30:59.000Z", True),
    ("2024-02-14T08:30:00.000Z", "2024-02-14T08:31:00.000Z", False),
    (None, "2024-02-14T08:30:00.000Z", False),
    (None, None, False),
])
def test_same_time_compares_to_the_minute(a, b, same):
    assert retention.same_time(a, b) is same


class DeregisteringEc2(FakeEc2):
    """An EC2 client whose botocore model does or does not know DeleteAssociatedSnapshots."""

    def __init__(self, knows_option, deregister_answer=None, deregister_error=None):
        super().__init__()
        members = {"ImageId": None, "DryRun": None}
        if knows_option:
            members["DeleteAssociatedSnapshots"] = None
        operation = SimpleNamespace(input_shape=SimpleNamespace(members=members))
        self.meta = SimpleNamespace(service_model=SimpleNamespace(operation_model={"DeregisterImage": operation}.get))
        self.deregister_answer, self.deregister_error = deregister_answer or {"Return": True}, deregister_error

    def deregister_image(self, aws_retry, **params):
        self.log("deregister_image", params)
        if self.deregister_error:
            raise self.deregister_error
        return self.deregister_answer


IMAGE = ami("ami-old", ["snap-1", "snap-2"])


def results(**codes):
    return {"Return": True, "DeleteSnapshotResults": [{"SnapshotId": s.replace("_", "-"), "ReturnCode": c}
                                                      for s, c in codes.items()]}


def test_with_the_option_one_deregister_deletes_the_snapshots():
    client = DeregisteringEc2(True, results(snap_1="success", snap_2="success"))
    assert retention.remove_image(FakeModule({}, {}), client, IMAGE) == ["snap-1", "snap-2"]
    assert client.writes() == [("deregister_image", {"ImageId": "ami-old", "DeleteAssociatedSnapshots": True})]


def test_snapshots_the_deregister_failed_to_delete_are_deleted_explicitly():
    client = DeregisteringEc2(True, results(snap_1="success", snap_2="internal-error"))
    retention.remove_image(FakeModule({}, {}), client, IMAGE)
    assert client.called("delete_snapshot") == [{"SnapshotId": "snap-2"}]


def test_a_snapshot_another_ami_still_uses_is_kept_and_not_reported_deleted():
    client = DeregisteringEc2(True, results(snap_1="success", snap_2="skipped"))
    assert retention.remove_image(FakeModule({}, {}), client, IMAGE) == ["snap-1"]
    assert client.called("delete_snapshot") == []


def test_an_endpoint_that_ignored_the_option_gets_explicit_snapshot_deletes():
    client = DeregisteringEc2(True, {"Return": True})
    retention.remove_image(FakeModule({}, {}), client, IMAGE)
    assert client.called("delete_snapshot") == [{"SnapshotId": "snap-1"}, {"SnapshotId": "snap-2"}]


def test_without_the_option_deregister_then_delete_each_snapshot():
    client = DeregisteringEc2(False)
    assert retention.remove_image(FakeModule({}, {}), client, IMAGE) == ["snap-1", "snap-2"]
    assert client.writes() == [("deregister_image", {"ImageId": "ami-old"}), ("delete_snapshot", {"SnapshotId": "snap-1"}),
                               ("delete_snapshot", {"SnapshotId": "snap-2"})]


def test_a_deregister_refused_fails_the_task_and_deletes_no_snapshot():
    denied = ClientError({"Error": {"Code": "UnauthorizedOperation", "Message": "no"}}, "DeregisterImage")
    client = DeregisteringEc2(False, deregister_error=denied)
    with pytest.raises(Failed, match="deregister ami-old"):
        retention.remove_image(FakeModule({}, {}), client, IMAGE)
    assert client.called("delete_snapshot") == []


NOW = datetime.datetime(2026, 6, 1, 12, 0, 30, tzinfo=datetime.timezone.utc)


def test_a_deprecation_time_still_ahead_is_set_once():
    image = {"CreationDate": "2026-05-01T08:30:12.000Z"}
    assert retention.deprecation_change(image, 90, NOW) == "2026-07-30T08:30:00.000Z"
    assert retention.deprecation_change(dict(image, DeprecationTime="2026-07-30T08:30:00.000Z"), 90, NOW) is None


def test_an_ami_past_its_deprecation_age_is_deprecated_at_the_next_minutes_not_in_the_past():
    """EnableImageDeprecation refuses a time in the past (EC2 API reference)."""
    image = {"CreationDate": "2025-01-01T00:00:00.000Z"}
    assert retention.deprecation_change(image, 90, NOW) == "2026-06-01T12:02:00.000Z"
    assert retention.deprecation_change(dict(image, DeprecationTime="2099-01-01T00:00:00.000Z"), 90, NOW) == \
        "2026-06-01T12:02:00.000Z"


def test_an_ami_deprecated_already_is_left_alone():
    image = {"CreationDate": "2025-01-01T00:00:00.000Z", "DeprecationTime": "2026-06-01T12:02:00.000Z"}
    assert retention.deprecation_change(image, 90, NOW) is None
    assert retention.deprecation_change(dict(image, DeprecationTime="2025-04-01T00:00:00.000Z"), 90, NOW) is None
