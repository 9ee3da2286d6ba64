"""What the user does on the chart with the mouse and keys, as objects the view hands events to.

A gesture starts, moves, and then finishes or is cancelled (Escape); on finishing it asks the
controller for one verb, so a drag is one undoable action. Dragging the background pans the chart
(Qt's own hand drag, in the view); Shift-dragging it draws a rubber band that selects. Gestures
light only their own highlight layer (the drop target), so ending one never clears the manager
chain, the comparison or the search.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPen
from PySide6.QtWidgets import QGraphicsRectItem

from orgdesigner.gui.canvas.items import DragGhost
from orgdesigner.gui.highlights import Layer

if TYPE_CHECKING:
    from orgdesigner.gui.canvas.view import ChartView

DRAG_START = 8  # pixels (scene) the pointer moves before a press on a card becomes a drag


class Gesture(Protocol):
    """What the view hands a press's later events to: moves, then a release or Escape."""

    def move(self, scene_pos: QPointF) -> None: ...

    def finish(self, scene_pos: QPointF, modifiers: Qt.KeyboardModifier) -> None: ...

    def cancel(self) -> None: ...


class CardDrag:
    """A press on a card that may become a drag: the card is carried as a ghost, the post under
    the pointer is lit as the drop target, and release moves the branch there (Ctrl: copies it;
    over empty canvas: parks it in the holding area)."""

    def __init__(self, view: ChartView, post_id: str, press: QPointF) -> None:
        self.view = view
        self.controller = view.controller
        self.post_id = post_id
        self.press = press
        item = view.chart.items_by_id[post_id]
        self.origin = item.scenePos()  # the card's place in the scene when pressed
        self.started = False
        self.target: str | None = None
        self.ghost: DragGhost | None = None

    @classmethod
    def start(cls, view: ChartView, scene_pos: QPointF, additive: bool) -> CardDrag | None:
        """A press: on a card, select it (Shift: add or remove it) and maybe drag it; else None."""
        post_id = view.chart.post_at(scene_pos)
        if post_id is None:
            return None
        controller = view.controller
        if additive:
            selection = list(controller.selection)
            chosen = [p for p in selection if p != post_id] + ([] if post_id in selection else [post_id])
            controller.select(chosen)
        else:
            controller.select([post_id])
        return cls(view, post_id, scene_pos)

    def move(self, scene_pos: QPointF) -> None:
        if not self.started and (scene_pos - self.press).manhattanLength() < DRAG_START:
            return
        chart = self.view.chart
        if not self.started:
            item = chart.items_by_id.get(self.post_id)
            if item is not None:
                self.ghost = DragGhost(item)
                chart.addItem(self.ghost)
                item.setOpacity(0.35)  # where it comes from
            self.started = True
        if self.ghost is not None:
            self.ghost.setPos(self.origin + (scene_pos - self.press))
        target = chart.post_at(scene_pos, exclude=self.post_id)
        if target != self.target:
            self.target = target
            self.controller.highlights.set(Layer.DROP_TARGET, [target] if target else [])

    def finish(self, scene_pos: QPointF, modifiers: Qt.KeyboardModifier) -> None:
        """Release: one verb (move, copy, park), keeping the card dropped onto still on screen."""
        if not self.started:
            return
        target = self.view.chart.post_at(scene_pos, exclude=self.post_id)
        self._end()
        copy = bool(modifiers & Qt.KeyboardModifier.ControlModifier)
        self.view.keep_in_place(target, lambda: self._drop(target, copy))

    def cancel(self) -> None:
        if self.started:
            self._end()
        self.controller.message.emit("Drag cancelled.")

    def _drop(self, target: str | None, copy: bool) -> bool:
        if copy:
            return self.controller.copy_branch(self.post_id, target)
        if target is None:
            return self.controller.park(self.post_id)
        return self.controller.move(self.post_id, target)

    def _end(self) -> None:
        chart = self.view.chart
        if self.ghost is not None and self.ghost.scene() is chart:
            chart.removeItem(self.ghost)
        self.ghost = None
        item = chart.items_by_id.get(self.post_id)
        if item is not None:
            item.setOpacity(1.0)
        self.controller.highlights.clear(Layer.DROP_TARGET)


class RubberBand:
    """Shift-drag on empty canvas: a band is drawn from the press, and on release the posts whose
    cards it covers are selected (added to the selection with Ctrl), e.g. to set their side at once."""

    def __init__(self, view: ChartView, press: QPointF) -> None:
        self.view = view
        self.controller = view.controller
        self.press = press
        self.band = QGraphicsRectItem(QRectF(press, press))
        self.band.setPen(QPen(QColor("#1f5fa8"), 0))
        self.band.setBrush(QColor(31, 95, 168, 40))
        self.band.setZValue(90)
        view.chart.addItem(self.band)

    def move(self, scene_pos: QPointF) -> None:
        self.band.setRect(QRectF(self.press, scene_pos).normalized())

    def finish(self, scene_pos: QPointF, modifiers: Qt.KeyboardModifier) -> None:
        area = QRectF(self.press, scene_pos).normalized()
        self._end()
        opts = self.view.chart.layout_options
        covered = [
            post_id
            for post_id, (x, y) in self.view.chart.current_layout.positions.items()
            if area.intersects(QRectF(x, y, opts.card_width, opts.card_height))
        ]
        keep = list(self.controller.selection) if modifiers & Qt.KeyboardModifier.ControlModifier else []
        self.controller.select(keep + [p for p in covered if p not in keep])

    def cancel(self) -> None:
        self._end()

    def _end(self) -> None:
        if self.band.scene() is self.view.chart:
            self.view.chart.removeItem(self.band)


class PaletteDrop:
    """A template dragged in from the palette: the post under the pointer is lit; a drop adds a
    post (or staff group) from the template reporting to it (over empty canvas: in the holding area)."""

    def __init__(self, view: ChartView) -> None:
        self.view = view
        self.controller = view.controller

    def over(self, scene_pos: QPointF) -> None:
        target = self.view.chart.post_at(scene_pos)
        self.controller.highlights.set(Layer.DROP_TARGET, [target] if target else [])

    def leave(self) -> None:
        self.controller.highlights.clear(Layer.DROP_TARGET)

    def drop(self, key: str, scene_pos: QPointF) -> None:
        target = self.view.chart.post_at(scene_pos)
        self.leave()
        self.view.keep_in_place(target, lambda: self.controller.add_from_template(key, target) is not None)


class KeyboardWalk:
    """Arrow keys walk the chart: Up to the manager, Down to the first report, Left and Right to
    the siblings; with nothing selected, any arrow goes to the top post."""

    def __init__(self, view: ChartView) -> None:
        self.view = view
        self.controller = view.controller

    def step(self, key: Qt.Key) -> bool:
        """Select the post in that direction (True if the key was an arrow)."""
        moves: dict[Qt.Key, Callable[[str], str | None]] = {
            Qt.Key.Key_Up: self.controller.structure.manager_of,
            Qt.Key.Key_Down: self._first_report,
            Qt.Key.Key_Left: lambda p: self._sibling(p, -1),
            Qt.Key.Key_Right: lambda p: self._sibling(p, 1),
        }
        if key not in moves:
            return False
        current = self.controller.current()
        if current is None:
            roots = self.controller.structure.roots()
            nxt = roots[0] if roots else None
        else:
            nxt = moves[key](current)
        if nxt:
            self.controller.select([nxt])
            rect = self.view.chart.post_rect(nxt)
            if rect is not None:
                self.view.ensureVisible(rect)
        return True

    def _first_report(self, post_id: str) -> str | None:
        if post_id in self.controller.folded:
            return None
        reports = self.controller.structure.reports_of(post_id)
        return reports[0] if reports else None

    def _sibling(self, post_id: str, step: int) -> str | None:
        structure = self.controller.structure
        manager = structure.manager_of(post_id)
        siblings = structure.reports_of(manager) if manager else structure.roots() + tuple(structure.holding())
        i = siblings.index(post_id) + step
        return siblings[i] if 0 <= i < len(siblings) else None
