# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Run the same work in several regions at once: one thread and one client per region.

fail_json must not run in a worker thread (each would print a result), so workers get a caller
whose call() raises RegionalError, and the main thread fails the task once, naming the region.
"""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING
from typing import Any
from typing import NoReturn

from .errors import AWS_ERRORS
from .errors import call_action
from .errors import error_code
from .errors import explain_error
from .paginate import all_pages
from .paginate import one_call

if TYPE_CHECKING:
    from .base import ImageForgeModule

MAX_THREADS = 16


class RegionalError(Exception):
    def __init__(self, region: str, message: str, code: str | None = None) -> None:
        super().__init__(f"{region}: {message}")
        self.region, self.code = region, code


class RegionCaller:
    """What the helpers use in place of the module inside a worker thread."""

    def __init__(self, module: ImageForgeModule, region: str, services: Iterable[str]) -> None:
        self.module, self.region = module, region
        self.check_mode = module.check_mode
        self.params = module.params
        for service in services:  # made here, in the main thread, where a connection error may fail the task
            module.client_for(service, region=region)

    def client_for(self, service: str, region: str | None = None) -> Any:
        # The module keeps one client per service and region; others (KMS for encrypted AMIs) come on first use.
        return self.module.client_for(service, region=self.region)

    @property
    def imagebuilder(self) -> Any:
        return self.client_for("imagebuilder")

    def call(self, client: Any, operation: str, action: str | None, **params: Any) -> Any:
        """ImageForgeModule.call() for a worker thread: the error names the region."""
        return self._answer(one_call, client, operation, action, **params)

    def paginate(self, client: Any, operation: str, action: str | None = None, **params: Any) -> dict:
        """ImageForgeModule.paginate() for a worker thread: the error names the region."""
        return self._answer(all_pages, client, operation, action, **params)

    def _answer(self, read: Callable[..., Any], client: Any, operation: str, action: str | None, **params: Any) -> Any:
        try:
            return read(client, operation, **params)
        except AWS_ERRORS as exc:
            self.fail_aws(exc, call_action(client, operation, action))

    def fail_aws(self, exc: BaseException, action: str, **_result: Any) -> NoReturn:
        """ImageForgeModule.fail_aws() for a worker thread: the message names the region and the call."""
        raise RegionalError(self.region, explain_error(exc, action), error_code(exc) or None) from exc

    def fail(self, message: str) -> NoReturn:
        raise RegionalError(self.region, message)


def callers(module: ImageForgeModule, regions: Iterable[str], services: Iterable[str] = ("ec2",)) -> dict[str, RegionCaller]:
    """One RegionCaller per region; the clients of `services` are made here, in the main thread."""
    return {region: RegionCaller(module, region, services) for region in regions}


def per_region(module: ImageForgeModule, region_callers: dict[str, RegionCaller], work: Callable[[RegionCaller], Any], **result: Any) -> dict[str, Any]:
    """{region: work(caller)} run concurrently; the first error fails the task with its region."""
    with ThreadPoolExecutor(max_workers=min(MAX_THREADS, max(1, len(region_callers)))) as pool:
        futures = {region: pool.submit(work, caller) for region, caller in region_callers.items()}
        outcomes, errors = {}, []
        for region, future in futures.items():
            try:
                outcomes[region] = future.result()
            except RegionalError as exc:
                errors.append(exc)
    if errors:
        module.fail_json(msg="; ".join(str(e) for e in errors), error_code=errors[0].code, **result)
    return outcomes
