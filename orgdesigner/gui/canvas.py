"""The chart canvas: a scene that mirrors the structure, and a view users drag posts on.

Items never change the model. A drag is a gesture (start, move, finish, cancel) that, on release,
asks the controller for one edit: move the branch, copy it (Ctrl), or park it in the holding area.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QPicture,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QLabel,
    QStyleOptionGraphicsItem,
    QWidget,
)

from orgdesigner.gui.document import LARGE_ABOVE, DocumentController
from orgdesigner.gui.highlights import Layer
from orgdesigner.model.layout import (
    BLOCK_LAYER,
    Composition,
    Layout,
    LayoutOptions,
    branch_layout,
    branches,
    compose,
)
from orgdesigner.model.post import Side
from orgdesigner.render.card import (
    SIDE_COLOURS,
    SIDE_TINTS,
    CardStyle,
    chart_font,
    connector_path,
    dotted_path,
    line_pen,
    paint_card,
)

PALETTE_MIME = "application/x-orgdesigner-template"


CARD_MARGIN = 3.0


class PostItem(QGraphicsRectItem):
    """One card, painted by the shared card code with level of detail from the zoom.

    A rect item, so Qt computes its bounds natively: moving 20,000 cards calls no Python.
    """

    def __init__(self, scene: ChartScene, post_id: str) -> None:
        super().__init__()
        self.chart = scene
        self.post_id = post_id
        opts = scene.layout_options
        self._card = QRectF(0, 0, opts.card_width, opts.card_height)
        self.setRect(self._card.adjusted(-CARD_MARGIN, -CARD_MARGIN, CARD_MARGIN, CARD_MARGIN))
        self.setPen(QPen(Qt.PenStyle.NoPen))
        self.setZValue(2)
        self._picture = QPicture()
        self._picture_key: tuple[object, ...] | None = None

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        scene = self.chart
        structure = scene.controller.structure
        post = structure.get(self.post_id)
        if post is None:
            return
        detail = option.levelOfDetailFromTransform(painter.worldTransform())
        findings = scene.controller.checker.findings_for(self.post_id)
        worst = min((f.severity for f in findings), key=lambda s: s.rank).value if findings else None
        collapsed = len(structure.subtree(self.post_id)) - 1 if self.post_id in scene.collapsed else 0
        groups = structure.groups_under(self.post_id)
        selected = self.post_id in scene.controller.selection
        highlighted = self.post_id in scene.controller.highlights
        if detail < 0.4:  # boxes without text are cheap to paint directly
            paint_card(
                painter,
                self._card,
                post,
                groups,
                scene.card_style,
                detail=detail,
                selected=selected,
                highlighted=highlighted,
                finding=worst,
                collapsed=collapsed,
            )
            return
        # A card with text costs ~150 µs of Python to paint; replaying its recording is native. The
        # recording is redone only when what the card shows changes (posts are immutable values).
        key = (post, groups, scene.card_style, selected, highlighted, worst, collapsed)
        if key != self._picture_key:
            picture = QPicture()
            recorder = QPainter(picture)
            recorder.setRenderHints(painter.renderHints())
            paint_card(
                recorder,
                self._card,
                post,
                groups,
                scene.card_style,
                detail=1.0,
                selected=selected,
                highlighted=highlighted,
                finding=worst,
                collapsed=collapsed,
            )
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


class OverviewItem(QGraphicsItem):
    """The whole chart as flat boxes and lines in a few native calls, for fit-all and far zoom.

    Python cannot paint 20,000 cards fast enough for a fit-all frame; this paints a branch's cards
    with one drawRects call per side. Each branch's boxes are cached and rebuilt only when the
    branch was laid out again.
    """

    def __init__(self, scene: ChartScene) -> None:
        super().__init__()
        self.chart = scene
        self.setZValue(5)
        self._blocks: dict[str, tuple[dict[Side, list[QRectF]], QPainterPath]] = {}
        self._bounds = QRectF()

    def rebuild(self, dirty: set[str] | None) -> None:
        self.prepareGeometryChange()
        scene = self.chart
        structure = scene.controller.structure
        cw, ch = scene.layout_options.card_width, scene.layout_options.card_height
        for gone in [b for b in self._blocks if b not in scene.block_layouts]:
            del self._blocks[gone]
        for branch, lay in scene.block_layouts.items():
            if dirty is not None and branch not in dirty and branch in self._blocks:
                continue
            rects: dict[Side, list[QRectF]] = {side: [] for side in Side}
            lines = QPainterPath()
            positions = lay.positions
            for post_id, (x, y) in positions.items():
                rects[structure.post(post_id).side].append(QRectF(x, y, cw, ch))
                manager = structure.manager_of(post_id)
                if manager is not None and manager in positions:
                    mx, my = positions[manager]
                    lines.moveTo(mx + cw / 2, my + ch)
                    lines.lineTo(x + cw / 2, y)
            self._blocks[branch] = (rects, lines)
        self._bounds = scene.sceneRect()

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        scene = self.chart
        for branch, (rects, lines) in self._blocks.items():
            origin = scene.block_origin(branch)
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


OVERVIEW_BELOW = 0.2  # zoom under which cards are drawn as flat boxes in one item


class ChartScene(QGraphicsScene):
    """Mirrors the controller's structure: cards, connectors, side bands, the holding area.

    The chart is composed of branch blocks (each report of a top post, each holding-area post).
    After an edit only the blocks holding touched posts are laid out again; the others just move.
    """

    def __init__(self, controller: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.layout_options = LayoutOptions()
        self.card_style = CardStyle()
        self.items_by_id: dict[str, PostItem] = {}
        self.connectors: dict[str, QGraphicsPathItem] = {}
        self.blocks: dict[str, BranchBlock] = {}
        self.block_layouts: dict[str, Layout] = {}
        self.block_of: dict[str, str] = {}  # post -> the branch block it is drawn in ('' for top posts)
        self._block_positions: dict[str, dict[str, tuple[float, float]]] = {}
        self._connector_reports: dict[str, tuple[str, ...]] = {}
        self.bands: dict[str, QGraphicsRectItem] = {}
        self._tops: set[str] = set()
        self._materialized: set[str] = set()
        self._top_positions: dict[str, tuple[float, float]] = {}
        self._decor: list[QGraphicsItem] = []
        self._layout_cache: Layout | None = None
        self.overview = OverviewItem(self)
        self.overview.setVisible(False)
        self.addItem(self.overview)
        self._overview_dirty = True
        self._overview_pending: set[str] | None = None
        self._origins: dict[str, tuple[float, float]] = {}
        self._near: QRectF | None = None  # where the view looks, with a margin (None: no view)
        self._seen: QRectF | None = None  # what is on screen now
        self._pending: set[str] = set()  # large files: branches near the view, made when idle
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.setInterval(0)
        self._idle.timeout.connect(self._materialize_pending)
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
        self.setBackgroundBrush(QColor("#f7f7f5"))
        controller.structureChanged.connect(self.refresh)
        controller.selectionChanged.connect(self._repaint_selection)
        controller.findingsChanged.connect(self._repaint_findings)
        controller.checkedAll.connect(self.update)
        controller.foldsChanged.connect(lambda: self.refresh(None))
        controller.highlights.changed.connect(self._repaint_posts)
        self._selected_before: set[str] = set()
        if len(controller.structure) > LARGE_ABOVE:
            self.overview.setVisible(True)  # a large file opens fitted: cards are made on zooming in
        self.refresh(None)

    @property
    def current_layout(self) -> Layout:
        """The whole chart's absolute layout (for centring, dotted lines), from the block layouts."""
        if self._layout_cache is None:
            lay = Layout(self.layout_options)
            lay.positions.update(self._top_positions)
            width, height = 0.0, self.layout_options.card_height
            for branch, (bx, by) in self._origins.items():
                block = self.block_layouts[branch]
                for post_id, (x, y) in block.positions.items():
                    lay.positions[post_id] = (bx + x, by + y)
                lay.stacked |= block.stacked
                width, height = max(width, bx + block.width), max(height, by + block.height)
            lay.width, lay.height = max(width, self._tops_right), height
            self._layout_cache = lay
        return self._layout_cache

    # ---- mirroring the model -----------------------------------------------------------------------
    def refresh(self, touched: frozenset[str] | None) -> None:
        """Lay out again only the branch blocks that hold touched posts; move the rest."""
        structure = self.controller.structure
        options = LayoutOptions(collapsed=self.controller.folded)
        if options != self.layout_options:
            touched = None
        self.layout_options = options
        wanted = branches(structure, options)
        wanted_set = set(wanted)
        if touched is None:
            dirty = set(wanted) | set(self.blocks)
        else:
            dirty = {b for p in touched if (b := self.block_of.get(p))} | {
                b for p in touched if p in structure and (b := self._branch_of(p)) is not None
            }
            dirty |= wanted_set ^ set(self.blocks)
        dirty.discard("")
        orphans: set[str] = set()
        for branch in dirty:
            block = self.blocks.get(branch)
            if block is not None:
                orphans |= block.members
            if branch not in wanted_set:
                if block is not None:
                    # Removing a block deletes its children with it: hand them back to the scene
                    # first; they are placed again below, or removed as orphans.
                    for child in block.childItems():
                        child.setParentItem(None)  # type: ignore[arg-type]
                    for post_id in block.members:
                        if self.block_of.get(post_id) == branch:
                            del self.block_of[post_id]
                    self.removeItem(self.blocks.pop(branch))
                self._materialized.discard(branch)
                self.block_layouts.pop(branch, None)
                self._block_positions.pop(branch, None)
        orphans |= self._tops  # a top post may have gone under a folded branch
        placed: set[str] = set()
        for branch in dirty & wanted_set:
            placed |= self._lay_out_block(branch)
        self._tops = self._place_tops()
        orphans -= placed | self._tops
        # What was drawn in a re-laid block and is drawn nowhere now: deleted, or folded away.
        gone = (p for p in (self.items_by_id if touched is None else touched) if p not in structure)
        for post_id in orphans | set(gone):
            item = self.items_by_id.pop(post_id, None)
            self.block_of.pop(post_id, None)
            if item is not None and item.scene() is self:
                self.removeItem(item)
            connector = self.connectors.pop(post_id, None)
            if connector is not None and connector.scene() is self:
                self.removeItem(connector)
        if touched is not None:
            for post_id in touched:
                if post_id in self.items_by_id:
                    self.items_by_id[post_id].update()
        else:
            for item in self.items_by_id.values():
                item.update()
        self._layout_cache = None
        self._overview_dirty = True
        if touched is None or self._overview_pending is None:
            self._overview_pending = None
        else:
            self._overview_pending |= dirty
        self._update_decor()
        lay_w = max((o[0] + self.block_layouts[b].width for b, o in self._origins.items()), default=0.0)
        lay_h = max((o[1] + self.block_layouts[b].height for b, o in self._origins.items()), default=0.0)
        margin = 200.0
        width = max(lay_w, self._tops_right)
        height = max(lay_h, options.card_height)
        self.setSceneRect(QRectF(-margin, -margin, width + 2 * margin, height + 2 * margin))
        if self.overview.isVisible():
            self._rebuild_overview()
            self._apply_visibility()
        else:
            self._show_blocks()

    def show_near(self, seen: QRectF, near: QRectF) -> None:
        """The view shows `seen` and may soon show `near` (scene coordinates): show those blocks."""
        self._seen, self._near = QRectF(seen), QRectF(near)
        if not self.overview.isVisible():
            self._show_blocks()

    def _lazy(self) -> bool:
        return len(self.controller.structure) > LARGE_ABOVE

    def _show_blocks(self) -> None:
        """Only branch blocks near the view are shown. A hidden block moves for free: Qt skips its
        cards when an edit shifts every block to its right, which at 20,000 posts is ~10 ms a drag.

        A large file's cards are made only where the user looks: on screen at once, within the
        margin when the program is idle (so the first zoom in does not make 20,000 cards)."""
        show = not self.overview.isVisible()
        lazy = self._lazy()
        for branch, block in self.blocks.items():
            rect = block.sceneBoundingRect()
            near = show and (self._near is None or rect.intersects(self._near))
            if show and branch not in self._materialized:
                if not lazy or (near and (self._seen is None or rect.intersects(self._seen))):
                    self._materialize(branch)
                elif near:
                    self._pending.add(branch)
            block.setVisible(near and branch in self._materialized)
        if self._pending:
            self._idle.start()

    @property
    def making_cards(self) -> bool:
        """Branches near the view are still waiting for their cards."""
        return bool(self._pending)

    def _materialize_pending(self) -> None:
        """Make one waiting branch's cards (the event loop runs between branches)."""
        while self._pending:
            branch = self._pending.pop()
            block = self.blocks.get(branch)
            if block is None or branch in self._materialized or self.overview.isVisible():
                continue
            if self._near is not None and not block.sceneBoundingRect().intersects(self._near):
                continue  # the user has looked elsewhere meanwhile
            self._materialize(branch)
            block.setVisible(True)
            break
        if self._pending:
            self._idle.start()

    def post_rect(self, post_id: str) -> QRectF | None:
        """Where a post's card is in the scene, made or not (None: not drawn, e.g. folded away)."""
        item = self.items_by_id.get(post_id)
        if item is not None and item.scene() is self:
            return item.sceneBoundingRect()
        xy = self._position(post_id)
        if xy is None:
            return None
        return QRectF(xy[0], xy[1], self.layout_options.card_width, self.layout_options.card_height)

    def _branch_of(self, post_id: str) -> str | None:
        """The block a post belongs in now: its ancestor in BLOCK_LAYER, or its holding-area root;
        '' for the posts above the blocks."""
        structure = self.controller.structure
        chain = [post_id, *structure.ancestors(post_id)]
        top = chain[-1]
        if structure.is_held(top):
            return top
        if len(chain) < BLOCK_LAYER:
            return ""
        return chain[-BLOCK_LAYER]

    def _lay_out_block(self, branch: str) -> set[str]:
        structure = self.controller.structure
        lay = branch_layout(structure, branch, self.layout_options)
        self.block_layouts[branch] = lay
        block = self.blocks.get(branch)
        if block is None:
            block = BranchBlock(branch)
            block.setVisible(False)  # shown by _show_blocks once placed, if near the view
            self.addItem(block)
            self.blocks[branch] = block
        members = set(lay.positions)
        left_block = block.members - members
        block.members = members
        self._paint_band(block, lay)
        if branch not in self._materialized and (self.overview.isVisible() or self._lazy()):
            # Far out, the overview item draws this branch; its cards are made when the user zooms
            # in. Cards that moved in from a drawn branch are dropped and made again then.
            for post_id in members:
                item = self.items_by_id.pop(post_id, None)
                if item is not None and item.scene() is self:
                    self.removeItem(item)
                line = self.connectors.pop(post_id, None)
                if line is not None and line.scene() is self:
                    self.removeItem(line)
                self.block_of[post_id] = branch
            return members
        self._materialize(branch, left_block)
        return members

    def _paint_band(self, block: BranchBlock, lay: Layout) -> None:
        """A block's own rectangle is tinted only in the holding area (bands: see _update_bands)."""
        block.setRect(QRectF(-10, -26, lay.width + 20, lay.height + 36))
        held = self.controller.structure.is_held(block.branch)
        block.setBrush(QBrush(QColor("#fbe9e7")) if held else QBrush(Qt.BrushStyle.NoBrush))

    def _materialize(self, branch: str, left_block: set[str] | frozenset[str] = frozenset()) -> None:
        """Make (or move) the cards and lines of one branch block."""
        structure = self.controller.structure
        lay = self.block_layouts[branch]
        block = self.blocks[branch]
        old = self._block_positions.get(branch, {}) if branch in self._materialized else {}
        self._materialized.add(branch)
        block_of = self.block_of
        for post_id, xy in lay.positions.items():
            item = self.items_by_id.get(post_id)
            if item is None:
                item = PostItem(self, post_id)
                self.items_by_id[post_id] = item
                item.setParentItem(block)
                block_of[post_id] = branch
                item.setPos(*xy)
            elif block_of.get(post_id) != branch:
                item.setParentItem(block)
                block_of[post_id] = branch
                item.setPos(*xy)
            elif old.get(post_id) != xy:
                item.setPos(*xy)
        self._block_positions[branch] = dict(lay.positions)
        # connectors of the block's managers, drawn inside the block
        positions = lay.positions
        for manager in block.members:
            reports = () if manager in self.collapsed else structure.reports_of(manager)
            if (
                manager in self.connectors
                and self._connector_reports.get(manager) == reports
                and old.get(manager) == positions[manager]
                and all(old.get(r) == positions.get(r) for r in reports)
                and self.connectors[manager].parentItem() is block
            ):
                continue  # neither the manager nor its reports moved: the line is still right
            self._connector_reports[manager] = tuple(reports)
            self._set_connector(manager, connector_path(lay, manager, reports) if reports else None, block)
        # managers that left this block take their lines with them (refresh re-creates them elsewhere)
        for stale in [m for m in left_block if m in self.connectors and self.connectors[m].parentItem() is block]:
            line = self.connectors.pop(stale)
            if line.scene() is self:
                self.removeItem(line)

    def _place_tops(self) -> set[str]:
        """Position the blocks and the top posts (and the lines from top posts to their branches)."""
        structure = self.controller.structure
        comp = compose(structure, self.layout_options, self.block_layouts)
        self._origins = comp.branch_origin
        self._holding_x = comp.holding_x
        for branch, (x, y) in comp.branch_origin.items():
            self.blocks[branch].setPos(x, y)
        self._tops_right = 0.0
        self._top_positions = {}
        for post_id, (x, y) in comp.tops.items():
            item = self.items_by_id.get(post_id)
            if item is None:
                item = PostItem(self, post_id)
                self.items_by_id[post_id] = item
            if item.parentItem() is not None:
                item.setParentItem(None)  # type: ignore[arg-type]
            if item.scene() is not self:
                self.addItem(item)
            item.setPos(x, y)
            self.block_of[post_id] = ""
            self._top_positions[post_id] = (x, y)
            self._tops_right = max(self._tops_right, x + self.layout_options.card_width)
        # lines from the posts above the blocks to their reports (other top posts or block heads)
        heads = dict(comp.tops)
        for branch, (bx, by) in comp.branch_origin.items():
            kx, ky = self.block_layouts[branch].positions[branch]
            heads[branch] = (bx + kx, by + ky)
        temp = Layout(self.layout_options, positions=heads, stacked=set(comp.stacked))
        for post_id in comp.tops:
            kids = [k for k in (() if post_id in self.collapsed else structure.reports_of(post_id)) if k in heads]
            self._set_connector(post_id, connector_path(temp, post_id, kids), None)
        self._update_bands(comp)
        return set(comp.tops)

    def _update_bands(self, comp: Composition) -> None:
        """A tinted band behind each top-tier branch, labelled with its side: the split at a glance."""
        structure = self.controller.structure
        opts = self.layout_options
        wanted: dict[str, QRectF] = {}
        for root in structure.roots():
            for head in () if root in self.collapsed else structure.reports_of(root):
                if head not in comp.tops:
                    continue
                x, y = comp.tops[head]
                rect = QRectF(x, y, opts.card_width, opts.card_height)
                stack = [] if head in self.collapsed else list(structure.reports_of(head))
                while stack:
                    post_id = stack.pop()
                    if post_id in comp.branch_origin:
                        bx, by = comp.branch_origin[post_id]
                        block = self.block_layouts[post_id]
                        rect = rect.united(QRectF(bx, by, block.width, block.height))
                    elif post_id in comp.tops:
                        px, py = comp.tops[post_id]
                        rect = rect.united(QRectF(px, py, opts.card_width, opts.card_height))
                        stack.extend(() if post_id in self.collapsed else structure.reports_of(post_id))
                wanted[head] = rect.adjusted(-10, -26, 10, 10)
        for gone in [h for h in self.bands if h not in wanted]:
            self.removeItem(self.bands.pop(gone))
        for head, rect in wanted.items():
            band = self.bands.get(head)
            if band is None:
                band = QGraphicsRectItem()
                band.setPen(QPen(Qt.PenStyle.NoPen))
                band.setZValue(-1)
                label = QGraphicsSimpleTextItem("", band)
                label.setFont(chart_font("DejaVu Sans", 7.5, bold=True))
                self.addItem(band)
                self.bands[head] = band
            side = structure.post(head).side
            band.setRect(rect)
            band.setBrush(QBrush(SIDE_TINTS[side]))
            text = band.childItems()[0]
            assert isinstance(text, QGraphicsSimpleTextItem)
            text.setText(side.label.upper())
            text.setBrush(SIDE_COLOURS[side])
            text.setPos(rect.left() + 6, rect.top() + 4)
            band.setVisible(not self.overview.isVisible())

    def _set_connector(self, manager: str, path: QPainterPath | None, parent: QGraphicsItem | None) -> None:
        """The line from a manager to its reports: made, moved into `parent`, redrawn, or removed."""
        line = self.connectors.get(manager)
        if path is None or path.isEmpty():
            if line is not None:
                del self.connectors[manager]
                if line.scene() is self:
                    self.removeItem(line)
            return
        if line is None:
            line = QGraphicsPathItem()
            line.setPen(line_pen())
            line.setZValue(1)
            self.connectors[manager] = line
        if line.parentItem() is not parent:
            line.setParentItem(parent)  # type: ignore[arg-type]  # None: a top-level line
        if line.scene() is not self:
            self.addItem(line)
        line.setPath(path)

    def _position(self, post_id: str) -> tuple[float, float] | None:
        """Where a post's card is drawn in the scene, from the block layouts (None: not drawn)."""
        if post_id in self._top_positions:
            return self._top_positions[post_id]
        branch = self.block_of.get(post_id)
        if not branch or branch not in self._origins:
            return None
        x, y = self.block_layouts[branch].positions.get(post_id, (None, None))
        if x is None or y is None:
            return None
        bx, by = self._origins[branch]
        return (bx + x, by + y)

    def _update_decor(self) -> None:
        """Dotted lines and the holding area label (few items: rebuilt each time)."""
        for item in self._decor:
            self.removeItem(item)
        self._decor = []
        structure = self.controller.structure
        lines = structure.dotted_lines()
        if lines:
            # only the posts with dotted lines: placing all 20,000 on every edit would be waste
            ends = {p for line in lines for p in line}
            lay = Layout(self.layout_options, positions={p: xy for p in ends if (xy := self._position(p))})
            for post_id, manager_id in lines:
                path = dotted_path(lay, post_id, manager_id)
                if path.isEmpty():
                    continue
                item = QGraphicsPathItem(path)
                item.setPen(line_pen(dotted=True))
                item.setZValue(1)
                self.addItem(item)
                self._decor.append(item)
        if self._holding_x is not None:
            label = QGraphicsSimpleTextItem("HOLDING AREA — posts whose manager is unknown")
            label.setBrush(QColor("#b00020"))
            label.setPos(self._holding_x, -46)
            self.addItem(label)
            self._decor.append(label)

    # ---- far zoom ----------------------------------------------------------------------------------
    def set_overview(self, on: bool) -> None:
        """Swap the cards for the one-item overview below a zoom threshold (and back)."""
        if on == self.overview.isVisible():
            return
        if on:
            self._rebuild_overview()
        else:
            self._layout_cache = None  # cards are made near the view (_show_blocks)
        self.overview.setVisible(on)
        self._apply_visibility()

    def _apply_visibility(self) -> None:
        show = not self.overview.isVisible()
        self._show_blocks()
        for post_id, block_name in self.block_of.items():
            if block_name == "" and post_id in self.items_by_id:
                self.items_by_id[post_id].setVisible(show)
        for manager, line in self.connectors.items():
            if self.block_of.get(manager) == "":
                line.setVisible(show)
        for decor in self._decor:
            decor.setVisible(show)
        for band in self.bands.values():
            band.setVisible(show)

    def _rebuild_overview(self) -> None:
        if self._overview_dirty:
            self.overview.rebuild(self._overview_pending)
            self._overview_pending = set()
            self._overview_dirty = False

    def block_origin(self, branch: str) -> tuple[float, float] | None:
        return self._origins.get(branch)

    def _repaint_selection(self) -> None:
        now = set(self.controller.selection)
        for post_id in now ^ self._selected_before:
            if post_id in self.items_by_id:
                self.items_by_id[post_id].update()
        self._selected_before = now

    def _repaint_findings(self) -> None:
        # Touched cards were repainted by refresh(); whole-structure findings name few posts.
        for finding in self.controller.checker.findings_for_whole():
            for post_id in finding.posts:
                if post_id in self.items_by_id:
                    self.items_by_id[post_id].update()

    def _repaint_posts(self, post_ids: frozenset[str]) -> None:
        for post_id in post_ids:
            if post_id in self.items_by_id:
                self.items_by_id[post_id].update()

    @property
    def collapsed(self) -> frozenset[str]:
        """The branches folded away (the controller keeps them: `fold` is one of its verbs)."""
        return self.controller.folded

    def post_at(self, pos: QPointF, exclude: str | None = None) -> str | None:
        for item in self.items(pos):
            if isinstance(item, PostItem) and item.post_id != exclude and item.isVisible():
                return item.post_id
        return None


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


@dataclass
class DragGesture:
    """A press on a card that may become a drag: start, move (highlight target), finish or cancel."""

    post_id: str
    press: QPointF
    origin: QPointF  # the card's place in the scene when pressed
    started: bool = False
    target: str | None = None
    ghost: DragGhost | None = None


def legend_label() -> QLabel:
    """The chart's key, shown in a toolbar (not over the canvas: overlays slow every frame)."""
    swatches = " &nbsp; ".join(
        f'<span style="color:{SIDE_COLOURS[side].name()}">■</span> {side.label}' for side in Side
    )
    label = QLabel(
        f"{swatches} &nbsp;·&nbsp; dashed border: vacant · <b>NEW</b> · <s>to be deleted</s> · "
        "dark badge: statutory role · <span style='color:#7b1fa2'>- - -</span> dotted line · ● finding"
    )
    label.setObjectName("legend")
    label.setContentsMargins(6, 2, 6, 2)
    return label


class ChartView(QGraphicsView):
    """Zoom (wheel, keys, fit), pan (drag the background), drag cards; drops from the palette.

    Signals:
        postActivated(str): a card was double-clicked.
    """

    postActivated = Signal(str)

    def __init__(self, scene: ChartScene, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        self.chart = scene
        self.controller = scene.controller
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setAcceptDrops(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.gesture: DragGesture | None = None

    # ---- zoom and pan ------------------------------------------------------------------------------
    def _zoom_changed(self) -> None:
        """Far out, cards give way to the overview item (one paint for the whole chart)."""
        self.chart.set_overview(self.transform().m11() < OVERVIEW_BELOW)
        self._looked_at()

    def _looked_at(self) -> None:
        """Tell the scene what is on screen, with a viewport's margin all round for panning."""
        if not shiboken6.isValid(self.chart) or not shiboken6.isValid(self.chart.overview):
            return  # the window is closing
        if self.transform().m11() < OVERVIEW_BELOW:
            return  # the overview draws it all (and mid-zoom, no cards are to be made for it)
        seen = self.mapToScene(self.viewport().rect()).boundingRect()
        self.chart.show_near(seen, seen.adjusted(-seen.width(), -seen.height(), seen.width(), seen.height()))

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        super().scrollContentsBy(dx, dy)
        self._looked_at()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._looked_at()

    def zoom(self, factor: float) -> None:
        current = self.transform().m11()
        factor = max(0.01 / current, min(factor, 4.0 / current))
        self.scale(factor, factor)
        self._zoom_changed()

    def reset_zoom(self) -> None:
        self.resetTransform()
        self._zoom_changed()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.controller.check_pending:  # a large file's chart is on screen: now check it
            QTimer.singleShot(0, self.controller.finish_first_check)

    def fit_all(self) -> None:
        rect = self.chart.sceneRect().adjusted(160, 160, -160, -160)
        if not rect.isEmpty():
            self.fitInView(rect, Qt.AspectRatioMode.KeepAspectRatio)
        self._zoom_changed()

    def centre_on_post(self, post_id: str) -> None:
        if self.transform().m11() < 0.5:
            self.reset_zoom()  # close enough to read, which also makes the cards of a large file
        rect = self.chart.post_rect(post_id)
        if rect is not None:
            self.centerOn(rect.center())

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            super().wheelEvent(event)
            return
        self.zoom(1.15 if event.angleDelta().y() > 0 else 1 / 1.15)

    # ---- dragging cards ----------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            scene_pos = self.mapToScene(event.position().toPoint())
            post_id = self.chart.post_at(scene_pos)
            if post_id is not None:
                additive = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
                selection = list(self.controller.selection)
                if additive:
                    selection = [p for p in selection if p != post_id] + ([] if post_id in selection else [post_id])
                    self.controller.select(selection)
                else:
                    self.controller.select([post_id])
                item = self.chart.items_by_id[post_id]
                self.gesture = DragGesture(post_id, scene_pos, item.scenePos())
                self.setFocus()
                event.accept()
                return
            self.controller.select([])
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        gesture = self.gesture
        if gesture is None:
            super().mouseMoveEvent(event)
            return
        scene_pos = self.mapToScene(event.position().toPoint())
        if not gesture.started and (scene_pos - gesture.press).manhattanLength() < 8:
            return
        item = self.chart.items_by_id.get(gesture.post_id)
        if not gesture.started and item is not None:
            gesture.ghost = DragGhost(item)
            self.chart.addItem(gesture.ghost)
            item.setOpacity(0.35)  # where it comes from
        gesture.started = True
        if gesture.ghost is not None:
            gesture.ghost.setPos(gesture.origin + (scene_pos - gesture.press))
        target = self.chart.post_at(scene_pos, exclude=gesture.post_id)
        if target != gesture.target:
            gesture.target = target
            self.controller.highlights.set(Layer.DROP_TARGET, [target] if target else [])

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        gesture = self.gesture
        if gesture is None or event.button() != Qt.MouseButton.LeftButton:
            super().mouseReleaseEvent(event)
            return
        self.gesture = None
        if not gesture.started:
            return
        scene_pos = self.mapToScene(event.position().toPoint())
        target = self.chart.post_at(scene_pos, exclude=gesture.post_id)
        self._end_drag(gesture)
        copy = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        self._anchored(target, lambda: self.drop_post(gesture.post_id, target, copy))

    def _anchored(self, post_id: str | None, edit: Callable[[], bool]) -> bool:
        """Make an edit while keeping one card where it is on screen.

        A drop re-lays out the chart, and the branch dropped onto usually shifts; scrolling by its
        shift keeps the user's eye on the card they dropped onto, with the moved post beneath it.
        """
        item = self.chart.items_by_id.get(post_id) if post_id else None
        if item is None:
            return edit()
        before = self.mapFromScene(item.scenePos())
        done = edit()
        item = self.chart.items_by_id.get(post_id) if post_id else None
        if done and item is not None and item.scene() is self.chart:
            shift = self.mapFromScene(item.scenePos()) - before
            for bar, step in ((self.horizontalScrollBar(), shift.x()), (self.verticalScrollBar(), shift.y())):
                bar.setValue(bar.value() + step)
        return done

    def drop_post(self, post_id: str, target: str | None, copy: bool) -> bool:
        """What releasing a dragged card does: one verb, or a message saying why not."""
        if copy:
            return self.controller.copy_branch(post_id, target)
        if target is None:
            return self.controller.park(post_id)
        return self.controller.move(post_id, target)

    def _end_drag(self, gesture: DragGesture) -> None:
        if gesture.ghost is not None and gesture.ghost.scene() is self.chart:
            self.chart.removeItem(gesture.ghost)
        gesture.ghost = None
        item = self.chart.items_by_id.get(gesture.post_id)
        if item is not None:
            item.setOpacity(1.0)
        self.controller.highlights.clear(Layer.DROP_TARGET)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.gesture is not None:
            if self.gesture.started:
                self._end_drag(self.gesture)
            self.gesture = None
            self.controller.message.emit("Drag cancelled.")
            return
        moves: dict[int, Callable[[str], str | None]] = {
            Qt.Key.Key_Up.value: self._manager,
            Qt.Key.Key_Down.value: self._first_report,
            Qt.Key.Key_Left.value: lambda p: self._sibling(p, -1),
            Qt.Key.Key_Right.value: lambda p: self._sibling(p, 1),
        }
        current = self.controller.current()
        key = int(event.key())
        if key in moves and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            if current is None:
                roots = self.controller.structure.roots()
                nxt = roots[0] if roots else None
            else:
                nxt = moves[key](current)
            if nxt:
                self.controller.select([nxt])
                rect = self.chart.post_rect(nxt)
                if rect is not None:
                    self.ensureVisible(rect)
            return
        if event.key() == Qt.Key.Key_Space and current:
            self.controller.fold(current)
            return
        super().keyPressEvent(event)

    def _manager(self, post_id: str) -> str | None:
        return self.controller.structure.manager_of(post_id)

    def _first_report(self, post_id: str) -> str | None:
        if post_id in self.chart.collapsed:
            return None
        reports = self.controller.structure.reports_of(post_id)
        return reports[0] if reports else None

    def _sibling(self, post_id: str, step: int) -> str | None:
        structure = self.controller.structure
        manager = structure.manager_of(post_id)
        siblings = structure.reports_of(manager) if manager else structure.roots() + tuple(structure.holding())
        i = siblings.index(post_id) + step
        return siblings[i] if 0 <= i < len(siblings) else None

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        post_id = self.chart.post_at(self.mapToScene(event.position().toPoint()))
        if post_id:
            self.postActivated.emit(post_id)
            return
        super().mouseDoubleClickEvent(event)

    # ---- drops from the palette --------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasFormat(PALETTE_MIME):
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if event.mimeData().hasFormat(PALETTE_MIME):
            target = self.chart.post_at(self.mapToScene(event.position().toPoint()))
            self.controller.highlights.set(Layer.DROP_TARGET, [target] if target else [])
            event.acceptProposedAction()
        else:
            super().dragMoveEvent(event)

    def dragLeaveEvent(self, event: object) -> None:
        self.controller.highlights.clear(Layer.DROP_TARGET)

    def dropEvent(self, event: QDropEvent) -> None:
        if not event.mimeData().hasFormat(PALETTE_MIME):
            super().dropEvent(event)
            return
        key = bytes(event.mimeData().data(PALETTE_MIME).data()).decode("utf-8")
        target = self.chart.post_at(self.mapToScene(event.position().toPoint()))
        self.controller.highlights.clear(Layer.DROP_TARGET)
        self._anchored(target, lambda: self.add_from_template(key, target))
        event.acceptProposedAction()

    def add_from_template(self, key: str, manager: str | None) -> bool:
        before = self.controller.undo_stack.index()
        self.controller.add_from_template(key, manager)
        return self.controller.undo_stack.index() != before
