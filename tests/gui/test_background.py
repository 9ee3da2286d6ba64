"""Long work runs on a worker thread: the window keeps turning its event loop, and Cancel leaves no file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from orgdesigner.gui.main_window import MainWindow
from orgdesigner.gui.window.exports import ExportActions


@pytest.fixture(scope="module")
def large_document() -> object:
    from benchmarks.generate import document

    return document(20_000)


@pytest.fixture
def big_window(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, large_document: object) -> Iterator[MainWindow]:
    import copy

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    monkeypatch.setattr(ExportActions, "ask_names", lambda self: False)
    w = MainWindow(copy.deepcopy(large_document), restore_layout=False)  # type: ignore[arg-type]
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.controller.undo_stack.setClean()


def test_the_window_keeps_turning_while_a_20000_post_workbook_is_written(
    qtbot: QtBot, big_window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "hr.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    big_window.actions_by_name["Export to Excel for HR"].trigger()
    task = big_window.background.task
    assert task is not None  # the export is under way, and the window is back in its event loop
    assert task.dialog.isVisible() and task.dialog.isModal()  # no edits to what is being written
    turns: list[str] = []  # what the progress dialog said at each turn of the event loop
    ticker = QTimer()
    ticker.setInterval(0)
    ticker.timeout.connect(lambda: turns.append(task.dialog.labelText()))
    ticker.start()
    with qtbot.waitSignal(task.ended, timeout=180_000):
        pass
    ticker.stop()
    assert len(turns) >= 10  # the event loop ran while the workbook was written
    assert any("Exporting the HR workbook:" in label for label in turns)  # with its progress shown
    assert out.exists() and out.stat().st_size > 100_000
    assert f"Exported {out}" in big_window.statusBar().currentMessage()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["hr.xlsx"]  # no temporary file left


def test_cancel_leaves_no_file_and_keeps_an_older_one(
    qtbot: QtBot, big_window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "hr.xlsx"
    out.write_bytes(b"last week's workbook")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    big_window.actions_by_name["Export to Excel for HR"].trigger()
    task = big_window.background.task
    assert task is not None
    cancel = task.dialog.findChild(QPushButton)
    assert cancel is not None and cancel.text() == "Cancel"
    with qtbot.waitSignal(task.cancelled, timeout=180_000):
        cancel.click()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["hr.xlsx"]
    assert out.read_bytes() == b"last week's workbook"
    assert "cancelled" in big_window.statusBar().currentMessage()
    assert big_window.background.task is None  # the window can start another


def test_pdf_and_png_are_written_on_the_worker_thread_too(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Painting pages and pictures off the UI thread gives the same files as the command line."""
    import shutil
    import subprocess

    from PySide6.QtGui import QImage

    from orgdesigner.gui.window.printing import PrintActions
    from orgdesigner.render.pages import PrintOptions
    from tests.gui.window_kit import small_document

    w = MainWindow(small_document(), restore_layout=False)
    qtbot.addWidget(w)
    w.show()
    pdf, png = tmp_path / "pack.pdf", tmp_path / "chart.png"
    monkeypatch.setattr(PrintActions, "print_options", lambda self: PrintOptions(paper="A4"))
    for action, out in (("Export PDF", pdf), ("Export PNG", png)):
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, out=out, **k: (str(out), ""))
        w.actions_by_name[action].trigger()
        task = w.background.task
        assert task is not None
        with qtbot.waitSignal(task.finished, timeout=60_000):
            pass
    assert not QImage(str(png)).isNull()
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        assert "Director A" in text and "Page 1 of" in text
    assert not [p.name for p in tmp_path.iterdir() if ".part" in p.name]  # no temporary file left


def test_closing_the_window_during_an_export_stops_it_and_leaves_no_file(
    qtbot: QtBot, big_window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "hr.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    big_window.actions_by_name["Export to Excel for HR"].trigger()
    assert big_window.background.task is not None
    big_window.controller.undo_stack.setClean()
    big_window.close()
    assert not big_window.isVisible()
    assert list(tmp_path.iterdir()) == []  # the job stopped before the close returned: nothing written
