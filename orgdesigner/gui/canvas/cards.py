"""Making, moving and dropping the cards and lines of the chart's blocks and top posts.

A block's cards are made only when it is first shown ("materialized"): a large file opens on the
overview and makes cards where the user looks. After an edit, a re-laid block moves only the cards
whose place changed and redraws only the lines whose manager or reports moved.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QPainterPath
from PySide6.QtWidgets import QGraphicsItem, QGraphicsPathItem

from orgdesigner.gui.canvas.edges import Edges, contains, union
from orgdesigner.gui.canvas.items import BranchBlock, PostItem, connector_item
from orgdesigner.model.layout import Layout

if TYPE_CHECKING:
    from orgdesigner.gui.canvas.scene import ChartScene

Point = tuple[float, float]


class CardKeeper:
    """The scene's cards (`items_by_id`), lines (`connectors`) and branch blocks (`blocks`)."""

    def __init__(self, scene: ChartScene) -> None:
        self.scene = scene
        self.items_by_id: dict[str, PostItem] = {}
        self.connectors: dict[str, QGraphicsPathItem] = {}
        self.blocks: dict[str, BranchBlock] = {}
        self.materialized: set[str] = set()
        self.partial: dict[str, Edges] = {}  # made blocks whose cards are made only within this
        self._drawn_at: dict[str, dict[str, Point]] = {}  # per made block: where its cards were put
        self._connector_reports: dict[str, tuple[str, ...]] = {}

    # ---- blocks ------------------------------------------------------------------------------------
    def drop_block(self, branch: str) -> None:
        """A block no longer drawn: its cards go back to the scene (placed again, or forgotten)."""
        block = self.blocks.pop(branch, None)
        if block is not None:
            for child in block.childItems():
                child.setParentItem(None)  # type: ignore[arg-type]
            self.scene.removeItem(block)
        self.materialized.discard(branch)
        self.partial.pop(branch, None)
        self._drawn_at.pop(branch, None)

    def relay_block(self, branch: str, lay: Layout, make_cards: bool) -> None:
        """A block laid out again (or new): fit its rectangle, then move its cards, or, when its
        cards are not to be made yet, drop any it holds (they are made again when shown)."""
        block = self.blocks.get(branch)
        if block is None:
            block = BranchBlock(branch)
            block.setVisible(False)  # shown by the scene once placed, if near the view
            self.scene.addItem(block)
            self.blocks[branch] = block
        members = set(lay.positions)
        left = block.members - members
        block.members = members
        block.fit(lay, self.scene.controller.structure.is_held(branch))
        if branch not in self.materialized and not make_cards:
            made = self.items_by_id
            for post_id in [p for p in members if p in made]:  # few or none
                self.forget(post_id)
            return
        self.materialize(branch, lay, left, self.partial.get(branch))  # a part-made block stays so

    def covers(self, branch: str, edges: Edges) -> bool:
        """Whether a block's cards are made everywhere in a rectangle (its own coordinates)."""
        done = self.partial.get(branch)
        return branch in self.materialized and (done is None or contains(done, edges))

    def materialize(
        self, branch: str, lay: Layout, left: set[str] | frozenset[str] = frozenset(), within: Edges | None = None
    ) -> None:
        """Make (or move) the cards and lines of one branch block. With `within` (a rectangle in
        the block's own coordinates) new cards and lines are made only where they reach into it
        and into the rectangles asked for before (`partial` keeps their bounds until the block is
        made whole): a large council's block holds up to ~1,000 cards, the screen a few dozen."""
        scene = self.scene
        structure, folded = scene.controller.structure, scene.controller.folded
        block = self.blocks[branch]
        chart = scene.chart_painter()
        old = self._drawn_at.get(branch, {}) if branch in self.materialized else {}
        self.materialized.add(branch)
        positions = lay.positions
        done = self.partial.get(branch)
        if within is not None and done is not None:
            if old == positions and contains(done, within):
                return  # nothing moved, and the cards and lines there are made already
            within = union(done, within)
        if within is not None and contains(within, (0.0, 0.0, lay.width, lay.height)):
            within = None  # the whole block
        if within is None:
            self.partial.pop(branch, None)
        else:
            self.partial[branch] = within
        # A block whose cards are all where they were drawn (e.g. a dragged branch, which moves as a
        # whole) holds them still: a post that left it, or came in, would have changed its layout.
        if old != positions or within is not None or done is not None:
            items = self.items_by_id
            cw, ch = lay.options.card_width, lay.options.card_height
            x0, y0, x1, y1 = within or (0.0, 0.0, 0.0, 0.0)
            for post_id, xy in positions.items():
                item = items.get(post_id)
                if item is None:
                    x, y = xy
                    if within is None or (x < x1 and x0 < x + cw and y < y1 and y0 < y + ch):
                        item = PostItem(scene, post_id, block)
                        items[post_id] = item
                        item.setPos(x, y)
                elif item.parentItem() is not block:
                    item.setParentItem(block)
                    item.setPos(*xy)
                elif old.get(post_id) != xy:
                    item.setPos(*xy)
            self._drawn_at[branch] = dict(positions)
        for manager in block.members:
            reports = () if manager in folded else structure.reports_of(manager)
            line = self.connectors.get(manager)
            if line is None and (
                not reports or (within is not None and not _line_reaches(lay, manager, reports, within))
            ):
                continue  # a card without reports shown, or a line not made yet and still off screen
            if (
                line is not None
                and self._connector_reports.get(manager) == reports
                and old.get(manager) == positions[manager]
                and all(old.get(r) == positions.get(r) for r in reports)
                and line.parentItem() is block
            ):
                continue  # neither the manager nor its reports moved: the line is still right
            self._connector_reports[manager] = tuple(reports)
            self.set_connector(manager, chart.reporting_lines(lay, manager, reports) if reports else None, block)
        # managers that left this block take their lines with them (made again where they are now)
        for stale in [m for m in left if m in self.connectors and self.connectors[m].parentItem() is block]:
            self._remove(self.connectors.pop(stale))

    # ---- top posts ---------------------------------------------------------------------------------
    def place_top(self, post_id: str, xy: Point) -> None:
        """A post above the blocks: a card of its own in the scene."""
        item = self.items_by_id.get(post_id)
        if item is None:
            item = PostItem(self.scene, post_id)
            self.items_by_id[post_id] = item
        if item.parentItem() is not None:
            item.setParentItem(None)  # type: ignore[arg-type]
        if item.scene() is not self.scene:
            self.scene.addItem(item)
        item.setPos(*xy)

    # ---- lines and forgetting ------------------------------------------------------------------------
    def set_connector(
        self, manager: str, path: QPainterPath | None, parent: QGraphicsItem | None, at: Point = (0.0, 0.0)
    ) -> None:
        """The line from a manager to its reports: made, moved into `parent` (to `at` there), redrawn,
        or removed."""
        line = self.connectors.get(manager)
        if path is None or path.isEmpty():
            if line is not None:
                del self.connectors[manager]
                self._remove(line)
            return
        if line is None:
            line = connector_item()
            self.connectors[manager] = line
        if line.parentItem() is not parent:
            line.setParentItem(parent)  # type: ignore[arg-type]  # None: a top-level line
        if line.scene() is not self.scene:
            self.scene.addItem(line)
        line.setPath(path)
        line.setPos(*at)

    def forget(self, post_id: str) -> None:
        """A post's card and line are no longer drawn (deleted, folded away, or not yet made)."""
        item = self.items_by_id.pop(post_id, None)
        if item is not None:
            self._remove(item)
        line = self.connectors.pop(post_id, None)
        if line is not None:
            self._remove(line)

    def _remove(self, item: QGraphicsItem) -> None:
        if item.scene() is self.scene:
            self.scene.removeItem(item)


def _line_reaches(lay: Layout, manager: str, reports: tuple[str, ...], within: Edges) -> bool:
    """Whether a manager's lines to its reports may cross a rectangle (their bounds, generously)."""
    positions, opts = lay.positions, lay.options
    ends = [positions[manager], *(positions[r] for r in reports if r in positions)]
    xs, ys = [x for x, _ in ends], [y for _, y in ends]
    x0, x1 = min(xs) - opts.stack_indent, max(xs) + opts.card_width
    y0, y1 = min(ys), max(ys) + opts.card_height
    return x0 < within[2] and within[0] < x1 and y0 < within[3] and within[1] < y1
