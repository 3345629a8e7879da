"""Patches for gaps in moto's KMS model; each module has an `apply()` and patches one gap."""

import importlib
import pkgutil


def apply_all():
    for module in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{module.name}").apply()
