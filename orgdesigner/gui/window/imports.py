"""Imports into the window: a data.gov.uk organogram return, an HR establishment list."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

from orgdesigner.formats import xlsx
from orgdesigner.formats.organogram import import_organogram
from orgdesigner.gui.dialogs import MappingDialog
from orgdesigner.model.errors import OrgError

if TYPE_CHECKING:
    from orgdesigner.gui.window.file_actions import FileActions


def _notes_text(notes: list[str], limit: int = 40) -> str:
    more = f"\n… and {len(notes) - limit} more" if len(notes) > limit else ""
    return "\n".join(notes[:limit]) + more


class ImportActions:
    """Each import replaces the open document (after asking to save it) and lists what it noted."""

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
        try:
            document, report = import_organogram(Path(senior), Path(junior) if junior else None)
        except OrgError as exc:
            QMessageBox.critical(self.window, "Cannot import", str(exc))
            return
        self.files.replace_document(document, None)
        notes = report.left_out + report.problems
        if notes:
            QMessageBox.information(self.window, "Imported with notes", _notes_text(notes))

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
            dialog = MappingDialog(table, self.window)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
            result = xlsx.import_establishment(Path(name), dialog.mapping(), table)
        except OrgError as exc:
            QMessageBox.critical(self.window, "Cannot import", str(exc))
            return
        self.files.replace_document(result.document, None)
        if result.problems:
            QMessageBox.information(self.window, "Imported with notes", _notes_text(result.problems))
