"""The plan fields of a scenario in the .orgx file: dated phases, Year 1, horizon, one-off lines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from orgdesigner.formats import native
from orgdesigner.model.document import Document, Phase, Scenario
from orgdesigner.model.errors import FileProblem
from orgdesigner.model.finance.policy import FinancePolicy
from tests.model.builders import tree


def document() -> Document:
    doc = Document("Cheltenham Borough Council")
    proposed = Scenario("Proposed", tree({"ce": ["a", "b"]}))
    proposed.phases = [Phase(1, "Phase 1", "2011-04-01"), Phase(2, "Phase 2", "2012-10-01", "2012-06-01")]
    proposed.year1, proposed.horizon = "2011/12", 4
    proposed.one_off_costs = [("Transition capacity", 80_000.0)]
    doc.scenarios = [Scenario("Current", tree({"ce": ["a"]})), proposed]
    return doc


def test_plan_fields_round_trip(tmp_path: Path) -> None:
    doc = document()
    doc.profile.finance = FinancePolicy(actual_pay=True, multiplier=1.5, turnover_rate=0.08)
    path = tmp_path / "c.orgx"
    native.save(doc, path)
    again = native.load(path)
    proposed = again.scenario("Proposed")
    assert proposed.phases == doc.scenario("Proposed").phases
    assert (proposed.year1, proposed.horizon) == ("2011/12", 4)
    assert proposed.one_off_costs == [("Transition capacity", 80_000)]
    assert again.profile.finance == doc.profile.finance
    current = again.scenario("Current")
    assert (current.phases, current.year1, current.horizon, current.one_off_costs) == ([], None, 3, [])


def test_a_copied_scenario_keeps_its_plan() -> None:
    doc = document()
    copy = doc.duplicate("Proposed", "Option B")
    copy.phases[0].effective_date = "2011-06-01"
    assert doc.scenario("Proposed").phases[0].effective_date == "2011-04-01"
    assert copy.one_off_costs == [("Transition capacity", 80_000.0)] and copy.year1 == "2011/12"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda s: s["phases"][0].update(effective_date="1/4/2011"), r"scenarios\[1\]\.phases\[0\]\.effective_date"),
        (lambda s: s.update(year1="2011/13"), r"scenarios\[1\]\.year1: '2011/13' is not a financial year"),
        (lambda s: s.update(horizon=0), r"scenarios\[1\]\.horizon"),
        (lambda s: s["one_off_costs"][0].update(amount="lots"), r"one_off_costs\[0\]\.amount"),
    ],
)
def test_bad_plan_fields_are_named(tmp_path: Path, change: object, message: str) -> None:
    data = native.document_to_dict(document())
    change(data["scenarios"][1])  # type: ignore[operator]
    with pytest.raises(FileProblem, match=message):
        native.loads(json.dumps(data), "c.orgx")


def test_a_bad_policy_value_is_named() -> None:
    data = native.document_to_dict(document())
    data["profile"]["finance"] = {"turnover_rate": 3}
    with pytest.raises(FileProblem, match="turnover_rate"):
        native.loads(json.dumps(data), "c.orgx")
    data["profile"]["finance"] = {"week_pay_caps": [["2025-04-06", "lots"]]}
    with pytest.raises(FileProblem, match="week_pay_caps"):
        native.loads(json.dumps(data), "c.orgx")
