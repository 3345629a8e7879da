# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Run the same work in several regions at once: one thread and one client per region.

fail_json must not run in a worker thread (each would print a result), so workers get a caller
whose call() raises RegionalError, and the main thread fails the task once, naming the region.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from .errors import AWS_ERRORS
from .errors import call_action
from .errors import error_code
from .errors import explain_error
from .paginate import all_pages
from .paginate import one_call

MAX_THREADS = 16


class RegionalError(Exception):
    def __init__(self, region, message, code=None):
        super().__init__(f"{region}: {message}")
        self.region, self.code = region, code


class RegionCaller:
    """What the helpers use in place of the module inside a worker thread."""

    def __init__(self, module, region, services):
        self.module, self.region = module, region
        self.check_mode = module.check_mode
        self.params = module.params
        for service in services:  # made here, in the main thread, where a connection error may fail the task
            module.client_for(service, region=region)

    def client_for(self, service, region=None):
        # The module keeps one client per service and region; others (KMS for encrypted AMIs) come on first use.
        return self.module.client_for(service, region=self.region)

    @property
    def imagebuilder(self):
        return self.client_for("imagebuilder")

    def call(self, client, operation, action, **params):
        """ImageForgeModule.call() for a worker thread: the error names the region."""
        return self._answer(one_call, client, operation, action, **params)

    def paginate(self, client, operation: str, action: str | None = None, **params) -> dict:
        """ImageForgeModule.paginate() for a worker thread: the error names the region."""
        return self._answer(all_pages, client, operation, action, **params)

    def _answer(self, read, client, operation, action, **params):
        try:
            return read(client, operation, **params)
        except AWS_ERRORS as exc:
            self.fail_aws(exc, call_action(client, operation, action))

    def fail_aws(self, exc, action, **_result):
        """ImageForgeModule.fail_aws() for a worker thread: the message names the region and the call."""
        raise RegionalError(self.region, explain_error(exc, action), error_code(exc) or None) from exc

    def fail(self, message):
        raise RegionalError(self.region, message)


def callers(module, regions, services=("ec2",)):
    """One RegionCaller per region; the clients of `services` are made here, in the main thread."""
    return {region: RegionCaller(module, region, services) for region in regions}


def per_region(module, region_callers, work, **result):
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
