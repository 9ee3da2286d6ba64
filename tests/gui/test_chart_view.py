"""The chart as a user looks at it: lines drawn, a large file painted first and made where the user
looks, highlights kept through a drag, band selection, fitting the window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from orgdesigner.gui.highlights import Layer
from orgdesigner.gui.main_window import MainWindow
from orgdesigner.model.edits import MovePost
from orgdesigner.model.layout import LayoutOptions, layout
from tests.gui.window_kit import drag, opened


def dotted_pixels(image: QImage) -> int:
    """Pixels in the dotted line's colour (#7b1fa2, give or take antialiasing)."""
    count = 0
    for y in range(image.height()):
        for x in range(image.width()):
            c = image.pixelColor(x, y)
            if abs(c.red() - 0x7B) < 28 and c.green() < 60 and abs(c.blue() - 0xA2) < 28:
                count += 1
    return count


def test_a_dotted_line_is_drawn_between_the_two_cards(window: MainWindow) -> None:
    """Read off the screen: the line appears between the cards, and undo takes it away."""
    from orgdesigner.model.edits import AddDottedLine

    w = window
    a, b1 = w.scene.post_rect("a"), w.scene.post_rect("b1")
    assert a is not None and b1 is not None
    between = a.united(b1).adjusted(-10, -10, 60, 10)
    w.view.ensureVisible(between, 0, 0)

    def seen() -> QImage:
        return w.view.viewport().grab(w.view.mapFromScene(between).boundingRect()).toImage()

    assert dotted_pixels(seen()) == 0
    w.controller.perform(AddDottedLine("b1", "a"))
    assert dotted_pixels(seen()) > 40
    w.actions_by_name["Undo"].trigger()
    assert dotted_pixels(seen()) == 0


def test_a_large_file_paints_first_and_shows_its_findings_straight_after(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Above 2,000 posts the first check waits for the first paint; nothing is left unchecked,
    not even an edit made before it ran."""
    from benchmarks.generate import document
    from orgdesigner.model.rules import check
    from orgdesigner.model.rules.base import Severity

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    doc = document(2_500)
    structure = doc.scenario().structure
    w = MainWindow(doc)
    qtbot.addWidget(w)
    manager = next(p for p in structure.post_ids() if structure.report_count(p) == 5)
    w.controller.perform(MovePost(structure.reports_of(manager)[0], None, holding_reason="parked"))
    w.show()
    expected = check(structure, doc.profile, doc.council_type)
    assert any(f.rule == "span.min" and manager in f.posts for f in expected)
    warnings = sum(1 for f in expected if f.severity is Severity.WARNING)
    qtbot.waitUntil(lambda: w.controller.checker.findings() == expected)
    qtbot.waitUntil(lambda: f"{warnings} warnings" in w.counts.text())
    w.controller.undo_stack.setClean()


def test_the_toolbar_undo_button_keeps_its_label_and_says_what_it_undoes(qtbot: QtBot, window: MainWindow) -> None:
    from PySide6.QtWidgets import QToolButton

    w = window
    button = w.findChild(QToolButton, "Undo button")
    assert button is not None and not button.isEnabled()
    width = button.sizeHint().width()
    drag(qtbot, w, "a0", "b")
    assert button.isEnabled() and button.text() == "Undo"
    assert button.sizeHint().width() == width  # the toolbar does not shuffle after every edit
    assert "Manager A0" in button.toolTip() and "Director B" in button.toolTip()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert w.controller.structure.manager_of("a0") == "a"
    redo = w.findChild(QToolButton, "Redo button")
    assert redo is not None and redo.isEnabled()


def test_only_branches_near_the_view_are_shown_and_scrolling_brings_the_rest(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A large file's cards are made where the user looks, and hidden far-off branches cost nothing
    when an edit shifts them; whatever the user goes to is there, in its place, and can be clicked."""
    from benchmarks.generate import document

    w = opened(qtbot, monkeypatch, document(2_500))
    qtbot.waitUntil(lambda: not w.controller.check_pending)  # the window has opened fitted
    scene, structure = w.scene, w.controller.structure
    by_x = sorted(scene.blocks, key=lambda b: scene.blocks[b].x())
    first, last = by_x[0], by_x[-1]
    w.view.centre_on_post(first)  # zooms in to read
    QApplication.processEvents()
    assert scene.blocks[first].isVisible() and not scene.blocks[last].isVisible()
    assert last not in scene.items_by_id and len(scene.items_by_id) < len(structure) / 2
    w.view.centre_on_post(last)
    QApplication.processEvents()
    assert scene.blocks[last].isVisible() and not scene.blocks[first].isVisible()
    card = scene.post_rect(last)
    assert card is not None and scene.post_at(card.center()) == last
    # an edit in view shifts the far blocks while hidden; they are in the right place when shown
    w.controller.perform(MovePost(structure.reports_of(last)[0], None, holding_reason="parked"))
    w.view.centre_on_post(first)
    qtbot.waitUntil(lambda: not scene.making_cards)  # branches in the margin are made when idle
    expected = layout(structure, LayoutOptions(collapsed=w.controller.folded)).positions
    drawn = {p: (i.scenePos().x(), i.scenePos().y()) for p, i in scene.items_by_id.items() if i.scene() is scene}
    assert first in drawn and all(drawn[p] == expected[p] for p in drawn)
    w.controller.undo_stack.setClean()


def test_ending_a_drag_keeps_the_comparison_and_the_manager_chain_lit(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Highlights are layers: a drag lights (and then clears) its drop target and nothing else."""
    from PySide6.QtWidgets import QInputDialog

    w = window
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Proposed v2", True))
    w.actions_by_name["Duplicate scenario"].trigger()
    w.controller.move("b0", "a")
    w.actions_by_name["Compare scenarios"].trigger()
    panel = w.comparison
    panel.from_box.setCurrentText("Proposed")
    panel.to_box.setCurrentText("Proposed v2")
    panel.show_changes.setChecked(True)
    panel.recompute()
    lit = w.controller.highlights
    assert "b0" in lit
    w.view.reset_zoom()
    drag(qtbot, w, "a1", "b")
    assert w.controller.structure.manager_of("a1") == "b"
    assert "b0" in lit  # the comparison's posts are still lit
    assert {"b", "ce"} <= lit.lit()  # and the dragged post's managers
    assert not lit.layer(Layer.DROP_TARGET)


def test_shift_dragging_the_background_selects_the_cards_in_the_band(qtbot: QtBot, window: MainWindow) -> None:
    """A rubber band over Director B's managers selects them, e.g. to set their side at once."""
    w = window
    w.view.reset_zoom()
    first, last = w.scene.post_rect("b0"), w.scene.post_rect("b3")
    assert first is not None and last is not None
    band = first.united(last).adjusted(-6, -6, 6, 6)
    w.view.ensureVisible(band, 0, 0)
    start, end = w.view.mapFromScene(band.topLeft()), w.view.mapFromScene(band.bottomRight())
    assert w.scene.post_at(band.topLeft()) is None  # the press is on empty canvas
    viewport = w.view.viewport()
    shift = Qt.KeyboardModifier.ShiftModifier
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, shift, start)
    for step in range(1, 6):
        qtbot.mouseMove(viewport, start + (end - start) * step / 5)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, shift, end)
    assert sorted(w.controller.selection) == ["b0", "b1", "b2", "b3"]
    assert w.properties.fields["side"].isEnabled() and not w.properties.fields["title"].isEnabled()


def test_fit_to_window_shows_the_whole_chart_and_keeps_it_fitted_as_the_window_is_resized(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A chart wider than the window opens readable at its top; Fit to window then shows all of it.
    The scroll bars going as it shrinks resize the view, and a user's resize follows: the whole
    chart must stay in view rather than the opening view coming back."""
    from benchmarks.generate import document

    w = opened(qtbot, monkeypatch, document(2_500))
    qtbot.waitUntil(lambda: not w.controller.check_pending)
    view = w.view
    chart = w.scene.sceneRect().adjusted(160, 160, -160, -160)

    def whole_chart_seen() -> bool:
        return view.mapToScene(view.viewport().rect()).boundingRect().adjusted(-1, -1, 1, 1).contains(chart)

    assert not whole_chart_seen()  # it opens readable, at the top
    w.actions_by_name["Fit to window"].trigger()
    qtbot.waitUntil(whole_chart_seen)  # once the scroll bars have gone, and it stays so
    fitted = view.transform().m11()
    w.resize(1000, 700)  # narrower: the whole chart needs a smaller zoom
    qtbot.waitUntil(lambda: view.transform().m11() < fitted * 0.9 and whole_chart_seen())
    w.controller.undo_stack.setClean()
