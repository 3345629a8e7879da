"""The AWX playbooks end to end on the emulator, from playbooks/vars/definition-demo.yml.

pipeline.yml -> build.yml -> share.yml -> validate.yml -> a changed component -> build again ->
cleanup.yml -> state absent. Each rerun must make no write call; absent must leave nothing behind.
The tests run in file order and share the emulator (tests/tools/stages/45-playbooks.sh starts it).
"""

import json
import os
import pathlib
import subprocess
import urllib.request

import boto3
import pytest
import yaml

ROOT = pathlib.Path(__file__).resolve().parents[2]
ENDPOINT = os.environ.get("AWS_ENDPOINT_URL_E2E", "http://127.0.0.1:5095")
DEFINITION = yaml.safe_load((ROOT / "playbooks/vars/definition-demo.yml").read_text())["image_pipeline_definition"]
NAME = DEFINITION["name"]
REGIONS = ["us-east-1", "eu-west-1", "eu-central-1"]


def control(path, body=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(ENDPOINT + path, data=data, method="POST" if data is not None or path.endswith("reset") else "GET")
    with urllib.request.urlopen(request) as response:
        return json.loads(response.read() or b"null")


def playbook(name, *extra, expect_ok=True):
    env = dict(os.environ, AWS_ACCESS_KEY_ID="testing", AWS_SECRET_ACCESS_KEY="testing", AWS_REGION="us-east-1",
               ANSIBLE_NOCOLOR="1")
    cmd = ["ansible-playbook", "-i", "localhost,", "-e", f"ansible_python_interpreter={os.sys.executable}",
           "-e", f"aws_endpoint_url={ENDPOINT}", "-e", "build_wait_delay=1", str(ROOT / "playbooks" / name), *extra]
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    assert (done.returncode == 0) == expect_ok, done.stdout[-6000:] + done.stderr[-2000:]
    return done.stdout


def recap(output):
    line = [x for x in output.splitlines() if x.startswith("localhost")][-1]
    return {k: int(v) for k, v in (part.split("=") for part in line.split(":", 1)[1].split())}


def client(service, region="us-east-1"):
    return boto3.client(service, region_name=region, endpoint_url=ENDPOINT, aws_access_key_id="testing",
                        aws_secret_access_key="testing")


def own_amis(region):
    images = client("ec2", region).describe_images(Owners=["self"])["Images"]
    return [i for i in images if {"Key": "imageforge:pipeline", "Value": NAME} in i.get("Tags", [])]


def versions(kind, name):
    ib = client("imagebuilder")
    if kind == "component":
        found = ib.list_components(filters=[{"name": "name", "values": [name]}])["componentVersionList"]
    else:
        found = ib.list_image_recipes(filters=[{"name": "name", "values": [name]}])["imageRecipeSummaryList"]
        found = [{"version": r["arn"].rsplit("/", 1)[1]} for r in found]
    return sorted(v["version"] for v in found)


def changed_definition(tmp_path):
    definition = json.loads(json.dumps(DEFINITION))
    marker = definition["components"][2]["data"]["phases"][0]["steps"][0]["inputs"][0]
    marker["content"] = "imageforge-demo-pipeline, second edition"
    definition["components"][1]["src"] = str(ROOT / "playbooks/files/components/motd.yml")
    path = tmp_path / "definition.json"
    path.write_text(json.dumps({"image_pipeline_definition": definition}))
    return "@" + str(path)


@pytest.fixture(scope="module", autouse=True)
def emulator():
    control("/moto-api/reset", {})
    control("/_emulator/build_seconds", {"seconds": 2})


def test_a_typo_in_the_definition_fails_before_any_call(tmp_path):
    bad = json.loads(json.dumps(DEFINITION))
    bad["components"][1]["sorce"] = bad["components"][1].pop("src")
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({"image_pipeline_definition": bad}))
    control("/_emulator/counters/reset", {})
    output = playbook("pipeline.yml", "-e", "@" + str(path), expect_ok=False)
    assert "sorce" in output
    assert control("/_emulator/counters")["operations"] == {}


def test_pipeline_creates_everything_in_order():
    output = playbook("pipeline.yml")
    assert recap(output)["changed"] > 0
    pipeline = client("imagebuilder").list_image_pipelines()["imagePipelineList"]
    assert [p["name"] for p in pipeline] == [NAME]
    assert pipeline[0]["imageRecipeArn"].endswith(f"image-recipe/{NAME}/1.0.0")
    assert pipeline[0]["schedule"]["scheduleExpression"] == DEFINITION["schedule"]["expression"]
    assert versions("component", "imageforge-demo-motd") == ["1.0.0"]
    dist = client("imagebuilder").list_distribution_configurations()["distributionConfigurationSummaryList"]
    assert sorted(dist[0]["regions"]) == ["eu-west-1", "us-east-1"]


def test_pipeline_rerun_makes_no_write_call():
    control("/_emulator/counters/reset", {})
    output = playbook("pipeline.yml")
    assert recap(output)["changed"] == 0
    assert control("/_emulator/counters")["writes"] == 0


def test_build_gates_copies_shares_and_publishes():
    playbook("build.yml")
    source = own_amis("us-east-1")
    assert len(source) == 1 and len(own_amis("eu-west-1")) == 1
    copies = own_amis("eu-central-1")
    assert len(copies) == 1
    for region, ami in (("us-east-1", source[0]), ("eu-central-1", copies[0])):
        permissions = client("ec2", region).describe_image_attribute(ImageId=ami["ImageId"], Attribute="launchPermission")
        assert permissions["LaunchPermissions"] == [{"UserId": "111122223333"}]
    parameter = client("ssm").get_parameter(Name=DEFINITION["distribution"]["ssm_parameter"])["Parameter"]
    assert parameter["Value"] == source[0]["ImageId"]


def test_build_share_and_validate_reruns_make_no_write_call():
    control("/_emulator/counters/reset", {})
    assert recap(playbook("build.yml"))["changed"] == 0
    assert recap(playbook("share.yml"))["changed"] == 0
    playbook("validate.yml")
    assert control("/_emulator/counters")["writes"] == 0


def test_a_changed_component_moves_recipe_and_pipeline_and_retires_old_versions(tmp_path):
    playbook("pipeline.yml", "-e", changed_definition(tmp_path))
    pipeline = client("imagebuilder").list_image_pipelines()["imagePipelineList"][0]
    assert pipeline["imageRecipeArn"].endswith(f"image-recipe/{NAME}/1.0.1")
    # retain_versions: 1 in the definition, and nothing uses the old versions any more
    assert versions("image-recipe", NAME) == ["1.0.1"]
    assert versions("component", "imageforge-demo-marker") == ["1.0.1"]
    assert versions("component", "imageforge-demo-motd") == ["1.0.0"]
    control("/_emulator/counters/reset", {})
    assert recap(playbook("pipeline.yml", "-e", changed_definition(tmp_path)))["changed"] == 0
    assert control("/_emulator/counters")["writes"] == 0


def test_cleanup_keeps_the_newest_image(tmp_path):
    playbook("build.yml", "-e", changed_definition(tmp_path))
    assert len(own_amis("us-east-1")) == 2
    newest = max(own_amis("us-east-1"), key=lambda i: i["CreationDate"])
    playbook("cleanup.yml", "-e", "cleanup_keep_newest=1")
    assert [i["ImageId"] for i in own_amis("us-east-1")] == [newest["ImageId"]]
    assert len(own_amis("eu-west-1")) == 1
    images = client("imagebuilder").list_image_pipeline_images(imagePipelineArn=f"arn:aws:imagebuilder:us-east-1:123456789012:image-pipeline/{NAME}")
    assert len(images["imageSummaryList"]) == 1
    control("/_emulator/counters/reset", {})
    playbook("cleanup.yml", "-e", "cleanup_keep_newest=1")
    assert control("/_emulator/counters")["writes"] == 0


def test_state_absent_leaves_nothing_behind():
    playbook("pipeline.yml", "-e", "definition_state=absent")
    ib = client("imagebuilder")
    assert ib.list_image_pipelines()["imagePipelineList"] == []
    assert ib.list_image_recipes()["imageRecipeSummaryList"] == []
    assert ib.list_components()["componentVersionList"] == []
    assert ib.list_infrastructure_configurations()["infrastructureConfigurationSummaryList"] == []
    assert ib.list_distribution_configurations()["distributionConfigurationSummaryList"] == []
    assert ib.list_images()["imageVersionList"] == []
    for region in REGIONS:
        assert own_amis(region) == []
        assert client("ec2", region).describe_snapshots(OwnerIds=["self"])["Snapshots"] == []
    assert client("ssm").describe_parameters()["Parameters"] == []
    control("/_emulator/counters/reset", {})
    assert recap(playbook("pipeline.yml", "-e", "definition_state=absent"))["changed"] == 0
    assert control("/_emulator/counters")["writes"] == 0
