"""Financial years (1 April to 31 March) and part-year effects.

A change in force part-way through a year saves only the days it is in force over the days in
that year; the year after carries the full-year effect. Years are named as councils write them,
"2013/14", and held as the calendar year they start in.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

from orgdesigner.model.errors import OrgError

_LABEL = re.compile(r"^\s*(\d{4})\s*(?:[/-]\s*(\d{2}|\d{4}))?\s*$")


def year_label(start: int) -> str:
    """2013 -> "2013/14"."""
    return f"{start}/{(start + 1) % 100:02d}"


def parse_year(text: str) -> int:
    """ "2013/14", "2013-14", "2013/2014" or "2013" -> 2013 (the year it starts in)."""
    match = _LABEL.match(text)
    if match is None:
        raise OrgError(f"'{text}' is not a financial year; write it as 2013/14.")
    start = int(match.group(1))
    end = match.group(2)
    if end is not None and int(end) % 100 != (start + 1) % 100:
        raise OrgError(f"'{text}' is not a financial year: it must end the year after it starts (e.g. 2013/14).")
    return start


def parse_date(text: str, what: str = "date") -> date:
    """An ISO date (YYYY-MM-DD), or a message naming what was wrong."""
    try:
        return date.fromisoformat(text.strip())
    except (ValueError, AttributeError):
        raise OrgError(f"{what} '{text}' is not a date; write it as YYYY-MM-DD.") from None


def year_start(start: int) -> date:
    return date(start, 4, 1)


def year_end(start: int) -> date:
    """The last day of the year (31 March)."""
    return date(start + 1, 3, 31)


def days_in_year(start: int) -> int:
    return (date(start + 1, 4, 1) - date(start, 4, 1)).days


def year_of(day: date) -> int:
    """The financial year a day falls in."""
    return day.year if day.month >= 4 else day.year - 1


def part_year(effective: date, start: int) -> float:
    """The share of financial year `start` in which a change effective on `effective` is in force."""
    first = year_start(start)
    after = date(start + 1, 4, 1)
    if effective <= first:
        return 1.0
    if effective >= after:
        return 0.0
    return (after - effective).days / (after - first).days


def days_between(first: date, after: date) -> int:
    """Days from `first` up to (not including) `after`, never negative."""
    return max(0, (after - first).days)


def add_months(day: date, months: int) -> date:
    """The same day `months` later, clipped to the end of a shorter month."""
    total = day.month - 1 + months
    year, month = day.year + total // 12, total % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def whole_years(first: date, last: date) -> int:
    """Complete years from `first` to `last` (an age, or years of continuous service)."""
    years = last.year - first.year
    if (last.month, last.day) < (first.month, first.day):
        years -= 1
    return max(0, years)
