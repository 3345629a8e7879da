# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Distribution checks made before any call: real regions, no accidental public AMIs."""

from __future__ import annotations

from typing import Any

try:
    import botocore.session
except ImportError:
    pass  # AnsibleAWSModule reports the missing library

DISK_IMAGE_FORMATS = ("RAW", "VHD", "VMDK")


def known_regions() -> set[Any]:
    """EC2 regions of every partition, from botocore's bundled endpoint data (no call)."""
    session = botocore.session.get_session()
    return {r for p in session.get_available_partitions() for r in session.get_available_regions("ec2", p)}


def distribution_problems(distributions: Any, allow_public: Any, regions: Any = None) -> list[Any]:
    """Readable faults of the `distributions` option (snake_case, as the task gives it)."""
    regions = known_regions() if regions is None else regions
    problems = []
    seen = set()
    for index, dist in enumerate(distributions or []):
        where = f"distributions[{index}]"
        region = dist.get("region")
        if region not in regions:
            problems.append(f"{where}: region {region!r} does not exist (known EC2 regions: {', '.join(sorted(regions)[:6])}, ...)")
        if region in seen:
            problems.append(f"{where}: region {region!r} appears more than once; give one entry per region")
        seen.add(region)
        ami = dist.get("ami_distribution_configuration") or {}
        groups = (ami.get("launch_permission") or {}).get("user_groups") or []
        if "all" in groups and not allow_public:
            problems.append(f"{where}: launch_permission user_groups 'all' makes the AMI public; set allow_public: true if that is intended")
        export = dist.get("s3_export_configuration") or {}
        if export and export.get("disk_image_format") not in DISK_IMAGE_FORMATS:
            problems.append(f"{where}: s3_export_configuration disk_image_format must be one of {', '.join(DISK_IMAGE_FORMATS)}")
    return problems
