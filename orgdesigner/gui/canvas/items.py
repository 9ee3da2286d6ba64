"""The chart's graphics items: cards, branch blocks, the far-zoom overview, a dragged card's ghost.

Items only paint; they never change the model. Each reads what it shows from its scene.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPen, QPicture
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsRectItem,
    QGraphicsSimpleTextItem,
    QStyleOptionGraphicsItem,
    QWidget,
)

from orgdesigner.model.layout import Layout
from orgdesigner.model.post import Post, Side
from orgdesigner.render.card import SIDE_COLOURS, chart_font, line_pen

if TYPE_CHECKING:
    from orgdesigner.gui.canvas.scene import ChartScene

CARD_MARGIN = 3.0
HOLDING_TINT = QColor("#fbe9e7")
NO_PEN = QPen(Qt.PenStyle.NoPen)
BLOCK_MARGINS = (10.0, 26.0, 10.0, 10.0)
"""A branch block's rectangle reaches this far past its cards (left, top, right, bottom): its
lines, and a selected card's outline, stay inside it."""


class PostItem(QGraphicsRectItem):
    """One card, painted by the shared card code with level of detail from the zoom.

    A rect item, so Qt computes its bounds natively: moving 20,000 cards calls no Python. Made in
    a few calls (a block coming into view after an edit makes a few hundred): its rectangle and
    parent given at once, one pen for all, the recording made when first painted.
    """

    def __init__(self, scene: ChartScene, post_id: str, parent: QGraphicsItem | None = None) -> None:
        opts = scene.layout_options
        self._card = QRectF(0, 0, opts.card_width, opts.card_height)
        margin = CARD_MARGIN
        super().__init__(QRectF(-margin, -margin, opts.card_width + 2 * margin, opts.card_height + 2 * margin), parent)
        self.chart = scene
        self.post_id = post_id
        self.setPen(NO_PEN)
        self.setZValue(2)
        self._picture: QPicture | None = None
        self._picture_key: tuple[object, ...] | None = None

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        scene = self.chart
        controller = scene.controller
        structure = controller.structure
        post = structure.get(self.post_id)
        if post is None:
            return
        detail = option.levelOfDetailFromTransform(painter.worldTransform())
        findings = controller.checker.findings_for(self.post_id)
        worst = min((f.severity for f in findings), key=lambda s: s.rank).value if findings else None
        collapsed = len(structure.subtree(self.post_id)) - 1 if self.post_id in controller.folded else 0
        groups = structure.groups_under(self.post_id)
        selected = self.post_id in controller.selection
        highlighted = self.post_id in controller.highlights

        chart = scene.chart_painter()

        def draw(on: QPainter, level: float) -> None:
            chart.card(
                on,
                self._card,
                self.post_id,
                detail=level,
                selected=selected,
                highlighted=highlighted,
                finding=worst,
                collapsed=collapsed,
            )

        if detail < 0.4:  # boxes without text are cheap to paint directly
            draw(painter, detail)
            return
        # A card with text costs ~150 µs of Python to paint; replaying its recording is native. The
        # recording is redone only when what the card shows changes (posts are immutable values).
        key = (post, groups, scene.card_style, selected, highlighted, worst, collapsed)
        if key != self._picture_key or self._picture is None:
            picture = QPicture()
            recorder = QPainter(picture)
            recorder.setRenderHints(painter.renderHints())
            draw(recorder, 1.0)
            recorder.end()
            self._picture, self._picture_key = picture, key
        painter.drawPicture(0, 0, self._picture)


class BranchBlock(QGraphicsRectItem):
    """A branch rooted in BLOCK_LAYER: its cards and lines are children, so shifting it is one call.

    Its rectangle is tinted only in the holding area; side bands are drawn per top-tier branch.
    """

    def __init__(self, branch: str) -> None:
        super().__init__()
        self.branch = branch
        self.members: set[str] = set()
        self.setPen(QPen(Qt.PenStyle.NoPen))
        self.setZValue(0)
        # The block's rectangle holds all its cards and lines: a frame, or a hit test, that misses
        # the block skips its hundreds of children (the scene has no index, so edits stay cheap).
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemContainsChildrenInShape)

    def fit(self, lay: Layout, held: bool) -> None:
        """Hold the block's laid-out cards; tinted when it is in the holding area."""
        left, top, right, bottom = BLOCK_MARGINS
        self.setRect(QRectF(-left, -top, lay.width + left + right, lay.height + top + bottom))
        self.setBrush(QBrush(HOLDING_TINT) if held else QBrush(Qt.BrushStyle.NoBrush))


def connector_item() -> QGraphicsPathItem:
    line = QGraphicsPathItem()
    line.setPen(line_pen())
    line.setZValue(1)
    return line


def band_item() -> QGraphicsRectItem:
    """A tinted band behind a top-tier branch, with its side's name at the top left."""
    band = QGraphicsRectItem()
    band.setPen(QPen(Qt.PenStyle.NoPen))
    band.setZValue(-1)
    label = QGraphicsSimpleTextItem("", band)
    label.setFont(chart_font("DejaVu Sans", 7.5, bold=True))
    return band


class OverviewItem(QGraphicsItem):
    """The whole chart as flat boxes and lines in a few native calls, for fit-all and far zoom.

    Python cannot paint 20,000 cards fast enough for a fit-all frame; this paints a branch's cards
    with one drawRects call per side. Each branch's boxes are made when the overview is first shown
    and again only when the branch was laid out again.
    """

    def __init__(self, scene: ChartScene) -> None:
        super().__init__()
        self.chart = scene
        self.setZValue(5)
        self._blocks: dict[str, tuple[dict[Side, list[QRectF]], QPainterPath]] = {}
        self._bounds = QRectF()

    def rebuild(self, dirty: set[str] | None) -> None:
        """Make again the boxes of the `dirty` blocks (None: every block)."""
        self.prepareGeometryChange()
        scene = self.chart
        structure = scene.controller.structure
        layouts = scene.cache.layouts
        for gone in [b for b in self._blocks if b not in layouts]:
            del self._blocks[gone]
        posts, managers = structure.posts_by_id(), structure.manager_by_post()
        opts = scene.layout_options
        for branch, lay in layouts.items():
            if dirty is not None and branch not in dirty and branch in self._blocks:
                continue
            self._blocks[branch] = _boxes_and_lines(lay, posts, managers, opts.card_width, opts.card_height)
        self._bounds = scene.sceneRect()

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        origins = self.chart.cache.origins
        for branch, (rects, lines) in self._blocks.items():
            origin = origins.get(branch)
            if origin is None:
                continue
            painter.save()
            painter.translate(origin[0], origin[1])
            painter.setPen(line_pen())
            painter.drawPath(lines)
            painter.setPen(Qt.PenStyle.NoPen)
            for side, side_rects in rects.items():
                if side_rects:
                    painter.setBrush(SIDE_COLOURS[side])
                    painter.drawRects(side_rects)
            painter.restore()


def _boxes_and_lines(
    lay: Layout, posts: Mapping[str, Post], managers: Mapping[str, str | None], cw: float, ch: float
) -> tuple[dict[Side, list[QRectF]], QPainterPath]:
    """One block of the overview: its cards as boxes by side, and a line from each manager to each
    report."""
    positions = lay.positions
    by_side: dict[Side, list[QRectF]] = {side: [] for side in Side}
    lines = QPainterPath()
    half = cw / 2
    for post_id, (x, y) in positions.items():
        by_side[posts[post_id].side].append(QRectF(x, y, cw, ch))
        manager = managers[post_id]
        if manager in positions:
            mx, my = positions[manager]
            lines.moveTo(mx + half, my + ch)
            lines.lineTo(x + half, y)
    return by_side, lines


class DragGhost(QGraphicsItem):
    """What the pointer carries during a drag: the card drawn again above everything. The card
    itself stays in its branch (faded), so no branch ever holds a card outside its bounds."""

    def __init__(self, card: PostItem) -> None:
        super().__init__()
        self.card = card
        self.setZValue(100)
        self.setOpacity(0.8)

    def boundingRect(self) -> QRectF:
        return self.card.boundingRect()

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        self.card.paint(painter, option, widget)
