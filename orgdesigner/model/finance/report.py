"""The savings profile as the command line prints it and as JSON (never any person's data)."""

from __future__ import annotations

from typing import Any

from orgdesigner.model.finance.savings import SavingsProfile


def finance_dict(profile: SavingsProfile) -> dict[str, Any]:
    """The comparison's cost-of-change keys; money in pounds, expected numbers of people."""
    return {
        "year1": profile.years[0].year if profile.years else None,
        "financial_years": [y.as_dict() for y in profile.years],
        "one_off_total": profile.one_off_total,
        "one_off_lines": [{"label": label, "amount": amount} for label, amount in profile.one_off_lines],
        "payback_months": profile.payback_months,
        "exit_packages": [band.as_dict() for band in profile.exit_packages],
        "packages_for_full_council": profile.council_packages,
        "redundancies": profile.redundancies,
        "turnover_exits": profile.turnover_exits,
        "redeployed": profile.redeployed,
        "people_without_data": profile.people_without_data,
        "staff_group_people_lost": profile.group_people_lost,
        "strain_estimated": profile.strain_estimated,
    }


def finance_lines(profile: SavingsProfile, threshold: float) -> list[str]:
    """The savings profile for a council officer: years, one-off costs, payback, people, packages."""
    lines = ["  savings profile (part-year effects; expected values):"]
    lines.append(f"    {'year':9} {'saving':>13} {'one-off':>13} {'net':>13} {'cumulative':>13}")
    for year in profile.years:
        lines.append(
            f"    {year.year:9} {_money(year.saving):>13} {_money(year.one_off):>13} {_money(year.net):>13}"
            f" {_money(year.cumulative_net):>13}"
        )
    lines.append(f"  full-year effect   {_money(profile.full_year)}")
    lines.append(f"  one-off costs      {_money(profile.one_off_total)}")
    for label, amount in profile.one_off_lines:
        lines.append(f"    {label:40} {_money(amount):>13}")
    payback = "never" if profile.payback_months is None else f"{profile.payback_months} months"
    lines.append(f"  payback            {payback}")
    lines.append(
        f"  people (expected)  {profile.redundancies:g} redundancies, {profile.turnover_exits:g} leaving through"
        f" turnover, {profile.redeployed:g} redeployed"
    )
    used = [band for band in profile.exit_packages if band.count]
    if used:
        lines.append("  exit packages (expected):")
        lines += [f"    {band.label:22} {band.count:>6g} {_money(band.cost):>13}" for band in used]
    if profile.council_packages:
        lines.append(f"  {profile.council_packages} package(s) of {_money(threshold)} or more go to full Council")
    if profile.strain_estimated:
        lines.append("  pension strain includes estimates from the profile's factor table: ask the fund's actuary")
    if profile.people_without_data:
        lines.append(
            f"  note: {profile.people_without_data} displaced people lack HR data (date of birth, continuous service):"
            " no exit cost is counted for them"
        )
    if profile.group_people_lost:
        lines.append(
            f"  note: staff groups lose {profile.group_people_lost} people; staff groups hold no person data,"
            " so their exit costs are not counted"
        )
    return lines


def _money(value: float) -> str:
    return f"-£{-value:,.0f}" if value < 0 else f"£{value:,.0f}"
