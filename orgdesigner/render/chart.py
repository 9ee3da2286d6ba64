"""A whole chart (or one branch) as SVG or PNG, painted with the same card code as the screen."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QRectF, QSize
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtSvg import QSvgGenerator

from orgdesigner.formats import safe_io
from orgdesigner.model.errors import FileProblem
from orgdesigner.model.layout import Layout, LayoutOptions, forest_layout, layout
from orgdesigner.model.structure import Structure
from orgdesigner.render.card import CardStyle
from orgdesigner.render.painter import ChartPainter

MARGIN = 24.0
# The largest picture painted (README "Limits"): past it memory runs to gigabytes and painting to
# minutes; a branch, or the PDF (paginated), shows a chart that size.
MAX_PNG_SIDE = 32_000
MAX_PNG_PIXELS = 64_000_000


def chart_layout(structure: Structure, branch: str | None = None) -> Layout:
    if branch is None:
        return layout(structure)
    structure.post(branch)  # an unknown branch is refused with its id
    reports = {p: list(structure.reports_of(p)) for p in structure.subtree(branch)}
    return forest_layout([branch], reports, LayoutOptions())


def paint_chart(painter: QPainter, structure: Structure, lay: Layout, style: CardStyle) -> None:
    """The whole chart, drawn by the one chart painter (as on screen and on the printed page)."""
    ChartPainter(structure, style).paint(painter, lay)


def write_svg(
    structure: Structure, path: Path, branch: str | None = None, names: bool = False, title: str = ""
) -> None:
    lay = chart_layout(structure, branch)
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    size = QSize(int(lay.width + 2 * MARGIN), int(lay.height + 2 * MARGIN))
    generator.setSize(size)
    generator.setViewBox(QRectF(0, 0, size.width(), size.height()))
    generator.setTitle(title or "Organisation chart")
    generator.setDescription("Made with orgdesigner")
    painter = QPainter()
    if not painter.begin(generator):
        raise FileProblem(f"Could not write {path}.")
    painter.translate(MARGIN, MARGIN)
    paint_chart(painter, structure, lay, CardStyle(show_names=names))
    painter.end()
    safe_io.write_output(path, xml_safe(bytes(buffer.data().data())))


def xml_safe(svg: bytes) -> bytes:
    """Control characters typed into titles are not allowed in XML 1.0, even escaped: drop them."""
    return _CHAR_REF.sub(_drop_control_ref, svg).translate(None, _CONTROL_BYTES)


def _drop_control_ref(match: re.Match[bytes]) -> bytes:
    ref = match.group(1)
    code = int(ref[1:], 16) if ref[:1] in (b"x", b"X") else int(ref)
    return b"" if code < 32 and code not in (9, 10, 13) else match.group(0)


_CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\r")
_CHAR_REF = re.compile(rb"&#([xX][0-9a-fA-F]{1,8}|[0-9]{1,10});")


def write_png(
    structure: Structure, path: Path, scale: float = 1.0, branch: str | None = None, names: bool = False
) -> None:
    if not 0.05 <= scale <= 8:
        raise FileProblem("The PNG scale must be between 0.05 and 8.")
    lay = chart_layout(structure, branch)
    width, height = int((lay.width + 2 * MARGIN) * scale), int((lay.height + 2 * MARGIN) * scale)
    if width * height > MAX_PNG_PIXELS or max(width, height) > MAX_PNG_SIDE:
        raise FileProblem(
            f"A PNG of {width:,} × {height:,} pixels is over the limit ({MAX_PNG_PIXELS // 1_000_000} million "
            f"pixels, {MAX_PNG_SIDE:,} on a side): choose a smaller --scale or one --branch, or use the PDF, "
            "which splits the chart into pages."
        )
    image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor("#ffffff"))
    painter = QPainter(image)
    painter.scale(scale, scale)
    painter.translate(MARGIN, MARGIN)
    paint_chart(painter, structure, lay, CardStyle(show_names=names))
    painter.end()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):  # type: ignore[call-overload]  # the stubs want other types
        raise FileProblem(f"Could not write {path}: the picture could not be encoded.")
    safe_io.write_output(path, bytes(buffer.data().data()))
