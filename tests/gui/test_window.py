"""The window driven as a user drives it: mouse on the canvas, keys, menus, files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox
from pytestqt.qtbot import QtBot

from orgdesigner.formats import native
from orgdesigner.gui import files
from orgdesigner.gui.canvas import PALETTE_MIME
from orgdesigner.gui.highlights import Layer
from orgdesigner.gui.main_window import MainWindow
from orgdesigner.gui.window import file_actions
from orgdesigner.gui.window.exports import ExportActions
from tests.gui.window_kit import card_point, drag, rules_on, small_document


def test_dragging_a_branch_updates_span_findings_live_and_undo_restores(qtbot: QtBot, window: MainWindow) -> None:
    w = window
    assert "span.min" in rules_on(w, "b")  # four reports
    before = w.controller.structure.snapshot()
    drag(qtbot, w, "a0", "b")
    s = w.controller.structure
    assert s.manager_of("a0") == "b"
    assert "span.min" not in rules_on(w, "b")
    assert "span.min" in rules_on(w, "a")
    assert w.isWindowModified()
    w.actions_by_name["Undo"].trigger()
    assert s.snapshot() == before
    assert "span.min" in rules_on(w, "b") and "span.min" not in rules_on(w, "a")
    w.actions_by_name["Redo"].trigger()
    assert s.manager_of("a0") == "b"


def test_the_card_dropped_onto_stays_where_it_was_on_screen(qtbot: QtBot, window: MainWindow) -> None:
    """The chart re-lays out after a drop; the view follows, so the user's eye stays on the target."""
    w = window
    w.view.zoom(2.5)
    start, end = card_point(w, "b"), card_point(w, "a0")
    before = w.view.mapFromScene(w.scene.items_by_id["a0"].sceneBoundingRect().center())
    scene_before = w.scene.items_by_id["a0"].scenePos()
    viewport = w.view.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for step in range(1, 6):
        qtbot.mouseMove(viewport, start + (end - start) * step / 5)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)
    QApplication.processEvents()
    assert w.controller.structure.manager_of("b") == "a0"
    assert w.scene.items_by_id["a0"].scenePos() != scene_before  # the branch did move in the chart
    after = w.view.mapFromScene(w.scene.items_by_id["a0"].sceneBoundingRect().center())
    assert (after - before).manhattanLength() <= 2


def test_a_dragged_card_is_drawn_under_the_cursor_wherever_it_goes(qtbot: QtBot, window: MainWindow) -> None:
    """Out of its own branch, over empty canvas, the card still follows the pointer on screen."""
    w = window
    viewport = w.view.viewport()
    start = card_point(w, "a0")
    right = w.scene.itemsBoundingRect().right() + 150  # empty canvas beyond every branch
    end = w.view.mapFromScene(QPointF(right, w.scene.items_by_id["a0"].sceneBoundingRect().center().y()))
    assert viewport.rect().contains(end)

    def on_screen(point: QPoint) -> QColor:
        """The pixel as the screen has it (what was repainted), not a fresh rendering."""
        at = viewport.mapTo(w, point)
        return w.screen().grabWindow(w.winId(), at.x(), at.y(), 1, 1).toImage().pixelColor(0, 0)

    empty = on_screen(end)
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for step in range(1, 6):
        qtbot.mouseMove(viewport, start + (end - start) * step / 5)
    QApplication.processEvents()
    under_cursor = on_screen(end)
    assert under_cursor != empty  # the card is painted there
    qtbot.keyClick(w.view, Qt.Key.Key_Escape)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)
    QApplication.processEvents()
    assert w.controller.structure.manager_of("a0") == "a"
    assert on_screen(end) == empty  # no trace left behind


def test_a_drop_that_would_make_a_cycle_is_refused_with_a_message(qtbot: QtBot, window: MainWindow) -> None:
    w = window
    before = w.controller.structure.snapshot()
    drag(qtbot, w, "a", "a1")
    assert w.controller.structure.snapshot() == before
    assert "would loop" in w.statusBar().currentMessage()
    assert w.controller.undo_stack.count() == 0


def test_ctrl_drag_copies_a_branch(qtbot: QtBot, window: MainWindow) -> None:
    w = window
    drag(qtbot, w, "b", "a", ctrl=True)
    s = w.controller.structure
    assert len(s) == 12 + 5
    copies = [p for p in s.reports_of("a") if s.post(p).title == "Director B"]
    assert copies and s.report_count(copies[0]) == 4
    assert s.manager_of("b") == "ce"


def test_dropping_on_empty_canvas_parks_the_post_in_the_holding_area(qtbot: QtBot, window: MainWindow) -> None:
    w = window
    drag(qtbot, w, "b3", None)
    assert w.controller.structure.is_held("b3")
    assert "data.unplaced" in rules_on(w, "b3")


def test_palette_template_dropped_on_a_post_adds_a_report(qtbot: QtBot, window: MainWindow) -> None:
    w = window
    viewport = w.view.viewport()
    point = QPointF(card_point(w, "b"))
    data = QMimeData()
    data.setData(PALETTE_MIME, b"head")
    actions = Qt.DropAction.CopyAction
    for event in (
        QDragEnterEvent(point.toPoint(), actions, data, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier),
        QDragMoveEvent(point.toPoint(), actions, data, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier),
        QDropEvent(point, actions, data, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier),
    ):
        QApplication.sendEvent(viewport, event)
    s = w.controller.structure
    assert s.report_count("b") == 5
    new = s.reports_of("b")[-1]
    assert s.post(new).title == "Head of Service"
    assert "span.min" not in rules_on(w, "b")
    assert w.controller.selection == [new]


def test_editing_a_property_in_the_panel(qtbot: QtBot, window: MainWindow) -> None:
    w = window
    qtbot.mouseClick(w.view.viewport(), Qt.MouseButton.LeftButton, pos=card_point(w, "a"))
    assert w.controller.selection == ["a"]
    title = w.properties.fields["title"]
    assert isinstance(title, QLineEdit)
    title.setFocus()
    title.selectAll()
    qtbot.keyClicks(title, "Director of Place")
    qtbot.keyClick(title, Qt.Key.Key_Return)
    assert w.controller.structure.post("a").title == "Director of Place"
    fte = w.properties.fields["fte"]
    fte.setFocus()
    fte.selectAll()  # type: ignore[attr-defined]
    qtbot.keyClicks(fte, "0.5")
    qtbot.keyClick(fte, Qt.Key.Key_Return)
    assert w.controller.structure.post("a").fte == 0.5
    assert w.controller.undo_stack.count() == 2


def test_the_panel_shows_no_stale_values(qtbot: QtBot, window: MainWindow) -> None:
    """Nothing selected: empty fields. Several selected: only the fields they share show."""
    w = window
    title = w.properties.fields["title"]
    side = w.properties.fields["side"]
    assert isinstance(title, QLineEdit)
    w.controller.select(["a"])
    assert title.text() == "Director A"
    w.controller.select([])
    assert title.text() == "" and not title.isEnabled()
    w.controller.select(["a", "b"])
    assert title.text() == "" and not title.isEnabled()
    assert side.isEnabled()


def test_keyboard_alone_adds_moves_edits_and_deletes(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    w = window
    s = w.controller.structure
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_Down)  # nothing selected: the top post
    qtbot.keyClick(w.view, Qt.Key.Key_Down)  # its first report
    qtbot.keyClick(w.view, Qt.Key.Key_Right)  # its sibling
    assert w.controller.selection == ["b"]
    qtbot.keyClick(w.view, Qt.Key.Key_Insert)  # add a report to Director B; focus goes to its title
    added = w.controller.current()
    assert added is not None and s.manager_of(added) == "b"
    qtbot.keyClicks(QApplication.focusWidget(), "Locality Manager")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert s.post(added).title == "Locality Manager"
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_X, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(w.view, Qt.Key.Key_Up)  # Director B
    qtbot.keyClick(w.view, Qt.Key.Key_Left)  # Director A
    qtbot.keyClick(w.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert s.manager_of(added) == "a"
    w.controller.select([added])
    qtbot.keyClick(w.view, Qt.Key.Key_Delete)
    assert added not in s


def test_delete_asks_keep_reports_or_branch(qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    w = window
    chosen: list[str] = []

    def exec_box(box: QMessageBox) -> int:
        button = next(b for b in box.buttons() if b.text().startswith("Keep reports"))
        chosen.append(box.text())
        box.clickedButton = lambda: button  # type: ignore[method-assign]
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_box)
    w.controller.select(["b"])
    w.actions_by_name["Delete post"].trigger()
    s = w.controller.structure
    assert chosen == ["Delete 'Director B'?"]
    assert "b" not in s and s.manager_of("b0") == "ce"


def test_save_and_reopen_gives_the_same_structure(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    w = window
    drag(qtbot, w, "a0", "b")
    path = tmp_path / "council.orgx"
    assert w.files.save_to(path)
    assert not w.isWindowModified()
    reopened = native.load(path)
    assert reopened.scenario().structure.snapshot() == w.controller.structure.snapshot()
    w2 = MainWindow(native.load(path), path)
    qtbot.addWidget(w2)
    assert w2.controller.structure.snapshot() == w.controller.structure.snapshot()
    assert "council.orgx" in w2.windowTitle()


def test_recovers_autosaved_work_after_a_crash(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    w = window
    path = tmp_path / "council.orgx"
    w.files.save_to(path)
    drag(qtbot, w, "a0", "b")
    w.files.write_recovery()  # what the minute timer does
    expected = w.controller.structure.snapshot()
    # The program dies here: no save, no clean close. A new window opens the same file.
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    w2 = MainWindow(native.load(path), path)
    qtbot.addWidget(w2)
    assert w2.controller.structure.manager_of("a0") == "a"
    assert w2.files.offer_recovery()
    assert w2.controller.structure.snapshot() == expected
    assert w2.isWindowModified()
    w2.controller.undo_stack.setClean()


def test_a_second_user_is_told_who_has_the_file_open(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "shared.orgx"
    native.save(small_document(), path)
    files.lock_path(path).write_text(json.dumps({"user": "jsmith", "host": "HR-LAPTOP-7", "pid": 1, "since": "09:00"}))
    told: list[str] = []

    def ask(_parent: object, _path: Path, holder: files.LockHolder) -> str | None:
        told.append(holder.describe())
        return None  # Cancel

    monkeypatch.setattr(file_actions, "ask_about_lock", ask)
    assert not window.files.open_path(path)
    assert "jsmith on HR-LAPTOP-7" in told[0]


def test_changing_the_rules_profile_rechecks_at_once(window: MainWindow) -> None:
    w = window
    assert "span.min" in rules_on(w, "b")
    profile = w.controller.document.profile
    from dataclasses import replace

    w.controller.set_rules(replace(profile, min_span=4), w.controller.document.council_type)
    assert "span.min" not in rules_on(w, "b")
    w.actions_by_name["Undo"].trigger()
    assert "span.min" in rules_on(w, "b")


def test_choosing_a_finding_selects_and_centres_its_post(window: MainWindow) -> None:
    w = window
    w.findings.rebuild()
    warnings = w.findings.topLevelItem(1)
    assert warnings is not None
    item = next(
        c for i in range(warnings.childCount()) if (c := warnings.child(i)) is not None and c.text(1) == "span.min"
    )
    w.findings.itemClicked.emit(item, 0)
    assert w.controller.selection == ["b"]


def test_outline_search_expands_selects_and_lights_the_chain(window: MainWindow) -> None:
    w = window
    w.outline.search.setText("manager b3")
    w.outline.find_next()
    assert w.controller.selection == ["b3"]
    assert w.controller.highlights.layer(Layer.MANAGER_CHAIN) == {"b", "ce"}
    assert "b3" in w.controller.highlights.layer(Layer.SEARCH)
    index = w.outline.tree.currentIndex()
    assert index.data() == "Manager B3"


def test_outline_model_passes_the_model_tester(qtmodeltester: object, window: MainWindow) -> None:
    qtmodeltester.check(window.outline.model)  # type: ignore[attr-defined]


def test_every_menu_action_is_connected(window: MainWindow) -> None:
    for menu in window.menus.values():
        for action in menu.actions():
            if action.isSeparator() or action.menu():
                continue
            assert action.receivers("2triggered(bool)") > 0 or action.text() in ("&Undo", "&Redo"), action.text()


def test_duplicate_a_scenario_change_it_and_see_the_comparison_update(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QInputDialog

    w = window
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Proposed v2", True))
    w.actions_by_name["Duplicate scenario"].trigger()
    assert w.controller.scenario_name == "Proposed v2"
    assert w.scenario_box.currentText() == "Proposed v2"
    w.actions_by_name["Compare scenarios"].trigger()
    panel = w.comparison
    panel.from_box.setCurrentText("Proposed")
    panel.to_box.setCurrentText("Proposed")
    panel.recompute()
    assert panel.comparison is None and "Choose two scenarios" in panel.text.toPlainText()
    panel.to_box.setCurrentText("Proposed v2")
    panel.recompute()
    assert panel.comparison is not None and panel.comparison.moved == []
    w.view.reset_zoom()
    drag(qtbot, w, "a0", "b")
    w.controller.select(["b3"])
    w.actions_by_name["Delete post"].trigger()
    qtbot.waitUntil(lambda: panel.comparison is not None and panel.comparison.deleted == ["b3"])
    assert panel.comparison.moved == ["a0"]
    assert "deleted 1, moved 1" in panel.text.toPlainText()
    panel.show_changes.setChecked(True)
    assert "a0" in w.controller.highlights
    # the original scenario is untouched, and undo brings the scenario list back
    assert w.controller.document.scenario("Proposed").structure.manager_of("a0") == "a"
    while w.controller.undo_stack.canUndo():
        w.controller.undo_stack.undo()
    assert [s.name for s in w.controller.document.scenarios] == ["Proposed"]


def test_import_an_establishment_list_through_the_mapping_dialog(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QDialog, QFileDialog

    from orgdesigner.gui.dialogs import MappingDialog

    path = tmp_path / "hr.csv"
    path.write_text(
        "Emp No,Position,Boss,FTE\nE1,Chief Executive,,1\nE2,Director,E1,1\nE3,Manager,E9,0.5\n", encoding="utf-8"
    )
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    seen: list[MappingDialog] = []

    def accept(dialog: MappingDialog) -> int:
        seen.append(dialog)
        assert dialog.boxes["post_id"].currentText() == "(not in this file)"  # "Emp No": not a known header
        assert dialog.boxes["title"].currentText() == "Position"  # a known spelling
        dialog.boxes["post_id"].setCurrentText("Emp No")
        dialog.boxes["title"].setCurrentText("Position")
        dialog.boxes["reports_to"].setCurrentText("Boss")
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(MappingDialog, "exec", accept)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: QMessageBox.StandardButton.Ok)
    window.actions_by_name["Import establishment list"].trigger()
    task = window.background.task
    if task is not None:
        with qtbot.waitSignal(task.ended, timeout=30_000):
            pass
    s = window.controller.structure
    assert seen and len(s) == 3
    assert s.manager_of("E2") == "E1" and s.is_held("E3")


def test_export_to_excel_from_the_window_without_names(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import zipfile

    from PySide6.QtWidgets import QFileDialog

    from orgdesigner.model.edits import UpdatePost

    window.controller.perform(UpdatePost("a", {"incumbent": "Pat Private"}))
    out = tmp_path / "hr.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    monkeypatch.setattr(ExportActions, "ask_names", lambda self: False)
    window.actions_by_name["Export to Excel for HR"].trigger()
    task = window.background.task
    assert task is not None
    with qtbot.waitSignal(task.ended, timeout=30_000):
        pass
    assert f"Exported {out}" in window.statusBar().currentMessage()
    with zipfile.ZipFile(out) as archive:
        text = "".join(archive.read(n).decode("utf-8", "ignore") for n in archive.namelist())
    assert "Director A" in text and "Pat Private" not in text


def test_every_menu_item_runs_without_error_when_its_dialog_is_cancelled(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A new user trying each menu item: nothing crashes, cancelled dialogs change nothing."""
    from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog

    from orgdesigner.gui.window.rules import RulesDialog

    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: ("", ""))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: ("", ""))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("", False))
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("", False))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Cancel)
    monkeypatch.setattr(QMessageBox, "about", lambda *a, **k: None)
    monkeypatch.setattr(QDialog, "exec", lambda self: QDialog.DialogCode.Rejected.value)
    monkeypatch.setattr(RulesDialog, "exec", lambda self: QDialog.DialogCode.Rejected.value)
    monkeypatch.setattr(QMessageBox, "exec", lambda self: 0)
    window.controller.select(["b"])
    before = window.controller.structure.snapshot()
    skip = {
        "&Quit",
        "&Undo",
        "&Redo",
        "Add &report",
        "Add staff &group",
        "Cu&t branch",
        "&Paste branch",
        "Move to &holding area",
        "&Copy branch",
    }
    tried = 0
    for menu in window.menus.values():
        for action in menu.actions():
            if action.isSeparator() or action.menu() or action.text() in skip:
                continue
            action.trigger()
            tried += 1
    assert tried >= 25
    assert window.controller.structure.snapshot() == before
