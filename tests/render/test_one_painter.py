"""One chart painter for the screen, PNG, SVG and the printed page: dotted lines everywhere."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication, QImage

from orgdesigner.model.document import Document, Scenario
from orgdesigner.model.edits import AddDottedLine, AddPost
from orgdesigner.model.post import Post
from orgdesigner.model.structure import Structure
from orgdesigner.render.chart import write_png, write_svg
from orgdesigner.render.pages import PrintOptions, write_pdf


@pytest.fixture(autouse=True)
def _app(qapp: QGuiApplication) -> QGuiApplication:
    return qapp


def council(dotted: bool) -> Document:
    """A chief executive, two directors with a few managers each; perhaps one dotted line."""
    s = Structure()
    s.apply(AddPost(Post("ce", "Chief Executive")))
    for d in "ab":
        s.apply(AddPost(Post(d, f"Director {d.upper()}"), "ce"))
        for n in range(3):
            s.apply(AddPost(Post(f"{d}{n}", f"Manager {d.upper()}{n}"), d))
    if dotted:
        s.apply(AddDottedLine("b1", "a"))
    return Document("Test Council", scenarios=[Scenario("Proposed", s)])


def dotted_pixels(image: QImage) -> int:
    """Pixels in the dotted line's colour (#7b1fa2, give or take antialiasing)."""
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    count = 0
    for y in range(image.height()):
        for x in range(image.width()):
            c = image.pixelColor(x, y)
            if abs(c.red() - 0x7B) < 28 and c.green() < 60 and abs(c.blue() - 0xA2) < 28:
                count += 1
    return count


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs poppler-utils (pdftoppm)")
def test_the_printed_page_draws_the_dotted_line_its_legend_shows(tmp_path: Path) -> None:
    """Read the printed page back as a picture: beside the legend's sample, the line itself."""

    def printed(document: Document, name: str) -> QImage:
        pdf = tmp_path / f"{name}.pdf"
        write_pdf(document, str(pdf), PrintOptions(paper="A4"))
        subprocess.run(
            ["pdftoppm", "-r", "96", "-png", "-f", "1", "-l", "1", str(pdf), str(tmp_path / name)], check=True
        )
        image = QImage(str(next(tmp_path.glob(f"{name}*.png"))))
        assert not image.isNull()
        return image

    legend_only = dotted_pixels(printed(council(dotted=False), "plain"))
    assert legend_only > 0  # the legend's sample of a dotted line
    assert dotted_pixels(printed(council(dotted=True), "dotted")) > legend_only + 40


def test_png_and_svg_draw_the_dotted_line(tmp_path: Path) -> None:
    for dotted in (False, True):
        png = tmp_path / f"chart-{dotted}.png"
        write_png(council(dotted).scenario().structure, png)
        found = dotted_pixels(QImage(str(png)))
        assert (found > 40) if dotted else (found == 0)
    svg = tmp_path / "chart.svg"
    write_svg(council(True).scenario().structure, svg)
    assert "#7b1fa2" in svg.read_text(encoding="utf-8").lower()
