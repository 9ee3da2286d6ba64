"""Cabinet pack output: titles present, text never below 7 pt, names withheld, branches paginated."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication

from benchmarks import generate
from orgdesigner import resources
from orgdesigner.formats import native
from orgdesigner.formats.organogram import import_organogram
from orgdesigner.model.document import Document
from orgdesigner.model.edits import UpdatePost
from orgdesigner.model.structure import Structure
from orgdesigner.render.chart import write_png, write_svg
from orgdesigner.render.pages import PrintOptions, chart_area, write_pdf
from orgdesigner.render.paginate import PageSpec, plan_pages
from orgdesigner.render.summary import binned, summary_figures
from tests.conftest import ORGANOGRAMS
from tests.model.builders import tree

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils (pdftotext)")


@pytest.fixture(autouse=True)
def _app(qapp: QGuiApplication) -> QGuiApplication:
    """pytest-qt's application (a QApplication), whichever test runs first."""
    return qapp


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


def _dft() -> Document:
    base = ORGANOGRAMS / "department_for_transport-2011-09-30"
    document, _ = import_organogram(
        base.with_name(base.name + "-senior.csv"), base.with_name(base.name + "-junior.csv")
    )
    assert len(document.scenario().structure) == 114
    return document


def test_a_chart_that_fits_one_page_prints_as_one(tmp_path: Path) -> None:
    document = native.load(resources.template("cheshire-east-2013"))
    out = tmp_path / "ce.pdf"
    report = write_pdf(document, str(out), PrintOptions(paper="A3"))
    assert report.pages == _pages(out) == 1
    text = _text(out)
    assert all(post.title in text for post in document.scenario().structure)
    assert "continued" not in text


def test_department_for_transport_fills_six_a3_pages_at_most(tmp_path: Path) -> None:
    out = tmp_path / "dft.pdf"
    report = write_pdf(_dft(), str(out), PrintOptions(paper="A3"))
    assert 2 <= _pages(out) <= 6
    text = _text(out)
    assert "continued on page 2" in text and "continued from page 1" in text
    assert report.smallest_font_pt >= 7


def _plan(structure: Structure, paper: str) -> list[PageSpec]:
    roots = [*structure.roots(), *structure.holding()]
    return plan_pages(structure, roots, chart_area(PrintOptions(paper=paper)))


@pytest.mark.parametrize("paper", ["A4", "A3"])
def test_every_post_printed_once_and_every_cut_card_continued(paper: str) -> None:
    """Whatever the packing, a reader finds every post once under its manager, and each cut card's
    team on a later page that names it."""
    for structure in (_dft().scenario().structure, generate.council(600)):
        area = chart_area(PrintOptions(paper=paper))
        pages = _plan(structure, paper)
        shown_under: list[str] = [kid for page in pages for kids in page.reports.values() for kid in kids]
        assert sorted(shown_under) == sorted(p.id for p in structure if structure.manager_of(p.id) is not None)
        for page in pages:
            assert page.layout is not None
            assert page.layout.width <= area.width() + 0.5 and page.layout.height <= area.height() + 0.5
            for post_id in page.cut:
                later = [p for p in pages if post_id in p.parents]
                assert later and all(p.number > page.number for p in later)
                assert all(p.continued[post_id] == page.number for p in later)


def test_small_sibling_teams_share_a_page() -> None:
    # Six directors, each with three heads of service of three officers: too much for one A3 page,
    # yet each director's team is small, so continuation pages carry several teams side by side.
    spec: dict[str, list[str]] = {"ce": [f"d{i}" for i in range(6)]}
    for i in range(6):
        spec[f"d{i}"] = [f"d{i}h{j}" for j in range(3)]
        for j in range(3):
            spec[f"d{i}h{j}"] = [f"d{i}h{j}o{k}" for k in range(3)]
    pages = _plan(tree(spec), "A3")
    assert pages[0].cut == [f"d{i}" for i in range(6)]
    assert any(len(page.parents) > 1 for page in pages), [page.parents for page in pages]
    assert len(pages) < 1 + 6


def test_department_for_transport_on_a4_keeps_text_legible_and_every_title(tmp_path: Path) -> None:
    document = _dft()
    out = tmp_path / "dft.pdf"
    report = write_pdf(document, str(out), PrintOptions(paper="A4", landscape=True))
    text = _text(out)
    assert re.search(r"continued on page \d+", text) and "continued from page 1" in text
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


def test_summary_page_pictures_agree_with_its_table(tmp_path: Path) -> None:
    document = native.load(resources.template("cheshire-east-2013"))
    figures = summary_figures(document, document.scenario())
    m = figures.metrics
    rows = dict(figures.rows())
    assert sum(m.span_histogram.values()) == m.managers == int(rows["Managers with direct reports (spans of control)"])
    assert sum(m.layer_histogram.values()) + m.unplaced == m.posts == int(rows["Posts"])
    c = figures.comparison
    assert c is not None and figures.before is not None
    assert (c.posts_after, c.fte_after, c.cost_after) == (m.posts, m.fte_total, m.cost_with_oncosts)
    assert (
        rows[f"Managers with direct reports ({c.from_name} → {c.to_name})"]
        == f"{figures.before.managers} → {m.managers}"
    )
    assert rows[f"Management posts* ({c.from_name} → {c.to_name})"].startswith(
        f"{c.management_posts_before:g} → {m.management_posts:g}"
    )
    out = tmp_path / "summary.pdf"
    write_pdf(document, str(out), PrintOptions(summary=True))
    first_page = subprocess.run(
        ["pdftotext", "-l", "1", "-raw", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    for heading in ("Managers by span of control", "Posts by layer", f"{c.from_name} → {c.to_name}"):
        assert heading in first_page


def test_wide_histograms_are_grouped_into_few_bars_keeping_their_total() -> None:
    spans = {n: n % 7 + 1 for n in range(1, 60)}
    bars = binned(spans)
    assert len(bars) <= 16 and sum(v for _, v in bars) == sum(spans.values())
    assert bars[0][0].startswith("1") and "59" in bars[-1][0]
    assert binned({2: 1, 5: 3}) == [("2", 1), ("3", 0), ("4", 0), ("5", 3)]
