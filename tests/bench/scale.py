#!/usr/bin/env python
"""Scale benchmark on the emulator: N = 10, 100, 1000 component versions, AMIs in 3 regions and
accounts to share with. For each case: wall time, API calls (emulator counters) and peak memory
of the module process for a first run and a no-change run, calls per resource, and the module's
start-up time before its first API call. Prints a table; asserts nothing about time.

usage: python tests/bench/scale.py [--sizes 10,100,1000] [--page-size 7] [--port 5069]
(run after `source tests/tools/env.sh`; starts its own emulator with EMULATOR_PAGE_SIZE)"""

import argparse
import json
import os
import pathlib
import re
import subprocess
import sys
import tempfile
import time
import urllib.request

import boto3

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[1]
REGIONS = ["us-east-1", "eu-west-1", "ap-southeast-2"]
DOCUMENT = ("name: bench\nschemaVersion: 1.0\nphases:\n  - name: build\n    steps:\n      - name: S\n        action: ExecuteBash\n"
            "        inputs:\n          commands: ['echo {n}']\n")


class Emulator:
    def __init__(self, port, page_size):
        self.endpoint = f"http://127.0.0.1:{port}"
        env = dict(os.environ, EMULATOR_PAGE_SIZE=str(page_size))
        self.process = subprocess.Popen([sys.executable, "-m", "imageforge_emulator", "--port", str(port)], env=env,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _attempt in range(300):
            try:
                self.control("counters")
                self.control("moto-api/reset", post=True)
                return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("the emulator did not start")

    def control(self, path, post=False):
        request = urllib.request.Request(f"{self.endpoint}/{path}" if path.startswith("moto") else f"{self.endpoint}/_emulator/{path}",
                                         data=b"{}" if post else None, method="POST" if post else "GET")
        with urllib.request.urlopen(request, timeout=5) as answer:
            return json.loads(answer.read())

    def client(self, service, region="us-east-1"):
        return boto3.client(service, region_name=region, endpoint_url=self.endpoint)

    def stop(self):
        self.process.terminate()
        self.process.wait()


def run_module(emulator, name, args, check_mode=False):
    """{'seconds', 'reads', 'writes', 'peak_mb', 'startup_s', 'changed'} of one module process."""
    full = dict(args, endpoint_url=emulator.endpoint, _ansible_check_mode=check_mode)
    full.setdefault("region", "us-east-1")
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump({"ANSIBLE_MODULE_ARGS": full}, handle)
    emulator.control("counters/reset", post=True)
    start = time.monotonic()
    done = subprocess.run(["/usr/bin/time", "-v", sys.executable, str(HERE / "module_probe.py"), name, handle.name],
                          capture_output=True, text=True, check=False)
    seconds = time.monotonic() - start
    os.unlink(handle.name)
    result = json.loads(done.stdout)
    if result.get("failed"):
        raise RuntimeError(f"{name}: {result.get('msg')}")
    counters = emulator.control("counters")
    peak_kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr).group(1))
    probe = json.loads([line for line in done.stderr.splitlines() if line.startswith("{")][-1])
    return {"seconds": seconds, "reads": counters["reads"], "writes": counters["writes"], "peak_mb": peak_kb / 1024,
            "startup_s": probe["startup_s"], "changed": result.get("changed"), "result": result}


def seed_components(emulator, n):
    client = emulator.client("imagebuilder")
    for i in range(n):
        client.create_component(name="bench-comp", semanticVersion=f"1.0.{i}", platform="Linux",
                                data=DOCUMENT.format(n=i), clientToken=f"bench-{n}-{i}")
    return {"name": "bench-comp", "platform": "Linux", "data": DOCUMENT.format(n=n - 1)}


def seed_amis(emulator, n):
    for i in range(n):
        client = emulator.client("ec2", REGIONS[i % 3])
        client.register_image(Name=f"bench-{i:05d}", RootDeviceName="/dev/xvda", Architecture="x86_64",
                              VirtualizationType="hvm")


def first_ami(emulator):
    return emulator.client("ec2").describe_images(Owners=["self"], Filters=[{"Name": "name", "Values": ["bench-*"]}])["Images"][0]["ImageId"]


def cases(emulator, n):
    """(case name, resources, module, args, check_mode, first, then) rows for size n."""
    rows = []
    component = seed_components(emulator, n)
    info_first = run_module(emulator, "component_info", {"name": "bench-comp"})
    assert len(info_first["result"]["components"]) == n, f"component_info listed {len(info_first['result']['components'])} of {n}"
    rows.append(("component_info", n, info_first, run_module(emulator, "component_info", {"name": "bench-comp"})))
    first = run_module(emulator, "component", dict(component, data=DOCUMENT.format(n="new")))
    rows.append(("component (new version)", n, first, run_module(emulator, "component", dict(component, data=DOCUMENT.format(n="new")))))
    seed_amis(emulator, n)
    per_region = [run_module(emulator, "ami_info", {"name": "bench-*", "region": r}) for r in REGIONS]
    assert sum(len(r["result"]["images"]) for r in per_region) == n
    rows.append(("ami_info x3 regions", n, _sum(per_region), _sum([run_module(emulator, "ami_info", {"name": "bench-*", "region": r}) for r in REGIONS])))
    lifecycle = [run_module(emulator, "ami_lifecycle", {"name": "bench-*", "keep_newest": 1, "region": r}, check_mode=True) for r in REGIONS]
    assert sum(len(r["result"]["removed"]) for r in lifecycle) == n - 3
    rows.append(("ami_lifecycle check x3", n, _sum(lifecycle), _sum(lifecycle)))
    accounts = [f"{100000000000 + i}" for i in range(n)]
    share = {"image_id": first_ami(emulator), "accounts": accounts, "allow_unvalidated": True}
    first = run_module(emulator, "ami_share", share)
    assert first["changed"]
    rows.append(("ami_share", n, first, run_module(emulator, "ami_share", share)))
    return rows


def _sum(runs):
    total = {k: sum(r[k] for r in runs) for k in ("seconds", "reads", "writes")}
    total.update(peak_mb=max(r["peak_mb"] for r in runs), startup_s=max(r["startup_s"] or 0 for r in runs),
                 changed=any(r["changed"] for r in runs))
    return total


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="10,100,1000")
    parser.add_argument("--page-size", type=int, default=25)
    parser.add_argument("--port", type=int, default=5069)
    options = parser.parse_args()
    os.environ.setdefault("AWS_ACCESS_KEY_ID", "testing")
    os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "testing")
    print(f"page size {options.page_size}; first run / no-change run; calls are reads+writes seen by the emulator")
    header = (f"{'case':26} {'N':>5} | {'first s':>7} {'reads':>6} {'writes':>6} | "
              f"{'again s':>7} {'reads':>6} {'writes':>6} {'reads/N':>7} | {'peak MB':>7} {'start s':>7}")
    print(header)
    print("-" * len(header))
    for index, n in enumerate(int(s) for s in options.sizes.split(",")):
        emulator = Emulator(options.port + index, options.page_size)
        try:
            for case, resources, first, again in cases(emulator, n):
                assert again["writes"] == 0, f"{case} N={n}: the second run wrote"
                assert "check" in case or not again["changed"], f"{case} N={n}: the second run changed"
                print(f"{case:26} {resources:>5} | {first['seconds']:7.2f} {first['reads']:6} {first['writes']:6} | "
                      f"{again['seconds']:7.2f} {again['reads']:6} {again['writes']:6} {again['reads'] / resources:7.2f} | "
                      f"{max(first['peak_mb'], again['peak_mb']):7.1f} {max(first['startup_s'] or 0, again['startup_s'] or 0):7.2f}",
                      flush=True)
        finally:
            emulator.stop()


if __name__ == "__main__":
    main()
