"""The scene: mirrors the controller's structure as cards, lines, side bands and the holding area.

The chart is composed of branch blocks kept by the model's `BlockCache`, which after each edit says
which blocks were laid out again, appeared, went or moved. `refresh()` mirrors that answer step by
step; where the user looks decides which blocks are shown and (for a large file) which have cards.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QPointF, QRectF, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGraphicsScene, QWidget

from orgdesigner.gui.canvas.cards import CardKeeper
from orgdesigner.gui.canvas.decor import ChartDecor
from orgdesigner.gui.canvas.edges import edges_of, grown, moved, overlap
from orgdesigner.gui.canvas.items import BLOCK_MARGINS, BranchBlock, OverviewItem, PostItem
from orgdesigner.gui.document import DocumentController
from orgdesigner.gui.first_check import LARGE_ABOVE
from orgdesigner.model.blocks import BLOCK_POSTS, BlockCache, BlockChange
from orgdesigner.model.layout import Layout, LayoutOptions
from orgdesigner.render.card import CardStyle
from orgdesigner.render.painter import ChartPainter

SCENE_MARGIN = 200.0
WHOLE_UP_TO = 400
"""When idle, a block of up to this many cards is made whole at once (a few ms); a larger one a
screen more all round at a time."""
EDITING_PAUSE_MS = 100
"""After an edit, cards beyond the screen wait this long for the user to pause (another edit waits
again): the screen's own are made at once."""


class ChartScene(QGraphicsScene):
    """The chart of the structure shown. Read-only for the model: edits go through the controller.

    `items_by_id` holds the cards made so far (a large file makes them where the user looks);
    `post_rect()` answers for any drawn post, made or not. `block_posts`: how many posts a block
    holds on average at most (see `model.blocks`).
    """

    def __init__(
        self, controller: DocumentController, parent: QWidget | None = None, block_posts: int = BLOCK_POSTS
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self.cache = BlockCache(block_posts=block_posts)
        self.card_style = CardStyle()
        self.cards = CardKeeper(self)
        self.decor = ChartDecor(self)
        self.overview = OverviewItem(self)
        self.overview.setVisible(False)
        self.addItem(self.overview)
        self._whole: Layout | None = None
        self._overview_pending: set[str] | None = None  # blocks to redraw in it (None: all)
        self._overview_stale = True
        self._near: QRectF | None = None  # where the view looks, with a margin (None: no view)
        self._seen: QRectF | None = None  # what is on screen now
        self._pending: set[str] = set()  # large files: branches near the view, made when idle
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.setInterval(0)
        self._idle.timeout.connect(self._materialize_pending)
        self._selected_before: set[str] = set()
        # per post above the blocks: where its line is, and its reports' places from there
        self._top_lines: dict[str, tuple[tuple[float, float], tuple[object, ...]]] = {}
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
        self.setBackgroundBrush(QColor("#f7f7f5"))
        controller.structureChanged.connect(self.refresh)
        controller.foldsChanged.connect(lambda: self.refresh(frozenset()))
        controller.selectionChanged.connect(self._repaint_selection)
        controller.findingsChanged.connect(self._repaint_findings)
        controller.highlights.changed.connect(self._repaint_posts)
        controller.checkedAll.connect(self.update)
        self.refresh(None)  # a large file's cards wait until a view says where it looks

    # ---- what is drawn ----------------------------------------------------------------------------
    @property
    def layout_options(self) -> LayoutOptions:
        return self.cache.options

    @property
    def items_by_id(self) -> dict[str, PostItem]:
        return self.cards.items_by_id

    @property
    def blocks(self) -> dict[str, BranchBlock]:
        return self.cards.blocks

    def chart_painter(self) -> ChartPainter:
        """The one chart painter (as exports and printing use), for the structure shown."""
        return ChartPainter(self.controller.structure, self.card_style)

    @property
    def current_layout(self) -> Layout:
        """The whole chart's absolute layout (equal to `layout()`), made when first asked."""
        if self._whole is None:
            self._whole = self.cache.whole()
        return self._whole

    def post_rect(self, post_id: str) -> QRectF | None:
        """Where a post's card is in the scene, made or not (None: not drawn, e.g. folded away)."""
        item = self.items_by_id.get(post_id)
        if item is not None and item.scene() is self:
            return item.sceneBoundingRect()
        xy = self.cache.position(post_id)
        if xy is None:
            return None
        return QRectF(xy[0], xy[1], self.layout_options.card_width, self.layout_options.card_height)

    def post_at(self, pos: QPointF, exclude: str | None = None) -> str | None:
        for item in self.items(pos):
            if isinstance(item, PostItem) and item.post_id != exclude and item.isVisible():
                return item.post_id
        return None

    # ---- mirroring the model, step by step -----------------------------------------------------------
    def refresh(self, touched: frozenset[str] | None) -> None:
        """After an edit (`touched`: the posts it touched; None: anything may have changed)."""
        folds_before = self.cache.options.collapsed
        change = self.cache.update(self.controller.structure, touched, LayoutOptions(collapsed=self.controller.folded))
        self._whole = None
        for branch in change.went:
            self.cards.drop_block(branch)
        self._relay_blocks(change.everything, change.relaid | change.appeared)
        self._place_blocks(change)
        for post_id in change.posts_went:
            self.cards.forget(post_id)
        if change.everything or touched is None:
            self._repaint_posts(self.items_by_id)
        else:
            self._repaint_posts(touched | (folds_before ^ self.cache.options.collapsed))
        self.decor.update()
        width, height = self.cache.size
        height = max(height, self.layout_options.card_height)
        self.setSceneRect(QRectF(-SCENE_MARGIN, -SCENE_MARGIN, width + 2 * SCENE_MARGIN, height + 2 * SCENE_MARGIN))
        self._overview_stale = True
        if change.everything or self._overview_pending is None:
            self._overview_pending = None
        else:
            self._overview_pending |= change.relaid | change.appeared
        if self.overview.isVisible():
            self._rebuild_overview()
            self._apply_visibility()
        else:
            self._show_blocks(EDITING_PAUSE_MS)

    def _relay_blocks(self, everything: bool, relaid: set[str] | frozenset[str]) -> None:
        """Fit the re-laid blocks and move their cards (or leave their cards to be made later)."""
        layouts = self.cache.layouts
        make_cards = not (self.overview.isVisible() or self._lazy())
        for branch in layouts if everything else relaid:
            self.cards.relay_block(branch, layouts[branch], make_cards)

    def _place_blocks(self, change: BlockChange) -> None:
        """Blocks to their origins, the posts above them to their places, and the lines between."""
        origins, tops = self.cache.origins, self.cache.tops
        for branch in origins if change.everything else change.moved | change.appeared:
            self.blocks[branch].setPos(*origins[branch])
        for post_id in tops if change.everything else change.tops:
            self.cards.place_top(post_id, tops[post_id])
        # lines from the posts above the blocks to their reports (other top posts or block heads)
        heads = dict(tops)
        layouts = self.cache.layouts
        for branch, (bx, by) in origins.items():
            kx, ky = layouts[branch].positions[branch]
            heads[branch] = (bx + kx, by + ky)
        stacked = self.cache.stacked_tops
        joined = Layout(self.layout_options, positions=heads, stacked=set(stacked))
        structure, folded = self.controller.structure, self.controller.folded
        chart = self.chart_painter()
        if change.everything:
            self._top_lines.clear()
        for gone in self._top_lines.keys() - tops.keys():
            del self._top_lines[gone]  # its line is its block's now, or gone with it
        lines = self.cards.connectors
        for post_id in tops:
            kids = [k for k in (() if post_id in folded else structure.reports_of(post_id)) if k in heads]
            # A line is drawn from its manager's card: it is drawn again only if its reports moved
            # under the manager, and moved if they all moved with it (a block layer deep in a large
            # council has hundreds of posts above it, and an edit shifts most of their lines).
            at = ox, oy = heads[post_id]
            shape = (post_id in stacked, *((k, heads[k][0] - ox, heads[k][1] - oy) for k in kids))
            before = self._top_lines.get(post_id)
            if before is None or before[1] != shape:
                path = chart.reporting_lines(joined, post_id, kids).translated(-ox, -oy)
                self.cards.set_connector(post_id, path, None, at)
            elif before[0] != at and post_id in lines:
                lines[post_id].setPos(ox, oy)
            self._top_lines[post_id] = (at, shape)

    # ---- where the user looks ----------------------------------------------------------------------
    def show_near(self, seen: QRectF, near: QRectF) -> None:
        """The view shows `seen` and may soon show `near` (scene coordinates): show those blocks."""
        self._seen, self._near = QRectF(seen), QRectF(near)
        if not self.overview.isVisible():
            self._show_blocks()

    def _lazy(self) -> bool:
        return len(self.controller.structure) > LARGE_ABOVE

    def _show_blocks(self, wait_ms: int = 0) -> None:
        """Only branch blocks near the view are shown. A hidden block moves for free: Qt skips its
        cards when an edit shifts every block to its right, which at 20,000 posts is ~10 ms a drag.

        A large file's cards are made only where the user looks: on screen at once, within the
        margin when the program is idle (so the first zoom in does not make 20,000 cards), and
        after an edit once the user pauses (`wait_ms`: a run of drags is not slowed by them)."""
        show = not self.overview.isVisible()
        lazy = self._lazy()
        materialized, partial = self.cards.materialized, self.cards.partial
        seen, near_by = edges_of(self._seen), edges_of(self._near)
        wide = seen
        if seen is not None:  # cards are made a little past the screen's edges: a short pan finds them
            w, h = (seen[2] - seen[0]) / 4, (seen[3] - seen[1]) / 4
            wide, seen = grown(seen, 4 * w, 4 * h), grown(seen, w, h)
        origins, layouts = self.cache.origins, self.cache.layouts
        left, top, right, bottom = BLOCK_MARGINS
        for branch, block in self.blocks.items():
            # the block's rectangle from its layout, in plain numbers: a large council has hundreds
            ox, oy = origins[branch]
            lay = layouts[branch]
            rect = (ox - left, oy - top, ox + lay.width + right, oy + lay.height + bottom)
            near = show and (near_by is None or overlap(rect, near_by))
            if near and (branch not in materialized or branch in partial):
                if not lazy:
                    self.cards.materialize(branch, lay)
                elif seen is not None and wide is not None and overlap(rect, seen):
                    # on screen: its cards there at once, the rest of the block when idle; a part-made
                    # block a screen past each edge at a time (a pan then grows it every ~20 frames)
                    local = moved(seen, -ox, -oy)
                    if branch in partial and not self.cards.covers(branch, local):
                        local = moved(wide, -ox, -oy)
                    self.cards.materialize(branch, lay, within=local)
                    if branch in partial:
                        self._pending.add(branch)
                elif seen is not None:
                    self._pending.add(branch)
            block.setVisible(near and branch in materialized)
        if self._pending:
            self._idle.start(wait_ms)

    @property
    def making_cards(self) -> bool:
        """Branches near the view are still waiting for their cards."""
        return bool(self._pending)

    def _materialize_pending(self) -> None:
        """Make one waiting branch's cards (the event loop runs between branches)."""
        while self._pending:
            branch = self._pending.pop()
            block = self.blocks.get(branch)
            whole = branch in self.cards.materialized and branch not in self.cards.partial
            if block is None or whole or self.overview.isVisible():
                continue
            if self._near is not None and not block.sceneBoundingRect().intersects(self._near):
                continue  # the user has looked elsewhere meanwhile
            done = self.cards.partial.get(branch)
            lay = self.cache.layouts[branch]
            if done is not None and self._seen is not None and len(lay.positions) > WHOLE_UP_TO:
                # a large block a screen more all round at a time: the event loop turns between steps
                w, h = self._seen.width(), self._seen.height()
                within = (done[0] - w, done[1] - h, done[2] + w, done[3] + h)
                self.cards.materialize(branch, lay, within=within)
                if branch in self.cards.partial:
                    self._pending.add(branch)
            else:
                self.cards.materialize(branch, lay)
            block.setVisible(True)
            break
        if self._pending:
            self._idle.start(0)

    # ---- far zoom ----------------------------------------------------------------------------------
    def set_overview(self, on: bool) -> None:
        """Swap the cards for the one-item overview below a zoom threshold (and back)."""
        if on == self.overview.isVisible():
            return
        if on:
            self._rebuild_overview()
        self.overview.setVisible(on)
        self._apply_visibility()

    def _apply_visibility(self) -> None:
        show = not self.overview.isVisible()
        self._show_blocks()
        for post_id in self.cache.tops:
            item = self.items_by_id.get(post_id)
            if item is not None:
                item.setVisible(show)
            line = self.cards.connectors.get(post_id)
            if line is not None:
                line.setVisible(show)
        self.decor.set_visible(show)

    def _rebuild_overview(self) -> None:
        if self._overview_stale:
            self.overview.rebuild(self._overview_pending)
            self._overview_pending = set()
            self._overview_stale = False

    # ---- repainting what changed -------------------------------------------------------------------
    def _repaint_posts(self, post_ids: Iterable[str]) -> None:
        items = self.items_by_id
        for post_id in post_ids:
            item = items.get(post_id)
            if item is not None:
                item.update()

    def _repaint_selection(self) -> None:
        now = set(self.controller.selection)
        self._repaint_posts(now ^ self._selected_before)
        self._selected_before = now

    def _repaint_findings(self) -> None:
        # Touched cards were repainted by refresh(); whole-structure findings name few posts.
        for finding in self.controller.checker.findings_for_whole():
            self._repaint_posts(finding.posts)
