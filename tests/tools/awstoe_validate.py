# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Validate AWSTOE component documents: for pre-commit hooks and CI.

usage: python3 tests/tools/awstoe_validate.py [--platform Linux|Windows|macOS] [--inline-limit] PATH...

Each PATH is a document or a folder of *.yml/*.yaml/*.json documents.  Prints one
line per problem ("file: problem") and exits 1 when there is any, 2 on bad usage.
"""

from __future__ import annotations

import argparse
import importlib.util
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
SUFFIXES = (".yml", ".yaml", ".json")


def load_validator():
    """Load module_utils/_awstoe/awstoe.py straight from the tree: it needs only the stdlib and PyYAML."""
    spec = importlib.util.spec_from_file_location("awstoe", ROOT / "plugins" / "module_utils" / "awstoe.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def documents(paths):
    for path in map(pathlib.Path, paths):
        if path.is_dir():
            yield from sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in SUFFIXES)
        else:
            yield path


def main(argv=None):
    parser = argparse.ArgumentParser(description="Validate AWSTOE component documents.")
    parser.add_argument("--platform", choices=("Linux", "Windows", "macOS"),
                        help="also report actions this platform cannot run")
    parser.add_argument("--inline-limit", action="store_true",
                        help="also report documents longer than Image Builder's 16000-character inline limit")
    parser.add_argument("paths", nargs="+", metavar="PATH", help="a document or a folder of documents")
    args = parser.parse_args(argv)
    awstoe = load_validator()
    count = failed = 0
    for path in documents(args.paths):
        count += 1
        try:
            text = path.read_bytes()
        except OSError as exc:
            print("%s: cannot read: %s" % (path, exc.strerror))
            failed += 1
            continue
        _doc, problems = awstoe.parse_and_validate(text, args.platform, check_inline_limit=args.inline_limit)
        for problem in problems:
            print("%s: %s" % (path, problem))
        failed += bool(problems)
    if count == 0:
        print("no *.yml, *.yaml or *.json documents found", file=sys.stderr)
        return 2
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
