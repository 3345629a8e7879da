#!/usr/bin/env python
"""How the `image` module waits for a 60-second build: the API calls it makes and how long after the
build turned AVAILABLE the task returned. Prints figures; asserts nothing.

usage: python tests/bench/build_wait.py [--port 5089] [--build-seconds 60] [--wait-delay 15]
(source tests/tools/env.sh first; it starts and stops its own emulator)"""

import argparse
import json
import os
import pathlib
import subprocess
import sys
import tempfile
import urllib.request
from datetime import datetime

ROOT = pathlib.Path(__file__).resolve().parents[2]
PREREQS = ROOT / "tests/integration/targets/image/files/prereqs.py"
PLAYBOOK = """
- hosts: localhost
  gather_facts: false
  tasks:
    - imageforge.image_builder.image:
        pipeline: {pipeline}
        endpoint_url: {url}
        region: us-east-1
        access_key: testing
        secret_key: testing
        wait_delay: {delay}
      register: built
    - ansible.builtin.copy:
        content: "{{{{ built | combine({{'returned_at': now(utc=true).timestamp()}}) | to_json }}}}"
        dest: {out}
"""


def control(url, path, data=None):
    request = urllib.request.Request(url + path, method="POST" if data is not None else "GET",
                                     data=json.dumps(data).encode() if data is not None else None)
    return json.load(urllib.request.urlopen(request))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=5089)
    parser.add_argument("--build-seconds", type=float, default=60)
    parser.add_argument("--wait-delay", type=int, default=15)
    args = parser.parse_args()
    url = f"http://127.0.0.1:{args.port}"
    emulator = subprocess.Popen([sys.executable, "-m", "imageforge_emulator", "--port", str(args.port)],
                                stdout=subprocess.PIPE, text=True)
    try:
        emulator.stdout.readline()
        env = dict(os.environ, AWS_ACCESS_KEY_ID="testing", AWS_SECRET_ACCESS_KEY="testing",
                   AWS_DEFAULT_REGION="us-east-1", AWS_ENDPOINT_URL=url)
        prereqs = json.loads(subprocess.check_output([sys.executable, str(PREREQS), "create", "bench", "eu-west-1",
                                                      "222222222222"], env=env))
        control(url, "/_emulator/build_seconds", {"seconds": args.build_seconds})
        control(url, "/_emulator/counters/reset", {})
        with tempfile.TemporaryDirectory() as tmp:
            out = pathlib.Path(tmp) / "result.json"
            playbook = pathlib.Path(tmp) / "bench.yml"
            playbook.write_text(PLAYBOOK.format(pipeline=prereqs["pipeline"], url=url, delay=args.wait_delay, out=out))
            subprocess.run(["ansible-playbook", "-i", "localhost,", "-c", "local",
                            "-e", f"ansible_python_interpreter={sys.executable}", str(playbook)],
                           check=True, stdout=subprocess.DEVNULL)
            result = json.loads(out.read_text())
        counters = control(url, "/_emulator/counters")
        created = datetime.strptime(result["image"]["date_created"], "%Y-%m-%dT%H:%M:%S.%fZ")
        available_at = (created - datetime(1970, 1, 1)).total_seconds() + args.build_seconds
        print(f"build time (emulator): {args.build_seconds:.0f} s, wait_delay: {args.wait_delay} s")
        print(f"final state: {result['state']}; time in each state seen: {result['image'].get('seconds_in_state')}")
        print(f"API calls: {counters['reads']} reads, {counters['writes']} writes")
        for operation, count in sorted(counters["operations"].items()):
            print(f"  {operation}: {count}")
        print(f"delay between AVAILABLE and the task's return: {result['returned_at'] - available_at:.1f} s")
    finally:
        emulator.terminate()
        emulator.wait(10)


if __name__ == "__main__":
    main()
