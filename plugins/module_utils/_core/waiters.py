# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""`wait`, `wait_timeout` and `wait_delay`, shared by every long operation."""

from __future__ import annotations

import time
from collections.abc import Callable
from collections.abc import Container
from typing import Any

WAITER_OPTIONS = dict(
    wait=dict(type="bool", default=True),
    wait_timeout=dict(type="int", default=3600),
    wait_delay=dict(type="int", default=15),
)


class WaitTimeout(Exception):
    def __init__(self, last: Any, elapsed: float) -> None:
        super().__init__(f"still not done after {int(elapsed)} s")
        self.last = last
        self.elapsed = elapsed


def wait_until(
    fetch: Callable[[], Any],
    state_of: Callable[[Any], Any],
    done_states: Container[Any],
    failed_states: Container[Any] = (),
    timeout: float = 3600,
    delay: float = 15,
    sleep: Callable[[float], Any] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> tuple[Any, dict[str, float]]:
    """Poll fetch() until state_of(result) is in done_states or failed_states.

    Returns (result, seconds spent in each state seen). Raises WaitTimeout with
    the last result when the timeout passes, so that a later task can resume.
    """
    start = clock()
    seen: dict[str, float] = {}
    last_state, last_change = None, start
    while True:
        result = fetch()
        now = clock()
        state = state_of(result)
        if last_state is not None:
            seen[last_state] = seen.get(last_state, 0.0) + (now - last_change)
        last_state, last_change = state, now
        if state in done_states or state in failed_states:
            return result, {k: round(v, 1) for k, v in seen.items()}
        if now - start >= timeout:
            raise WaitTimeout(result, now - start)
        sleep(min(delay, max(0.0, timeout - (now - start))))
