"""What the chart shows besides cards and reporting lines: side bands, dotted lines, the holding area.

The dotted lines come from the one chart painter (`render.painter`), as in every export and on the
printed page.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGraphicsItem, QGraphicsPathItem, QGraphicsRectItem, QGraphicsSimpleTextItem

from orgdesigner.gui.canvas.items import band_item
from orgdesigner.model.layout import Layout
from orgdesigner.model.post import Side
from orgdesigner.render.card import SIDE_COLOURS, SIDE_TINTS, line_pen

if TYPE_CHECKING:
    from orgdesigner.gui.canvas.scene import ChartScene

HOLDING_LABEL = "HOLDING AREA — posts whose manager is unknown"


class ChartDecor:
    """Side bands behind the top-tier branches, dotted lines, and the holding area's label."""

    def __init__(self, scene: ChartScene) -> None:
        self.scene = scene
        self.bands: dict[str, QGraphicsRectItem] = {}
        self._drawn: dict[str, tuple[QRectF, Side]] = {}  # each band's rectangle and side as drawn
        self.dotted: list[QGraphicsPathItem] = []
        self._label: QGraphicsSimpleTextItem | None = None

    def items(self) -> list[QGraphicsItem]:
        extra: list[QGraphicsItem] = [self._label] if self._label is not None else []
        return [*self.bands.values(), *self.dotted, *extra]

    def update(self) -> None:
        self._update_bands()
        self._update_lines()

    def set_visible(self, show: bool) -> None:
        for item in self.items():
            item.setVisible(show)

    def _update_bands(self) -> None:
        """A tinted band behind each top-tier branch, labelled with its side: the split at a glance."""
        scene = self.scene
        structure, folded, cache = scene.controller.structure, scene.controller.folded, scene.cache
        cw, ch = scene.layout_options.card_width, scene.layout_options.card_height
        tops, origins = cache.tops, cache.origins
        wanted: dict[str, QRectF] = {}
        for root in structure.roots():
            for head in () if root in folded else structure.reports_of(root):
                if head not in tops:
                    continue
                # the band's edges in plain numbers: a deep block layer puts hundreds of blocks under it
                x0, y0 = tops[head]
                x1, y1 = x0 + cw, y0 + ch
                stack = [] if head in folded else list(structure.reports_of(head))
                while stack:
                    post_id = stack.pop()
                    if post_id in origins:
                        bx, by = origins[post_id]
                        block = cache.layouts[post_id]
                        bw, bh = block.width, block.height
                    elif post_id in tops:
                        bx, by = tops[post_id]
                        bw, bh = cw, ch
                        stack.extend(() if post_id in folded else structure.reports_of(post_id))
                    else:
                        continue
                    x0, y0, x1, y1 = min(x0, bx), min(y0, by), max(x1, bx + bw), max(y1, by + bh)
                wanted[head] = QRectF(x0 - 10, y0 - 26, x1 - x0 + 20, y1 - y0 + 36)
        for gone in [h for h in self.bands if h not in wanted]:
            scene.removeItem(self.bands.pop(gone))
            self._drawn.pop(gone, None)
        show = not scene.overview.isVisible()
        for head, rect in wanted.items():
            band = self.bands.get(head)
            if band is None:
                band = band_item()
                scene.addItem(band)
                self.bands[head] = band
            band.setVisible(show)
            side = structure.post(head).side
            if self._drawn.get(head) == (rect, side):
                continue  # most edits leave most bands as they were
            self._drawn[head] = (rect, side)
            band.setRect(rect)
            band.setBrush(SIDE_TINTS[side])
            text = band.childItems()[0]
            assert isinstance(text, QGraphicsSimpleTextItem)
            text.setText(side.label.upper())
            text.setBrush(SIDE_COLOURS[side])
            text.setPos(rect.left() + 6, rect.top() + 4)

    def _update_lines(self) -> None:
        """Dotted lines and the holding area label (few items: made again each time)."""
        scene = self.scene
        for item in self.dotted:
            scene.removeItem(item)
        self.dotted = []
        if self._label is not None:
            scene.removeItem(self._label)
            self._label = None
        structure, cache = scene.controller.structure, scene.cache
        lines = structure.dotted_lines()
        if lines:
            # only the posts with dotted lines: placing all 20,000 on every edit would be waste
            ends = {p for line in lines for p in line}
            lay = Layout(scene.layout_options, positions={p: xy for p in ends if (xy := cache.position(p))})
            for path in scene.chart_painter().dotted_lines(lay):
                item = QGraphicsPathItem(path)
                item.setPen(line_pen(dotted=True))
                item.setZValue(1)
                item.setData(0, "dotted line")
                scene.addItem(item)
                self.dotted.append(item)
        if cache.holding_x is not None:
            self._label = QGraphicsSimpleTextItem(HOLDING_LABEL)
            self._label.setBrush(QColor("#b00020"))
            self._label.setPos(cache.holding_x, -46)
            scene.addItem(self._label)
        self.set_visible_lines(not scene.overview.isVisible())

    def set_visible_lines(self, show: bool) -> None:
        for item in self.dotted:
            item.setVisible(show)
        if self._label is not None:
            self._label.setVisible(show)
