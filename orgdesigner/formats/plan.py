"""A scenario's plan in the .orgx file: dated phases, Year 1, horizon and one-off cost lines.

Kept beside native.py so the cost-of-change fields are read and written in one place. Every field
is optional: a file without them opens as before (no dates: the savings start at Year 1).
"""

from __future__ import annotations

from typing import Any

from orgdesigner.model.document import Phase, Scenario
from orgdesigner.model.errors import FileProblem, OrgError
from orgdesigner.model.finance.years import parse_date, parse_year

MAX_HORIZON = 10
PLAN_KEYS = frozenset({"phases", "year1", "horizon", "one_off_costs", "reselect_all"})


def plan_to_dict(scenario: Scenario) -> dict[str, Any]:
    """The scenario's plan fields that differ from the defaults."""
    data: dict[str, Any] = {}
    if scenario.phases:
        data["phases"] = [_phase_dict(phase) for phase in scenario.phases]
    if scenario.year1:
        data["year1"] = scenario.year1
    if scenario.horizon != 3:
        data["horizon"] = scenario.horizon
    if scenario.one_off_costs:
        data["one_off_costs"] = [{"label": label, "amount": amount} for label, amount in scenario.one_off_costs]
    if scenario.reselect_all:
        data["reselect_all"] = True
    return data


def _phase_dict(phase: Phase) -> dict[str, Any]:
    data: dict[str, Any] = {"number": phase.number, "name": phase.name, "effective_date": phase.effective_date}
    if phase.consultation_start:
        data["consultation_start"] = phase.consultation_start
    return data


def read_plan(scenario: Scenario, data: dict[str, Any], where: str) -> None:
    """Set the plan fields from a scenario's record, naming the first thing wrong."""
    try:
        scenario.phases = [_read_phase(raw, f"{where}.phases[{i}]") for i, raw in enumerate(_list(data, "phases"))]
        year1 = data.get("year1")
        if year1 is not None:
            if not isinstance(year1, str):
                raise FileProblem(f'{where}.year1: write the financial year as text, e.g. "2013/14".')
            try:
                parse_year(year1)
            except OrgError as exc:
                raise FileProblem(f"{where}.year1: {exc}") from None
            scenario.year1 = year1
        horizon = data.get("horizon", 3)
        if isinstance(horizon, bool) or not isinstance(horizon, int) or not 1 <= horizon <= MAX_HORIZON:
            raise FileProblem(f"{where}.horizon: '{horizon}' is not a number of years from 1 to {MAX_HORIZON}.")
        scenario.horizon = horizon
        scenario.one_off_costs = [
            _read_line(raw, f"{where}.one_off_costs[{i}]") for i, raw in enumerate(_list(data, "one_off_costs"))
        ]
        reselect_all = data.get("reselect_all", False)
        if not isinstance(reselect_all, bool):
            raise FileProblem(f"{where}.reselect_all: '{reselect_all}' is not true or false.")
        scenario.reselect_all = reselect_all
    except FileProblem:
        raise
    except OrgError as exc:
        raise FileProblem(f"{where}: {exc}") from None


def _list(data: dict[str, Any], key: str) -> list[Any]:
    value = data.get(key, [])
    if not isinstance(value, list):
        raise FileProblem(f"{key}: expected a list.")
    return value


def _read_phase(raw: Any, where: str) -> Phase:
    if not isinstance(raw, dict):
        raise FileProblem(f"{where}: expected an object with number, name and effective_date.")
    number = raw.get("number")
    if isinstance(number, bool) or not isinstance(number, int) or number < 1:
        raise FileProblem(f"{where}.number: '{number}' is not a phase number (1, 2, 3 ...).")
    dates: dict[str, str | None] = {}
    for key in ("effective_date", "consultation_start"):
        value = raw.get(key)
        if value is not None:
            if not isinstance(value, str):
                raise FileProblem(f"{where}.{key}: write the date as text, YYYY-MM-DD.")
            parse_date(value, f"{where}.{key}")
        dates[key] = value
    name = raw.get("name", "")
    return Phase(number, str(name), dates["effective_date"], dates["consultation_start"])


def _read_line(raw: Any, where: str) -> tuple[str, float]:
    if not isinstance(raw, dict):
        raise FileProblem(f"{where}: expected an object with label and amount.")
    amount = raw.get("amount")
    if isinstance(amount, bool) or not isinstance(amount, int | float):
        raise FileProblem(f"{where}.amount: '{amount}' is not an amount in pounds.")
    return str(raw.get("label", "")), float(amount)
