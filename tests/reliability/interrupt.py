#!/usr/bin/env python
"""Kill ansible-playbook partway through a 5-region copy, a 50-account share and a 20-AMI clean-up,
rerun it, and check that it converged: the wanted end state, no orphaned AMI, snapshot or copy,
and a third run that changes nothing.

usage: interrupt.py ENDPOINT [copy share cleanup]   (AWS_* credentials from the environment)
The emulator's latency makes each call slow, so the kill lands between calls of the same task."""

import json
import os
import pathlib
import signal
import subprocess
import sys
import time
import urllib.request

import boto3

HERE = pathlib.Path(__file__).resolve().parent
HOME = "us-east-1"
COPY_REGIONS = ["eu-west-1", "eu-central-1", "ap-southeast-2", "us-west-2", "ca-central-1"]
ACCOUNTS = [str(n) for n in range(100000000001, 100000000051)]
# scenario: (operation that triggers the kill, how many of it, latency in ms)
TRIGGERS = {"copy": ("CopyImage", 2, 400), "share": ("ModifyImageAttribute", 1, 1500), "cleanup": ("DeregisterImage", 7, 300)}


def control(endpoint, path, body=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(f"{endpoint}/_emulator/{path}", data=data, method="POST" if data else "GET")
    with urllib.request.urlopen(request) as answer:
        return json.loads(answer.read())


def ec2(endpoint, region=HOME):
    return boto3.client("ec2", region_name=region, endpoint_url=endpoint)


def register_ami(client, name, tags):
    volume = client.create_volume(Size=1, AvailabilityZone=f"{client.meta.region_name}a")["VolumeId"]
    snapshot = client.create_snapshot(VolumeId=volume, Description=name)["SnapshotId"]
    client.delete_volume(VolumeId=volume)
    image = client.register_image(Name=name, RootDeviceName="/dev/xvda", Architecture="x86_64", VirtualizationType="hvm",
                                  BlockDeviceMappings=[{"DeviceName": "/dev/xvda", "Ebs": {"SnapshotId": snapshot}}])["ImageId"]
    client.create_tags(Resources=[image, snapshot], Tags=[{"Key": k, "Value": v} for k, v in tags.items()])
    return image


def playbook(endpoint, extra, kill_on=None):
    """(return code, killed) of one ansible-playbook run; kill_on=(operation, count) kills it at that call."""
    command = ["ansible-playbook", "-i", "localhost,", "-e", f"ansible_python_interpreter={sys.executable}",
               "-e", f"aws_endpoint_url={endpoint}", "-e", json.dumps(extra), str(HERE / "interrupt.yml")]
    control(endpoint, "counters/reset", {})
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True, text=True)
    killed = False
    while kill_on and process.poll() is None:
        seen = control(endpoint, "counters")["operations"].get(f"ec2:{kill_on[0]}", 0)
        if seen >= kill_on[1]:
            kill_tree(process.pid)
            killed = True
            break
        time.sleep(0.02)
    output, _stderr = process.communicate()
    if not killed and process.returncode != 0:
        print(output)
    return process.returncode, killed, output


def kill_tree(pid):
    """SIGKILL ansible-playbook and every process under it: the module runs in its own session."""
    children = {}
    for stat in pathlib.Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    doomed, todo = [], [pid]
    while todo:
        current = todo.pop()
        doomed.append(current)
        todo.extend(children.get(current, []))
    for victim in doomed:
        try:
            os.kill(victim, signal.SIGKILL)
        except ProcessLookupError:
            pass


def snapshots_of(images):
    return {m["Ebs"]["SnapshotId"] for i in images for m in i.get("BlockDeviceMappings", []) if "Ebs" in m}


def orphans(endpoint, regions):
    """Snapshots that no AMI of ours uses, per region."""
    found = {}
    for region in regions:
        client = ec2(endpoint, region)
        used = snapshots_of(client.describe_images(Owners=["self"])["Images"])
        loose = [s["SnapshotId"] for s in client.describe_snapshots(OwnerIds=["self"])["Snapshots"] if s["SnapshotId"] not in used]
        if loose:
            found[region] = loose
    return found


def copies(endpoint, source):
    counts = {}
    for region in COPY_REGIONS:
        images = ec2(endpoint, region).describe_images(
            Owners=["self"], Filters=[{"Name": "tag:imageforge:source-ami", "Values": [f"{HOME}/{source}"]}])["Images"]
        counts[region] = len([i for i in images if i["State"] != "deregistered"])
    return counts


def shared_with(endpoint, image):
    client = ec2(endpoint)
    launch = client.describe_image_attribute(ImageId=image, Attribute="launchPermission")["LaunchPermissions"]
    snapshot = snapshots_of(client.describe_images(ImageIds=[image])["Images"]).pop()
    volume = client.describe_snapshot_attribute(SnapshotId=snapshot, Attribute="createVolumePermission")
    return sorted(p["UserId"] for p in launch), sorted(p["UserId"] for p in volume["CreateVolumePermissions"])


def scenario(endpoint, name):
    """(extra vars, state(), converged(state), baseline orphans) for a scenario, after its setup."""
    client = ec2(endpoint)
    if name == "cleanup":
        for n in range(20):
            register_ami(client, f"intr-{n:02d}", {"interrupt": "cleanup"})

        def state():
            return len([i for i in client.describe_images(Owners=["self"])["Images"] if i["Name"].startswith("intr-")])

        return {"scenario": name, "prefix": "intr"}, state, lambda s: s == 0
    ami = register_ami(client, f"intr-{name}", {"interrupt": name})
    if name == "copy":
        return {"scenario": name, "ami": ami}, lambda: copies(endpoint, ami), lambda s: set(s.values()) == {1}
    return {"scenario": name, "ami": ami}, lambda: shared_with(endpoint, ami), lambda s: s == (ACCOUNTS, ACCOUNTS)


def run(endpoint, name):
    requests_reset = urllib.request.Request(f"{endpoint}/moto-api/reset", data=b"", method="POST")
    urllib.request.urlopen(requests_reset).read()
    operation, count, latency = TRIGGERS[name]
    extra, state, converged = scenario(endpoint, name)
    regions = [HOME] + (COPY_REGIONS if name == "copy" else [])
    before = orphans(endpoint, regions)  # the emulator's RegisterImage keeps the setup's own snapshot aside
    control(endpoint, "faults", {"latency_ms": latency})
    start = time.monotonic()
    code, killed, output = playbook(endpoint, extra, kill_on=(operation, count))
    control(endpoint, "faults", {})
    time.sleep(latency / 1000 + 0.5)  # let the requests that were in flight reach the backend
    partial = state()
    assert killed, f"{name}: the playbook ended (rc {code}) before the kill:\n{output}"
    code, _killed, output = playbook(endpoint, extra)
    assert code == 0, f"{name}: the rerun failed:\n{output}"
    final = state()
    assert converged(final), f"{name}: did not converge: {final}"
    code, _killed, output = playbook(endpoint, extra)
    writes = control(endpoint, "counters")["writes"]
    assert code == 0 and "changed=0" in output and writes == 0, f"{name}: third run changed something ({writes} writes):\n{output}"
    loose = {r: sorted(set(s) - set(before.get(r, []))) for r, s in orphans(endpoint, regions).items()}
    loose = {r: s for r, s in loose.items() if s}
    assert not loose, f"{name}: orphaned snapshots {loose}"
    shown = partial if name != "share" else f"{len(partial[0])} launch / {len(partial[1])} snapshot permissions"
    print(f"{name}: killed after {count} {operation} (latency {latency} ms); left {shown}; "
          f"rerun converged, third run no change, no orphans ({time.monotonic() - start:.0f} s)")


if __name__ == "__main__":
    for scenario_name in sys.argv[2:] or list(TRIGGERS):
        run(sys.argv[1], scenario_name)
