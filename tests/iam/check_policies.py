"""Compare the API calls each module made (the emulator's request log) with docs/iam/<module>.json.

Usage: python3 tests/iam/check_policies.py REQUESTS.json [--policies docs/iam] [--write]
Each request the collection's modules make names the module in its User-Agent, and the emulator
records it (`module`). A call whose IAM action no Allow statement of that module's policy covers is a
failure, and so is a module without a policy. --write adds the missing actions to the policy files
(for a maintainer, who then reviews the diff).
"""

import argparse
import fnmatch
import json
import pathlib
import sys

# Operations whose IAM action is not "<service>:<Operation>".
ACTION_OVERRIDES = {
    ("s3", "HeadObject"): "s3:GetObject",
    ("s3", "HeadBucket"): "s3:ListBucket",
    ("s3", "ListObjects"): "s3:ListBucket",
    ("s3", "ListObjectsV2"): "s3:ListBucket",
    ("s3", "CreateMultipartUpload"): "s3:PutObject",
    ("s3", "UploadPart"): "s3:PutObject",
    ("s3", "CompleteMultipartUpload"): "s3:PutObject",
    ("s3", "GetBucketLocation"): "s3:GetBucketLocation",
    ("ec2", "CopyImage"): "ec2:CopyImage",
}
SERVICE_PREFIX = {"sts": "sts", "monitoring": "cloudwatch", "logs": "logs"}


# S3 REST calls the emulator cannot name are logged as "METHOD /bucket/key".
S3_METHODS = {"HEAD": "s3:GetObject", "GET": "s3:GetObject", "PUT": "s3:PutObject", "DELETE": "s3:DeleteObject"}


def iam_action(service, operation):
    method = operation.split(" ", 1)[0]
    if service == "s3" and " /" in operation and method in S3_METHODS:
        return S3_METHODS[method] if operation.count("/") > 1 else "s3:ListBucket"
    if (service, operation) in ACTION_OVERRIDES:
        return ACTION_OVERRIDES[(service, operation)]
    return f"{SERVICE_PREFIX.get(service, service)}:{operation}"


def allowed_actions(policy):
    statements = policy["Statement"]
    return [a for s in statements if s["Effect"] == "Allow" for a in ([s["Action"]] if isinstance(s["Action"], str) else s["Action"])]


def covered(action, patterns):
    return any(fnmatch.fnmatchcase(action.lower(), p.lower()) for p in patterns)


def used_actions(requests):
    used = {}
    for request in requests:
        module = request.get("module")
        if module:
            used.setdefault(module, set()).add(iam_action(request["service"], request["operation"]))
    return used


def check(used, policies_dir):
    problems = []
    for module, actions in sorted(used.items()):
        path = policies_dir / f"{module}.json"
        if not path.is_file():
            problems.append(f"{module}: no policy {path} (it called {sorted(actions)})")
            continue
        patterns = allowed_actions(json.loads(path.read_text()))
        for action in sorted(actions):
            if not covered(action, patterns):
                problems.append(f"{module}: called {action}, which {path.name} does not allow")
    return problems


def write(used, policies_dir):
    for module, actions in used.items():
        path = policies_dir / f"{module}.json"
        policy = json.loads(path.read_text()) if path.is_file() else {
            "Version": "2012-10-17",
            "Statement": [{"Sid": "ImageforgeModule", "Effect": "Allow", "Action": [], "Resource": "*"}]}
        statement = policy["Statement"][0]
        missing = [a for a in actions if not covered(a, allowed_actions(policy))]
        statement["Action"] = sorted(set(statement["Action"]) | set(missing))
        path.write_text(json.dumps(policy, indent=2) + "\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("requests", type=pathlib.Path)
    parser.add_argument("--policies", type=pathlib.Path, default=pathlib.Path(__file__).resolve().parents[2] / "docs/iam")
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    used = used_actions(json.loads(args.requests.read_text()))
    if args.write:
        write(used, args.policies)
    problems = check(used, args.policies)
    calls = sum(len(a) for a in used.values())
    for problem in problems:
        print(f"FAIL {problem}")
    print(f"{len(used)} modules, {calls} distinct actions checked against {args.policies}")
    print(f"{calls - len(problems)} passed, {len(problems)} failed")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
