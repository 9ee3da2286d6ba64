"""The view: zoom (wheel, keys, fit), pan (drag the background), and the user's gestures on cards."""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QEvent, QPointF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QGraphicsView, QLabel, QToolTip, QWidget

from orgdesigner.gui.canvas.interactions import CardDrag, Gesture, KeyboardWalk, PaletteDrop, RubberBand
from orgdesigner.gui.canvas.scene import ChartScene
from orgdesigner.model.post import Side
from orgdesigner.render.card import SIDE_COLOURS, card_title

PALETTE_MIME = "application/x-orgdesigner-template"
OVERVIEW_BELOW = 0.2  # zoom under which cards are drawn as flat boxes in one item
READABLE_PX = 9.0  # a card's smallest text on first open: at least this many pixels high
MAX_FIRST_ZOOM = 1.5  # a small chart is not blown up past this on first open


def legend_label() -> QLabel:
    """The chart's key, shown in a toolbar (not over the canvas: overlays slow every frame)."""
    swatches = " &nbsp; ".join(
        f'<span style="color:{SIDE_COLOURS[side].name()}">■</span> {side.label}' for side in Side
    )
    label = QLabel(
        f"{swatches} &nbsp;·&nbsp; dashed border: vacant · <b>NEW</b> · <s>to be deleted</s> · "
        "dark badge: statutory role · <span style='color:#7b1fa2'>- - -</span> dotted line · findings: "
        "<span style='color:#c62828'>●</span> error <span style='color:#ef8f00'>▲</span> warning "
        "<span style='color:#1976d2'>■</span> note"
    )
    label.setObjectName("legend")
    label.setContentsMargins(6, 2, 6, 2)
    return label


class ChartView(QGraphicsView):
    """Shows the chart scene; mouse and key events go to gesture objects (`interactions`).

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
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)  # dragging the background pans
        self.setAcceptDrops(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.gesture: Gesture | None = None
        self.palette_drop = PaletteDrop(self)
        self.walk = KeyboardWalk(self)
        # The chart keeps fitting its view as the window is resized, until the user zooms or pans.
        self.auto_fit = True
        self.fit_whole = False  # what auto_fit keeps: the opening view, or (after Fit to window) the whole chart
        self._fitting = False
        self._fitted = False  # fitted since the chart was opened: later resizes refit on a timer
        self._fitted_size = QSize()  # the viewport's size when last fitted
        self._refit = QTimer(self)
        self._refit.setSingleShot(True)
        self._refit.setInterval(30)
        self._refit.timeout.connect(self._fit_again)
        for bar in (self.horizontalScrollBar(), self.verticalScrollBar()):
            bar.actionTriggered.connect(self._user_moved)

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
        if self.auto_fit and not self._fitted:
            self._fit_kept()  # the first frame shows the chart as it opens (a large file makes no
            # cards where the view does not end up looking)
        self._looked_at()
        if self.auto_fit:
            self._refit.start()

    def _user_moved(self, *_args: object) -> None:
        """The user zoomed or panned: from now on the view stays where they put it."""
        if not self._fitting:
            self.auto_fit = False

    def fit_soon(self) -> None:
        """A chart was (re)opened: fit it once the window has its size, unless the user has zoomed
        or panned by then."""
        self.auto_fit = True
        self.fit_whole = False
        self._fitted = False
        self._refit.start()

    def _fit_again(self) -> None:
        if self.auto_fit and not (self._fitted and self._fitted_size == self.viewport().size()):
            self._fit_kept()  # (fitted at this size already when the window was first shown)

    def _fit_kept(self) -> None:
        (self.fit_all if self.fit_whole else self.fit_first)()

    def readable_zoom(self) -> float:
        """The zoom at which a card's smallest text is READABLE_PX pixels high on screen."""
        style = self.chart.card_style
        smallest_px = min(style.detail_pt, style.title_pt) * self.logicalDpiY() / 72
        return READABLE_PX / smallest_px

    def fit_first(self) -> None:
        """How a chart opens: the whole chart if it fits at a readable zoom, otherwise readable with
        its top centred (a reader starts at the top); kept as the window is resized until the user
        zooms or pans."""
        chart = self.chart.sceneRect().adjusted(160, 160, -160, -160)
        view = self.viewport().rect()
        if chart.isEmpty() or view.width() < 10 or view.height() < 10:
            return
        fit = min(view.width() / chart.width(), view.height() / chart.height())
        zoom = min(max(fit, self.readable_zoom()), MAX_FIRST_ZOOM)
        self._fitting = True
        try:
            self.resetTransform()
            self.scale(zoom, zoom)
            if fit >= zoom:
                self.centerOn(chart.center())
            else:
                roots = self.controller.structure.roots()
                top = (self.chart.post_rect(roots[0]) if roots else None) or chart
                seen_h = view.height() / zoom
                self.centerOn(top.center().x(), chart.top() + seen_h / 2 - 24 / zoom)
            self._zoom_changed()
        finally:
            self._fitting = False
        self.auto_fit = True
        self._fitted = True
        self._fitted_size = self.viewport().size()

    def zoom(self, factor: float) -> None:
        self.auto_fit = False
        current = self.transform().m11()
        factor = max(0.01 / current, min(factor, 4.0 / current))
        self.scale(factor, factor)
        self._zoom_changed()

    def reset_zoom(self) -> None:
        self.auto_fit = False
        self.resetTransform()
        self._zoom_changed()

    def fit_all(self) -> None:
        """Fit to window: the whole chart, however small (the user asked for it), kept as the window
        is resized until the user zooms or pans. (The scroll bars going as the chart shrinks resize
        the viewport: the opening view must not come back then.)"""
        rect = self.chart.sceneRect().adjusted(160, 160, -160, -160)
        self._fitting = True
        try:
            if not rect.isEmpty():
                self.fitInView(rect, Qt.AspectRatioMode.KeepAspectRatio)
            self._zoom_changed()
        finally:
            self._fitting = False
        self.auto_fit = self.fit_whole = self._fitted = True
        self._fitted_size = self.viewport().size()

    def show_post(self, post_id: str) -> None:
        """Bring a post's card into view (a new post after Insert), scrolling as little as needed."""
        rect = self.chart.post_rect(post_id)
        if rect is None:
            return
        if self.transform().m11() < OVERVIEW_BELOW:
            self.centre_on_post(post_id)
            return
        self._fitting = True
        try:
            self.ensureVisible(rect, 40, 40)
        finally:
            self._fitting = False

    def centre_on_post(self, post_id: str) -> None:
        self.auto_fit = False
        if self.transform().m11() < 0.5:
            self.reset_zoom()  # close enough to read, which also makes the cards of a large file
        rect = self.chart.post_rect(post_id)
        if rect is not None:
            self.centerOn(rect.center())

    def tooltip_for(self, post_id: str) -> str:
        """A card's tooltip: its whole title (the card may end it with "…") and its findings."""
        structure = self.controller.structure
        post = structure.get(post_id)
        if post is None:
            return ""
        lines = [card_title(post)]
        lines += [f"• {f.message}" for f in self.controller.checker.findings_for(post_id)]
        return "\n".join(lines)

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            post_id = self.chart.post_at(self.mapToScene(event.pos()))
            if post_id is not None:
                QToolTip.showText(event.globalPos(), self.tooltip_for(post_id), self.viewport())
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            super().wheelEvent(event)
            return
        self.zoom(1.15 if event.angleDelta().y() > 0 else 1 / 1.15)

    def keep_in_place(self, post_id: str | None, edit: Callable[[], bool]) -> bool:
        """Make an edit while keeping one card where it is on screen.

        A drop re-lays out the chart, and the branch dropped onto usually shifts; scrolling by its
        shift keeps the user's eye on the card they dropped onto, with the moved post beneath it.
        """
        cache = self.chart.cache
        before = cache.position(post_id) if post_id else None
        if post_id is None or before is None:
            return edit()
        at = self.mapFromScene(QPointF(*before))
        done = edit()
        after = cache.position(post_id)
        if done and after is not None:
            shift = self.mapFromScene(QPointF(*after)) - at
            for bar, step in ((self.horizontalScrollBar(), shift.x()), (self.verticalScrollBar(), shift.y())):
                bar.setValue(bar.value() + step)
        return done

    # ---- gestures on cards -------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            scene_pos = self.mapToScene(event.position().toPoint())
            additive = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            self.gesture = CardDrag.start(self, scene_pos, additive)
            if self.gesture is None and additive:
                self.gesture = RubberBand(self, scene_pos)
            if self.gesture is not None:
                self.setFocus()
                event.accept()
                return
            self.controller.select([])
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self.gesture is None:
            if event.buttons() & Qt.MouseButton.LeftButton:
                self.auto_fit = False  # dragging the background pans
            super().mouseMoveEvent(event)
            return
        self.gesture.move(self.mapToScene(event.position().toPoint()))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        gesture = self.gesture
        if gesture is None or event.button() != Qt.MouseButton.LeftButton:
            super().mouseReleaseEvent(event)
            return
        self.gesture = None
        gesture.finish(self.mapToScene(event.position().toPoint()), event.modifiers())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = Qt.Key(event.key())
        if key == Qt.Key.Key_Escape and self.gesture is not None:
            self.gesture.cancel()
            self.gesture = None
            return
        plain = event.modifiers() == Qt.KeyboardModifier.NoModifier
        if plain and self.walk.step(key):
            return
        current = self.controller.current()
        if key == Qt.Key.Key_Space and current:
            self.controller.fold(current)
            return
        super().keyPressEvent(event)

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
            self.palette_drop.over(self.mapToScene(event.position().toPoint()))
            event.acceptProposedAction()
        else:
            super().dragMoveEvent(event)

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self.palette_drop.leave()

    def dropEvent(self, event: QDropEvent) -> None:
        if not event.mimeData().hasFormat(PALETTE_MIME):
            super().dropEvent(event)
            return
        key = bytes(event.mimeData().data(PALETTE_MIME).data()).decode("utf-8")
        self.palette_drop.drop(key, self.mapToScene(event.position().toPoint()))
        event.acceptProposedAction()
