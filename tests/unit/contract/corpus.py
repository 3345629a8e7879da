"""The recorded-response corpus: real response bodies from public AWS sources, replayed through the
module_utils with botocore's Stubber. Every fixture names its source (`_source`) and its operation."""

from __future__ import annotations

import json
from pathlib import Path

import boto3
from botocore import xform_name
from botocore.stub import Stubber

CORPUS = Path(__file__).parent / "corpus"


def fixtures():
    """Every fixture of the corpus as (service, file stem, fixture)."""
    return [(path.parent.name, path.stem, json.loads(path.read_text())) for path in sorted(CORPUS.glob("*/*.json"))]


def body(service, stem):
    return json.loads((CORPUS / service / f"{stem}.json").read_text())["response"]


class Failed(Exception):
    """What fail_json and fail_aws raise here."""


class _Retrying:
    """What amazon.aws's retrying wrapper adds to a client: the aws_retry keyword."""

    def __init__(self, client):
        self._client = client

    def __getattr__(self, name):
        attribute = getattr(self._client, name)
        if not callable(attribute):
            return attribute

        def call(*args, aws_retry=False, **kwargs):
            return attribute(*args, **kwargs)
        return call


class ReplayModule:
    """The part of ImageForgeModule that module_utils use, over real botocore clients whose answers
    are recorded bodies. botocore still validates every request against the service model, and the
    Stubber validates every recorded body against the output shape."""

    region = "us-west-2"

    def __init__(self, params=None, check_mode=False):
        self.params = dict(params or {})
        self.check_mode = check_mode
        self._clients, self.stubbers = {}, {}

    def client_for(self, service, region=None):
        if service not in self._clients:
            client = boto3.client(service, region_name=region or self.region, aws_access_key_id="replay",
                                  aws_secret_access_key="replay")
            self.stubbers[service] = Stubber(client)
            self.stubbers[service].activate()
            self._clients[service] = _Retrying(client)
        return self._clients[service]

    @property
    def imagebuilder(self):
        return self.client_for("imagebuilder")

    def replay(self, service, stem, expected_params=None, **overrides):
        """Queue the recorded body of corpus/<service>/<stem>.json as the next answer to its operation."""
        fixture = json.loads((CORPUS / service / f"{stem}.json").read_text())
        self.client_for(service)
        self.stubbers[service].add_response(xform_name(fixture["operation"]), dict(fixture["response"], **overrides),
                                            expected_params)

    def answer(self, service, operation, response, expected_params=None):
        """Queue a body this test writes (an empty page, say); recorded ones go through replay()."""
        self.client_for(service)
        self.stubbers[service].add_response(operation, response, expected_params)

    def all_replayed(self):
        for stubber in self.stubbers.values():
            stubber.assert_no_pending_responses()

    def call(self, client, operation, action, **params):
        from ansible_collections.imageforge.image_builder.plugins.module_utils._core.errors import AWS_ERRORS

        try:
            return getattr(client, operation)(aws_retry=True, **params)
        except AWS_ERRORS as exc:
            self.fail_aws(exc, action)

    def paginate(self, client, operation, action=None, **params):
        from ansible_collections.imageforge.image_builder.plugins.module_utils._core.errors import AWS_ERRORS
        from ansible_collections.imageforge.image_builder.plugins.module_utils._core.paginate import all_pages

        try:
            return all_pages(client, operation, **params)
        except AWS_ERRORS as exc:
            self.fail_aws(exc, action)

    def call_or_none(self, client, operation, action, **params):
        from ansible_collections.imageforge.image_builder.plugins.module_utils._core.errors import AWS_ERRORS
        from ansible_collections.imageforge.image_builder.plugins.module_utils._core.errors import is_not_found

        try:
            return getattr(client, operation)(aws_retry=True, **params)
        except AWS_ERRORS as exc:
            if is_not_found(exc):
                return None
            self.fail_aws(exc, action)

    def fail_aws(self, exc, action, **result):
        raise Failed(f"{action}: {exc}")

    def fail_json(self, **result):
        raise Failed(result.get("msg"))

    @staticmethod
    def client_token():
        return "replay-token"
