"""Check mode as a plan: tests/playbooks/chain.yml (component -> ... -> resource policy) with --check --diff.

On an empty account every task that would create something reports changed, and no write call is
made. After a real run, a changed component document makes the component, the recipe, the pipeline
and the build report changed in check mode, again with no write call. The output of the empty-account
run is kept in .tmp/check-mode-chain.txt for the review.
"""

import json
import os
import pathlib
import re
import subprocess
import urllib.request

import boto3
import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
ENDPOINT = os.environ.get("AWS_ENDPOINT_URL_E2E", "http://127.0.0.1:5095")
CHAIN = ROOT / "tests/playbooks/chain.yml"
CREATING = ["Component from a file", "Recipe on the newest Amazon Linux 2023", "Build instances",
            "Distribution to two regions", "Weekly pipeline", "Build from the pipeline", "Copy the AMI to another region",
            "Share the AMI, its distributed AMI and its copy", "Keep the five newest images of the recipe", "Let another account use the component"]


def control(path, body=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(ENDPOINT + path, data=data, method="POST" if data is not None else "GET")
    with urllib.request.urlopen(request) as response:
        return json.loads(response.read() or b"null")


def run(*extra, check=True):
    env = dict(os.environ, AWS_ACCESS_KEY_ID="testing", AWS_SECRET_ACCESS_KEY="testing", AWS_REGION="us-east-1",
               ANSIBLE_NOCOLOR="1", ANSIBLE_STDOUT_CALLBACK="default")
    cmd = ["ansible-playbook", "-i", "localhost,", "-e", f"ansible_python_interpreter={os.sys.executable}",
           "-e", f"aws_endpoint_url={ENDPOINT}", str(CHAIN), *(["--check", "--diff"] if check else []), *extra]
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    return done.returncode, done.stdout + done.stderr


def task_states(output):
    """{task name: 'changed' | 'ok' | 'failed' | 'skipping'} from the default callback's output."""
    states, task = {}, None
    for line in output.splitlines():
        header = re.match(r"^TASK \[(.+?)\] \*+", line)
        if header:
            task = header.group(1)
            continue
        status = re.match(r"^(changed|ok|failed|fatal|skipping): \[localhost\]", line)
        if task and status:
            states[task] = status.group(1)
    return states


def recap(output):
    line = [x for x in output.splitlines() if x.startswith("localhost")][-1]
    return {k: int(v) for k, v in (part.split("=") for part in line.split(":", 1)[1].split())}


@pytest.fixture(scope="module", autouse=True)
def empty_account():
    control("/moto-api/reset", {})
    control("/_emulator/build_seconds", {"seconds": 1})


def test_the_whole_chain_previews_on_an_empty_account():
    control("/_emulator/counters/reset", {})
    rc, output = run()
    (ROOT / ".tmp").mkdir(exist_ok=True)
    (ROOT / ".tmp/check-mode-chain.txt").write_text(output)
    assert rc == 0, output[-6000:]
    states = task_states(output)
    assert {name: states.get(name) for name in CREATING} == {name: "changed" for name in CREATING}, output[-6000:]
    for name in ("Look the component up", "The build's AMIs", "Read the AMI"):
        assert states[name] == "ok", (name, output[-6000:])
    counters = control("/_emulator/counters")
    assert counters["writes"] == 0, counters["operations"]


def test_a_real_run_then_a_rerun_preview_changes_nothing():
    rc, output = run(check=False)
    assert rc == 0, output[-6000:]
    control("/_emulator/counters/reset", {})
    rc, output = run()
    assert rc == 0, output[-6000:]
    # The build is the only task whose real rerun would act: not at all here (an identical build exists).
    assert recap(output)["changed"] == 0, output[-6000:]
    assert control("/_emulator/counters")["writes"] == 0


def test_the_share_found_the_distributed_ami_and_the_copy_by_their_tags():
    for region in ("us-east-1", "eu-west-1", "eu-central-1"):
        ec2 = boto3.client("ec2", region_name=region, endpoint_url=ENDPOINT, aws_access_key_id="testing",
                           aws_secret_access_key="testing")
        amis = ec2.describe_images(Owners=["self"])["Images"]
        assert len(amis) == 1, (region, amis)
        permissions = ec2.describe_image_attribute(ImageId=amis[0]["ImageId"], Attribute="launchPermission")
        assert permissions["LaunchPermissions"] == [{"UserId": "111122223333"}], region


def test_a_share_in_a_region_without_the_ami_says_what_to_pass():
    ec2 = boto3.client("ec2", region_name="us-east-1", endpoint_url=ENDPOINT, aws_access_key_id="testing",
                       aws_secret_access_key="testing")
    ami = ec2.describe_images(Owners=["self"])["Images"][0]["ImageId"]
    env = dict(os.environ, AWS_ACCESS_KEY_ID="testing", AWS_SECRET_ACCESS_KEY="testing", ANSIBLE_NOCOLOR="1")
    done = subprocess.run(["ansible", "localhost", "-c", "local", "-i", "localhost,", "-e",
                           f"ansible_python_interpreter={os.sys.executable}", "-m", "imageforge.image_builder.ami_share",
                           "-a", json.dumps({"image_id": ami, "regions": ["us-east-1", "ap-south-1"],
                                             "accounts": ["111122223333"], "region": "us-east-1",
                                             "endpoint_url": ENDPOINT})],
                          env=env, capture_output=True, text=True, check=False)
    assert done.returncode != 0
    assert "ap-south-1" in done.stdout and "ami_copy" in done.stdout and "give name" in done.stdout, done.stdout


def test_a_changed_component_document_previews_every_knock_on_change(tmp_path):
    changed = tmp_path / "component.yml"
    text = (ROOT / "tests/playbooks/files/chain-component.yml").read_text()
    changed.write_text(text.replace("built by imageforge.image_builder", "built by imageforge.image_builder, again"))
    control("/_emulator/counters/reset", {})
    rc, output = run("-e", f"chain_component_src={changed}")
    assert rc == 0, output[-6000:]
    states = task_states(output)
    for name in ("Component from a file", "Recipe on the newest Amazon Linux 2023", "Weekly pipeline", "Build from the pipeline"):
        assert states[name] == "changed", (name, output[-6000:])
    for name in ("Build instances", "Distribution to two regions"):
        assert states[name] == "ok", (name, output[-6000:])
    assert control("/_emulator/counters")["writes"] == 0
    # and the real run makes exactly what the preview said
    rc, output = run("-e", f"chain_component_src={changed}", check=False)
    assert rc == 0, output[-6000:]
    states = task_states(output)
    for name in ("Component from a file", "Recipe on the newest Amazon Linux 2023", "Weekly pipeline", "Build from the pipeline"):
        assert states[name] == "changed", (name, output[-6000:])
