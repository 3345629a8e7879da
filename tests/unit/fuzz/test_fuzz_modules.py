"""Adversarial options for every module: a clear result or a clear error, never a traceback or a write."""

import pytest
from hypothesis import HealthCheck
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

import imageforge_emulator

from . import harness

imageforge_emulator.install()

COMMON = {"access_key", "secret_key", "session_token", "profile", "endpoint_url", "aws_ca_bundle", "aws_config",
          "validate_certs", "debug_botocore_endpoint_logs", "region", "assume_role_arn", "assume_role_session_name"}
ODD_TEXT = st.sampled_from(["", " ", "x" * 5000, "ünï©ødé ☃", "../../etc/passwd", "{{ lookup('env','HOME') }}",
                            "arn:aws:imagebuilder:us-east-1:123456789012:component/x/1.0.0/1", "1.0", "x.x.x",
                            "ami-00000000", "s3://", "s3://bucket", "\x00", "-1", "None"])
ANY_VALUE = st.one_of(st.none(), st.booleans(), st.integers(-10**12, 10**12), ODD_TEXT, st.text(max_size=40),
                      st.lists(st.one_of(ODD_TEXT, st.integers()), max_size=4),
                      st.dictionaries(st.text(max_size=8), st.one_of(ODD_TEXT, st.integers()), max_size=3))


def value_for(option):
    kind = option.get("type", "str")
    if option.get("options"):
        # ansible-core itself raises TypeError when a non-dict reaches an option with suboptions
        # (set_fallbacks iterates it), so only dicts are sent there.
        return st.one_of(st.none(), st.fixed_dictionaries({}, optional={k: value_for(v) for k, v in option["options"].items()}))
    if option.get("choices"):
        return st.one_of(st.sampled_from(list(option["choices"])), ANY_VALUE)
    typed = {"bool": st.booleans(), "int": st.integers(-5, 10**6), "list": st.lists(ODD_TEXT, max_size=3),
             "dict": st.dictionaries(st.text(min_size=1, max_size=8), ODD_TEXT, max_size=3)}.get(kind, ODD_TEXT)
    return st.one_of(typed, ANY_VALUE)


def arguments(spec):
    own = {name: option for name, option in spec.items() if name not in COMMON}
    required = {name: value_for(option) for name, option in own.items() if option.get("required")}
    optional = {name: value_for(option) for name, option in own.items() if not option.get("required")}
    return st.fixed_dictionaries(required, optional=optional)


@pytest.mark.parametrize("name", harness.module_names())
def test_adversarial_options_end_cleanly_without_writes(name, aws, monkeypatch):
    spec = harness.argument_spec(name, monkeypatch)

    @settings(max_examples=15, deadline=None, derandomize=True,
              suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
    @given(arguments(spec))
    def check(args):
        result, failed, calls = harness.run(name, args, monkeypatch, check_mode=True)
        assert harness.writes(calls) == [], f"{name} wrote in check mode with {args!r}: {calls}"
        if failed:
            message = result.get("msg")
            assert isinstance(message, str) and message.strip(), f"{name}: failure without a message for {args!r}"
            assert "Traceback" not in message and "exception" not in result, f"{name}: traceback for {args!r}: {message}"

    check()
