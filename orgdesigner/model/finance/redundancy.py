"""Redundancy pay: the statutory table (ERA 1996 s.162) and the council's discretion (SI 2006/2914).

Statutory pay needs two years' continuous service (s.155). Counting back from the leaving date, at
most 20 complete years count (s.162(3)): half a week's pay for each year in which the employee was
below 22 throughout, one week for each year aged 22 to 40, one and a half for each year aged 41
or over. A week's pay is capped at the figure in force on the leaving date (s.227). Local
government service counts as continuous (the Modification Order 1999), so service_start is the
date continuous local government service began.

A council may pay on actual pay (reg. 5) and multiply the weeks (reg. 6) up to 104 weeks in all,
the statutory payment counting towards it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from orgdesigner.model.errors import OrgError
from orgdesigner.model.finance.policy import FinancePolicy

MINIMUM_SERVICE = 2
MAXIMUM_YEARS = 20
YOUNGEST_START = 15
"""No one can have been employed before 15: service longer than age - 15 is a data error."""


def statutory_weeks(age: int, years: int) -> float:
    """Weeks of pay for a leaver of `age` (complete years) with `years` complete years of service."""
    if age < 0 or years < 0:
        raise OrgError("Age and years of service cannot be negative.")
    if years > 0 and years > age - YOUNGEST_START:
        raise OrgError(f"{years} years' service is not possible at age {age}; check the dates of birth and service.")
    if years < MINIMUM_SERVICE:
        return 0.0
    weeks = 0.0
    for back in range(min(years, MAXIMUM_YEARS)):
        aged = age - back - 1  # the age held throughout this year of service
        weeks += 1.5 if aged >= 41 else 1.0 if aged >= 22 else 0.5
    return weeks


@dataclass(frozen=True, slots=True)
class RedundancyPay:
    """What one leaver is paid; money in pounds, rounded to the penny."""

    weeks: float
    week_pay: float
    """Annual pay / 52, before any cap."""
    cap: float
    statutory: float
    total: float

    @property
    def discretionary(self) -> float:
        return round(self.total - self.statutory, 2)

    def as_dict(self) -> dict[str, float]:
        return {
            "weeks": self.weeks,
            "week_pay": self.week_pay,
            "statutory": self.statutory,
            "discretionary": self.discretionary,
            "total": self.total,
        }


def redundancy_pay(age: int, years: int, annual_pay: float, leaving: date, policy: FinancePolicy) -> RedundancyPay:
    """Statutory pay with the cap in force on `leaving`, and the total under the council's policy."""
    if annual_pay < 0:
        raise OrgError("Pay cannot be negative.")
    weeks = statutory_weeks(age, years)
    week_pay = annual_pay / 52
    cap = policy.week_pay_cap(leaving)
    statutory = round(weeks * min(week_pay, cap), 2)
    weekly = week_pay if policy.actual_pay else min(week_pay, cap)
    paid_weeks = min(weeks * policy.multiplier, max(policy.max_weeks, 0.0))
    total = max(statutory, round(paid_weeks * weekly, 2))
    return RedundancyPay(weeks, round(week_pay, 2), cap, statutory, total)
