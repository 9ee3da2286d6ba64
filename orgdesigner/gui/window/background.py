"""Long work (HR workbook, PDF, imports) on a worker thread, with a progress bar and Cancel.

The window stays responsive: the job runs on Qt's thread pool and reports progress through queued
signals, so the event loop keeps painting and the Cancel button keeps working. A progress dialog
that is window-modal keeps the user from editing the document the job is reading. Files are written
beside their destination under a temporary name and renamed into place only when complete, so a
cancelled or failed export leaves nothing behind (and never half a file over an older one).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QMainWindow, QMessageBox, QProgressDialog, QWidget

from orgdesigner.formats import safe_io
from orgdesigner.model.errors import OrgError

Progress = Callable[[int, str], None]
"""percent (0-100), what is being done: a job calls it as it goes (it raises Cancelled when asked to stop)."""


class Cancelled(Exception):
    """The user pressed Cancel: the job stops at its next progress report."""


def into_place(path: Path, write: Callable[[Path], Any], progress: Progress | None = None) -> Any:
    """Run `write` on a temporary file beside `path`, then rename it over `path` (the one write path,
    safe_io: fsynced, the folder too): nothing is left on failure or Cancel (`progress` is asked once
    more before the rename, so a late Cancel counts)."""
    with safe_io.output_path(path) as part:
        result = write(part)
        if progress is not None:
            progress(100, "finishing")
    return result


class _Relay(QObject):
    """Carries a job's news from the worker thread to the window (queued: it lives on the UI thread)."""

    progress = Signal(int, str)
    done = Signal(object)
    failed = Signal(str)
    crashed = Signal(object)
    stopped = Signal()


class _Job(QRunnable):
    def __init__(self, work: Callable[[Progress], Any], relay: _Relay, stop: threading.Event) -> None:
        super().__init__()
        self._work = work
        self._relay = relay
        self._stop = stop

    def run(self) -> None:
        def report(percent: int, what: str) -> None:
            if self._stop.is_set():
                raise Cancelled
            self._relay.progress.emit(int(percent), what)

        try:
            result = self._work(report)
        except Cancelled:
            self._relay.stopped.emit()
        except OrgError as exc:
            self._relay.failed.emit(str(exc))
        except Exception as exc:  # a defect: raised again on the UI thread's error dialog
            self._relay.crashed.emit(exc)
        else:
            self._relay.done.emit(result)


class BackgroundTask(QObject):
    """One long job with its progress dialog. Connect to the signals, then call start().

    Signals:
        finished(object): the job's result (on the UI thread).
        failed(str): the job refused with a message for the user.
        cancelled(): the user pressed Cancel and the job stopped.
        ended(): after any of the three.
    """

    finished = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    ended = Signal()

    def __init__(self, parent: QWidget, title: str, work: Callable[[Progress], Any]) -> None:
        super().__init__(parent)
        self.title = title
        self._stop = threading.Event()
        self._relay = _Relay(self)
        self._relay.progress.connect(self._progress)
        self._relay.done.connect(self._done)
        self._relay.failed.connect(self._failed)
        self._relay.crashed.connect(self._crashed)
        self._relay.stopped.connect(self._stopped)
        self._job = _Job(work, self._relay, self._stop)
        self._job.setAutoDelete(False)  # kept until the relay has delivered its last signal
        self.dialog = QProgressDialog(title, "Cancel", 0, 100, parent)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setAutoReset(False)
        self.dialog.setAutoClose(False)
        # Shown at once, not after a delay: the dialog is what keeps the user from editing the
        # document the job is reading, so it must be up before the job starts.
        self.dialog.setMinimumDuration(0)
        self.dialog.setValue(0)
        self.dialog.canceled.connect(self.cancel)
        self.running = False

    def start(self) -> None:
        self.running = True
        self.dialog.show()
        QThreadPool.globalInstance().start(self._job)

    def cancel(self) -> None:
        """Ask the job to stop at its next progress report."""
        self._stop.set()
        self.dialog.setLabelText(f"{self.title}: stopping…")

    def _progress(self, percent: int, what: str) -> None:
        if not self._stop.is_set():
            self.dialog.setLabelText(f"{self.title}: {what}")
            self.dialog.setValue(max(0, min(percent, 99)))

    def _close(self) -> None:
        self.running = False
        self.dialog.canceled.disconnect(self.cancel)
        self.dialog.close()
        self.dialog.deleteLater()

    def _done(self, result: object) -> None:
        self._close()
        self.finished.emit(result)
        self.ended.emit()

    def _failed(self, message: str) -> None:
        self._close()
        self.failed.emit(message)
        self.ended.emit()

    def _stopped(self) -> None:
        self._close()
        self.cancelled.emit()
        self.ended.emit()

    def _crashed(self, error: BaseException) -> None:
        self._close()
        self.ended.emit()
        raise error


class Background:
    """Runs the window's long jobs one at a time; `task` is the one running (None when idle)."""

    def __init__(self, window: QMainWindow) -> None:
        self.window = window
        self.task: BackgroundTask | None = None

    def run(
        self, title: str, work: Callable[[Progress], Any], done: Callable[[Any], None], problem: str
    ) -> BackgroundTask | None:
        """Start `work` on a worker thread; `done` gets its result on the UI thread; a refusal is
        shown in a dialog titled `problem`, a Cancel in the status bar."""
        if self.task is not None:
            self.window.statusBar().showMessage(f"Wait for {self.task.title.lower()} to finish, or cancel it.", 6000)
            return None
        task = BackgroundTask(self.window, title, work)
        task.finished.connect(done)
        task.failed.connect(lambda message: QMessageBox.critical(self.window, problem, message))
        task.cancelled.connect(lambda: self.window.statusBar().showMessage(f"{title}: cancelled.", 6000))
        task.ended.connect(lambda: self._ended(task))
        self.task = task
        task.start()
        return task

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()

    def stop(self, wait_ms: int = 10_000) -> None:
        """The window closes: cancel the job and wait for it to stop (at its next progress report),
        so no worker outlives the objects it reports to."""
        if self.task is not None:
            self.task.cancel()
            QThreadPool.globalInstance().waitForDone(wait_ms)

    def _ended(self, task: BackgroundTask) -> None:
        if self.task is task:
            self.task = None
        task.deleteLater()
