"""Shared testinfra fixtures, loaded with -p imageforge_fixtures (PYTHONPATH=shared/tests)."""
import os

import pytest


@pytest.fixture(scope="module")
def profile():
    """host (a live server) or image (about to be captured), from the scenario."""
    return os.environ.get("IMAGEFORGE_PROFILE", "host")


@pytest.fixture(scope="module")
def sshd_effective(host):
    """`sshd -T` as a dict. A throwaway host key is passed with -h so that this also works
    on an image whose host keys image_cleanup removed."""
    key = "/run/imageforge-testinfra-hostkey"
    host.run("mkdir -p /run/sshd && rm -f %s %s.pub", key, key)
    host.check_output("ssh-keygen -q -t ed25519 -N '' -f %s", key)
    out = host.run_expect([0], "sshd -T -h %s -C user=root,host=localhost,addr=127.0.0.1", key)
    host.run("rm -f %s %s.pub", key, key)
    conf = {}
    for line in out.stdout.splitlines():
        if " " in line:
            k, v = line.split(" ", 1)
            conf.setdefault(k.lower(), v.strip())
    return conf
