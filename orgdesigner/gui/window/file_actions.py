"""Opening, saving, recent files, lock files and crash recovery, as the window offers them."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMenu, QMessageBox, QWidget

from orgdesigner import resources
from orgdesigner.formats import native
from orgdesigner.gui import files
from orgdesigner.model.document import Document
from orgdesigner.model.errors import OrgError
from orgdesigner.model.profile import CouncilType

if TYPE_CHECKING:
    from orgdesigner.gui.main_window import MainWindow

AUTOSAVE_MS = 60_000
MAX_RECENT = 8


class FileActions:
    """The File menu's open/save half: every path by which a document enters or leaves the window.

    A lock file beside an open `.orgx` tells a second user (or a second window) who has it; every way
    of opening a file checks it and offers read-only, a lock left by a crashed program on this computer
    is taken over with a note, and a live one is never taken silently. A recovery copy written every
    minute while there are unsaved changes is offered after a crash.
    """

    def __init__(self, window: MainWindow, settings: QSettings) -> None:
        self.window = window
        self.controller = window.controller
        self.settings = settings
        self.recent_menu: QMenu | None = None
        self.read_only = False
        """Opened while someone else has it: Save asks for another name, and the lock stays theirs."""
        self.autosave = QTimer(window)
        self.autosave.setInterval(AUTOSAVE_MS)
        self.autosave.timeout.connect(self.write_recovery)
        self.autosave.start()
        if self.controller.path is not None:
            self._lock(self.controller.path)

    # ---- lock files ------------------------------------------------------------------------------------
    def _lock(self, path: Path) -> None:
        """Take the lock unless someone else holds it live; then the document is read-only."""
        holder = files.lock_holder(path, self.window)
        if holder is not None and not holder.stale:
            self.read_only = True
            self._note(f"{path.name} is open by {holder.describe()}: opened read-only; use Save As to keep changes.")
            return
        files.take_lock(path, self.window)
        if holder is not None:
            self._note(f"Took over the lock left by {holder.describe()}: that program is no longer running.")

    def _note(self, text: str) -> None:
        """A status-bar note shown once the window is built (its own first message would hide it)."""
        QTimer.singleShot(0, self.window, lambda: self.window.statusBar().showMessage(text, 20000))

    def take_over_lock(self, path: Path) -> None:
        """The user chose to edit a file someone else has open: the lock becomes this window's."""
        self.read_only = False
        files.take_lock(path, self.window)
        self.window.update_title()

    # ---- asking before losing work -------------------------------------------------------------------
    def maybe_save(self) -> bool:
        """Ask before losing changes; False means the user cancelled."""
        if not self.controller.is_dirty():
            return True
        answer = QMessageBox.question(
            self.window,
            "Unsaved changes",
            "Save the changes to this structure first?",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    # ---- documents in ----------------------------------------------------------------------------------
    def replace_document(self, document: Document, path: Path | None, read_only: bool = False) -> None:
        """Show another document (opened, imported, recovered or new): locks and recovery follow."""
        old_path = self.controller.path
        if old_path and not self.read_only:
            files.release_lock(old_path, self.window)
        files.discard_recovery(old_path)
        self.read_only = False
        self.controller.replace_document(document, path)
        self.window.document_replaced()
        if path:
            if read_only:
                self.read_only = True
            else:
                self._lock(path)
            self.remember(path)
        self.window.update_title()

    def open_path(self, path: Path) -> bool:
        holder = files.lock_holder(path, self.window)
        choice = "edit"
        if holder is not None and not holder.stale:
            choice = ask_about_lock(self.window, path, holder) or ""
            if not choice:
                return False
        problems: list[str] = []
        try:
            document = native.load(path, problems)
        except OrgError as exc:
            QMessageBox.critical(self.window, "Cannot open file", str(exc))
            return False
        self.replace_document(document, path, read_only=choice == "read_only")
        if choice == "edit" and holder is not None and not holder.stale:
            self.take_over_lock(path)
        if problems:
            QMessageBox.information(self.window, "Opened with repairs", "\n".join(problems[:30]))
        self.offer_recovery()
        return True

    def open_dialog(self) -> None:
        if not self.maybe_save():
            return
        name, _ = QFileDialog.getOpenFileName(self.window, "Open structure", self.last_dir(), "Structures (*.orgx)")
        if name:
            self.open_path(Path(name))

    def new_from_template(self) -> None:
        if not self.maybe_save():
            return
        names = list(resources.templates())
        name, ok = QInputDialog.getItem(self.window, "New from template", "Template:", names, 0, False)
        if ok and name:
            self.replace_document(native.load(resources.template(name)), None)

    def new_blank(self, kind: CouncilType) -> None:
        if self.maybe_save():
            self.replace_document(native.load(resources.template(f"blank-{kind.value.replace('_', '-')}")), None)

    # ---- documents out ---------------------------------------------------------------------------------
    def save(self) -> bool:
        if self.controller.path is None or self.read_only:
            return self.save_as()
        return self.save_to(self.controller.path)

    def save_as(self) -> bool:
        name, _ = QFileDialog.getSaveFileName(self.window, "Save structure", self.last_dir(), "Structures (*.orgx)")
        if not name:
            return False
        path = Path(name) if name.endswith(".orgx") else Path(name + ".orgx")
        old = self.controller.path
        holder = files.lock_holder(path, self.window)
        if holder is not None and not holder.stale and path != old:
            QMessageBox.warning(
                self.window, "File in use", f"{path.name} is open by {holder.describe()}: choose another name."
            )
            return False
        if self.save_to(path):
            if old and old != path and not self.read_only:
                files.release_lock(old, self.window)
            self.read_only = False
            files.take_lock(path, self.window)
            self.window.update_title()
            return True
        return False

    def save_to(self, path: Path) -> bool:
        try:
            self.controller.save(path)
        except OrgError as exc:
            QMessageBox.critical(self.window, "Could not save", str(exc))
            return False
        files.discard_recovery(path)
        self.remember(path)
        self.window.update_title()
        self.window.statusBar().showMessage(f"Saved {path}", 5000)
        return True

    # ---- crash recovery ---------------------------------------------------------------------------------
    def write_recovery(self) -> None:
        """What the minute timer does: copy unsaved work where a restart will find it."""
        if self.controller.is_dirty():
            try:
                files.write_recovery(self.controller.document, self.controller.path)
            except OrgError:
                self.window.statusBar().showMessage("Autosave failed: save your work.", 8000)

    def offer_recovery(self) -> bool:
        """After a crash, offer the autosaved copy of this document."""
        recovered = files.pending_recovery(self.controller.path)
        if recovered is None:
            return False
        answer = QMessageBox.question(
            self.window,
            "Recover unsaved work",
            "orgdesigner stopped before your last changes were saved. Recover them from the autosave?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            files.discard_recovery(self.controller.path)
            return False
        try:
            document = native.load(recovered)
        except OrgError as exc:
            QMessageBox.critical(self.window, "Cannot recover", str(exc))
            return False
        self.replace_document(document, self.controller.path)
        self.controller.undo_stack.resetClean()  # the recovered work is not on disk yet: unsaved
        self.window.update_title()
        return True

    def closing(self) -> None:
        """The window closes with nothing left unsaved: no recovery copy, no lock left behind."""
        files.discard_recovery(self.controller.path)
        if self.controller.path and not self.read_only:
            files.release_lock(self.controller.path, self.window)
        self.autosave.stop()

    # ---- recent files -----------------------------------------------------------------------------------
    def remember(self, path: Path) -> None:
        recent = [str(path)] + [p for p in self.recent() if p != str(path)]
        self.settings.setValue("files/recent", recent[:MAX_RECENT])
        self.settings.setValue("files/last_dir", str(path.parent))
        self.fill_recent()

    def recent(self) -> list[str]:
        value = self.settings.value("files/recent", [])
        return [str(v) for v in value] if isinstance(value, list) else ([str(value)] if value else [])

    def fill_recent(self) -> None:
        menu = self.recent_menu
        if menu is None:
            return
        menu.clear()
        recent = self.recent()
        for name in recent:
            action = menu.addAction(name)
            action.triggered.connect(lambda _c=False, n=name: self.maybe_save() and self.open_path(Path(n)))
        menu.setEnabled(bool(recent))

    def last_dir(self) -> str:
        return str(self.settings.value("files/last_dir", str(Path.home())))


def ask_about_lock(parent: QWidget | None, path: Path, holder: files.LockHolder) -> str | None:
    """Someone else has the file open: "read_only", "edit" (anyway, taking the lock) or None (cancel)."""
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        "File in use",
        f"{path.name} is open by {holder.describe()}.\n\nOpen it read-only, or edit it anyway (your changes "
        "and theirs may clash: the last to save wins)?",
        QMessageBox.StandardButton.Cancel,
        parent,
    )
    read_only = box.addButton("Open &read-only", QMessageBox.ButtonRole.AcceptRole)
    edit = box.addButton("&Edit anyway", QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(read_only)
    box.exec()
    clicked = box.clickedButton()
    return "read_only" if clicked is read_only else "edit" if clicked is edit else None
