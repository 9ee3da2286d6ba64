"""Everyone can use the window: a screen reader finds a name on every control, hears what is
selected on the chart, tabs through the panels in working order; dark and high-contrast themes
keep text readable."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QAccessibleInterface, QColor, QPalette
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from orgdesigner import resources
from orgdesigner.formats import native
from orgdesigner.gui.main_window import MainWindow
from orgdesigner.gui.window.access import apply_theme, dark_palette, high_contrast_palette, light_palette
from tests.gui.window_kit import opened

ROLE = QAccessible.Role
INTERACTIVE = {
    ROLE.PushButton, ROLE.CheckBox, ROLE.RadioButton, ROLE.ComboBox, ROLE.EditableText, ROLE.SpinBox,
    ROLE.Slider, ROLE.ScrollBar, ROLE.List, ROLE.Tree, ROLE.Table, ROLE.PageTab, ROLE.PageTabList,
    ROLE.ButtonMenu, ROLE.ButtonDropDown, ROLE.Link, ROLE.MenuBar, ROLE.Dial, ROLE.MenuItem,
}  # fmt: skip
ITEMS = {ROLE.ListItem, ROLE.TreeItem, ROLE.Row, ROLE.Cell, ROLE.ColumnHeader, ROLE.RowHeader}


@pytest.fixture
def window(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> Iterator[MainWindow]:
    w = opened(qtbot, monkeypatch, native.load(resources.template("cheshire-east-2013")), restore_layout=False)
    yield w
    w.controller.undo_stack.setClean()


def _walk(interface: QAccessibleInterface | None, path: str, found: list[tuple[str, str]], depth: int = 0) -> int:
    """Every element under `interface`; the interactive ones without a name go into `found`."""
    if interface is None or not interface.isValid() or depth > 60:
        return 0
    role = interface.role()
    name = interface.text(QAccessible.Text.Name).strip()
    widget = interface.object()
    focusable = interface.state().focusable and isinstance(widget, QWidget) and role not in ITEMS
    if (role in INTERACTIVE or focusable) and not name:
        found.append((f"{path}/{role.name}", type(widget).__name__ if widget is not None else "?"))
    if role in {ROLE.List, ROLE.Tree, ROLE.Table}:
        return 1  # their rows and cells are named by their text
    count = 1
    for i in range(interface.childCount()):
        count += _walk(interface.child(i), f"{path}/{role.name}", found, depth + 1)
    return count


def test_every_interactive_element_has_an_accessible_name(window: MainWindow) -> None:
    unnamed: list[tuple[str, str]] = []
    walked = _walk(QAccessible.queryAccessibleInterface(window), "", unnamed)
    assert walked > 100  # the whole window was walked, docks and toolbars included
    assert unnamed == []


def test_the_chart_tells_a_screen_reader_what_is_selected(window: MainWindow) -> None:
    chart = QAccessible.queryAccessibleInterface(window.view)
    assert chart is not None
    assert chart.text(QAccessible.Text.Name) == "Organisation chart"
    window.controller.select(["CE"])
    name = chart.text(QAccessible.Text.Name)
    description = chart.text(QAccessible.Text.Description)
    assert name == "Organisation chart: Chief Executive"
    assert "Head of Paid Service (HoPS)" in description  # the role badge, spelled out
    assert "direct reports" in description and "finding" in description  # CE's span finding
    window.controller.select(["COO"])
    assert chart.text(QAccessible.Text.Name) == "Organisation chart: Chief Operating Officer"
    assert "Monitoring Officer" in chart.text(QAccessible.Text.Description)


def test_tab_goes_search_outline_chart_properties_findings(window: MainWindow) -> None:
    order: list[QWidget] = [window.outline.search, window.outline.tree, window.view, window.properties]
    order.append(window.findings)
    for widget, expected in itertools.pairwise(order):
        following: QWidget | None = widget.nextInFocusChain()
        while following is not None and following is not expected and following is not widget:
            # a widget that cannot take focus by Tab (or an internal part) is skipped by Tab too
            tabbable = bool(following.focusPolicy() & Qt.FocusPolicy.TabFocus) and following.isVisible()
            inside = following.isAncestorOf(widget) or widget.isAncestorOf(following)
            assert not tabbable or inside, f"after {widget.accessibleName()} comes {following.accessibleName()}"
            following = following.nextInFocusChain()
        assert following is expected


def _contrast(a: QColor, b: QColor) -> float:
    def luminance(c: QColor) -> float:
        def channel(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

        return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("palette", [dark_palette(), light_palette(), high_contrast_palette()])
def test_theme_palettes_keep_text_readable(palette: QPalette) -> None:
    """WCAG 2.1 AA contrast (4.5:1) for text on its background, selected text on the selection."""
    role = QPalette.ColorRole
    for text, ground in (
        (role.Text, role.Base), (role.WindowText, role.Window), (role.ButtonText, role.Button),
        (role.HighlightedText, role.Highlight), (role.ToolTipText, role.ToolTipBase),
    ):  # fmt: skip
        assert _contrast(palette.color(text), palette.color(ground)) >= 4.5, (text, ground)


def test_the_theme_option_sets_the_palette_and_none_leaves_the_systems(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    before, style = qapp.palette(), qapp.style().name()
    monkeypatch.delenv("ORGDESIGNER_THEME", raising=False)
    assert apply_theme(qapp) == "system" and qapp.palette() == before
    try:
        assert apply_theme(qapp, "dark") == "dark"
        assert qapp.palette().color(QPalette.ColorRole.Window).lightness() < 60
    finally:
        qapp.setStyle(style)
        qapp.setPalette(before)
