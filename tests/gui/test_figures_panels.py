"""The window's metrics and comparison panels show the figures the command line and the PDF print."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from orgdesigner.gui.main_window import MainWindow
from orgdesigner.model.edits import UpdatePost
from orgdesigner.model.metrics import compute
from tests.gui.window_kit import small_document


def test_management_posts_count_a_shared_post_by_its_share_in_both_panels(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    document = small_document()
    document.duplicate("Proposed", "Shared")
    w = MainWindow(document)
    qtbot.addWidget(w)
    w.controller.show_scenario("Shared")
    w.controller.perform(UpdatePost("b", {"employer": "Tewkesbury Borough Council", "share": 0.5}))
    w.metrics.recompute()
    w.comparison.fill()
    w.comparison.to_box.setCurrentText("Shared")
    w.comparison.recompute()
    panel, c = w.metrics.metrics, w.comparison.comparison
    assert panel is not None and c is not None
    expected = compute(document.scenario("Shared").structure, document.profile)
    assert panel.management_posts == c.management_posts_after == expected.management_posts == 2.5
    assert (c.management_posts_before, c.management_definition) == (3, expected.management_definition)
    assert "management posts   3 → 2.5" in w.comparison.text.toPlainText()
    assert "2.5 management posts*" in w.metrics.summary_text()
    assert expected.management_definition in w.metrics.summary_text()
    assert expected.management_definition in w.comparison.text.toPlainText()
    w.controller.undo_stack.setClean()
