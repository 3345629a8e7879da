import pytest

from ansible_collections.imageforge.image_builder.plugins.module_utils._core.tags import desired_tags
from ansible_collections.imageforge.image_builder.plugins.module_utils._core.tags import tag_changes
from ansible_collections.imageforge.image_builder.plugins.module_utils._core.waiters import WaitTimeout
from ansible_collections.imageforge.image_builder.plugins.module_utils._core.waiters import wait_until


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now

    def sleep(self, seconds):
        self.now += seconds


def test_wait_reports_time_per_state():
    clock = Clock()
    states = iter(["PENDING", "BUILDING", "BUILDING", "AVAILABLE"])
    result, spent = wait_until(lambda: next(states), lambda s: s, {"AVAILABLE"}, delay=10, sleep=clock.sleep, clock=clock)
    assert result == "AVAILABLE" and spent == {"PENDING": 10.0, "BUILDING": 20.0}


def test_wait_timeout_carries_the_last_result():
    clock = Clock()
    with pytest.raises(WaitTimeout) as err:
        wait_until(lambda: "BUILDING", lambda s: s, {"AVAILABLE"}, timeout=30, delay=10, sleep=clock.sleep, clock=clock)
    assert err.value.last == "BUILDING" and err.value.elapsed >= 30


def test_tags_not_set_are_left_alone_even_with_purge():
    assert tag_changes({"a": "1"}, None, purge=True) == ({}, [])


def test_purge_removes_unlisted_tags_but_not_aws_ones():
    to_set, to_remove = tag_changes({"a": "1", "b": "2", "aws:x": "y"}, {"a": "1", "c": 3}, purge=True)
    assert to_set == {"c": "3"} and to_remove == ["b"]
    assert desired_tags({"a": "1", "b": "2"}, {"c": "3"}, purge=False) == {"a": "1", "b": "2", "c": "3"}
