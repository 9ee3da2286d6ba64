"""Everyone can use the window: every control named for screen readers, the selected post told
through the chart's accessible name and description, a sensible focus order, and a theme option.

Qt gives most controls a name from their text or their form label; the rest (lists, trees, tables,
search boxes, Qt's own toolbar and clear buttons) are named here: first from what the window knows
they are, then from their tooltip or placeholder, last from the panel they sit in, so a panel added
later is never silent. The chart is one widget to a screen reader, so it says what is selected:
"Organisation chart: Chief Executive" with the post's pay, statutory roles, status and findings as
its description, updated on every selection.
"""

from __future__ import annotations

import itertools
import os
from typing import TYPE_CHECKING

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDockWidget,
    QLineEdit,
    QMenuBar,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QToolBar,
    QWidget,
)

from orgdesigner.model.post import Status
from orgdesigner.render.card import card_title, detail_lines

if TYPE_CHECKING:
    from orgdesigner.gui.main_window import MainWindow

CHART_NAME = "Organisation chart"
INTERACTIVE = (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QTabBar,
    QMenuBar,
)


def name_controls(window: MainWindow) -> None:
    """Give every control of the window an accessible name (see the module's docstring)."""
    known: dict[QWidget, str] = {
        window.view: CHART_NAME,
        window.view.viewport(): f"{CHART_NAME} (drawing area)",
        window.palette_list: "Palette of post templates (drag onto a post to add a report)",
        window.outline.search: "Search posts",
        window.outline.tree: "Outline of posts",
        window.findings: "Findings",
        window.metrics: "Metrics",
        window.history: "History of changes (undo and redo)",
        window.properties: "Properties of the selected post",
        window.scenario_box: "Scenario shown",
        window.menuBar(): "Menu bar",
    }
    for widget, name in known.items():
        if not widget.accessibleName():
            widget.setAccessibleName(name)
    for toolbar in window.findChildren(QToolBar):
        if not toolbar.accessibleName():
            toolbar.setAccessibleName(toolbar.windowTitle() or "Toolbar")
    for widget in window.findChildren(QWidget):
        if isinstance(widget, INTERACTIVE) and not widget.accessibleName():
            widget.setAccessibleName(_fallback_name(widget))


def _fallback_name(widget: QWidget) -> str:
    if widget.objectName() == "qt_toolbar_ext_button":
        return "More toolbar buttons"
    if isinstance(widget, QAbstractButton) and isinstance(widget.parent(), QLineEdit):
        return "Clear"
    if isinstance(widget, QAbstractButton) and widget.text():
        return widget.text().replace("&", "")
    if widget.toolTip():
        return widget.toolTip()
    if isinstance(widget, QLineEdit) and widget.placeholderText():
        return widget.placeholderText()
    if isinstance(widget, QTabBar):
        return "Tabs"
    owner = _panel_of(widget)
    kind = type(widget).__name__.removeprefix("Q").replace("Widget", "").replace("View", "").lower()
    return f"{owner}: {kind}" if owner else kind


def _panel_of(widget: QWidget) -> str:
    """The title of the dock a widget sits in ('' for none)."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QDockWidget):
            return parent.windowTitle()
        parent = parent.parentWidget()
    return ""


def describe_selection(window: MainWindow) -> None:
    """The chart's accessible name and description say what is selected (screen readers announce
    the change): title; pay and details; statutory roles; status; the post's findings."""
    view, controller = window.view, window.controller
    current = controller.current()
    if current is None or current not in controller.structure:
        view.setAccessibleName(CHART_NAME)
        view.setAccessibleDescription(f"No post selected. {len(controller.structure)} posts.")
        return
    structure = controller.structure
    post = structure.post(current)
    parts = list(detail_lines(post, structure.groups_under(current), window.scene.card_style))
    roles = sorted(post.roles)
    if roles:
        parts.append("Statutory roles: " + ", ".join(f"{r.label} ({r.short})" for r in roles))
    if post.status is not Status.FILLED:
        parts.append(f"Status: {post.status.label}")
    manager = structure.manager_of(current)
    if manager is not None:
        parts.append(f"Reports to {card_title(structure.post(manager))}")
    reports = len(structure.reports_of(current))
    if reports:
        parts.append(f"{reports} direct report{'s' if reports != 1 else ''}")
    findings = [f for f in controller.checker.findings() if current in f.posts]
    if findings:
        parts.append(
            f"{len(findings)} finding{'s' if len(findings) != 1 else ''}: " + " ".join(f.message for f in findings)
        )
    if len(controller.selection) > 1:
        parts.append(f"{len(controller.selection)} posts selected")
    view.setAccessibleName(f"{CHART_NAME}: {card_title(post)}")
    view.setAccessibleDescription(". ".join(parts) + ".")


def set_focus_order(window: MainWindow) -> None:
    """Tab goes: search, outline, chart, properties, findings (the order a user works in)."""
    chain = [window.outline.search, window.outline.tree, window.view, window.properties, window.findings]
    for first, second in itertools.pairwise(chain):
        QWidget.setTabOrder(first, second)


# ---- theme ------------------------------------------------------------------------------------------


def apply_theme(app: QApplication, theme: str | None = None) -> str:
    """ORGDESIGNER_THEME=dark, light or high-contrast picks a palette; anything else (the default)
    follows the system's. Returns the theme applied ('system' when none was forced)."""
    theme = (theme or os.environ.get("ORGDESIGNER_THEME", "")).strip().lower()
    palettes = {"dark": dark_palette, "light": light_palette, "high-contrast": high_contrast_palette}
    if theme not in palettes:
        return "system"
    app.setStyle("Fusion")  # draws with the palette on every platform
    app.setPalette(palettes[theme]())
    if theme == "high-contrast":  # Fusion draws field frames darker than the window: black on black
        app.setStyleSheet(
            "QLineEdit, QAbstractSpinBox, QComboBox, QPlainTextEdit { border: 1px solid #ffffff; padding: 1px; }"
        )
    return theme


def _palette(colours: dict[QPalette.ColorRole, str], disabled_text: str) -> QPalette:
    palette = QPalette()
    for role, colour in colours.items():
        palette.setColor(role, QColor(colour))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText, QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(disabled_text))
    return palette


def dark_palette() -> QPalette:
    role = QPalette.ColorRole
    return _palette(
        {
            role.Window: "#202124",
            role.WindowText: "#e8eaed",
            role.Base: "#17181a",
            role.AlternateBase: "#26282b",
            role.Text: "#e8eaed",
            role.Button: "#2d2f33",
            role.ButtonText: "#e8eaed",
            role.Highlight: "#8ab4f8",
            role.HighlightedText: "#0b1a33",
            role.ToolTipBase: "#2d2f33",
            role.ToolTipText: "#e8eaed",
            role.PlaceholderText: "#a0a4aa",
            role.Link: "#8ab4f8",
            role.BrightText: "#ffffff",
            role.Mid: "#5f6368",
            role.Dark: "#111214",
            role.Light: "#3c4043",
        },
        "#8a8f96",
    )


def light_palette() -> QPalette:
    role = QPalette.ColorRole
    return _palette(
        {
            role.Window: "#f3f3f3",
            role.WindowText: "#111111",
            role.Base: "#ffffff",
            role.AlternateBase: "#f5f7fa",
            role.Text: "#111111",
            role.Button: "#ececec",
            role.ButtonText: "#111111",
            role.Highlight: "#1f5fa8",
            role.HighlightedText: "#ffffff",
            role.ToolTipBase: "#ffffdc",
            role.ToolTipText: "#111111",
            role.PlaceholderText: "#6b6b6b",
            role.Link: "#1f5fa8",
        },
        "#8a8a8a",
    )


def high_contrast_palette() -> QPalette:
    role = QPalette.ColorRole
    return _palette(
        {
            role.Window: "#000000",
            role.WindowText: "#ffffff",
            role.Base: "#000000",
            role.AlternateBase: "#1a1a1a",
            role.Text: "#ffffff",
            role.Button: "#000000",
            role.ButtonText: "#ffffff",
            role.Highlight: "#ffff00",
            role.HighlightedText: "#000000",
            role.ToolTipBase: "#000000",
            role.ToolTipText: "#ffffff",
            role.PlaceholderText: "#c0c0c0",
            role.Link: "#00ffff",
            role.Mid: "#ffffff",
            role.Dark: "#ffffff",
        },
        "#c0c0c0",
    )


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128
