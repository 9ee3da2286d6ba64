"""Published packs: the PDF says its title and language with its text in reading order, and an
accessible HTML version of the same chart goes beside it."""

from __future__ import annotations

import itertools
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication

from orgdesigner import resources
from orgdesigner.cli import run
from orgdesigner.formats import native
from orgdesigner.model.edits import UpdatePost
from orgdesigner.render.html import pack_html
from orgdesigner.render.pages import PrintOptions, write_pdf

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils (pdftotext)")


@pytest.fixture(autouse=True)
def _app(qapp: QGuiApplication) -> QGuiApplication:
    """pytest-qt's application (a QApplication), whichever test runs first."""
    return qapp


def test_pdf_has_title_author_language_and_text_in_reading_order(tmp_path: Path) -> None:
    document = native.load(resources.template("cheshire-east-2013"))
    out = tmp_path / "pack.pdf"
    write_pdf(document, str(out), PrintOptions(paper="A3", committee="Cabinet"))
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Title:\s+Cheshire East Council: proposed management structure", info)
    assert re.search(r"Author:\s+Cheshire East Council", info)
    data = out.read_bytes()
    assert b"/Lang (en-GB)" in data.split(b"startxref")[-2]  # in the catalog of the last update
    text = " ".join(
        subprocess.run(["pdftotext", "-raw", str(out), "-"], capture_output=True, text=True, check=True).stdout.split()
    )
    # a manager is read before its team, and a team before the next manager's
    structure = document.scenario().structure
    order = [text.find(structure.post(p).title) for p in ("CE", "DSC", "DCS", "COO")]
    assert all(i >= 0 for i in order) and order == sorted(order)
    assert text.find("Page 1 of 1") > max(order)  # the footer after the chart


class _Outline(HTMLParser):
    """Headings, list items' post titles, and whether every element was closed."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.headings: list[int] = []
        self.items: list[str] = []
        self.lang = ""
        self._title = False
        self._in_li = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"meta"}:
            return
        self.stack.append(tag)
        if tag == "html":
            self.lang = dict(attrs).get("lang") or ""
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        self._title = tag == "span" and ("class", "post-title") in attrs and "li" in self.stack

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, (self.stack[-3:], tag)
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        if self._title:
            self.items.append(data)
            self._title = False


def test_html_version_has_headings_nested_lists_and_withholds_names() -> None:
    document = native.load(resources.template("cheshire-east-2013"))
    structure = document.scenario().structure
    structure.apply(UpdatePost("COO", {"incumbent": "Alex Example"}))
    page = pack_html(document, PrintOptions(summary=True))
    outline = _Outline()
    outline.feed(page)
    assert outline.stack == [] and outline.lang == "en-GB"
    assert outline.headings[0] == 1 and all(b - a <= 1 for a, b in itertools.pairwise(outline.headings))
    # every post below the top is one list item under its manager
    below_top = sorted(p.title for p in structure if structure.manager_of(p.id) is not None)
    assert sorted(outline.items) == below_top
    assert "Alex Example" not in page and "names are withheld" in page
    assert "Alex Example" in pack_html(document, PrintOptions(names=True))
    assert "Head of Paid Service" in page  # roles spelled out, not only a badge's letters


def test_html_command_and_pdf_beside_it(tmp_path: Path) -> None:
    template = resources.template("cheshire-east-2013")
    html = tmp_path / "pack.html"
    assert run(["html", str(template), "-o", str(html), "--branch", "COO", "--language", "cy"]) == 0
    text = html.read_text(encoding="utf-8")
    assert '<html lang="cy">' in text and "Corporate Support Manager: Finance" in text
    assert "Director of Public Health" not in text
    pdf, beside = tmp_path / "p.pdf", tmp_path / "p.html"
    assert run(["pdf", str(template), "-o", str(pdf), "--html", str(beside)]) == 0
    assert pdf.exists() and "Director of Public Health" in beside.read_text(encoding="utf-8")
    assert run(["html", str(template), "-o", str(html), "--language", "not a tag!"]) == 2
