"""The whole consultation analysis of a proposal: at risk, timetable, appointments and equality.

One call reads two scenarios of a file (and, when given, HR's protected characteristics) and gives
everything the CLI, the window, the HR workbook and the Cabinet papers show. Personal data stays in
`people` (for HR's workbook only); `as_dict` holds none of it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from orgdesigner.model.bulk import collector_paused
from orgdesigner.model.compare import phase_of
from orgdesigner.model.consultation import appointments as appoint
from orgdesigner.model.consultation import equality as eq
from orgdesigner.model.consultation import law
from orgdesigner.model.consultation.people import REDUCED, AtRisk, at_risk, reselected
from orgdesigner.model.document import Document, Scenario
from orgdesigner.model.post import Holder, Post, Status

SELECTION = "job fit; ring-fenced assessment where more than one fits; then competition, internal before external"
"""The selection sequence of the Cheshire East report §7.2, stated on HR1 for every phase."""


@dataclass
class PhaseResult:
    """One selection phase: its people at risk and the consultation its first dismissal needs."""

    phase: int
    name: str
    first_dismissal: date | None
    at_risk: int
    counted: int
    """The number s.188 counts for it: its own people at its busiest establishment, with those of
    phases within 90 days whose consultation had not already begun (s.188(3))."""
    notice_weeks: float
    timetable: law.Timetable
    groups: dict[str, int] = field(default_factory=dict)
    reasons: dict[str, int] = field(default_factory=dict)
    establishments: dict[str, int] = field(default_factory=dict)
    selection: str = SELECTION
    started: date | None = None
    """The consultation start the user recorded for the phase."""
    senior: int = 0
    """Posts of the phase that members' rules appoint (LGHA 1989 s.2)."""

    @property
    def too_little_time(self) -> bool:
        """A future phase whose first dismissal is too soon for the consultation the law requires."""
        return self.timetable.enough_time is False and not self.timetable.past

    def as_dict(self) -> dict[str, Any]:
        t = self.timetable
        return {
            "phase": self.phase,
            "name": self.name,
            "first_dismissal": _iso(self.first_dismissal),
            "at_risk": self.at_risk,
            "counted": self.counted,
            "consultation_days": t.consultation_days,
            "consult_by": _iso(t.consult_by),
            "hr1_by": _iso(t.hr1_by),
            "enough_time": t.enough_time,
            "past": t.past,
            "counting_from": t.start.isoformat(),
            "consultation_start": _iso(self.started),
            "senior_appointments": self.senior,
            "notice_weeks": self.notice_weeks,
            "occupational_groups": dict(self.groups),
            "reasons": dict(self.reasons),
            "establishments": dict(self.establishments),
            "selection": self.selection,
        }


@dataclass
class Consultation:
    from_name: str
    to_name: str
    today: date
    threshold: int
    people: list[AtRisk]
    """Personal data: for HR's workbook only."""
    phases: list[PhaseResult]
    member_appointments: list[appoint.Appointment]
    protected_dismissals: list[appoint.ProtectedDismissal]
    equality: dict[str, list[eq.Category]]
    workforce: int
    notes: list[str] = field(default_factory=list)

    @property
    def at_risk(self) -> int:
        return sum(p.count for p in self.people)

    def errors(self) -> list[str]:
        """Future phases that leave too little time: errors in law (s.188, s.193)."""
        return [
            f"{p.name}: {p.counted} people at risk need {p.timetable.consultation_days} days' consultation and "
            f"{p.notice_weeks:g} weeks' notice before {_iso(p.first_dismissal)}; consultation had to start by "
            f"{_iso(p.timetable.consult_by)}, and counting from {p.timetable.start.isoformat()} is too late."
            for p in self.phases
            if p.too_little_time
        ]

    def as_dict(self) -> dict[str, Any]:
        return {
            "from": self.from_name,
            "to": self.to_name,
            "today": self.today.isoformat(),
            "at_risk": self.at_risk,
            "workforce": self.workforce,
            "phases": [p.as_dict() for p in self.phases],
            "member_appointments": [
                {"id": a.id, "title": a.title, "kind": a.kind, "appointed_by": a.appointed_by, "why": a.why}
                for a in self.member_appointments
            ],
            "protected_dismissals": [
                {"id": d.id, "title": d.title, "role": d.role, "process": appoint.PROTECTED_PROCESS}
                for d in self.protected_dismissals
            ],
            "equality": {c: [cat.as_dict() for cat in cats] for c, cats in self.equality.items()},
            "equality_threshold": self.threshold,
            "errors": self.errors(),
            "notes": list(self.notes),
        }

    def summary(self) -> str:
        """The analysis as an officer reads it (the command line prints it)."""
        lines = [f"{self.from_name} → {self.to_name}: {self.at_risk} people at risk (counting from {self.today})"]
        for p in self.phases:
            t = p.timetable
            when = _iso(p.first_dismissal) or "no date yet"
            state = (
                "history"
                if t.past
                else {True: "enough time", False: "TOO LITTLE TIME", None: "not dated"}[t.enough_time]
            )
            need = (
                f"{t.consultation_days} days' consultation, start by {_iso(t.consult_by)}, HR1 by {_iso(t.hr1_by)}"
                if t.consultation_days
                else "no collective consultation required (under 20)"
            )
            lines.append(
                f"  {p.name}: first dismissal {when}; {p.at_risk} at risk ({p.counted} counted); {need}; {state}"
            )
        if self.member_appointments:
            lines.append("  appointments by members' rules:")
            lines += [f"    {a.title} — {a.kind} ({a.why}): {a.appointed_by}" for a in self.member_appointments]
        if self.protected_dismissals:
            lines.append(f"  dismissals needing {appoint.PROTECTED_PROCESS}:")
            lines += [f"    {d.title} ({d.role})" for d in self.protected_dismissals]
        for characteristic, cats in self.equality.items():
            shown = ", ".join(f"{c.category} {_n(c.at_risk)}/{_n(c.workforce)}" for c in cats)
            lines.append(f"  {eq.label(characteristic)} (at risk/workforce): {shown}")
        lines += [f"  note: {n}" for n in self.notes]
        lines += [f"  ERROR: {e}" for e in self.errors()]
        return "\n".join(lines) + "\n"


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _n(value: int | None) -> str:
    return "*" if value is None else str(value)


@dataclass(frozen=True, slots=True)
class _Phase:
    number: int
    name: str
    effective_date: date | None
    consultation_start: date | None


def _phases(scenario: Scenario, numbers: set[int]) -> list[_Phase]:
    """The scenario's dated phases, or one undated phase per phase number the people fall in."""
    recorded = [
        _Phase(
            p.number,
            p.name or f"Phase {p.number}",
            law.parse_date(p.effective_date),
            law.parse_date(p.consultation_start),
        )
        for p in scenario.phases
    ]
    if recorded:
        return sorted(recorded, key=lambda p: p.number)
    return [_Phase(n, f"Phase {n}", None, None) for n in sorted(numbers or {1})]


@collector_paused()  # tens of thousands of small records: no cycles worth a collection mid-way
def analyse(
    document: Document,
    from_name: str,
    to_name: str,
    today: date,
    hr: Mapping[str, Mapping[str, str]] | None = None,
) -> Consultation:
    """Everything the consultation needs, for the change from one scenario to another."""
    before_s, after_s = document.scenario(from_name), document.scenario(to_name)
    before, after = before_s.structure, after_s.structure
    profile = document.profile
    reselect_all = after_s.reselect_all
    people = at_risk(before, after, reselect_all, profile)
    phases = _phases(after_s, {p.phase for p in people if p.phase is not None})
    numbers = [p.number for p in phases]
    last = numbers[-1]

    def number_of(item: AtRisk) -> int:
        return item.phase if item.phase is not None and item.phase in numbers else last

    dates = {p.number: p for p in phases}
    own: Counter[tuple[int, str]] = Counter()
    first: dict[int, date] = {}
    for item in people:
        n = number_of(item)
        own[n, item.establishment] += item.count
        when = item.effective or dates[n].effective_date
        if when is not None and (n not in first or when < first[n]):
            first[n] = when
    dated = [law.PhaseDates(p.number, first.get(p.number, p.effective_date), p.consultation_start) for p in phases]
    counts = law.counted(dated, own, today)
    default_notice = profile.consultation_notice_weeks
    results: list[PhaseResult] = []
    for phase, dates_of in zip(phases, dated, strict=True):
        mine = [item for item in people if number_of(item) == phase.number]
        counted = max((v for (n, _e), v in counts.items() if n == phase.number), default=0)
        notice = max((_notice(item, dates_of.first_dismissal or today, default_notice) for item in mine), default=0.0)
        days = law.consultation_days(counted)
        results.append(
            PhaseResult(
                phase=phase.number,
                name=phase.name,
                first_dismissal=dates_of.first_dismissal,
                at_risk=sum(item.count for item in mine),
                counted=counted,
                notice_weeks=notice,
                timetable=law.timetable(dates_of, days, round(notice * 7), today),
                groups=_tally(mine, "occupational_group"),
                reasons=_tally(mine, "reason"),
                establishments={e or "main": v for (n, e), v in own.items() if n == phase.number},
                started=phase.consultation_start,
            )
        )
    appointed_by = dict(appoint.DEFAULT_APPOINTED_BY)
    appointed_by.update(profile.appointed_by)
    risky_posts = {item.post_id for item in people if item.reason != REDUCED}
    persons = [
        eq.Person(h.person_id, h.date_of_birth, post.id in risky_posts)
        if h is not None
        else eq.Person("", None, post.id in risky_posts)
        for post in before
        for h in _holders(post)
    ]
    staff = sum(g.people for g in before.staff_groups())
    staff_at_risk = sum(item.count for item in people if item.reason == REDUCED)
    threshold = profile.equality_min_count
    equality, workforce = eq.analyse(persons, staff, staff_at_risk, hr, today, threshold)
    senior = appoint.member_appointments(
        before, after, lambda post: reselected(post, after, reselect_all, profile), appointed_by, document.organisation
    )
    for a in senior:
        found = phase_of(after.post(a.id), after, profile)
        in_phase = found if found is not None and found in numbers else last
        next(r for r in results if r.phase == in_phase).senior += 1
    return Consultation(
        from_name=before_s.name,
        to_name=after_s.name,
        today=today,
        threshold=threshold,
        people=people,
        phases=results,
        member_appointments=senior,
        protected_dismissals=appoint.protected_dismissals(before, risky_posts),
        equality=equality,
        workforce=workforce,
        notes=[
            f"{r.name} has no date yet: record its effective date to get its timetable."
            for r in results
            if r.first_dismissal is None and r.at_risk
        ],
    )


def senior_appointments(document: Document, from_name: str, to_name: str) -> list[appoint.Appointment]:
    """Only the members' appointments of a proposal (for the Cabinet summary), without the rest."""
    before, after_s = document.scenario(from_name).structure, document.scenario(to_name)
    reselect_all = after_s.reselect_all
    appointed_by = {**appoint.DEFAULT_APPOINTED_BY, **document.profile.appointed_by}
    return appoint.member_appointments(
        before,
        after_s.structure,
        lambda post: reselected(post, after_s.structure, reselect_all, document.profile),
        appointed_by,
        document.organisation,
    )


def appointments_line(appointments: list[appoint.Appointment]) -> str:
    """One line for a summary: how many senior posts of each kind members' rules cover."""
    if not appointments:
        return "none"
    counts = Counter(a.kind for a in appointments)
    parts = [f"{counts[k]} {k}{'s' if counts[k] > 1 else ''}" for k in appoint.KINDS if counts[k]]
    return f"{len(appointments)}: " + ", ".join(parts)


def _holders(post: Post) -> tuple[Holder | None, ...]:
    """A post's holders; a filled post of an older file with nobody named holds one unknown person."""
    if post.holders:
        return post.holders
    return (None,) if post.status in (Status.FILLED, Status.TO_BE_DELETED) else ()


def _notice(item: AtRisk, leaving: date, default: float) -> float:
    if item.notice_weeks is not None:
        return float(item.notice_weeks)
    statutory = law.statutory_notice_weeks(item.service_start, leaving)
    return float(statutory) if statutory is not None else float(default)


def _tally(items: list[AtRisk], attribute: str) -> dict[str, int]:
    out: Counter[str] = Counter()
    for item in items:
        out[str(getattr(item, attribute))] += item.count
    return dict(out)
