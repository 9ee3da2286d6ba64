"""The council's choices about the cost of change, kept in the rules profile.

The law sets the statutory redundancy table and the week's-pay cap (ERA 1996 s.162, s.227); the
Local Government (Early Termination of Employment) (Discretionary Compensation) Regulations 2006
(SI 2006/2914) let a council pay on actual pay (reg. 5) and up to 104 weeks (reg. 6); which of those
it uses is policy, as are turnover, pay protection and pay in lieu of notice. Dated figures are
tables of (from date, value) so a plan spanning a change of cap or of minimum pension age uses the
figure in force on each leaving date.
"""

from __future__ import annotations

import bisect
import dataclasses
import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from orgdesigner.model.errors import FileProblem

WEEK_PAY_CAPS: tuple[tuple[str, float], ...] = (
    ("2009-10-01", 380.0),
    ("2011-02-01", 400.0),
    ("2012-02-01", 430.0),
    ("2013-02-01", 450.0),
    ("2014-04-06", 464.0),
    ("2015-04-06", 475.0),
    ("2016-04-06", 479.0),
    ("2017-04-06", 489.0),
    ("2018-04-06", 508.0),
    ("2019-04-06", 525.0),
    ("2020-04-06", 538.0),
    ("2021-04-06", 544.0),
    ("2022-04-06", 571.0),
    ("2023-04-06", 643.0),
    ("2024-04-06", 700.0),
    ("2025-04-06", 719.0),
)
"""The statutory cap on a week's pay (ERA 1996 s.227), each from the date it came into force."""

MINIMUM_PENSION_AGES: tuple[tuple[str, float], ...] = (
    ("1900-01-01", 50.0),
    ("2010-04-06", 55.0),
    ("2028-04-06", 57.0),
)
"""Normal minimum pension age: 55 from 6 April 2010, 57 from 6 April 2028 (Finance Act 2022) for
members without a protected pension age."""

STRAIN_FACTORS: tuple[tuple[int, float], ...] = (
    (55, 1.10),
    (56, 1.00),
    (57, 0.90),
    (58, 0.80),
    (59, 0.70),
    (60, 0.60),
    (61, 0.50),
    (62, 0.40),
    (63, 0.30),
    (64, 0.22),
    (65, 0.15),
    (66, 0.08),
    (67, 0.0),
)
"""Illustrative strain cost as a multiple of annual pay for a member with 20 or more years in the
scheme, by age at leaving. Only the fund's actuary can give the real figure: costs worked out from
this table are always labelled as estimates, and the table is editable."""


@dataclass(frozen=True, slots=True)
class FinancePolicy:
    """The council's exit and savings policy; every figure editable."""

    week_pay_caps: tuple[tuple[str, float], ...] = WEEK_PAY_CAPS
    actual_pay: bool = False
    """SI 2006/2914 reg. 5: redundancy pay on actual weekly pay rather than the statutory cap."""
    multiplier: float = 1.0
    """SI 2006/2914 reg. 6: the statutory weeks multiplied (the lump sum stays within max_weeks)."""
    max_weeks: float = 104.0
    minimum_pension_ages: tuple[tuple[str, float], ...] = MINIMUM_PENSION_AGES
    strain_factors: tuple[tuple[int, float], ...] = STRAIN_FACTORS
    pay_in_lieu_of_notice: bool = True
    pay_protection_months: int = 12
    pay_protection_taper: bool = False
    """Tapered protection falls evenly to nothing over the months, so it costs half as much."""
    turnover_rate: float = 0.0
    """Share of postholders who leave in a year (natural turnover)."""
    extra: tuple[tuple[str, str], ...] = ()
    """Settings this version does not know, as (key, JSON text), written back unchanged on save."""

    def week_pay_cap(self, on: date) -> float:
        return _dated(self.week_pay_caps, on, "week's pay cap")

    def minimum_pension_age(self, on: date) -> float:
        return _dated(self.minimum_pension_ages, on, "minimum pension age")

    def strain_factor(self, age: int) -> float:
        """The factor for an age: the table's row at or below it (0 below the table's first age)."""
        factor = 0.0
        for row_age, value in self.strain_factors:
            if row_age <= age:
                factor = value
        return factor

    def to_dict(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        del data["extra"]
        for key in ("week_pay_caps", "minimum_pension_ages", "strain_factors"):
            data[key] = [list(row) for row in data[key]]
        for key, text in self.extra:
            data.setdefault(key, json.loads(text))
        return data

    @classmethod
    def from_dict(cls, data: object, where: str = "profile.finance") -> FinancePolicy:
        """Read the policy; keys this version does not know are skipped, bad values named."""
        if not isinstance(data, dict):
            raise FileProblem(f"{where}: expected a group of settings, found '{data}'.")
        values: dict[str, Any] = {}
        known = {f.name for f in dataclasses.fields(cls)} - {"extra"}
        extra = tuple((key, json.dumps(value, ensure_ascii=False)) for key, value in data.items() if key not in known)
        if extra:
            values["extra"] = extra
        for f in dataclasses.fields(cls):
            if f.name not in data or f.name == "extra":
                continue
            value = data[f.name]
            try:
                values[f.name] = _coerce(f.name, value, getattr(cls(), f.name))
            except (TypeError, ValueError, IndexError):
                raise FileProblem(f"{where}.{f.name}: '{value}' is not a valid value for this setting.") from None
        policy = cls(**values)
        policy.validate(where)
        return policy

    def validate(self, where: str = "profile.finance") -> None:
        if not 0 <= self.turnover_rate <= 1:
            raise FileProblem(f"{where}.turnover_rate: a yearly turnover rate is a fraction between 0 and 1.")
        if self.multiplier < 1 or self.max_weeks < 0:
            raise FileProblem(f"{where}: the multiplier must be 1 or more and the maximum weeks not negative.")
        if self.pay_protection_months < 0:
            raise FileProblem(f"{where}.pay_protection_months: months of pay protection cannot be negative.")
        for name in ("week_pay_caps", "minimum_pension_ages"):
            if not getattr(self, name):
                raise FileProblem(f"{where}.{name}: the table needs at least one row.")


def _coerce(name: str, value: Any, default: Any) -> Any:
    if name in ("week_pay_caps", "minimum_pension_ages"):
        rows = [(date.fromisoformat(str(row[0])).isoformat(), _number(row[1])) for row in value]
        return tuple(sorted(rows))
    if name == "strain_factors":
        return tuple(sorted((int(row[0]), _number(row[1])) for row in value))
    if isinstance(default, bool):
        if not isinstance(value, bool):
            raise TypeError
        return value
    number = _number(value)
    if isinstance(default, int):
        if int(number) != number:
            raise TypeError
        return int(number)
    return number


def _number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError
    return float(value)


def _dated(table: tuple[tuple[str, float], ...], on: date, what: str) -> float:
    """The value in force on a day: the last row whose date is on or before it."""
    keys = [row[0] for row in table]
    index = bisect.bisect_right(keys, on.isoformat()) - 1
    if index < 0:
        raise FileProblem(f"No {what} is set for {on.isoformat()}; add a row for that date to the profile.")
    return table[index][1]
