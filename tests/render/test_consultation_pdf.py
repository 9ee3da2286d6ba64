"""The consultation PDF (HR1 and equality pages) and the Cabinet summary's senior appointments line."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication

from orgdesigner import resources
from orgdesigner.formats import native
from orgdesigner.model.consultation.analysis import analyse
from orgdesigner.render.consultation_pdf import PdfHeading, write_consultation_pdf
from orgdesigner.render.pages import PrintOptions, write_pdf

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils (pdftotext)")


@pytest.fixture(autouse=True)
def _app() -> QGuiApplication:
    app = QGuiApplication.instance() or QGuiApplication([])
    assert isinstance(app, QGuiApplication)
    return app


def _text(pdf: Path) -> str:
    raw = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(raw.split())


def test_consultation_pdf_has_the_hr1_particulars_and_suppressed_equality_counts(tmp_path: Path) -> None:
    document = native.load(resources.template("cheshire-east-2013"))
    hr = {f"E{n}": {"sex": "Female"} for n in range(3)}
    result = analyse(document, "Current", "Proposed", date(2013, 2, 4), hr)
    out = tmp_path / "consultation.pdf"
    titles = write_consultation_pdf(result, out, PdfHeading("Cheshire East Council", "OFFICIAL", "Appendix 3"))
    text = _text(out)
    assert titles[0].startswith("Collective consultation and HR1") and titles[-1].startswith("Equality analysis")
    assert "21 people at risk" in text and "Managers, directors and senior officials 16" in text
    assert "Director of Strategic Commissioning chief officer" in text
    assert "Borough Solicitor (monitoring officer)" in text
    assert "Appendix 3" in text and "OFFICIAL" in text
    # 3 recorded as female: suppressed, and so is every count that would give it away by subtraction
    sex = text.split("Sex Category At risk Workforce At risk as share ")[1].split(" Sexual orientation")[0]
    assert sex == "Female * * — Not recorded * * —"


def test_cabinet_summary_has_a_line_on_senior_appointments(tmp_path: Path) -> None:
    document = native.load(resources.template("cheshire-east-2013"))
    out = tmp_path / "pack.pdf"
    write_pdf(document, str(out), PrintOptions(summary=True))
    first = subprocess.run(["pdftotext", "-l", "1", "-raw", str(out), "-"], capture_output=True, text=True).stdout
    line = " ".join(first.split())
    assert "Senior appointments (LGHA 1989 s.2) 16: 4 statutory chief officers, 2 chief officers" in line
