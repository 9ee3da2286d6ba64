"""The Cabinet pack's Cost of change page: savings by year and exit packages by band, no one's data."""

from __future__ import annotations

import subprocess
from pathlib import Path

from orgdesigner import resources
from orgdesigner.formats import native
from orgdesigner.model.compare import compare
from orgdesigner.render.pages import PrintOptions, write_pdf


def _page(path: Path, number: int) -> str:
    return subprocess.run(
        ["pdftotext", "-f", str(number), "-l", str(number), "-raw", str(path), "-"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip


def test_the_page_after_the_summary_gives_the_cost_of_change(qapp: object, tmp_path: Path) -> None:
    document = native.load(resources.template("cheltenham-2011"))
    finance = compare(document, "Current", "Proposed").finance
    assert finance is not None
    out = tmp_path / "cheltenham.pdf"
    with_page = write_pdf(document, str(out), PrintOptions(summary=True, scenario="Proposed"))
    without = write_pdf(document, str(tmp_path / "plain.pdf"), PrintOptions(scenario="Proposed"))
    assert with_page.pages == without.pages + 2  # the summary, then the cost of change
    page = _page(out, 2)
    assert "Cost of change" in page and "Exit packages" in page
    for year in finance.years:
        assert year.year in page and f"£{year.saving:,.0f}" in page
    assert "Transition capacity" in page and "£80,000" in page
    assert f"payback {finance.payback_months} months" in page
    for person in finance.people:  # never a person's data
        assert person.person.name not in page
        assert person.person.date_of_birth is not None and person.person.date_of_birth.isoformat() not in page
