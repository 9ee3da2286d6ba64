"""Financial years, part-year effects, exit costs and the statement of accounts' bands."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from orgdesigner.model.errors import OrgError
from orgdesigner.model.finance.exits import Person, exit_cost, exit_packages, notice_pay, pay_protection
from orgdesigner.model.finance.policy import FinancePolicy
from orgdesigner.model.finance.years import parse_year, part_year, year_label, year_of

POLICY = FinancePolicy()


def test_financial_years_run_april_to_march() -> None:
    assert parse_year("2013/14") == parse_year("2013-2014") == parse_year("2013") == 2013
    assert year_label(2013) == "2013/14" and year_label(1999) == "1999/00"
    assert year_of(date(2014, 3, 31)) == 2013 and year_of(date(2014, 4, 1)) == 2014
    with pytest.raises(OrgError, match="2013/14"):
        parse_year("2013/15")


def test_part_year_effect_across_a_year_boundary() -> None:
    # Phase 3 of Cheshire East, 1 September 2013: 212 of 2013/14's 365 days, then the full year.
    assert part_year(date(2013, 9, 1), 2013) == pytest.approx(212 / 365)
    assert part_year(date(2013, 9, 1), 2014) == 1.0
    assert part_year(date(2013, 9, 1), 2012) == 0.0
    # 2015/16 holds 29 February 2016: a March start is 31 of 366 days.
    assert part_year(date(2016, 3, 1), 2015) == pytest.approx(31 / 366)
    assert part_year(date(2013, 4, 1), 2013) == 1.0


def person(**fields: object) -> Person:
    base: dict[str, object] = {
        "key": "p/0",
        "post_id": "p",
        "name": "A",
        "annual_pay": 52_000.0,
        "date_of_birth": date(1975, 5, 1),
        "service_start": date(2000, 5, 1),
        "lgps_member": True,
    }
    base.update(fields)
    return Person(**base)  # type: ignore[arg-type]


def test_exit_cost_adds_redundancy_notice_and_strain() -> None:
    leaving = date(2025, 6, 1)  # age 50, 25 years
    cost = exit_cost(person(), leaving, POLICY)
    assert cost is not None
    assert cost.redundancy.statutory == 17_615.50
    assert cost.notice == 12 * 1000.0  # 25 years: the statutory 12 weeks
    assert cost.strain == 0.0  # under 55: no immediate pension
    assert cost.total == 17_615.50 + 12_000.0


def test_pension_strain_from_55_and_57_from_april_2028() -> None:
    older = person(date_of_birth=date(1972, 1, 1))
    at_56 = exit_cost(older, date(2028, 4, 5), POLICY)
    assert at_56 is not None and at_56.strain > 0 and at_56.strain_estimated
    after = exit_cost(older, date(2028, 4, 6), POLICY)  # still 56, but the minimum is now 57
    assert after is not None and after.strain == 0.0
    known = exit_cost(person(date_of_birth=date(1965, 1, 1), strain_cost=81_234.0), date(2025, 6, 1), POLICY)
    assert known is not None and known.strain == 81_234.0 and not known.strain_estimated
    not_member = exit_cost(person(date_of_birth=date(1965, 1, 1), lgps_member=False), date(2025, 6, 1), POLICY)
    assert not_member is not None and not_member.strain == 0.0


def test_a_protected_pension_age_keeps_55_after_april_2028() -> None:
    """Finance Act 2022: members with a protected pension age keep it when the minimum rises to 57."""
    unprotected = person(date_of_birth=date(1972, 1, 1))
    protected = dataclasses.replace(unprotected, protected_pension_age=55.0)
    leaving = date(2028, 6, 1)  # aged 56, after the rise
    without = exit_cost(unprotected, leaving, POLICY)
    kept = exit_cost(protected, leaving, POLICY)
    assert without is not None and without.strain == 0.0
    assert kept is not None and kept.strain > 0 and kept.strain_estimated
    younger = exit_cost(dataclasses.replace(protected, date_of_birth=date(1974, 1, 1)), leaving, POLICY)
    assert younger is not None and younger.strain == 0.0  # 54: under even the protected age


def test_no_cost_is_guessed_without_age_and_service() -> None:
    assert exit_cost(person(date_of_birth=None), date(2025, 6, 1), POLICY) is None
    assert not person(service_start=None).has_data


def test_notice_is_the_longer_of_contract_and_statute() -> None:
    assert notice_pay(3, None, 500.0) == 1500.0
    assert notice_pay(3, 12.0, 500.0) == 6000.0
    assert notice_pay(30, None, 500.0) == 6000.0  # statute stops at 12 weeks


def test_pay_protection_months_and_taper() -> None:
    assert pay_protection(60_000, 50_000, POLICY) == 10_000.0
    assert pay_protection(60_000, 50_000, dataclasses.replace(POLICY, pay_protection_taper=True)) == 5_000.0
    assert pay_protection(50_000, 60_000, POLICY) == 0.0


def test_exit_package_bands_upper_bound_inclusive() -> None:
    bands = exit_packages([(20_000.0, 1.0), (20_000.6, 1.0), (100_000.0, 1.0), (100_001.0, 0.5), (260_000.0, 1.0)])
    by_high = {b.high: b for b in bands}
    assert by_high[20_000].count == 1 and by_high[40_000].count == 1  # £20,000.60 is £20,001 to the pound
    assert by_high[100_000].count == 1 and by_high[150_000].count == 0.5
    assert by_high[300_000].count == 1  # beyond £200,000 the bands are £50,000 wide
    assert [b.high for b in bands][:7] == [20_000, 40_000, 60_000, 80_000, 100_000, 150_000, 200_000]
    assert bands[1].as_dict()["band"] == {"from": 20_000, "to": 40_000}
    assert bands[1].label == "£20,001–£40,000"
