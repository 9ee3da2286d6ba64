"""Cabinet pack output: titles present, text never below 7 pt, names withheld, branches paginated."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication

from orgdesigner import resources
from orgdesigner.formats import native
from orgdesigner.formats.organogram import import_organogram
from orgdesigner.model.edits import UpdatePost
from orgdesigner.render.chart import write_png, write_svg
from orgdesigner.render.pages import PrintOptions, write_pdf
from tests.conftest import ORGANOGRAMS

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils (pdftotext)")


@pytest.fixture(autouse=True)
def _app() -> QGuiApplication:
    app = QGuiApplication.instance() or QGuiApplication([])
    assert isinstance(app, QGuiApplication)
    return app


def _text(pdf: Path) -> str:
    raw = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(raw.split())


def _pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    found = re.search(r"Pages:\s+(\d+)", info)
    assert found is not None
    return int(found.group(1))


def _smallest_text_pt(pdf: Path) -> float:
    """The smallest word height pdftotext reports (in points), a measure of the printed text size."""
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    heights = [
        float(m.group(2)) - float(m.group(1))
        for m in re.finditer(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)"', html)
    ]
    return min(heights)


def test_cheshire_east_pdf_has_every_title_and_no_names(tmp_path: Path) -> None:
    document = native.load(resources.template("cheshire-east-2013"))
    document.scenario().structure.apply(UpdatePost("COO", {"incumbent": "Alex Example"}))
    out = tmp_path / "ce.pdf"
    report = write_pdf(document, str(out), PrintOptions(summary=True, appendix="Appendix 2", committee="Cabinet"))
    text = _text(out)
    for post in document.scenario().structure:
        assert post.title in text
    assert "Alex Example" not in text
    assert "OFFICIAL" in text and "Appendix 2" in text and f"Page 1 of {report.pages}" in text
    assert _pages(out) == report.pages
    named = tmp_path / "named.pdf"
    write_pdf(document, str(named), PrintOptions(names=True))
    assert "Alex Example" in _text(named)


def test_department_for_transport_paginates_by_branch_with_continuations(tmp_path: Path) -> None:
    base = ORGANOGRAMS / "department_for_transport-2011-09-30"
    document, _ = import_organogram(
        base.with_name(base.name + "-senior.csv"), base.with_name(base.name + "-junior.csv")
    )
    assert len(document.scenario().structure) == 114
    out = tmp_path / "dft.pdf"
    report = write_pdf(document, str(out), PrintOptions(paper="A4", landscape=True))
    assert report.pages > 3
    text = _text(out)
    assert "continued on page 2" in text
    assert "continued from page 1" in text
    assert report.smallest_font_pt >= 7
    assert _smallest_text_pt(out) >= 6.5  # word boxes run a little under the nominal point size
    for post in document.scenario().structure:
        assert post.title.strip("'\" ")[:25] in text.replace("- ", "-")


def test_branch_option_prints_one_branch(tmp_path: Path) -> None:
    document = native.load(resources.template("cheshire-east-2013"))
    out = tmp_path / "coo.pdf"
    write_pdf(document, str(out), PrintOptions(branch="COO"))
    text = _text(out)
    assert "Corporate Support Manager: Finance" in text and "Director of Public Health" not in text


def test_svg_and_png_export(tmp_path: Path) -> None:
    structure = native.load(resources.template("cheshire-east-2013")).scenario().structure
    svg, png = tmp_path / "c.svg", tmp_path / "c.png"
    write_svg(structure, svg)
    assert "Chief Operating Officer" in svg.read_text(encoding="utf-8")
    write_png(structure, png, scale=0.5)
    from PySide6.QtGui import QImage

    image = QImage(str(png))
    assert image.width() > 100 and image.height() > 100
    colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
    assert len(colours) > 5  # not blank
