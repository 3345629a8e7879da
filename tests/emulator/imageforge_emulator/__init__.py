"""Offline AWS for imageforge.image_builder: moto + Image Builder backend + EC2 gap patches."""

import os

os.environ.setdefault("MOTO_EC2_LOAD_DEFAULT_AMIS", "false")

_installed = False


def install():
    """Register the imagebuilder backend and patch EC2. Safe to call more than once."""
    global _installed
    if _installed:
        return
    from . import ec2, imagebuilder, kms, ram

    imagebuilder.register()
    ec2.apply_all()
    kms.apply_all()
    ram.apply_all()
    _installed = True
