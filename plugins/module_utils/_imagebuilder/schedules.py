# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Image Builder pipeline schedules: cron(<minutes> <hours> <day-of-month> <month> <day-of-week> <year>)."""

from __future__ import annotations

import re
from typing import Any

MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
DAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"]
# name, lowest, highest, extra characters allowed besides numbers, *, -, / and ,
FIELDS = (
    ("minutes", 0, 59, ""),
    ("hours", 0, 23, ""),
    ("day-of-month", 1, 31, "?LW"),
    ("month", 1, 12, ""),
    ("day-of-week", 1, 7, "?L#"),
    ("year", 1970, 2199, ""),
)
_WRAPPED = re.compile(r"^cron\((.*)\)$")


class ScheduleError(ValueError):
    pass


def normalise_cron(text: str) -> str:
    """'0 3 * * ? *' or 'cron(0 3 * * ? *)' -> 'cron(0 3 * * ? *)'; raises ScheduleError with the fault."""
    text = str(text).strip()
    match = _WRAPPED.match(text)
    inner = match.group(1).strip() if match else text
    parts = inner.split()
    example = "such as cron(0 3 * * ? *) for 03:00 every day"
    if len(parts) != 6:
        raise ScheduleError(f"schedule_expression {text!r} must have 6 fields (minutes hours day-of-month month "
                            f"day-of-week year), {example}")
    for part, (name, low, high, extra) in zip(parts, FIELDS):
        _check_field(text, part, name, low, high, extra)
    if parts[2] != "?" and parts[4] != "?":
        raise ScheduleError(f"schedule_expression {text!r}: day-of-month or day-of-week must be '?', {example}")
    return f"cron({' '.join(parts)})"


def _check_field(text: str, part: Any, name: str, low: Any, high: Any, extra: Any) -> None:
    names = MONTHS if name == "month" else DAYS if name == "day-of-week" else []
    for item in part.split(","):
        if item in ("*", "?") and (item == "*" or "?" in extra):
            continue
        body = item.split("/")[0] if "/" in item else item
        step = item.split("/", 1)[1] if "/" in item else None
        if step is not None and not step.isdigit():
            raise ScheduleError(f"schedule_expression {text!r}: {name} step {step!r} is not a number")
        if body == "*" and step is not None:
            continue
        for piece in body.split("-"):
            value = piece.rstrip("LW") if "L" in extra or "W" in extra else piece
            if "#" in value and "#" in extra:
                value, nth = value.split("#", 1)
                if not nth.isdigit() or not 1 <= int(nth) <= 5:
                    raise ScheduleError(f"schedule_expression {text!r}: {name} '#' needs 1 to 5")
            if value == "" and ("L" in extra and "L" in item):
                continue
            if value.upper() in names:
                continue
            if not value.isdigit() or not low <= int(value) <= high:
                raise ScheduleError(f"schedule_expression {text!r}: {name} value {value!r} is not in {low}-{high}")
