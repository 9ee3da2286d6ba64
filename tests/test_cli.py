"""The command line contract: commands, exit codes and JSON keys that users script against."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ORGANOGRAMS


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "orgdesigner", *args], capture_output=True, text=True, cwd=cwd, timeout=120
    )


def test_version() -> None:
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.startswith("orgdesigner ")


def test_cheshire_east_template_names_the_coo_span_and_unassigned_roles(tmp_path: Path) -> None:
    ce = tmp_path / "ce.orgx"
    assert run("new", "--template", "cheshire-east-2013", "-o", str(ce)).returncode == 0
    text = run("validate", str(ce))
    assert text.returncode == 1
    assert "'Chief Operating Officer' has 4 direct reports, fewer than the minimum span of 5" in text.stdout
    result = run("validate", str(ce), "--format", "json")
    findings = json.loads(result.stdout)
    assert all(set(f) == {"rule", "severity", "posts", "message"} for f in findings)
    span = [f for f in findings if f["rule"] == "span.min" and f["posts"][0]["id"] == "COO"]
    assert span and span[0]["posts"][0]["title"] == "Chief Operating Officer"
    missing = {
        f["message"].split(" role")[0].removeprefix("No post holds the ")
        for f in findings
        if f["rule"] == "statutory.missing"
    }
    assert {
        "Statutory scrutiny officer",
        "Data Protection Officer",
        "Electoral Registration Officer",
    } <= missing
    assert "Monitoring Officer" not in missing and "Director of Public Health" not in missing


def test_metrics_json_keys(tmp_path: Path) -> None:
    ce = tmp_path / "ce.orgx"
    run("new", "--template", "cheshire-east-2013", "-o", str(ce))
    result = run("metrics", str(ce), "--format", "json")
    assert result.returncode == 0
    data = json.loads(result.stdout)
    for key in (
        "posts",
        "managers",
        "fte_total",
        "layers",
        "span_min",
        "span_max",
        "span_mean",
        "pay_bill",
        "cost_with_oncosts",
        "core_share",
    ):
        assert key in data
    assert data["posts"] == 17
    assert data["core_share"] <= 0.10


def test_import_organogram_then_metrics(tmp_path: Path) -> None:
    out = tmp_path / "dft.orgx"
    base = ORGANOGRAMS / "department_for_transport-2011-09-30"
    result = run("import-organogram", f"{base}-senior.csv", f"{base}-junior.csv", "-o", str(out))
    assert result.returncode == 0, result.stderr
    data = json.loads(run("metrics", str(out), "--format", "json").stdout)
    assert data["posts"] == 114
    assert round(data["fte_total"], 2) == 2014.11


@pytest.mark.parametrize(
    "args",
    [
        ("validate", "missing.orgx"),
        ("metrics", "missing.orgx", "--format", "yaml"),
        ("new", "--template", "atlantis", "-o", "x.orgx"),
        ("validate",),
        ("import-organogram", "missing.csv", "-o", "x.orgx"),
    ],
)
def test_every_error_is_one_line_and_exit_2(tmp_path: Path, args: tuple[str, ...]) -> None:
    result = run(*args, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr


def test_new_does_not_overwrite_without_force(tmp_path: Path) -> None:
    target = tmp_path / "ce.orgx"
    target.write_text("precious", encoding="utf-8")
    result = run("new", "--template", "blank-unitary", "-o", str(target))
    assert result.returncode == 2 and "already exists" in result.stderr
    assert target.read_text(encoding="utf-8") == "precious"


def test_unknown_scenario_lists_the_ones_there(tmp_path: Path) -> None:
    ce = tmp_path / "ce.orgx"
    run("new", "--template", "cheshire-east-2013", "-o", str(ce))
    result = run("validate", str(ce), "--scenario", "Nope")
    assert result.returncode == 2
    assert "'Proposed'" in result.stderr


def test_export_import_pdf_and_compare_from_the_command_line(tmp_path: Path) -> None:
    ce = tmp_path / "ce.orgx"
    run("new", "--template", "cheshire-east-2013", "-o", str(ce))
    assert run("export", str(ce), "--xlsx", str(tmp_path / "hr.xlsx"), "--no-names").returncode == 0
    assert (
        run(
            "export",
            str(ce),
            "--organogram-senior",
            str(tmp_path / "s.csv"),
            "--organogram-junior",
            str(tmp_path / "j.csv"),
        ).returncode
        == 0
    )
    assert run("export", str(ce), "--transparency", str(tmp_path / "t.csv")).returncode == 0
    back = run("import", str(tmp_path / "hr.xlsx"), "-o", str(tmp_path / "back.orgx"))
    assert back.returncode == 0 and "Imported 17 posts" in back.stdout
    pdf = run("pdf", str(ce), "-o", str(tmp_path / "ce.pdf"), "--summary", "--appendix", "Appendix 2")
    assert pdf.returncode == 0 and "smallest text 7 pt" in pdf.stdout
    assert run("compare", str(ce), "--from", "Current", "--to", "Proposed").returncode == 0


@pytest.mark.parametrize(
    "args",
    [
        ("export", "ce.orgx"),
        ("export", "ce.orgx", "--organogram-junior", "j.csv"),
        ("pdf", "ce.orgx", "-o", "/no/such/folder/x.pdf"),
        ("pdf", "ce.orgx", "-o", "x.pdf", "--branch", "NOPE"),
        ("compare", "ce.orgx", "--from", "Current", "--to", "Nope"),
        ("import", "missing.xlsx", "-o", "x.orgx"),
    ],
)
def test_more_errors_are_one_line_and_exit_2(tmp_path: Path, args: tuple[str, ...]) -> None:
    run("new", "--template", "cheshire-east-2013", "-o", str(tmp_path / "ce.orgx"))
    result = run(*args, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


def test_cheltenham_template_counts_the_shared_monitoring_officer_as_half_a_management_post(tmp_path: Path) -> None:
    file = tmp_path / "cheltenham.orgx"
    assert run("new", "--template", "cheltenham-2011", "-o", str(file)).returncode == 0
    result = run("compare", str(file), "--from", "Current", "--to", "Proposed", "--format", "json")
    data = json.loads(result.stdout)
    before, after = data["management_posts_before"], data["management_posts_after"]
    assert isinstance(before, float) and before % 1 == 0.5  # the half post is in the figure, as a number
    assert before - after == 2
    assert data["management_definition"] == "posts with post reports or staff under them"
    later = json.loads(run("compare", str(file), "--from", "Current", "--to", "Phase 2", "--format", "json").stdout)
    assert after - later["management_posts_after"] == 1
    # counted as Cheltenham counted them, the Assistant Directors (and the shared Monitoring Officer) alone
    from orgdesigner.formats import native

    document = native.load(file)

    def assistant_directors(name: str) -> float:
        s = document.scenario(name).structure
        return sum(p.share for p in s if p.title.startswith("Assistant Director") or p.id == "MO")

    assert [assistant_directors(n) for n in ("Current", "Proposed", "Phase 2")] == [8.5, 6.5, 5.5]
    mo = document.scenario("Current").structure.post("MO")
    assert (mo.employer, mo.share) == ("Tewkesbury Borough Council", 0.5)
    assert "illustrative" in document.notes.lower() and "Salary illustrative" in mo.notes
    assert [p.effective_date for p in document.scenario("Phase 2").phases] == ["2011-04-01", "2012-10-01"]
    assert run("validate", str(file), "--scenario", "Proposed").returncode == 0  # no statutory error


def test_an_imported_organogram_is_another_body_unless_told_it_is_a_council(tmp_path: Path) -> None:
    base = "parole_board-2011-03-31"
    senior = str(ORGANOGRAMS / f"{base}-senior.csv")
    body, council = tmp_path / "body.orgx", tmp_path / "council.orgx"
    assert run("import-organogram", senior, "-o", str(body)).returncode == 0
    findings = json.loads(run("validate", str(body), "--format", "json").stdout)
    assert not [f for f in findings if f["rule"].startswith("statutory")]
    assert run("import-organogram", senior, "-o", str(council), "--council-type", "unitary").returncode == 0
    findings = json.loads(run("validate", str(council), "--format", "json").stdout)
    missing = [f["message"] for f in findings if f["rule"] == "statutory.missing"]
    assert any("Local Government and Housing Act 1989 s.4(1)" in m for m in missing)
