# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The module class every module of the collection is built on."""

from __future__ import annotations

import threading
import uuid
from typing import TYPE_CHECKING
from typing import Any
from typing import NoReturn

from ansible.module_utils.basic import AnsibleModule
from ansible.module_utils.basic import _load_params
from ansible_collections.amazon.aws.plugins.module_utils.modules import AnsibleAWSModule
from ansible_collections.amazon.aws.plugins.module_utils.modules import aws_argument_spec

from .errors import AWS_ERRORS
from .errors import call_action
from .errors import explain_error
from .errors import is_not_found
from .input_checks import problems as input_problems
from .input_checks import type_problems
from .paginate import all_pages
from .paginate import one_call
from .retries import default_retry
from .shared_loader import share_data_loader

if TYPE_CHECKING:
    from collections.abc import Callable


class ImageForgeModule(AnsibleAWSModule):
    """AnsibleAWSModule with our retries, client tokens and explained errors.

    Authentication, region, profile and endpoint_url come unchanged from
    amazon.aws, so they behave exactly as in amazon.aws modules.
    """

    if TYPE_CHECKING:  # AnsibleModule has no type information; its fail_json never returns

        def fail_json(self, msg: str, **kwargs: Any) -> NoReturn: ...

    def __init__(self, **kwargs: Any) -> None:
        _refuse_misshapen_options(kwargs.get("argument_spec") or {})
        super().__init__(**kwargs)
        faults = input_problems(self._name.rsplit(".", 1)[-1], self.params, self.region, kwargs.get("argument_spec") or {})
        if faults:
            self.fail_json(msg="; ".join(faults))
        share_data_loader()
        self._clients = {}
        self._assumed = {}  # role ARN -> the credentials STS gave for it
        self._clients_lock = threading.Lock()

    def client_for(self, service: str, region: str | None = None, role_arn: str | None = None) -> Any:
        """One client per service, region and role, made on first use (boto3 makes clients safely one at a time).

        With role_arn, the client acts in the role's account: its credentials come from STS AssumeRole,
        once per role for the module's run."""
        credentials = self._role_credentials(role_arn) if role_arn else {}
        key = (service, region or self.region, role_arn)
        with self._clients_lock:
            if key not in self._clients:
                extra = {"region": region} if region else {}
                self._clients[key] = self.client(service, retry_decorator=default_retry(), config=self._user_agent(),
                                                 **extra, **credentials)
            return self._clients[key]

    def _role_credentials(self, role_arn: str) -> dict:
        with self._clients_lock:
            known = self._assumed.get(role_arn)
        if known is None:
            answer = self.call(self.client_for("sts"), "assume_role", f"assume the role {role_arn}", RoleArn=role_arn,
                               RoleSessionName=f"imageforge-{self._name.rsplit('.', 1)[-1]}")["Credentials"]
            known = dict(aws_access_key_id=answer["AccessKeyId"], aws_secret_access_key=answer["SecretAccessKey"],
                         aws_session_token=answer["SessionToken"])
            with self._clients_lock:
                known = self._assumed.setdefault(role_arn, known)
        return known

    def _user_agent(self) -> Any:
        """Name the module in the User-Agent, so request logs (and CloudTrail) tell which module called."""
        import botocore.config

        return botocore.config.Config(user_agent_extra=f"imageforge-module/{self._name.rsplit('.', 1)[-1]}")

    @property
    def imagebuilder(self) -> Any:
        return self.client_for("imagebuilder")

    @staticmethod
    def client_token() -> str:
        """One token per logical create; retries of that call reuse it."""
        return str(uuid.uuid4())

    def fail_aws(self, exc: BaseException, action: str, **result: Any) -> NoReturn:
        """Fail with a message that says what went wrong and what to do; never a traceback."""
        self.fail_json(msg=explain_error(exc, action), error_code=_code(exc), **result)

    def call(self, client: Any, operation: str, action: str | None, **params: Any) -> Any:
        """Call an API operation with retries; on error fail the task with an explained message."""
        return self._answer(one_call, client, operation, action, **params)

    def paginate(self, client: Any, operation: str, action: str | None = None, **params: Any) -> dict:
        """Every page of a list/describe operation merged into one response, with call()'s retries and errors."""
        return self._answer(all_pages, client, operation, action, **params)

    def call_or_none(self, client: Any, operation: str, action: str | None, **params: Any) -> Any:
        """Like call(), but a missing resource (is_not_found(): ResourceNotFoundException, InvalidAMIID.NotFound ...)
        answers None."""
        return self._answer(one_call, client, operation, action, missing_ok=True, **params)

    def paginate_or_none(self, client: Any, operation: str, action: str | None = None, **params: Any) -> dict | None:
        """Like paginate(), but a missing resource (is_not_found()) answers None."""
        return self._answer(all_pages, client, operation, action, missing_ok=True, **params)

    def _answer(self, read: Callable[..., Any], client: Any, operation: str, action: str | None, *, missing_ok: bool = False,
                **params: Any) -> Any:
        try:
            return read(client, operation, **params)
        except AWS_ERRORS as exc:
            if missing_ok and is_not_found(exc):
                return None
            self.fail_aws(exc, call_action(client, operation, action))


def _refuse_misshapen_options(argument_spec: dict[str, Any]) -> None:
    """Fail, naming the option, when a value has the wrong shape (Ansible's own message may not name it)."""
    try:
        raw = _load_params()
    except Exception:  # pylint: disable=broad-except
        return  # AnsibleModule reports unreadable parameters itself
    faults = type_problems(argument_spec, raw) if isinstance(raw, dict) else []
    if faults:
        # Every option as "raw", so that this module object can be made just to report the fault.
        spec = {k: {"type": "raw", "aliases": v.get("aliases") or [], "no_log": v.get("no_log", False)}
                for k, v in dict(aws_argument_spec(), **argument_spec).items()}
        AnsibleModule(argument_spec=spec, supports_check_mode=True).fail_json(msg="; ".join(faults))


def _code(exc: BaseException) -> str | None:
    response = getattr(exc, "response", None) or {}
    return response.get("Error", {}).get("Code")
