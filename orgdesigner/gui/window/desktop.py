"""The window on a real desktop: opening within its screen, docks sized for work, sizes remembered.

A council laptop is 1366×768, or 1920×1080 at 150% (1280×720 logical pixels); the window must fit
either with every panel reachable. So side panels share tabs (Palette with Outline on the left;
Properties with Metrics, History, Comparison and Consultation on the right), Findings sits under
the chart only (the side docks take the corners), no dock asks for more than a small minimum, and
the chart gets what is left — most of the window. The user's own dock sizes and window geometry are
kept in QSettings; a saved layout from an older arrangement (another LAYOUT_VERSION) is ignored.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QRect, QSize, Qt
from PySide6.QtWidgets import QAbstractScrollArea, QDockWidget

if TYPE_CHECKING:
    from orgdesigner.gui.main_window import MainWindow

LAYOUT_VERSION = 2
SMALLEST = QSize(1280, 720)  # logical pixels: 1920×1080 at 150%, 2560×1440 at 200%
FIRST_SIZE = QSize(1600, 1000)
SIDE_WIDTH = {"left": 230, "right": 360}
FINDINGS_HEIGHT = 150
DOCK_MINIMUM = QSize(140, 80)


def arrange_docks(window: MainWindow) -> None:
    """Tabs and corners: the side panels share tabs, Findings runs under the chart only."""
    window.setCorner(Qt.Corner.BottomLeftCorner, Qt.DockWidgetArea.LeftDockWidgetArea)
    window.setCorner(Qt.Corner.BottomRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)
    window.setDockOptions(
        window.dockOptions()
        | window.DockOption.AllowTabbedDocks
        | window.DockOption.GroupedDragging
        | window.DockOption.AnimatedDocks
    )
    docks = window.docks
    if "Palette" in docks and "Outline" in docks:
        window.tabifyDockWidget(docks["Outline"], docks["Palette"])
        docks["Outline"].raise_()
    for dock in docks.values():
        loosen(dock)


def loosen(dock: QDockWidget) -> None:
    """No panel may hold the window open wider or taller than a laptop: scroll areas scroll, and
    every other widget may shrink to a small minimum."""
    widget = dock.widget()
    if widget is None:
        return
    widget.setMinimumSize(DOCK_MINIMUM)
    if isinstance(widget, QAbstractScrollArea):
        widget.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        widget.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)


def first_geometry(available: QRect) -> QRect:
    """Where a window opens the first time: FIRST_SIZE or the screen's available area, whichever
    is smaller, centred on it (the window manager's frame is allowed for)."""
    frame = QSize(8, 36)
    width = min(FIRST_SIZE.width(), available.width() - frame.width())
    height = min(FIRST_SIZE.height(), available.height() - frame.height())
    rect = QRect(0, 0, width, height)
    rect.moveCenter(available.center())
    rect.moveTop(max(available.top() + frame.height() - 8, rect.top()))
    return rect


def within(rect: QRect, available: QRect) -> QRect:
    """A saved geometry brought back onto this screen (it may have been saved on a larger one)."""
    width = min(rect.width(), available.width())
    height = min(rect.height(), available.height())
    left = min(max(rect.left(), available.left()), available.right() - width + 1)
    top = min(max(rect.top(), available.top()), available.bottom() - height + 1)
    return QRect(left, top, width, height)


def first_dock_sizes(window: MainWindow) -> None:
    """Sensible first sizes: narrow side panels, a low Findings strip, the rest for the chart."""
    docks = window.docks
    small = window.width() < FIRST_SIZE.width() or window.height() < FIRST_SIZE.height() - 100
    side = [d for d in (docks.get("Outline"), docks.get("Properties")) if d is not None]
    widths = [SIDE_WIDTH["left"] - 30, SIDE_WIDTH["right"] - 30] if small else [*SIDE_WIDTH.values()]
    window.resizeDocks(side, widths[: len(side)], Qt.Orientation.Horizontal)
    if "Findings" in docks:
        window.resizeDocks([docks["Findings"]], [FINDINGS_HEIGHT - (30 if small else 0)], Qt.Orientation.Vertical)


def restore(window: MainWindow, restore_saved: bool) -> None:
    """The user's saved geometry and dock layout, or the first ones; always within the screen."""
    screen = window.screen()
    available = screen.availableGeometry() if screen is not None else QRect(0, 0, 1366, 768)
    geometry = window.settings.value("window/geometry") if restore_saved else None
    if isinstance(geometry, QByteArray) and window.restoreGeometry(geometry):
        window.setGeometry(within(window.geometry(), available))
    else:
        window.setGeometry(first_geometry(available))
    state = window.settings.value("window/state") if restore_saved else None
    if not (isinstance(state, QByteArray) and window.restoreState(state, LAYOUT_VERSION)):
        first_dock_sizes(window)


def remember(window: MainWindow) -> None:
    window.settings.setValue("window/geometry", window.saveGeometry())
    window.settings.setValue("window/state", window.saveState(LAYOUT_VERSION))
