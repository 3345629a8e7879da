"""AMI flows, side by side on one emulator: imageforge modules vs amazon.aws / community.aws.

Run: source tests/tools/env.sh && python tests/bench/ami_flows.py [--port 5069] [--rounds 2] [--only share]
Prints wall time and API calls (emulator counters) of a first run and a rerun. No assertion.
"""

import argparse
import json
import os
import statistics
import subprocess
import tempfile
import time
import urllib.request

import boto3

ACCOUNTS = [f"{210000000000 + i}" for i in range(50)]
ORG = "arn:aws:organizations::123456789012:organization/o-abc1234567"
OUS = ["arn:aws:organizations::123456789012:ou/o-abc1234567/ou-ab12-cdef5678",
       "arn:aws:organizations::123456789012:ou/o-abc1234567/ou-ab12-cdef9999"]
REGIONS = ["us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-2", "ca-central-1"]
HOME = "us-east-1"


class Emulator:
    def __init__(self, port):
        self.url = f"http://127.0.0.1:{port}"
        env = dict(os.environ, MOTO_EC2_LOAD_DEFAULT_AMIS="false")
        self.process = subprocess.Popen(["imageforge-emulator", "--port", str(port)], env=env,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _attempt in range(600):
            try:
                self.counters()
                return
            except (OSError, ValueError):
                time.sleep(0.1)
        raise RuntimeError("the emulator did not start")

    def post(self, path):
        urllib.request.urlopen(urllib.request.Request(self.url + path, method="POST", data=b"")).read()

    def counters(self):
        return json.loads(urllib.request.urlopen(self.url + "/_emulator/counters").read())

    def client(self, service, region=HOME):
        return boto3.client(service, region_name=region, endpoint_url=self.url, aws_access_key_id="testing",
                            aws_secret_access_key="testing")

    def stop(self):
        self.process.terminate()
        self.process.wait()


def register(emulator, name, tags=None):
    ec2 = emulator.client("ec2")
    image_id = ec2.register_image(Name=name, RootDeviceName="/dev/sda1")["ImageId"]
    if tags:
        ec2.create_tags(Resources=[image_id], Tags=[{"Key": k, "Value": v} for k, v in tags.items()])
    return image_id


def playbook(tasks):
    play = [{"hosts": "localhost", "gather_facts": False, "tasks": tasks}]
    handle = tempfile.NamedTemporaryFile("w", suffix=".yml", delete=False)
    json.dump(play, handle)
    handle.close()
    return handle.name


def run(emulator, path):
    env = dict(os.environ, AWS_ENDPOINT_URL=emulator.url, AWS_ACCESS_KEY_ID="testing", AWS_SECRET_ACCESS_KEY="testing",
               AWS_REGION=HOME, ANSIBLE_STDOUT_CALLBACK="json")
    emulator.post("/_emulator/counters/reset")
    start = time.monotonic()
    out = subprocess.run(["ansible-playbook", "-i", "localhost,", "-c", "local",
                          "-e", f"ansible_python_interpreter={os.sys.executable}", path],
                         env=env, capture_output=True, text=True, check=False)
    wall = time.monotonic() - start
    if out.returncode:
        raise RuntimeError(out.stdout[-3000:] + out.stderr[-3000:])
    stats = json.loads(out.stdout)["stats"]["localhost"]
    counters = emulator.counters()
    return {"wall": wall, "calls": counters["reads"] + counters["writes"], "writes": counters["writes"],
            "changed": stats["changed"], "items_changed": _changed_items(json.loads(out.stdout))}


def _changed_items(result):
    changed = 0
    for play in result["plays"]:
        for task in play["tasks"]:
            host = task["hosts"].get("localhost", {})
            items = host.get("results")
            changed += sum(1 for r in items if r.get("changed")) if items else int(bool(host.get("changed")))
    return changed


# scenario name -> (setup(emulator) -> context, {tool: tasks(context)})
def share_setup(emulator):
    return {"image_id": register(emulator, "bench-share")}


SHARE = {
    "imageforge.ami_share": lambda c: [{"imageforge.image_builder.ami_share": {
        "image_id": c["image_id"], "accounts": ACCOUNTS, "organizations": [ORG], "organizational_units": OUS}}],
    "amazon.aws.ec2_ami launch_permissions": lambda c: [{"amazon.aws.ec2_ami": {
        "image_id": c["image_id"], "state": "present",
        "launch_permissions": {"user_ids": ACCOUNTS, "org_arns": [ORG], "org_unit_arns": OUS}}}],
}


def copy_setup(emulator):
    return {"image_id": register(emulator, "bench-copy", {"team": "platform"})}


def _copy_loop(tag_equality):
    return lambda c: [{"community.aws.ec2_ami_copy": {
        "source_region": HOME, "region": "{{ item }}", "source_image_id": c["image_id"], "name": "bench-copy",
        "tags": {"team": "platform"}, "tag_equality": tag_equality}, "loop": REGIONS}]


COPY = {
    # Like for like with the anchor: a name, the tags, no snapshot tags.
    "imageforge.ami_copy (name, tag_snapshots: false, wait: false)": lambda c: [{"imageforge.image_builder.ami_copy": {
        "source_image_id": c["image_id"], "regions": REGIONS, "name": "bench-copy", "tag_snapshots": False,
        "wait": False}}],
    # The defaults: the source's tags on the copies' snapshots too (one read of the source AMI).
    "imageforge.ami_copy (defaults, wait: false)": lambda c: [{"imageforge.image_builder.ami_copy": {
        "source_image_id": c["image_id"], "regions": REGIONS, "wait": False}}],
    "imageforge.ami_copy (defaults, wait: true)": lambda c: [{"imageforge.image_builder.ami_copy": {
        "source_image_id": c["image_id"], "regions": REGIONS, "wait_delay": 1}}],
    "community.aws.ec2_ami_copy loop": _copy_loop(False),
    "community.aws.ec2_ami_copy loop, tag_equality": _copy_loop(True),
}


def cleanup_setup(emulator):
    return {"image_ids": [register(emulator, f"bench-clean-{i:02d}") for i in range(20)]}


CLEANUP = {
    "imageforge.ami_lifecycle": lambda c: [{"imageforge.image_builder.ami_lifecycle": {
        "name": "bench-clean-*", "keep_newest": 0, "remove_all": True}}],
    "amazon.aws.ec2_ami absent delete_snapshot loop": lambda c: [{"amazon.aws.ec2_ami": {
        "image_id": "{{ item }}", "state": "absent", "delete_snapshot": True}, "loop": c["image_ids"]}],
}

SCENARIOS = [("share 1 AMI: 50 accounts, 1 org, 2 OUs", share_setup, SHARE),
             ("copy 1 AMI to 5 regions with tags", copy_setup, COPY),
             ("clean up 20 AMIs with snapshots", cleanup_setup, CLEANUP)]


def measure(emulator, setup, tasks, rounds):
    firsts, reruns = [], []
    for _round in range(rounds):
        emulator.post("/moto-api/reset")
        context = setup(emulator)
        path = playbook(tasks(context))
        firsts.append(run(emulator, path))
        reruns.append(run(emulator, path))
        os.unlink(path)
    return _median(firsts), _median(reruns)


def _median(runs):
    return {k: statistics.median(r[k] for r in runs) for k in runs[0]}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=5069)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--only", default="", help="scenarios whose title contains this word (share, copy, clean)")
    args = parser.parse_args()
    emulator = Emulator(args.port)
    rows = []
    try:
        for scenario, setup, tools in SCENARIOS:
            if args.only not in scenario:
                continue
            results = {tool: measure(emulator, setup, tasks, args.rounds) for tool, tasks in tools.items()}
            ours = next(r for t, r in results.items() if t.startswith("imageforge"))
            for tool, (first, rerun) in results.items():
                rows.append((scenario, tool, first, rerun, ours))
    finally:
        emulator.stop()
    header = f"{'scenario':40} {'tool':48} {'1st s':>6} {'calls':>5} {'rerun s':>7} {'calls':>5} {'writes':>6} {'changed':>7} " \
             f"{'time ratio ours/it':>18} {'calls ratio':>11}"
    print(header)
    print("-" * len(header))
    for scenario, tool, first, rerun, ours in rows:
        ratio_t = ours[0]["wall"] / first["wall"]
        ratio_c = ours[0]["calls"] / first["calls"] if first["calls"] else float("nan")
        print(f"{scenario:40} {tool:48} {first['wall']:6.2f} {first['calls']:5.0f} {rerun['wall']:7.2f} {rerun['calls']:5.0f} "
              f"{rerun['writes']:6.0f} {rerun['items_changed']:7.0f} {ratio_t:18.2f} {ratio_c:11.2f}")


if __name__ == "__main__":
    main()
