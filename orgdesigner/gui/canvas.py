"""The chart canvas: a scene that mirrors the structure, and a view users drag posts on.

Items never change the model. A drag is a gesture (start, move, finish, cancel) that, on release,
asks the controller for one edit: move the branch, copy it (Ctrl), or park it in the holding area.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QFont,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPen,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QStyleOptionGraphicsItem,
    QWidget,
)

from orgdesigner.gui import templates as post_templates
from orgdesigner.gui.document import DocumentController
from orgdesigner.model.edits import AddPost, MovePost
from orgdesigner.model.layout import Layout, LayoutOptions, layout
from orgdesigner.render.card import (
    SIDE_COLOURS,
    SIDE_TINTS,
    CardStyle,
    connector_path,
    dotted_path,
    line_pen,
    paint_card,
)

PALETTE_MIME = "application/x-orgdesigner-template"


class PostItem(QGraphicsItem):
    """One card. Painted by the shared card code, with level of detail from the zoom."""

    def __init__(self, scene: ChartScene, post_id: str) -> None:
        super().__init__()
        self.chart = scene
        self.post_id = post_id
        opts = scene.layout_options
        self._rect = QRectF(0, 0, opts.card_width, opts.card_height)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, False)
        self.setZValue(2)

    def boundingRect(self) -> QRectF:
        return self._rect.adjusted(-3, -3, 3, 3)

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
        paint_card(
            painter,
            self._rect,
            post,
            structure.groups_under(self.post_id),
            scene.card_style,
            detail=detail,
            selected=self.post_id in scene.controller.selection,
            highlighted=self.post_id in scene.highlighted,
            finding=worst,
            collapsed=collapsed,
        )


class ChartScene(QGraphicsScene):
    """Mirrors the controller's structure: cards, connectors, side bands, the holding area."""

    def __init__(self, controller: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.layout_options = LayoutOptions()
        self.card_style = CardStyle()
        self.collapsed: set[str] = set()
        self.highlighted: set[str] = set()
        self.items_by_id: dict[str, PostItem] = {}
        self.connectors: dict[str, QGraphicsPathItem] = {}
        self._decor: list[QGraphicsItem] = []
        self.current_layout: Layout = Layout(self.layout_options)
        self.setBackgroundBrush(QColor("#f7f7f5"))
        controller.structureChanged.connect(self.refresh)
        controller.selectionChanged.connect(self._repaint_selection)
        controller.findingsChanged.connect(self._repaint_findings)
        self._selected_before: set[str] = set()
        self.refresh(None)

    # ---- mirroring the model -----------------------------------------------------------------------
    def refresh(self, touched: frozenset[str] | None) -> None:
        """Re-lay out and move only the cards whose place changed; repaint the touched ones."""
        structure = self.controller.structure
        self.collapsed &= set(structure.post_ids())
        old = self.current_layout.positions
        options = LayoutOptions(collapsed=frozenset(self.collapsed))
        self.layout_options = options
        new_layout = layout(structure, options)
        self.current_layout = new_layout
        new = new_layout.positions
        for gone in [p for p in self.items_by_id if p not in new]:
            self.removeItem(self.items_by_id.pop(gone))
        moved: set[str] = set()
        for post_id, (x, y) in new.items():
            item = self.items_by_id.get(post_id)
            if item is None:
                item = PostItem(self, post_id)
                self.items_by_id[post_id] = item
                self.addItem(item)
                item.setPos(x, y)
                moved.add(post_id)
            elif old.get(post_id) != (x, y):
                item.setPos(x, y)
                moved.add(post_id)
        if touched is None:
            managers = set(new)
            for item in self.items_by_id.values():
                item.update()
        else:
            for post_id in touched:
                if post_id in self.items_by_id:
                    self.items_by_id[post_id].update()
            managers = {m for p in moved | set(touched) if p in structure for m in (structure.manager_of(p),) if m}
            managers |= {p for p in moved | set(touched) if p in structure}
        self._update_connectors(managers)
        self._update_decor()
        margin = 200.0
        self.setSceneRect(QRectF(-margin, -margin, new_layout.width + 2 * margin, new_layout.height + 2 * margin))

    def _update_connectors(self, managers: set[str]) -> None:
        structure = self.controller.structure
        for manager in managers:
            item = self.connectors.get(manager)
            if manager not in structure or manager not in self.current_layout.positions:
                if item is not None:
                    self.removeItem(self.connectors.pop(manager))
                continue
            reports = () if manager in self.collapsed else structure.reports_of(manager)
            path = connector_path(self.current_layout, manager, reports)
            if path.isEmpty():
                if item is not None:
                    self.removeItem(self.connectors.pop(manager))
                continue
            if item is None:
                item = QGraphicsPathItem()
                item.setPen(line_pen())
                item.setZValue(1)
                self.addItem(item)
                self.connectors[manager] = item
            item.setPath(path)
        for stale in [m for m in self.connectors if m not in structure]:
            self.removeItem(self.connectors.pop(stale))

    def _update_decor(self) -> None:
        """Side bands behind each top-tier branch, dotted lines, and the holding area label."""
        for item in self._decor:
            self.removeItem(item)
        self._decor = []
        structure = self.controller.structure
        lay = self.current_layout
        opts = lay.options
        for root in structure.roots():
            for branch in structure.reports_of(root):
                if branch not in lay.positions:
                    continue
                xs, ys = [], []
                for p in structure.subtree(branch):
                    if p in lay.positions:
                        x, y = lay.positions[p]
                        xs.append(x)
                        ys.append(y)
                side = structure.post(branch).side
                rect = QRectF(
                    min(xs) - 10,
                    min(ys) - 26,
                    max(xs) - min(xs) + opts.card_width + 20,
                    max(ys) - min(ys) + opts.card_height + 36,
                )
                band = QGraphicsRectItem(rect)
                band.setBrush(QBrush(SIDE_TINTS[side]))
                band.setPen(QPen(Qt.PenStyle.NoPen))
                band.setZValue(0)
                label = QGraphicsSimpleTextItem(side.label.upper(), band)
                label.setBrush(SIDE_COLOURS[side])
                font = QFont("DejaVu Sans")
                font.setPointSizeF(7.5)
                font.setBold(True)
                label.setFont(font)
                label.setPos(rect.left() + 6, rect.top() + 4)
                self.addItem(band)
                self._decor.append(band)
        for post_id, manager_id in structure.dotted_lines():
            path = dotted_path(lay, post_id, manager_id)
            if path.isEmpty():
                continue
            item = QGraphicsPathItem(path)
            item.setPen(line_pen(dotted=True))
            item.setZValue(1)
            self.addItem(item)
            self._decor.append(item)
        if lay.holding_x is not None:
            label = QGraphicsSimpleTextItem("HOLDING AREA — posts whose manager is unknown")
            label.setBrush(QColor("#b00020"))
            label.setPos(lay.holding_x, -30)
            self.addItem(label)
            self._decor.append(label)

    def _repaint_selection(self) -> None:
        now = set(self.controller.selection)
        for post_id in now ^ self._selected_before:
            if post_id in self.items_by_id:
                self.items_by_id[post_id].update()
        self._selected_before = now

    def _repaint_findings(self) -> None:
        # Only touched cards changed findings; refresh() already repainted them. Whole-structure
        # findings name few posts; repaint those.
        for finding in self.controller.checker.findings_for_whole():
            for post_id in finding.posts:
                if post_id in self.items_by_id:
                    self.items_by_id[post_id].update()

    def set_highlight(self, post_ids: set[str]) -> None:
        for post_id in self.highlighted ^ post_ids:
            if post_id in self.items_by_id:
                self.items_by_id[post_id].update()
        self.highlighted = set(post_ids)

    def toggle_collapsed(self, post_id: str) -> None:
        if post_id in self.collapsed:
            self.collapsed.discard(post_id)
        elif self.controller.structure.report_count(post_id):
            self.collapsed.add(post_id)
        self.refresh(frozenset({post_id}))

    def post_at(self, pos: QPointF, exclude: str | None = None) -> str | None:
        for item in self.items(pos):
            if isinstance(item, PostItem) and item.post_id != exclude:
                return item.post_id
        return None


@dataclass
class DragGesture:
    """A press on a card that may become a drag: start, move (highlight target), finish or cancel."""

    post_id: str
    press: QPointF
    origin: QPointF
    started: bool = False
    target: str | None = None


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
    def zoom(self, factor: float) -> None:
        current = self.transform().m11()
        factor = max(0.02 / current, min(factor, 4.0 / current))
        self.scale(factor, factor)

    def fit_all(self) -> None:
        rect = self.chart.itemsBoundingRect()
        if not rect.isEmpty():
            self.fitInView(rect.adjusted(-40, -40, 40, 40), Qt.AspectRatioMode.KeepAspectRatio)

    def centre_on_post(self, post_id: str) -> None:
        item = self.chart.items_by_id.get(post_id)
        if item is not None:
            if self.transform().m11() < 0.5:
                self.resetTransform()
            self.centerOn(item)

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
                self.gesture = DragGesture(post_id, scene_pos, item.pos())
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
        gesture.started = True
        item = self.chart.items_by_id.get(gesture.post_id)
        if item is not None:
            item.setPos(gesture.origin + (scene_pos - gesture.press))
            item.setZValue(10)
            item.setOpacity(0.7)
        target = self.chart.post_at(scene_pos, exclude=gesture.post_id)
        if target != gesture.target:
            gesture.target = target
            self.chart.set_highlight({target} if target else set())

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
        self.drop_post(gesture.post_id, target, copy)

    def drop_post(self, post_id: str, target: str | None, copy: bool) -> bool:
        """What releasing a dragged card does: one edit, or a message saying why not."""
        structure = self.controller.structure
        if copy:
            from orgdesigner.gui.clipboard import copy_branch_edit

            edit = copy_branch_edit(structure, post_id, target)
            return self.controller.perform(edit, f"Copy branch '{structure.post(post_id).title}'")
        if target is None:
            if structure.is_held(post_id):
                return False
            return self.controller.perform(MovePost(post_id, None, holding_reason="moved to the holding area"))
        if structure.manager_of(post_id) == target:
            return False
        return self.controller.perform(MovePost(post_id, target))

    def _end_drag(self, gesture: DragGesture) -> None:
        item = self.chart.items_by_id.get(gesture.post_id)
        if item is not None:
            item.setPos(gesture.origin)
            item.setZValue(2)
            item.setOpacity(1.0)
        self.chart.set_highlight(set())

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
                if nxt in self.chart.items_by_id:
                    self.ensureVisible(self.chart.items_by_id[nxt])
            return
        if event.key() == Qt.Key.Key_Space and current:
            self.chart.toggle_collapsed(current)
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
            self.chart.set_highlight({target} if target else set())
            event.acceptProposedAction()
        else:
            super().dragMoveEvent(event)

    def dragLeaveEvent(self, event: object) -> None:
        self.chart.set_highlight(set())

    def dropEvent(self, event: QDropEvent) -> None:
        if not event.mimeData().hasFormat(PALETTE_MIME):
            super().dropEvent(event)
            return
        key = bytes(event.mimeData().data(PALETTE_MIME).data()).decode("utf-8")
        target = self.chart.post_at(self.mapToScene(event.position().toPoint()))
        self.chart.set_highlight(set())
        self.add_from_template(key, target)
        event.acceptProposedAction()

    def add_from_template(self, key: str, manager: str | None) -> bool:
        structure = self.controller.structure
        edit = post_templates.edit_for(key, structure, manager)
        if isinstance(edit, AddPost) and manager is None:
            edit = AddPost(edit.post, None, holding_reason="added without a manager")
        ok = self.controller.perform(edit)
        if ok and isinstance(edit, AddPost):
            self.controller.select([edit.post.id])
        return ok
