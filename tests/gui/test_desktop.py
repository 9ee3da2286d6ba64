"""The window on a council laptop: safe answers by default, files of the right kind, a pack's
accessible version beside its PDF."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from orgdesigner.gui.main_window import MainWindow
from orgdesigner.gui.window.exports import save_extension
from orgdesigner.gui.window.printing import PrintActions
from orgdesigner.model.edits import UpdatePost
from orgdesigner.render.pages import PrintOptions
from tests.gui.test_window import small_document


@pytest.fixture
def window(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> Iterator[MainWindow]:
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    w = MainWindow(small_document())
    qtbot.addWidget(w)
    w.resize(1400, 900)
    w.show()
    qtbot.waitExposed(w)
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
