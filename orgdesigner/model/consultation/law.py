"""TULRCA 1992 s.188 and s.193: how long to consult, and the latest dates to start and to notify.

The law counts people an employer proposes to dismiss at one establishment within 90 days
(s.188(1)), not counting again people whose consultation has already begun (s.188(3)). Consultation
begins at least 30 days (20 to 99 people) or 45 days (100 or more) before the first dismissal takes
effect (s.188(1A)); form HR1 goes to the Secretary of State in the same time and before notice is
given (s.193). Notices follow the consultation, so each phase's notice runs between the two.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

FEW = 20
"""Below this many at one establishment, s.188 asks for no collective consultation."""
MANY = 100
"""From this many, 45 days rather than 30."""
WINDOW_DAYS = 90
"""Dismissals proposed within a period of 90 days or less are counted together (s.188(1))."""


def consultation_days(people: int) -> int:
    """The minimum consultation period s.188(1A) requires for this many at one establishment."""
    if people >= MANY:
        return 45
    if people >= FEW:
        return 30
    return 0


def within_window(first: date, second: date) -> bool:
    """True when both dates fall in one period of 90 days (counted inclusively)."""
    return abs((second - first).days) < WINDOW_DAYS


@dataclass(frozen=True, slots=True)
class PhaseDates:
    """What the timetable needs of a phase: when its first dismissal takes effect and its start."""

    number: int
    first_dismissal: date | None
    consultation_start: date | None
    """The start the user recorded; None while consultation has not been fixed."""


def begun_before(earlier: PhaseDates, later: PhaseDates, today: date) -> bool:
    """s.188(3): the earlier phase's consultation began before the later phase's did."""
    if earlier.consultation_start is None or earlier.number == later.number:
        return False
    return earlier.consultation_start < (later.consultation_start or today)


def counted(
    phases: Sequence[PhaseDates], people: Mapping[tuple[int, str], int], today: date
) -> dict[tuple[int, str], int]:
    """The number s.188 counts for each phase at each establishment where it has people at risk.

    `people` maps (phase number, establishment) to the people at risk there in that phase. A phase
    counts its own people, plus those of other dated phases within 90 days whose consultation had
    not already begun: proposals made together are counted together.
    """
    out: dict[tuple[int, str], int] = {}
    by_number = {p.number: p for p in phases}
    for (number, establishment), own in people.items():
        if own <= 0:
            continue
        phase = by_number[number]
        total = own
        for other in phases:
            if other.number == number or phase.first_dismissal is None or other.first_dismissal is None:
                continue
            if within_window(phase.first_dismissal, other.first_dismissal) and not begun_before(other, phase, today):
                total += people.get((other.number, establishment), 0)
        out[number, establishment] = total
    return out


@dataclass(frozen=True, slots=True)
class Timetable:
    """One phase's dates: what the law requires and whether the time left is enough."""

    consultation_days: int
    consult_by: date | None
    """The latest start that leaves the full period and then the notice before the first dismissal."""
    hr1_by: date | None
    """The latest date for HR1: the same number of days before the first dismissal, and before notice."""
    enough_time: bool | None
    """None when the phase has no date yet."""
    past: bool
    """The first dismissal is before the analysis date: history, and no finding."""
    start: date
    """The consultation start the check counts from: the one recorded, else the analysis date."""


def timetable(phase: PhaseDates, days: int, notice_days: int, today: date) -> Timetable:
    """The latest dates for a phase needing `days` of consultation whose longest notice is `notice_days`."""
    start = phase.consultation_start or today
    first = phase.first_dismissal
    if first is None:
        return Timetable(days, None, None, None, False, start)
    past = first < today
    if days == 0:
        return Timetable(0, None, None, True, past, start)
    notice_given = first - timedelta(days=notice_days)
    consult_by = notice_given - timedelta(days=days)
    hr1_by = min(first - timedelta(days=days), notice_given - timedelta(days=1))
    return Timetable(days, consult_by, hr1_by, start <= consult_by, past, start)


def statutory_notice_weeks(service_start: date | None, leaving: date) -> int | None:
    """ERA 1996 s.86: one week per complete year of service, at least one, at most twelve."""
    if service_start is None:
        return None
    years = (
        leaving.year - service_start.year - ((leaving.month, leaving.day) < (service_start.month, service_start.day))
    )
    return min(12, max(1, years))


def parse_date(text: str | None) -> date | None:
    """An ISO date (YYYY-MM-DD) or None; anything else is None, as an unknown date is."""
    if not text:
        return None
    try:
        return date.fromisoformat(text.strip()[:10])
    except ValueError:
        return None
