"""The statutory redundancy table at its edges, the dated cap and the council's discretion."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from orgdesigner.model.errors import OrgError
from orgdesigner.model.finance.policy import FinancePolicy
from orgdesigner.model.finance.redundancy import redundancy_pay, statutory_weeks

POLICY = FinancePolicy()


@pytest.mark.parametrize(
    ("age", "years", "weeks"),
    [
        (21, 2, 1.0),  # both years below 22: half a week each
        (22, 2, 1.0),  # aged 21 and 20 in those years: still half weeks
        (23, 2, 1.5),  # the year aged 22 counts a full week
        (41, 2, 2.0),  # aged 40 and 39: one week each
        (42, 2, 2.5),  # the year aged 41 counts one and a half
        (40, 20, 19.0),  # aged 39..22 a week each (18), aged 21 and 20 half a week each
        (41, 20, 19.5),  # aged 40..22 (19) and 21 (half)
    ],
)
def test_statutory_weeks_change_at_22_and_41(age: int, years: int, weeks: float) -> None:
    assert statutory_weeks(age, years) == weeks


def test_two_years_service_is_needed() -> None:
    assert statutory_weeks(45, 1) == 0.0
    assert statutory_weeks(45, 2) == 3.0


def test_only_twenty_years_count() -> None:
    assert statutory_weeks(61, 20) == 30.0  # the most anyone can have
    assert statutory_weeks(61, 35) == 30.0
    assert statutory_weeks(50, 21) == statutory_weeks(50, 20) == 24.5


def test_service_longer_than_a_working_life_is_refused() -> None:
    with pytest.raises(OrgError, match="not possible at age 20"):
        statutory_weeks(20, 10)


def test_the_cap_in_force_on_the_leaving_date() -> None:
    before = redundancy_pay(50, 25, 52_000, date(2025, 4, 5), POLICY)
    after = redundancy_pay(50, 25, 52_000, date(2025, 4, 6), POLICY)
    assert (before.cap, after.cap) == (700.0, 719.0)
    assert before.statutory == 24.5 * 700
    assert after.statutory == 17_615.50
    assert redundancy_pay(50, 25, 52_000, date(2024, 4, 5), POLICY).cap == 643.0


def test_issue_example_capped_and_on_actual_pay() -> None:
    capped = redundancy_pay(50, 25, 52_000, date(2025, 6, 1), POLICY)
    assert (capped.weeks, capped.week_pay, capped.statutory, capped.total) == (24.5, 1000.0, 17_615.50, 17_615.50)
    actual = redundancy_pay(50, 25, 52_000, date(2025, 6, 1), dataclasses.replace(POLICY, actual_pay=True))
    assert actual.total == 24_500.0
    assert actual.discretionary == 24_500.0 - 17_615.50


def test_below_the_cap_actual_pay_changes_nothing() -> None:
    policy = dataclasses.replace(POLICY, actual_pay=True)
    assert redundancy_pay(30, 5, 26_000, date(2025, 6, 1), policy).total == 5 * 500


def test_multiplier_stops_at_104_weeks() -> None:
    policy = dataclasses.replace(POLICY, actual_pay=True, multiplier=4.0)
    pay = redundancy_pay(61, 30, 52_000, date(2025, 6, 1), policy)
    assert pay.weeks == 30.0
    assert pay.total == 104 * 1000.0
    assert redundancy_pay(40, 10, 52_000, date(2025, 6, 1), policy).total == 4 * 10 * 1000.0


def test_an_edited_cap_table_is_used() -> None:
    policy = dataclasses.replace(POLICY, week_pay_caps=(*POLICY.week_pay_caps, ("2026-04-06", 751.0)))
    assert redundancy_pay(50, 25, 52_000, date(2026, 5, 1), policy).statutory == 24.5 * 751
