"""Run one module file the way Ansible does (args from a JSON file) and report, on stderr,
how long it took from interpreter start to its first API call.

usage: python module_probe.py <module name> <args.json>"""

import json
import runpy
import sys
import time

STARTED = time.monotonic()


def main():
    import botocore.client

    original = botocore.client.BaseClient._make_api_call
    first = []

    def timed(self, operation, params):
        if not first:
            first.append(time.monotonic() - STARTED)
        return original(self, operation, params)

    botocore.client.BaseClient._make_api_call = timed
    name, args_file = sys.argv[1:3]
    sys.argv = [name, args_file]
    try:
        runpy.run_module(f"ansible_collections.imageforge.image_builder.plugins.modules.{name}", run_name="__main__")
    finally:
        sys.stderr.write(json.dumps({"startup_s": first[0] if first else None}) + "\n")


if __name__ == "__main__":
    main()
