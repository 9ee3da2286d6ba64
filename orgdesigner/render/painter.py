"""The one chart painter: how a chart is drawn on the screen, in PNG and SVG, and on the printed page.

Exports and printing paint a laid-out chart in one call (`paint`); the canvas draws the same pieces
one graphics item at a time (`reporting_lines`, `dotted_lines`, `card`). Either way the lines, the
dotted lines and the cards come from here, so what is printed matches what is on screen.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter, QPainterPath

from orgdesigner.model.layout import Layout
from orgdesigner.model.structure import Structure
from orgdesigner.render.card import CardStyle, connector_path, dotted_path, line_pen, paint_card

CardHook = Callable[[QPainter, str, QRectF], None]


class ChartPainter:
    """Draws one structure's chart in a style (names shown or not, pay or grade, ...)."""

    def __init__(self, structure: Structure, style: CardStyle | None = None) -> None:
        self.structure = structure
        self.style = style or CardStyle()

    # ---- the pieces --------------------------------------------------------------------------------
    def reporting_lines(self, lay: Layout, manager: str, reports: Sequence[str]) -> QPainterPath:
        """The solid lines from a manager to its reports shown on `lay`."""
        return connector_path(lay, manager, list(reports))

    def dotted_lines(self, lay: Layout) -> list[QPainterPath]:
        """The dotted lines whose two posts are both shown on `lay` (a page may show only one end)."""
        paths = (dotted_path(lay, post_id, manager_id) for post_id, manager_id in self.structure.dotted_lines())
        return [path for path in paths if not path.isEmpty()]

    def card(
        self,
        painter: QPainter,
        rect: QRectF,
        post_id: str,
        *,
        detail: float = 1.0,
        selected: bool = False,
        highlighted: bool = False,
        finding: str | None = None,
        collapsed: int = 0,
    ) -> None:
        """One post's card (`collapsed`: how many posts are hidden below it)."""
        structure = self.structure
        paint_card(
            painter,
            rect,
            structure.post(post_id),
            structure.groups_under(post_id),
            self.style,
            detail=detail,
            selected=selected,
            highlighted=highlighted,
            finding=finding,
            collapsed=collapsed,
        )

    # ---- a whole chart -----------------------------------------------------------------------------
    def paint(
        self,
        painter: QPainter,
        lay: Layout,
        reports: Mapping[str, Sequence[str]] | None = None,
        hidden: Mapping[str, int] | None = None,
        after_card: CardHook | None = None,
    ) -> None:
        """Lines, dotted lines, then cards. `reports`: the reports drawn under each manager (default:
        all of them that `lay` shows); `hidden`: posts hidden below a card; `after_card` draws
        anything a card needs beside it (a printed page's "continued on page N")."""
        painter.save()  # the caller's pen and brush are theirs again afterwards
        try:
            self._paint(painter, lay, reports, hidden or {}, after_card)
        finally:
            painter.restore()

    def _paint(
        self,
        painter: QPainter,
        lay: Layout,
        reports: Mapping[str, Sequence[str]] | None,
        hidden: Mapping[str, int],
        after_card: CardHook | None,
    ) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(line_pen())
        positions = lay.positions
        for manager in positions:
            if reports is not None:
                kids = list(reports.get(manager, ()))
            else:
                kids = [k for k in self.structure.reports_of(manager) if k in positions]
            if kids:
                painter.drawPath(self.reporting_lines(lay, manager, kids))
        painter.setPen(line_pen(dotted=True))
        for path in self.dotted_lines(lay):
            painter.drawPath(path)
        opts = lay.options
        for post_id, (x, y) in positions.items():
            rect = QRectF(x, y, opts.card_width, opts.card_height)
            self.card(painter, rect, post_id, collapsed=hidden.get(post_id, 0))
            if after_card is not None:
                after_card(painter, post_id, rect)
