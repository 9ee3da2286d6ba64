"""One file, one set of figures: the CLI's JSON, the HR workbook and the Cabinet PDF agree."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from html import unescape
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
    """The summary table read from the words' positions: each label (joined when it wraps) with the
    value printed beside it, up to the starred notes under the table."""
    html = subprocess.run(["pdftotext", "-l", "1", "-bbox", str(pdf), "-"], capture_output=True, text=True).stdout
    words = [
        (round(float(y) * 2) / 2, float(x), unescape(text))
        for x, y, text in re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)</word>', html)
    ]
    label_y = next(y for y, _x, text in words if text == "posts*")
    value_x = min(x for y, x, _t in words if y == label_y and x > 150)
    top_y = min(y for y, x, _t in words if abs(x - value_x) < 1)
    chart_x = min(x for y, x, _t in words if y == top_y and x > value_x + 1)
    table = sorted((y, x, t) for y, x, t in words if y >= top_y - 3 and x < chart_x - 1)
    value_ys = sorted({y for y, x, _t in table if x >= value_x - 1})
    rows: dict[float, list[list[str]]] = {y: [[], []] for y in value_ys}
    for y, x, text in table:
        if text == "*" and x < value_x:
            break  # the notes under the table
        # a label's first line sits a little above its value; its wrapped lines below it
        row_y = y if x >= value_x - 1 else max((v for v in value_ys if v <= y + 3), default=None)
        if row_y is not None:
            rows[row_y][0 if x < value_x - 1 else 1].append(text)
    found: dict[str, str] = {}
    for label, value in rows.values():
        if label:
            found.setdefault(" ".join(label), " ".join(value))
    return found


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
    spans = [r[3] for r in wb["Spans & layers"].iter_rows(min_row=2, max_col=5, values_only=True) if r[0]]
    assert len(spans) == m["managers"] and (min(spans), max(spans)) == (m["span_min"], m["span_max"])

    pdf = tmp_path / "c.pdf"
    _run("pdf", str(file), "-o", str(pdf), "--summary", "--scenario", after)
    rows = _pdf_rows(pdf)

    def row(label: str) -> str:
        return rows[label]

    assert float(row("Management posts*")) == m["management_posts"]
    assert int(row("Managers with direct reports (spans of control)")) == m["managers"]
    assert float(row("FTE (posts and staff groups)").replace(",", "")) == pytest.approx(m["fte_total"], abs=0.05)
    assert _money(row("Pay bill")) == pytest.approx(m["pay_bill"], abs=0.5)
    assert _money(row("Pay bill with on-costs")) == pytest.approx(m["cost_with_oncosts"], abs=0.5)
    assert int(row("Layers")) == m["layers"]
    low, mean, high = row("Span of control (min / mean / max)").split(" / ")
    assert (int(low), float(mean), int(high)) == (m["span_min"], round(m["span_mean"], 1), m["span_max"])
    text = subprocess.run(["pdftotext", "-l", "1", "-raw", str(pdf), "-"], capture_output=True, text=True).stdout
    assert m["management_definition"] in " ".join(text.split())
    change = row(f"Management posts* ({before} → {after})")
    assert change.startswith(f"{c['management_posts_before']:g} → {c['management_posts_after']:g}")
    assert after in scenarios
