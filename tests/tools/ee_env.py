"""Build the execution environment's contents as a clean virtual environment, from its definition alone.

An EE image cannot be built here (ansible-builder needs an RPM-based base image and a registry), so this
does what the image's Containerfile does, step by step, with the same inputs and nothing else:

1. `ansible-builder create` writes the build context (`_build/`: requirements.yml, requirements.txt,
   bindep.txt and the collection tarballs named by additional_build_files);
2. the collections of `_build/requirements.yml` are installed from tarballs, offline: `type: file` entries
   as given, named entries from the `ansible` package's copy of that collection at the pinned version
   (Galaxy cannot be reached);
3. `ansible-builder introspect` merges the definition's Python and system requirements with those the
   installed collections declare, as the image's builder stage does;
4. the system requirements are checked with bindep against the packages of this machine;
5. a venv of the definition's python_path gets ansible-core, ansible-runner and the merged Python
   requirements, and `pip check` must pass.

Steps 2 and 5 are cached like image layers, keyed on their inputs' content, in --cache (default .tmp/ee).
The result is a JSON description on stdout (and in <definition dir>/.tmp/ee-env.json).

    python tests/tools/ee_env.py [-f execution-environment.yml] [--cache DIR]
"""

import argparse
import hashlib
import io
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tarfile
import tempfile

import yaml

ROOT = pathlib.Path(__file__).resolve().parents[2]
BIN = pathlib.Path(sys.executable).parent
KEEP_LAYERS = 4


class EEError(Exception):
    """A step failed; the message says which and what to do."""


def run(cmd, step, **kwargs):
    done = subprocess.run([str(c) for c in cmd], capture_output=True, text=True, check=False, **kwargs)
    if done.returncode != 0:
        raise EEError(f"{step} failed (rc {done.returncode}): {' '.join(map(str, cmd))}\n{done.stdout[-3000:]}{done.stderr[-3000:]}")
    return done.stdout


def digest(*parts):
    sha = hashlib.sha256()
    for part in parts:
        sha.update(part if isinstance(part, bytes) else str(part).encode())
        sha.update(b"\0")
    return sha.hexdigest()[:16]


def clean_env(**extra):
    """No collection path, Python path or venv of the caller may leak into a step."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("ANSIBLE_", "PYTHON", "VIRTUAL_ENV", "PIP_REQUIRE"))}
    env.update(extra)
    return env


def create_context(definition, context):
    base = definition.parent
    run([BIN / "ansible-galaxy", "collection", "build", "--force", "--output-path", base / ".tmp/dist", ROOT],
        "ansible-galaxy collection build")
    shutil.rmtree(context, ignore_errors=True)
    run([BIN / "ansible-builder", "create", "-f", definition, "-c", context], "ansible-builder create", cwd=base)
    return context / "_build"


def ansible_package_collection(name):
    """The directory of a collection in the installed `ansible` package (site-packages/ansible_collections)."""
    import ansible_collections  # the namespace package that the `ansible` PyPI package fills

    namespace, collection = name.split(".")
    for path in ansible_collections.__path__:
        candidate = pathlib.Path(path) / namespace / collection
        if (candidate / "MANIFEST.json").is_file():
            return candidate
    raise EEError(f"{name} is not in the installed `ansible` package; Galaxy cannot be reached, so it cannot be installed")


def tarball_from_installed(name, spec, out):
    """A collection artifact of the `ansible` package's copy. That package leaves out some files that FILES.json
    lists (CI folders, tests), so FILES.json keeps only the files present, and MANIFEST.json its new checksum."""
    from ansible.galaxy.dependency_resolution.versioning import meets_requirements

    source = ansible_package_collection(name)
    manifest = json.loads((source / "MANIFEST.json").read_text())
    version = manifest["collection_info"]["version"]
    if not meets_requirements(version, str(spec or "*")):
        raise EEError(f"{name} {spec} is declared, but the `ansible` package has {version}: pin {version} in the definition")
    target = out / f"{name.replace('.', '-')}-{version}.tar.gz"
    if target.exists():
        return target
    files = json.loads((source / "FILES.json").read_text())
    files["files"] = [f for f in files["files"] if f["name"] == "." or (source / f["name"]).exists()]
    files_json = json.dumps(files, indent=4).encode()
    manifest["file_manifest_file"]["chksum_sha256"] = hashlib.sha256(files_json).hexdigest()
    partial = target.with_suffix(".partial")
    with tarfile.open(partial, "w:gz") as tar:
        for member, data in (("MANIFEST.json", json.dumps(manifest, indent=4).encode()), ("FILES.json", files_json)):
            info = tarfile.TarInfo(member)
            info.size, info.mode = len(data), 0o644
            tar.addfile(info, io.BytesIO(data))
        for entry in files["files"]:
            if entry["name"] != ".":
                tar.add(source / entry["name"], arcname=entry["name"], recursive=False)
    partial.rename(target)
    return target


def artifact_identity(tarball):
    with tarfile.open(tarball) as tar:
        return b"".join(tar.extractfile(m).read() for m in ("MANIFEST.json", "FILES.json"))


def install_collections(build, cache):
    requirements = yaml.safe_load((build / "requirements.yml").read_text())
    entries = requirements["collections"] if isinstance(requirements, dict) else requirements
    galaxy = cache / "galaxy"
    galaxy.mkdir(parents=True, exist_ok=True)
    tarballs = []
    for entry in entries:
        entry = {"name": entry} if isinstance(entry, str) else entry
        if entry.get("type") == "file":
            tarballs.append((build / entry["name"]).resolve())
        elif entry.get("type", "galaxy") == "galaxy":
            tarballs.append(tarball_from_installed(entry["name"], entry.get("version"), galaxy))
        else:
            raise EEError(f"collection entry {entry} has a source this offline build cannot reach")
    key = digest(*sorted(artifact_identity(t) for t in tarballs))
    layer = cache / f"collections-{key}"
    if not (layer / ".complete").exists():
        shutil.rmtree(layer, ignore_errors=True)
        resolved = cache / f"requirements-{key}.yml"
        resolved.write_text(yaml.safe_dump({"collections": [{"name": str(t), "type": "file"} for t in tarballs]}))
        run([BIN / "ansible-galaxy", "collection", "install", "--offline", "-r", resolved, "-p", layer],
            "ansible-galaxy collection install (a collection's dependency missing from the definition fails here)",
            env=clean_env(ANSIBLE_COLLECTIONS_PATH=str(layer)))
        (layer / ".complete").write_text("")
    return layer


def introspect(build, collections, out):
    out.mkdir(parents=True, exist_ok=True)
    run([BIN / "ansible-builder", "introspect", "--sanitize",
         "--user-pip", build / "requirements.txt", "--user-bindep", build / "bindep.txt",
         "--write-pip", out / "requirements.txt", "--write-bindep", out / "bindep.txt", collections],
        "ansible-builder introspect")
    return (out / "requirements.txt").read_text()


def check_bindep(bindep_file):
    lines = [line for line in bindep_file.read_text().splitlines() if line.strip() and not line.startswith("#")]
    here = [line for line in lines if "platform:" not in line or "platform:dpkg" in line]
    if not here:
        raise EEError(f"no entry of {bindep_file} applies to this machine (platform:dpkg): nothing would be checked")
    done = subprocess.run([BIN / "bindep", "-f", bindep_file], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        missing = subprocess.run([BIN / "bindep", "-b", "-f", bindep_file], capture_output=True, text=True, check=False)
        hint = f" (apt-get install {' '.join(missing.stdout.split())})" if missing.stdout.strip() else ""
        raise EEError(f"the EE's system packages do not match this machine{hint}:\n{done.stdout}{done.stderr}")
    return here


def requirement_lines(text):
    return sorted({line.split("#", 1)[0].strip() for line in text.splitlines()} - {""})


def build_venv(definition_data, pip_requirements, cache):
    deps = definition_data["dependencies"]
    python = deps.get("python_interpreter", {}).get("python_path") or "python3"
    if not shutil.which(python):
        raise EEError(f"python_path {python} of the definition is not on this machine")
    version = run([python, "-c", "import sys; print(sys.version)"], "python --version")
    pins = [deps["ansible_core"]["package_pip"], deps["ansible_runner"]["package_pip"]]
    lines = requirement_lines(pip_requirements)
    layer = cache / f"venv-{digest(python, version, *pins, *lines)}"
    if not (layer / ".complete").exists():
        shutil.rmtree(layer, ignore_errors=True)
        run([python, "-m", "venv", layer], "python -m venv")
        with tempfile.NamedTemporaryFile("w", suffix=".txt") as reqs:
            reqs.write("\n".join(pins + lines) + "\n")
            reqs.flush()
            run([layer / "bin/python", "-m", "pip", "install", "-q", "--disable-pip-version-check", "-r", reqs.name],
                "pip install of the EE's Python requirements", env=clean_env())
        run([layer / "bin/python", "-m", "pip", "check"], "pip check", env=clean_env())
        (layer / ".complete").write_text("")
    return layer


def prune(cache, keep):
    for prefix in ("collections-", "venv-"):
        layers = sorted(cache.glob(prefix + "*"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in layers:
            if old not in keep and layers.index(old) >= KEEP_LAYERS:
                shutil.rmtree(old, ignore_errors=True)


def build(definition, cache):
    definition = definition.resolve()
    data = yaml.safe_load(definition.read_text())
    if data.get("version") != 3:
        raise EEError(f"{definition}: only ansible-builder definition version 3 is supported")
    cache.mkdir(parents=True, exist_ok=True)
    work = definition.parent / ".tmp"
    build_dir = create_context(definition, work / "ee-context")
    collections = install_collections(build_dir, cache)
    pip_requirements = introspect(build_dir, collections, work / "ee-introspect")
    bindep_checked = check_bindep(work / "ee-introspect/bindep.txt")
    venv = build_venv(data, pip_requirements, cache)
    for layer in (collections, venv):
        os.utime(layer)
    prune(cache, {collections, venv})
    frozen = run([venv / "bin/python", "-m", "pip", "freeze", "--all"], "pip freeze", env=clean_env()).split()
    description = {
        "definition": str(definition),
        "base_image": data["images"]["base_image"]["name"],
        "python": str(venv / "bin/python"),
        "bin": str(venv / "bin"),
        "collections_path": str(collections),
        "collections": sorted(str(p.relative_to(collections / "ansible_collections")).replace("/", ".")
                              for p in collections.glob("ansible_collections/*/*")),
        "pip_freeze": frozen,
        "bindep_checked": bindep_checked,
    }
    (work / "ee-env.json").write_text(json.dumps(description, indent=2))
    return description


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("-f", "--file", default=str(ROOT / "execution-environment.yml"), type=pathlib.Path)
    parser.add_argument("--cache", default=str(ROOT / ".tmp/ee"), type=pathlib.Path)
    args = parser.parse_args()
    try:
        description = build(args.file, args.cache.resolve())
    except EEError as error:
        print(f"ee: {error}", file=sys.stderr)
        return 1
    print(json.dumps(description, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
