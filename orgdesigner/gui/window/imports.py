"""Imports into the window: a data.gov.uk organogram return, an HR establishment list."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

from orgdesigner.formats import xlsx
from orgdesigner.formats.organogram import import_organogram
from orgdesigner.gui.dialogs import MappingDialog
from orgdesigner.gui.window.background import Progress
from orgdesigner.model.document import Document
from orgdesigner.model.errors import OrgError

if TYPE_CHECKING:
    from orgdesigner.gui.window.file_actions import FileActions


def _notes_text(notes: list[str], limit: int = 40) -> str:
    more = f"\n… and {len(notes) - limit} more" if len(notes) > limit else ""
    return "\n".join(notes[:limit]) + more


class ImportActions:
    """Each import replaces the open document (after asking to save it) and lists what it noted.

    The reading runs on a worker thread (`window.background`); the imported document is shown on
    the UI thread when it is complete, so a cancelled import changes nothing."""

    def __init__(self, files: FileActions) -> None:
        self.files = files
        self.window = files.window

    def import_organogram_dialog(self) -> None:
        if not self.files.maybe_save():
            return
        senior, _ = QFileDialog.getOpenFileName(
            self.window, "Senior organogram CSV", self.files.last_dir(), "CSV (*.csv)"
        )
        if not senior:
            return
        junior, _ = QFileDialog.getOpenFileName(
            self.window, "Junior organogram CSV (optional: Cancel to skip)", str(Path(senior).parent), "CSV (*.csv)"
        )
        senior_path, junior_path = Path(senior), Path(junior) if junior else None

        def work(progress: Progress) -> tuple[Document, list[str]]:
            progress(0, "reading the returns")
            document, report = import_organogram(senior_path, junior_path)
            progress(100, "done")  # a Cancel pressed meanwhile drops the result
            return document, report.left_out + report.problems

        self.window.background.run("Importing the organogram", work, self._imported, "Cannot import")

    def import_establishment_dialog(self) -> None:
        if not self.files.maybe_save():
            return
        name, _ = QFileDialog.getOpenFileName(
            self.window, "Establishment list", self.files.last_dir(), "Spreadsheets (*.xlsx *.csv)"
        )
        if not name:
            return
        try:
            table = xlsx.read_table(Path(name))
        except OrgError as exc:
            QMessageBox.critical(self.window, "Cannot import", str(exc))
            return
        dialog = MappingDialog(table, self.window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        mapping = dialog.mapping()

        def work(progress: Progress) -> tuple[Document, list[str]]:
            progress(0, f"reading {len(table.rows):,} rows")
            result = xlsx.import_establishment(Path(name), mapping, table)
            progress(100, "done")  # a Cancel pressed meanwhile drops the result
            return result.document, result.problems

        self.window.background.run("Importing the establishment list", work, self._imported, "Cannot import")

    def _imported(self, result: tuple[Document, list[str]]) -> None:
        """On the UI thread: show the imported structure, then what the import noted."""
        document, notes = result
        self.files.replace_document(document, None)
        if notes:
            QMessageBox.information(self.window, "Imported with notes", _notes_text(notes))
