"""What the window tests share: a small council to open, and the mouse moves a user makes on the chart."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from orgdesigner.gui.main_window import MainWindow
from orgdesigner.model.document import Document, Scenario
from orgdesigner.model.edits import AddPost
from orgdesigner.model.post import Post, Role
from orgdesigner.model.structure import Structure


def opened(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    document: Document,
    path: Path | None = None,
    size: tuple[int, int] | None = (1400, 900),
    **options: Any,
) -> MainWindow:
    """The window open on `document` and shown (at `size`, if given); closing it never asks about
    unsaved work. Tests mark it clean when they are done."""
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    w = MainWindow(document, path, **options)
    qtbot.addWidget(w)
    if size is not None:
        w.resize(*size)
    w.show()
    qtbot.waitExposed(w)
    return w


def small_document() -> Document:
    """A chief executive with two directors: one with five reports, one with four."""
    s = Structure()
    s.apply(AddPost(Post("ce", "Chief Executive", roles=frozenset({Role.HEAD_OF_PAID_SERVICE}))))
    s.apply(AddPost(Post("a", "Director A"), "ce"))
    s.apply(AddPost(Post("b", "Director B"), "ce"))
    for n in range(5):
        s.apply(AddPost(Post(f"a{n}", f"Manager A{n}"), "a"))
    for n in range(4):
        s.apply(AddPost(Post(f"b{n}", f"Manager B{n}"), "b"))
    return Document("Test Council", scenarios=[Scenario("Proposed", s)])


def card_point(w: MainWindow, post_id: str) -> QPoint:
    item = w.scene.items_by_id[post_id]
    w.view.ensureVisible(item, 10, 10)
    return w.view.mapFromScene(item.sceneBoundingRect().center())


def drag(qtbot: QtBot, w: MainWindow, source: str, target: str | None, ctrl: bool = False) -> None:
    viewport = w.view.viewport()
    start = card_point(w, source)
    end = card_point(w, target) if target else QPoint(5, 5)
    mods = Qt.KeyboardModifier.ControlModifier if ctrl else Qt.KeyboardModifier.NoModifier
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for step in range(1, 6):
        qtbot.mouseMove(viewport, start + (end - start) * step / 5)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, mods, end)


def rules_on(w: MainWindow, post_id: str) -> set[str]:
    return {f.rule for f in w.controller.checker.findings_for(post_id)}
