"""One-off costs of a person leaving or moving: redundancy, pension strain, notice, pay protection.

Also the exit-package table the statement of accounts discloses (DOMAIN.md §6 bands, upper bound
inclusive) and the packages of £100,000 or more that go to full Council (Localism Act 2011 s.38-43
guidance; the threshold is the profile's `package_threshold`).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from orgdesigner.model.finance.policy import FinancePolicy
from orgdesigner.model.finance.redundancy import YOUNGEST_START, RedundancyPay, redundancy_pay
from orgdesigner.model.finance.years import whole_years

STATUTORY_NOTICE_MAX = 12
"""ERA 1996 s.86: one week's notice per complete year of service, up to 12 weeks (at least one)."""


@dataclass(frozen=True, slots=True)
class Person:
    """What HR holds about one displaced person; None where HR has not said."""

    key: str
    """Unique within the plan: the post id and the holder's place in it."""
    post_id: str
    name: str
    annual_pay: float
    """Actual pay a year (full-time salary times this person's FTE)."""
    fte: float = 1.0
    date_of_birth: date | None = None
    service_start: date | None = None
    lgps_member: bool | None = None
    notice_weeks: float | None = None
    strain_cost: float | None = None
    person_id: str = ""
    protected_pension_age: float | None = None
    """The member's protected minimum pension age, if any; else the age in force on leaving applies."""

    @property
    def has_data(self) -> bool:
        """Redundancy pay needs an age and a length of service; without them no cost is guessed."""
        return self.date_of_birth is not None and self.service_start is not None


@dataclass(frozen=True, slots=True)
class ExitCost:
    """One person's exit package if made redundant on `leaving`."""

    person: Person
    leaving: date
    age: int
    years: int
    redundancy: RedundancyPay
    notice: float
    strain: float
    strain_estimated: bool

    @property
    def total(self) -> float:
        return round(self.redundancy.total + self.notice + self.strain, 2)


def minimum_pension_age_reached(person: Person, leaving: date, policy: FinancePolicy) -> bool:
    """At or over the minimum pension age in force on the leaving date (57 from 6 April 2028), or the
    member's own protected age where the fund has recorded one (Finance Act 2022's protection)."""
    if person.date_of_birth is None:
        return False
    minimum = person.protected_pension_age
    if minimum is None:
        minimum = policy.minimum_pension_age(leaving)
    return whole_years(person.date_of_birth, leaving) >= minimum


def strain_estimate(annual_pay: float, age: int, years: int, policy: FinancePolicy) -> float:
    """The strain cost from the profile's factor table, scaled for members with under 20 years."""
    return round(annual_pay * policy.strain_factor(age) * min(years, 20) / 20, 2)


def notice_pay(years: int, contract_weeks: float | None, week_pay: float) -> float:
    """Pay in lieu of the longer of contractual and statutory notice."""
    statutory = min(max(years, 1), STATUTORY_NOTICE_MAX)
    weeks = max(statutory, contract_weeks or 0.0)
    return round(weeks * week_pay, 2)


def exit_cost(person: Person, leaving: date, policy: FinancePolicy) -> ExitCost | None:
    """The package if `person` is made redundant on `leaving`; None without age and service."""
    if person.date_of_birth is None or person.service_start is None:
        return None
    age = whole_years(person.date_of_birth, leaving)
    years = min(whole_years(person.service_start, leaving), max(0, age - YOUNGEST_START))
    pay = redundancy_pay(age, years, person.annual_pay, leaving, policy)
    notice = notice_pay(years, person.notice_weeks, person.annual_pay / 52) if policy.pay_in_lieu_of_notice else 0.0
    strain, estimated = 0.0, False
    if person.lgps_member and minimum_pension_age_reached(person, leaving, policy):
        if person.strain_cost is not None:
            strain = round(person.strain_cost, 2)
        else:
            strain, estimated = strain_estimate(person.annual_pay, age, years, policy), True
    return ExitCost(person, leaving, age, years, pay, notice, strain, estimated)


def pay_protection(old_pay: float, new_pay: float, policy: FinancePolicy) -> float:
    """The cost of protecting a person's pay after moving to a lower-paid post (local policy)."""
    gap = old_pay - new_pay
    if gap <= 0 or policy.pay_protection_months <= 0:
        return 0.0
    cost = gap * policy.pay_protection_months / 12
    return round(cost / 2 if policy.pay_protection_taper else cost, 2)


# ---- exit-package disclosure ------------------------------------------------------------------------

_BAND_EDGES = (20_000, 40_000, 60_000, 80_000, 100_000, 150_000, 200_000)


@dataclass(frozen=True, slots=True)
class Band:
    """A disclosure band: packages over `low` up to and including `high` (the first from £0)."""

    low: float
    high: float
    count: float
    """Expected number of packages (a ring-fence of two counts half a package each)."""
    cost: float

    def as_dict(self) -> dict[str, object]:
        return {"band": {"from": self.low, "to": self.high}, "count": round(self.count, 2), "cost": round(self.cost, 2)}

    @property
    def label(self) -> str:
        start = f"£{self.low:,.0f}" if self.low == 0 else f"£{self.low + 1:,.0f}"
        return f"{start}–£{self.high:,.0f}"


def band_edges(largest: float) -> list[tuple[float, float]]:
    """Every disclosure band up to the one holding `largest` (always the standard seven)."""
    edges: list[float] = [0.0, *(float(e) for e in _BAND_EDGES)]
    while edges[-1] < round(largest):
        edges.append(edges[-1] + 50_000)
    return list(itertools.pairwise(edges))


def exit_packages(packages: Iterable[tuple[float, float]]) -> list[Band]:
    """Count and cost by band of (package, expected number) pairs, rounded to the pound to band."""
    items = [(round(cost), weight) for cost, weight in packages if weight > 0]
    ranges = band_edges(max((c for c, _ in items), default=0))
    counts = [0.0] * len(ranges)
    costs = [0.0] * len(ranges)
    for cost, weight in items:
        index = next(i for i, (low, high) in enumerate(ranges) if cost <= high and (cost > low or low == 0))
        counts[index] += weight
        costs[index] += cost * weight
    return [Band(low, high, counts[i], costs[i]) for i, (low, high) in enumerate(ranges)]
