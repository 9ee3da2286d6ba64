"""The equality analysis: the people at risk against the whole workforce, aggregated and suppressed.

Protected characteristics (Equality Act 2010 s.4) are special category data (UK GDPR art. 9): they
come from HR's own file at analysis time, are counted here, and only the counts leave this module.
Counts from 1 to the threshold less one are suppressed, and further counts with them wherever a
suppressed count could otherwise be worked out by subtraction from a total (the people not at risk
in a category are the workforce less those at risk, so that column is protected too). Age comes from
the date of birth the file already holds; where HR has no data the category is "Not recorded".
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

CHARACTERISTICS = (
    "age",
    "disability",
    "gender_reassignment",
    "marriage_and_civil_partnership",
    "pregnancy_and_maternity",
    "race",
    "religion_or_belief",
    "sex",
    "sexual_orientation",
)
"""Equality Act 2010 s.4, in its order."""
FROM_HR = CHARACTERISTICS[1:]
"""Every characteristic but age comes from HR's file."""
NOT_RECORDED = "Not recorded"
AGE_BANDS = ((25, "Under 25"), (35, "25-34"), (45, "35-44"), (55, "45-54"), (65, "55-64"), (None, "65 and over"))


def label(characteristic: str) -> str:
    return characteristic.replace("_", " ").capitalize()


def age_band(born: date | None, on: date) -> str:
    if born is None or born > on:
        return NOT_RECORDED
    age = on.year - born.year - ((on.month, on.day) < (born.month, born.day))
    return next(name for limit, name in AGE_BANDS if limit is None or age < limit)


@dataclass(frozen=True, slots=True)
class Category:
    """One category's counts; None where a count is suppressed."""

    category: str
    at_risk: int | None
    workforce: int | None

    @property
    def suppressed(self) -> bool:
        return self.at_risk is None or self.workforce is None

    def as_dict(self) -> dict[str, object]:
        return {
            "category": self.category,
            "at_risk": self.at_risk,
            "workforce": self.workforce,
            "suppressed": self.suppressed,
        }


def suppress(rows: Sequence[tuple[str, int, int]], threshold: int) -> list[Category]:
    """Suppress (category, at risk, workforce) counts so none from 1 to threshold-1 can be recovered.

    Three columns sum to published totals: at risk, workforce, and (by subtraction) not at risk. In
    each, a suppressed count is never alone, and the suppressed counts together reach the threshold
    unless nothing is left to suppress; in each row, at risk + not at risk = workforce, and the
    'not at risk' count is hidden whenever either published count is, so no row has one unknown.
    """
    at = [r[1] for r in rows]
    work = [r[2] for r in rows]
    rest = [w - a for a, w in zip(at, work, strict=True)]
    hide_at = [0 < a < threshold or 0 < n < threshold for a, n in zip(at, rest, strict=True)]
    hide_work = [0 < w < threshold for w in work]
    while True:
        hide_rest = [a or w for a, w in zip(hide_at, hide_work, strict=True)]
        j = _more(at, hide_at, threshold)
        if j is not None:
            hide_at[j] = True
            continue
        j = _more(work, hide_work, threshold)
        if j is not None:
            hide_work[j] = True
            continue
        j = _more(rest, hide_rest, threshold)
        if j is not None:
            hide_at[j] = True  # hiding those at risk hides those not at risk as well
            continue
        break
    return [
        Category(name, None if hide_at[i] else at[i], None if hide_work[i] else work[i])
        for i, (name, _a, _w) in enumerate(rows)
    ]


def _more(values: Sequence[int], hidden: Sequence[bool], threshold: int) -> int | None:
    """A further count to suppress in a column summing to a published total, or None if it is safe."""
    shut = [i for i, h in enumerate(hidden) if h]
    if not shut:
        return None
    open_ = [i for i, h in enumerate(hidden) if not h]
    if not open_ or (len(shut) > 1 and sum(values[i] for i in shut) >= threshold):
        return None
    return min(open_, key=lambda i: (values[i] == 0, values[i], i))


@dataclass(frozen=True, slots=True)
class Person:
    """What the analysis reads of one postholder: HR's key, date of birth (ISO text), whether at risk."""

    person_id: str
    born: str | None
    at_risk: bool


def analyse(
    people: Sequence[Person],
    staff: int,
    staff_at_risk: int,
    hr: Mapping[str, Mapping[str, str]] | None,
    on: date,
    threshold: int,
) -> tuple[dict[str, list[Category]], int]:
    """Counts per characteristic and category, suppressed, and the whole workforce's headcount.

    `staff` people in staff groups have no key in the structure; `staff_at_risk` of them are in pools
    that shrink, unidentified, so "Not recorded". HR rows that match no postholder stand for the
    others, and any left without a row are "Not recorded" too. Counted a column at a time, so 20,000
    people cost a few milliseconds per characteristic.
    """
    hr = hr or {}
    risky = [i for i, p in enumerate(people) if p.at_risk]
    bands: dict[str | None, str] = {}
    ages = [bands.get(p.born) or bands.setdefault(p.born, age_band(_date(p.born), on)) for p in people]
    columns: dict[str, tuple[list[str], list[str]]] = {"age": (ages, [])}
    if hr:
        records = [hr.get(p.person_id) if p.person_id else None for p in people]
        seen = {p.person_id for p in people if p.person_id}
        others = [record for key, record in hr.items() if key not in seen]
        for characteristic in FROM_HR:
            values = [(r.get(characteristic) or NOT_RECORDED) if r is not None else NOT_RECORDED for r in records]
            columns[characteristic] = (values, [r.get(characteristic) or NOT_RECORDED for r in others])
        columns["age"] = (ages, [NOT_RECORDED] * len(others))
    extra = len(columns["age"][1])
    unmatched = max(0, staff - staff_at_risk - extra)
    out: dict[str, list[Category]] = {}
    total = 0
    for characteristic, (values, other_values) in columns.items():
        work = Counter(values)
        work.update(other_values)
        at = Counter([values[i] for i in risky])
        at[NOT_RECORDED] += staff_at_risk
        work[NOT_RECORDED] += staff_at_risk + unmatched
        rows = [(name, at[name], work[name]) for name in _ordered(characteristic, work)]
        out[characteristic] = suppress(rows, threshold)
        total = sum(work.values())
    return out, total


def _date(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def _ordered(characteristic: str, work: Counter[str]) -> list[str]:
    if characteristic == "age":
        return [name for _limit, name in AGE_BANDS if work[name]] + ([NOT_RECORDED] if work[NOT_RECORDED] else [])
    names = sorted((n for n in work if n != NOT_RECORDED and work[n]), key=str.casefold)
    return names + ([NOT_RECORDED] if work[NOT_RECORDED] else [])
