"""No secret reaches a result or a log: every secret-looking option is no_log, and a planted secret
does not show up in a module's result nor in ansible-playbook -vvv output."""

import json
import os
import pathlib
import re
import subprocess
import sys

import pytest

import imageforge_emulator

from . import harness

imageforge_emulator.install()

SECRET_NAME = re.compile(r"secret|password|passwd|token|key|user_data|credential|private", re.I)
# names that match but carry no secret: identifiers and settings
NOT_SECRET = {"access_key", "kms_key_id", "kms_key_ids", "key_pair", "http_tokens", "s3_key_prefix", "s3_key"}
PLANTED = "s3cr3t-PLANTED-do-not-print-4242"
USER_DATA = "IyEvYmluL3NoCmVjaG8gczNjcjN0LVBMQU5URUQtdXNlcmRhdGE="  # base64 of a script with a planted value


def secret_options(spec, path=""):
    for name, option in spec.items():
        if SECRET_NAME.search(name) and name not in NOT_SECRET:
            yield path + name, option
        if option.get("options"):
            yield from secret_options(option["options"], f"{path}{name}.")


@pytest.mark.parametrize("name", harness.module_names())
def test_secret_looking_options_are_no_log(name, monkeypatch):
    spec = harness.argument_spec(name, monkeypatch)
    leaking = [path for path, option in secret_options(spec) if not option.get("no_log")]
    assert leaking == [], f"{name}: options that look secret but are not no_log: {leaking}"


RECIPE = {"name": "nolog-recipe", "version": "1.0.0", "parent_image": "amazon-linux-2023-x86",
          "components": [{"name": "update-linux"}], "additional_instance_configuration": {"user_data_override": USER_DATA}}


def test_planted_secrets_stay_out_of_results(aws, capsys):
    """The module's real exit_json (which masks no_log values), its printed result checked."""
    from ansible.module_utils.testing import patch_module_args

    args = dict(RECIPE, secret_key=PLANTED, session_token=PLANTED, access_key="testing", region="us-east-1")
    for check_mode in (True, False):
        with patch_module_args(dict(args, _ansible_check_mode=check_mode, _ansible_diff=True)):
            with pytest.raises(SystemExit):
                harness.load("image_recipe").main()
        printed = capsys.readouterr().out
        result = json.loads(printed)
        assert not result.get("failed"), result.get("msg")
        assert PLANTED not in printed and USER_DATA not in printed, f"a planted secret is in the result: {printed[:500]}"


def test_planted_secrets_stay_out_of_verbose_playbook_output(tmp_path):
    root = pathlib.Path(__file__).resolve().parents[3]
    playbook = tmp_path / "secrets.yml"
    task = {"imageforge.image_builder.image_recipe": dict(RECIPE, region="us-east-1", access_key="testing",
                                                          secret_key=PLANTED, session_token=PLANTED)}
    playbook.write_text(json.dumps([{"hosts": "localhost", "gather_facts": False, "tasks": [
        dict(task, check_mode=True, diff=True, register="out"), {"ansible.builtin.debug": {"var": "out"}}]}]))
    env = dict(os.environ, ANSIBLE_NOCOLOR="1", AWS_ENDPOINT_URL="http://127.0.0.1:9",  # nothing listens: reads fail fast
               AWS_MAX_ATTEMPTS="1", ANSIBLE_COLLECTIONS_PATH=str(root / ".tmp" / "collections"))
    done = subprocess.run([str(pathlib.Path(sys.executable).parent / "ansible-playbook"), "-vvv", "-i", "localhost,",
                           "-c", "local", "-e", f"ansible_python_interpreter={sys.executable}", str(playbook)],
                          capture_output=True, text=True, env=env, timeout=300, check=False)
    output = done.stdout + done.stderr
    assert "image_recipe" in output, output[-2000:]
    assert PLANTED not in output and USER_DATA not in output, "a planted secret is in the -vvv output"
