"""One file, one set of figures: the CLI's JSON, the HR workbook and the Cabinet PDF agree."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils (pdftotext)")


def _run(*args: str) -> str:
    result = subprocess.run([sys.executable, "-m", "orgdesigner", *args], capture_output=True, text=True, timeout=120)
    assert result.returncode in (0, 1), result.stderr
    return result.stdout


def _money(text: str) -> float:
    """£1,234 (a total may add "+ 1 post not known")."""
    return float(text.split(" + ")[0].replace("£", "").replace(",", ""))


def _pdf_rows(pdf: Path) -> dict[str, str]:
    """The summary table: each label with the value printed beside it."""
    text = subprocess.run(["pdftotext", "-l", "1", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    rows: dict[str, str] = {}
    for line in text.splitlines():
        found = re.match(r"^(\S.*?\S)\s{2,}(\S.*?)(\s{2,}|$)", line)
        if found:
            rows.setdefault(found.group(1), found.group(2))
    return rows


@pytest.mark.parametrize(("template", "before"), [("cheshire-east-2013", "Current"), ("cheltenham-2011", "Current")])
def test_each_figure_reads_the_same_in_json_workbook_and_pdf(tmp_path: Path, template: str, before: str) -> None:
    file = tmp_path / "c.orgx"
    _run("new", "--template", template, "-o", str(file))
    scenarios = [line.split("\t")[0].strip() for line in _run("scenarios", str(file)).splitlines() if line.strip()]
    after = "Proposed"
    m = json.loads(_run("metrics", str(file), "--scenario", after, "--format", "json"))
    c = json.loads(_run("compare", str(file), "--from", before, "--to", after, "--format", "json"))
    assert c["management_posts_after"] == m["management_posts"]
    assert c["cost_after"] == m["cost_with_oncosts"] and c["fte_after"] == m["fte_total"]
    assert m["cost_with_oncosts"] == pytest.approx(
        m["pay_bill"] + m["employer_ni"] + m["employer_pension"] + m["apprenticeship_levy"], abs=0.05
    )

    book = tmp_path / "hr.xlsx"
    _run("export", str(file), "--xlsx", str(book), "--scenario", after, "--no-names")
    wb = load_workbook(book, data_only=True)
    cover = {str(r[0]): r[1] for r in wb["Cover"].iter_rows(values_only=True) if r and r[0]}
    management = next(v for k, v in cover.items() if k.startswith("Management posts ("))
    assert m["management_definition"] in next(k for k in cover if k.startswith("Management posts ("))
    assert management == m["management_posts"]
    assert cover["Managers with direct reports"] == m["managers"]
    assert cover["FTE (posts and staff groups)"] == m["fte_total"]
    assert cover["Pay bill (£)"] == m["pay_bill"]
    assert cover["Cost with on-costs (£)"] == m["cost_with_oncosts"]
    costs = [r for r in wb["Costs"].iter_rows(values_only=True) if r and r[0] == "Total"]
    assert costs[0][6] == pytest.approx(m["cost_with_oncosts"], abs=0.05)  # the levy included
    assert costs[0][4] == pytest.approx(m["pay_bill"], abs=0.05)

    pdf = tmp_path / "c.pdf"
    _run("pdf", str(file), "-o", str(pdf), "--summary", "--scenario", after)
    rows = _pdf_rows(pdf)
    assert float(rows["Management posts*"]) == m["management_posts"]
    assert int(rows["Managers with direct reports (spans of control)"]) == m["managers"]
    assert float(rows["FTE (posts and staff groups)"].replace(",", "")) == pytest.approx(m["fte_total"], abs=0.05)
    assert _money(rows["Pay bill"]) == pytest.approx(m["pay_bill"], abs=0.5)
    assert _money(rows["Pay bill with on-costs"]) == pytest.approx(m["cost_with_oncosts"], abs=0.5)
    assert int(rows["Layers"]) == m["layers"]
    low, mean, high = rows["Span of control (min / mean / max)"].split(" / ")
    assert (int(low), float(mean), int(high)) == (m["span_min"], round(m["span_mean"], 1), m["span_max"])
    text = subprocess.run(["pdftotext", "-l", "1", "-raw", str(pdf), "-"], capture_output=True, text=True).stdout
    assert m["management_definition"] in " ".join(text.split())
    change = rows[f"Management posts* ({before} → {after})"]
    assert change.startswith(f"{c['management_posts_before']:g} → {c['management_posts_after']:g}")
    assert after in scenarios
