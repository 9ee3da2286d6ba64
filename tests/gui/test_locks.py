"""Lock files: every way of opening checks them, a live one is never taken silently, a dead one is."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from orgdesigner.formats import native
from orgdesigner.gui import files
from orgdesigner.gui.main_window import MainWindow
from orgdesigner.gui.window import file_actions
from tests.gui.window_kit import small_document


def _lock_by(path: Path, pid: int, host: str | None = None) -> dict[str, object]:
    info = {"user": "jsmith", "host": host or socket.gethostname(), "pid": pid, "since": "2026-11-30T09:00"}
    files.lock_path(path).write_text(json.dumps(info))
    return info


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


@pytest.fixture
def shared(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    path = tmp_path / "shared.orgx"
    native.save(small_document(), path)
    yield path


def _window(qtbot: QtBot, path: Path | None) -> MainWindow:
    w = MainWindow(native.load(path) if path else small_document(), path)
    qtbot.addWidget(w)
    return w


def test_a_lock_left_by_a_crashed_program_here_is_taken_over_with_a_note(qtbot: QtBot, shared: Path) -> None:
    _lock_by(shared, _dead_pid())
    w = _window(qtbot, shared)
    assert not w.files.read_only
    assert json.loads(files.lock_path(shared).read_text())["pid"] == os.getpid()
    qtbot.waitUntil(lambda: "no longer running" in w.statusBar().currentMessage())
    w.close()
    assert not files.lock_path(shared).exists()


def test_a_live_lock_is_not_taken_silently_the_file_opens_read_only(qtbot: QtBot, shared: Path) -> None:
    theirs = _lock_by(shared, os.getppid())  # a live process that is not this one
    w = _window(qtbot, shared)
    assert w.files.read_only
    assert "[read-only]" in w.windowTitle()
    qtbot.waitUntil(lambda: "jsmith" in w.statusBar().currentMessage())
    w.close()
    assert json.loads(files.lock_path(shared).read_text()) == theirs  # still theirs


def test_saving_a_read_only_file_asks_for_another_name(
    qtbot: QtBot, shared: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    theirs = _lock_by(shared, 1, host="HR-LAPTOP-7")
    w = _window(qtbot, shared)
    before = shared.read_bytes()
    mine = tmp_path / "mine.orgx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(mine), ""))
    assert w.files.save()
    assert shared.read_bytes() == before and json.loads(files.lock_path(shared).read_text()) == theirs
    assert native.load(mine).organisation == native.load(shared).organisation
    assert not w.files.read_only and files.lock_path(mine).exists()
    w.close()


def test_opening_offers_read_only_or_edit_anyway(qtbot: QtBot, shared: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    theirs = _lock_by(shared, 1, host="HR-LAPTOP-7")
    w = _window(qtbot, None)
    monkeypatch.setattr(file_actions, "ask_about_lock", lambda *a: "read_only")
    assert w.files.open_path(shared)
    assert w.files.read_only and json.loads(files.lock_path(shared).read_text()) == theirs
    monkeypatch.setattr(file_actions, "ask_about_lock", lambda *a: "edit")
    assert w.files.open_path(shared)
    assert not w.files.read_only and json.loads(files.lock_path(shared).read_text())["pid"] == os.getpid()
    w.close()


def test_a_second_window_is_told_the_first_has_the_file(
    qtbot: QtBot, shared: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = _window(qtbot, shared)
    assert not first.files.read_only
    second = _window(qtbot, None)
    asked: list[str] = []
    monkeypatch.setattr(file_actions, "ask_about_lock", lambda _w, _p, holder: asked.append(holder.describe()))
    assert not second.files.open_path(shared)
    assert asked and "another orgdesigner window" in asked[0]
    second.close()
    assert files.lock_path(shared).exists()  # the first window's lock is still there
    first.close()
    assert not files.lock_path(shared).exists()
