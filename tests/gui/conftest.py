"""The window open on the small council, at 100% with the chief executive in view, for the window tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from orgdesigner.gui.main_window import MainWindow
from tests.gui.window_kit import opened, small_document


@pytest.fixture
def window(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> Iterator[MainWindow]:
    w = opened(qtbot, monkeypatch, small_document(), size=(1800, 1000))
    w.view.reset_zoom()
    w.view.centerOn(w.scene.items_by_id["ce"])
    QApplication.processEvents()
    yield w
    w.controller.undo_stack.setClean()
