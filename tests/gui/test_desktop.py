"""The window on a council laptop: safe answers by default, files of the right kind, a pack's
accessible version beside its PDF."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from orgdesigner import resources
from orgdesigner.formats import native
from orgdesigner.gui.main_window import MainWindow
from orgdesigner.gui.window.exports import save_extension
from orgdesigner.gui.window.printing import PrintActions
from orgdesigner.model.edits import UpdatePost
from orgdesigner.render.pages import PrintOptions
from tests.gui.window_kit import opened, small_document


@pytest.fixture
def window(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> Iterator[MainWindow]:
    w = opened(qtbot, monkeypatch, small_document())
    yield w
    w.controller.undo_stack.setClean()


def test_the_names_question_leaves_names_out_when_enter_is_pressed(window: MainWindow) -> None:
    box, include, leave = window.exports.names_question()
    assert box.defaultButton() is leave and leave is not include


@pytest.mark.parametrize(
    ("suffix", "extension"), [(".xlsx", ".xlsx"), ("-senior.csv", ".csv"), (".pdf", ".pdf"), (".SVG", ".svg")]
)
def test_save_dialogs_filter_on_the_exports_extension(suffix: str, extension: str) -> None:
    assert save_extension(suffix) == extension


def test_a_pdf_exported_from_the_window_gets_its_accessible_version_beside_it(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.controller.perform(UpdatePost("a", {"incumbent": "Pat Private"}))
    asked: list[str] = []

    def save_name(*args: object, **kwargs: object) -> tuple[str, str]:
        asked.append(str(args[3]))
        return (str(tmp_path / "pack"), "")  # typed without an extension

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_name)
    monkeypatch.setattr(PrintActions, "print_options", lambda self: PrintOptions())
    window.actions_by_name["Export PDF"].trigger()
    task = window.background.task
    assert task is not None
    with qtbot.waitSignal(task.ended, timeout=30_000):
        pass
    assert asked == ["PDF (*.pdf)"]
    assert (tmp_path / "pack.pdf").exists()
    page = (tmp_path / "pack.html").read_text(encoding="utf-8")
    assert "Director A" in page and "Pat Private" not in page


# ---- sized for a laptop ---------------------------------------------------------------------------


def _template_window(qtbot: QtBot, size: tuple[int, int], restore: bool = False) -> MainWindow:
    w = MainWindow(native.load(resources.template("cheshire-east-2013")), restore_layout=restore)
    qtbot.addWidget(w)
    w.resize(*size)
    w.show()
    qtbot.waitExposed(w)
    return w


def test_the_window_stays_usable_down_to_1280_by_720(qtbot: QtBot) -> None:
    w = _template_window(qtbot, (1280, 720))
    hint = w.minimumSizeHint()
    assert hint.width() <= 1280 and hint.height() <= 720
    qtbot.waitUntil(lambda: w.size() == QSize(1280, 720))
    assert w.statusBar().isVisible() and w.statusBar().geometry().bottom() < w.height()
    for name, dock in w.docks.items():
        tabbed = w.tabifiedDockWidgets(dock)
        shown = dock.isVisible() and dock.width() > 100 and dock.height() > 60
        assert shown or any(t.isVisible() for t in tabbed), name  # visible, or one tab away
        assert dock.geometry().right() < w.width() and dock.geometry().bottom() < w.height(), name
    area = w.view.width() * w.view.height()  # the chart gets the most room of anything
    assert area > 0.35 * w.width() * w.height()
    assert all(area > 1.5 * dock.width() * dock.height() for dock in w.docks.values())
    w.controller.undo_stack.setClean()


def test_the_chart_opens_readable_and_keeps_fitting_until_the_user_zooms(qtbot: QtBot) -> None:
    w = _template_window(qtbot, (1600, 1000))
    view = w.view
    view.fit_first()
    style = w.scene.card_style
    smallest_px = min(style.detail_pt, style.title_pt) * view.logicalDpiY() / 72
    assert view.transform().m11() * smallest_px >= 9
    chart = view.mapFromScene(w.scene.sceneRect().adjusted(160, 160, -160, -160)).boundingRect()
    seen = view.viewport().rect()
    assert chart.width() >= 0.9 * seen.width() or chart.height() >= 0.9 * seen.height()  # fills its view
    assert view.auto_fit
    w.resize(1300, 760)
    qtbot.waitUntil(lambda: view.viewport().width() < seen.width())
    qtbot.waitUntil(lambda: w.view.mapToScene(view.viewport().rect().center()).x() != 0)
    view.zoom(1.3)
    assert not view.auto_fit
    zoom = view.transform().m11()
    narrow = view.viewport().width()
    w.resize(1500, 900)
    qtbot.waitUntil(lambda: view.viewport().width() > narrow)  # the view has its new size
    assert not view.auto_fit and view.transform().m11() == zoom  # and no refit is due: the user's zoom stays
    w.controller.undo_stack.setClean()


def test_docks_start_narrow_and_remember_the_users_sizes(qtbot: QtBot) -> None:
    w = _template_window(qtbot, (1600, 1000), restore=True)
    properties = w.dock("Properties")
    assert 250 <= properties.width() <= 420 and w.dock("Findings").height() <= 260
    w.resizeDocks([properties], [480], Qt.Orientation.Horizontal)
    qtbot.waitUntil(lambda: abs(properties.width() - 480) <= 4)
    w.close()
    again = _template_window(qtbot, (1600, 1000), restore=True)
    qtbot.waitUntil(lambda: abs(again.dock("Properties").width() - 480) <= 4)
    again.controller.undo_stack.setClean()


def test_findings_message_takes_the_width_and_double_click_goes_to_the_post(qtbot: QtBot, window: MainWindow) -> None:
    findings = window.findings
    qtbot.waitUntil(lambda: findings.topLevelItemCount() == 3)
    assert findings.columnWidth(0) > 2 * findings.columnWidth(1)
    warnings = findings.topLevelItem(1)
    assert warnings is not None
    item = warnings.child(0)
    assert item is not None
    assert item.toolTip(0) == item.text(0)  # the whole message, one hover away
    window.controller.select([])
    rect = findings.visualItemRect(item)
    qtbot.mouseDClick(findings.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.controller.selection == list(item.data(0, Qt.ItemDataRole.UserRole))


def test_insert_selects_the_new_post_and_brings_it_into_view(qtbot: QtBot, window: MainWindow) -> None:
    view = window.view
    view.zoom(2.5)  # close in, so the new card starts out of view
    window.controller.select(["b3"])
    top = window.scene.post_rect("ce")
    assert top is not None
    view.centerOn(top.center())
    before = set(window.controller.structure.post_ids())
    window.actions_by_name["Add report"].trigger()
    (added,) = set(window.controller.structure.post_ids()) - before
    assert window.controller.selection == [added]

    def in_view() -> bool:
        rect = window.scene.post_rect(added)
        return rect is not None and view.mapToScene(view.viewport().rect()).boundingRect().contains(rect)

    qtbot.waitUntil(in_view)


def test_the_outline_follows_the_chart_selection_both_ways(qtbot: QtBot, window: MainWindow) -> None:
    outline = window.outline
    window.controller.select(["b2"])
    qtbot.waitUntil(lambda: outline.tree.currentIndex().data(Qt.ItemDataRole.UserRole) == "b2")
    outline.tree.setCurrentIndex(outline.model.index_of("a1"))
    assert window.controller.selection == ["a1"]


def test_a_card_cut_short_shows_its_whole_title_on_hover(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QApplication, QToolTip

    shown: list[str] = []
    monkeypatch.setattr(QToolTip, "showText", lambda _at, text, *_a: shown.append(text))
    long_title = "Director of Strategic Commissioning, Performance Improvement and Partnerships"
    window.controller.perform(UpdatePost("a", {"title": long_title}))
    view = window.view
    view.centre_on_post("a")
    rect = window.scene.post_rect("a")
    assert rect is not None
    at = view.mapFromScene(rect.center())
    QApplication.sendEvent(view.viewport(), QHelpEvent(QEvent.Type.ToolTip, at, view.viewport().mapToGlobal(at)))
    assert shown and shown[-1].splitlines()[0] == long_title


@pytest.mark.parametrize(
    ("screen", "expected"),
    [((0, 0, 1366, 738), (1358, 702)), ((0, 0, 1920, 1040), (1600, 1000)), ((1920, 0, 1280, 680), (1272, 644))],
)
def test_the_window_opens_within_the_screen_it_is_on(
    screen: tuple[int, int, int, int], expected: tuple[int, int]
) -> None:
    from PySide6.QtCore import QRect

    from orgdesigner.gui.window.desktop import first_geometry, within

    available = QRect(*screen)
    rect = first_geometry(available)
    assert (rect.width(), rect.height()) == expected
    assert available.contains(rect)
    saved_on_a_big_screen = QRect(100, 100, 2400, 1400)
    assert available.contains(within(saved_on_a_big_screen, available))


def test_at_200_percent_the_window_still_fits_1280_by_720_logical_pixels(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    script = (
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from orgdesigner import resources\n"
        "from orgdesigner.formats import native\n"
        "from orgdesigner.gui.main_window import MainWindow\n"
        "w = MainWindow(native.load(resources.template('cheshire-east-2013')), restore_layout=False)\n"
        "w.resize(1280, 720); w.show(); app.processEvents()\n"
        "hint = w.minimumSizeHint()\n"
        "print(w.devicePixelRatio(), hint.width(), hint.height(), w.width(), w.height())\n"
        "w.controller.undo_stack.setClean()\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_SCALE_FACTOR": "2", "XDG_CONFIG_HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    ratio, hint_w, hint_h, width, height = (float(v) for v in done.stdout.split())
    assert ratio == 2
    assert hint_w <= 1280 and hint_h <= 720 and (width, height) == (1280, 720)
