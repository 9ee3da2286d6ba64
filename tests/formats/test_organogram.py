"""Organogram import: real returns and a deliberately messy one keep every live post and FTE."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from orgdesigner.formats.organogram import export_organogram, import_organogram
from orgdesigner.model.edits import UpdatePost
from orgdesigner.model.metrics import compute
from orgdesigner.model.post import Status
from orgdesigner.model.profile import RulesProfile
from tests.conftest import DATA, ORGANOGRAMS

BODIES = sorted({p.name.rsplit("-", 1)[0] for p in ORGANOGRAMS.glob("*-senior.csv")})


def _expected_fte(base: str) -> tuple[int, float]:
    """Live senior posts (unique references) and their FTE plus junior FTE, read plainly from the CSVs."""
    with (ORGANOGRAMS / f"{base}-senior.csv").open(encoding="utf-8-sig", newline="") as handle:
        senior = [r for r in csv.DictReader(handle) if r["Name"].strip().lower() != "eliminated"]
    with (ORGANOGRAMS / f"{base}-junior.csv").open(encoding="utf-8-sig", newline="") as handle:
        junior = list(csv.DictReader(handle))
    fte = sum(float(r["FTE"]) for r in senior) + sum(float(r["Number of Posts in FTE"]) for r in junior)
    return len({r["Post Unique Reference"] for r in senior}), round(fte, 2)


def test_all_six_shared_returns_are_there() -> None:
    assert len(BODIES) == 6


@pytest.mark.parametrize("base", BODIES)
def test_real_returns_import_with_every_post_and_fte(base: str) -> None:
    document, _report = import_organogram(ORGANOGRAMS / f"{base}-senior.csv", ORGANOGRAMS / f"{base}-junior.csv")
    posts, fte = _expected_fte(base)
    m = compute(document.scenario().structure, RulesProfile())
    assert m.posts == posts
    assert round(m.fte_total, 2) == fte
    assert document.organisation


def test_home_office_job_share_is_one_post_with_both_ftes() -> None:
    base = "home_office-2011-03-31"
    document, report = import_organogram(ORGANOGRAMS / f"{base}-senior.csv", ORGANOGRAMS / f"{base}-junior.csv")
    post = document.scenario().structure.post("2OSCT02")
    assert post.fte == pytest.approx(1.4)
    assert any("job share" in p and "line 123" in p for p in report.problems)


def test_messy_return_keeps_what_it_can_and_reports_each_problem_with_its_line() -> None:
    document, report = import_organogram(DATA / "messy-senior.csv", DATA / "messy-junior.csv")
    s = document.scenario().structure
    assert document.organisation == "Messy Council"
    assert set(s.post_ids()) == {"1", "2", "3", "5", "6"}  # 4 is Eliminated
    assert s.post("2").status is Status.VACANT and s.post("2").incumbent == ""
    assert s.post("3").fte == 1.0 and s.post("3").incumbent == "Person 3 / Person 4"
    assert s.post("3").pay_floor == 65_000  # '£65,000' in cp1252
    assert s.post("5").incumbent == ""  # N/D
    assert s.holding() == {"5": "reports to '99', which is not in the file"}
    assert s.roots() == ("1", "6")
    assert s.manager_of("3") == "2"
    text = "\n".join(report.problems + report.left_out)
    assert "messy-senior.csv line 6: post '3' repeats line 5" in text
    assert "messy-senior.csv line 7: post '4' (Head of Old Things) is marked Eliminated" in text
    assert "messy-senior.csv line 8: 'abc' in fte is not a number" in text
    assert "messy-junior.csv line 3: reports to senior post '4'" in text
    assert "messy-junior.csv line 4: 'contractor' in ceiling is not a number" in text
    groups = {g.title: g for g in s.staff_groups()}
    assert groups["Old Things Officer"].manager_id is None and groups["Old Things Officer"].fte == 2
    m = compute(s, RulesProfile())
    assert m.fte_total == pytest.approx(1 + 1 + 1 + 1 + 0.2 + 12.5 + 2)


def test_a_file_that_is_not_an_organogram_is_refused_by_name(tmp_path: Path) -> None:
    bad = tmp_path / "budget.csv"
    bad.write_text("Cost centre,Amount\nA1,100\n", encoding="utf-8")
    from orgdesigner.model.errors import FileProblem

    with pytest.raises(FileProblem, match=r"budget\.csv is not a senior organogram file"):
        import_organogram(bad)


def test_export_fills_salary_cost_of_reports_and_keeps_function_and_notes_in_their_columns(tmp_path: Path) -> None:
    base = "marine_management_organisation-2011-03-31"
    senior, junior = ORGANOGRAMS / f"{base}-senior.csv", ORGANOGRAMS / f"{base}-junior.csv"
    document, _report = import_organogram(senior, junior)
    structure = document.scenario().structure
    structure.apply(UpdatePost("2", {"notes": "Interim arrangement"}))
    out = tmp_path / "senior.csv"
    export_organogram(document, out, tmp_path / "junior.csv")
    with junior.open(encoding="utf-8-sig", newline="") as handle:
        juniors = list(csv.DictReader(handle))
    expected: dict[str, float] = {}
    for row in juniors:
        low, high = float(row["Payscale Minimum (£)"] or 0), float(row["Payscale Maximum (£)"] or 0)
        pay = (low + high) / 2 * float(row["Number of Posts in FTE"])
        expected[row["Reporting Senior Post"]] = expected.get(row["Reporting Senior Post"], 0.0) + pay
    with senior.open(encoding="utf-8-sig", newline="") as handle:
        functions = {r["Post Unique Reference"]: r["Job/Team Function"].strip("'\" ") for r in csv.DictReader(handle)}
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = {r["Post Unique Reference"]: r for r in csv.DictReader(handle)}
    assert any(int(r["Salary Cost of Reports (£)"]) > 0 for r in rows.values())
    for ref, row in rows.items():
        assert int(row["Salary Cost of Reports (£)"]) == pytest.approx(expected.get(ref, 0), abs=1)
        assert row["Job/Team Function"] == functions[ref]
    assert rows["2"]["Notes"] == "Interim arrangement"
    assert "Interim" not in rows["2"]["Job/Team Function"]
