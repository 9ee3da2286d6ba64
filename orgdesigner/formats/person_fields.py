"""The cost-of-change columns of an establishment list: a post's effective date and delete-when-vacated,
and the postholder's HR data (employee number, date of birth, continuous service, LGPS, notice, the
fund's strain figure). A value that cannot be read is left blank with a note naming its row and column;
nothing is guessed.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable
from datetime import date, datetime

from orgdesigner.formats.tabular import BadNumber, number
from orgdesigner.model.post import Holder, Post, Status

HR_HEADERS: dict[str, tuple[str, ...]] = {
    "effective_date": ("Effective Date", "Effective From", "Change Date"),
    "delete_when_vacated": ("Delete When Vacated", "Delete on Vacancy"),
    "person_id": ("Employee Number", "Employee No", "Person ID", "Payroll Number"),
    "date_of_birth": ("Date of Birth", "DOB", "Birth Date"),
    "service_start": ("Continuous Service Date", "Continuous Service", "Service Start", "Start Date"),
    "lgps_member": ("LGPS", "LGPS Member", "Pension Scheme Member", "Pension Member"),
    "notice_weeks": ("Notice (weeks)", "Notice Weeks", "Contractual Notice"),
    "strain_cost": ("Strain Cost", "Pension Strain (£)", "Strain Cost (£)"),
    "protected_pension_age": ("Protected Pension Age", "Protected Minimum Pension Age"),
}
"""Fields and the headers they are found under (an import map may name others)."""

_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%y")
_YES = {"yes", "y", "true", "1", "member", "lgps"}
_NO = {"no", "n", "false", "0", "not a member", "non-member", "none"}


def read_date(text: str) -> date | None:
    """A date as lists write it: ISO, or day first as UK lists do (31/03/2013); None if unreadable."""
    text = text.strip()
    if len(text) >= 10 and text[4] == "-" and text[10:].strip(" 0:T") == "":
        text = text[:10]  # a spreadsheet date read as text: '2013-03-31 00:00:00'
    for pattern in _DATE_FORMATS:
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def apply_hr_fields(
    post: Post, get: Callable[[str], str], where: str, letters: dict[str, str], problems: list[str]
) -> Post:
    """The post with its effective date, delete-when-vacated and its holder's HR data from one row."""

    def bad(name: str, text: str, what: str) -> None:
        column = letters.get(name, "?")
        problems.append(f"{where} column {column} ({name.replace('_', ' ')}): '{text}' is not {what}; left blank.")

    def when(name: str) -> str | None:
        text = get(name)
        if not text:
            return None
        day = read_date(text)
        if day is None:
            bad(name, text, "a date (write 2013-03-31 or 31/03/2013)")
            return None
        return day.isoformat()

    def yes_no(name: str) -> bool | None:
        text = get(name).strip().casefold()
        if not text:
            return None
        if text in _YES or text in _NO:
            return text in _YES
        bad(name, get(name), "yes or no")
        return None

    def protected_age() -> float | None:
        """A protected pension age the loader accepts (50-75), else left blank with a note."""
        age = amount("protected_pension_age")
        if age is not None and not (50 <= age <= 75):
            bad("protected_pension_age", get("protected_pension_age"), "an age between 50 and 75")
            return None
        return age

    def amount(name: str) -> float | None:
        try:
            value = number(get(name))
        except BadNumber:
            bad(name, get(name), "a number")
            return None
        if value is not None and (not math.isfinite(value) or value < 0):
            bad(name, get(name), "a number of 0 or more")
            return None
        return value

    changes: dict[str, object] = {}
    effective = when("effective_date")
    if effective:
        changes["effective_date"] = effective
    if yes_no("delete_when_vacated"):
        changes["delete_when_vacated"] = True
    hr = {
        "person_id": get("person_id"),
        "date_of_birth": when("date_of_birth"),
        "service_start": when("service_start"),
        "lgps_member": yes_no("lgps_member"),
        "notice_weeks": amount("notice_weeks"),
        "strain_cost": amount("strain_cost"),
        "protected_pension_age": protected_age(),
    }
    known = {k: v for k, v in hr.items() if v not in (None, "")}
    if known and post.status is not Status.VACANT:
        holders = post.holders or (Holder(fte=post.fte if post.fte is not None else 1.0),)
        if len(holders) > 1:
            problems.append(f"{where}: one row's HR data for a job share is given to its first holder only.")
        changes["holders"] = (dataclasses.replace(holders[0], **known), *holders[1:])  # type: ignore[arg-type]
    return dataclasses.replace(post, **changes) if changes else post  # type: ignore[arg-type]
