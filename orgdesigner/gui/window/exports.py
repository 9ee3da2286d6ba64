"""Exports from the window: the HR workbook, organogram CSVs, Transparency Code data, PDF, SVG, PNG.

Each asks where (beside the open file by default) and whether names go in, then writes on a worker
thread (see `background`), so the window keeps painting and Cancel works; a cancelled export leaves
no file.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QAbstractButton, QFileDialog, QMessageBox

from orgdesigner.formats import xlsx
from orgdesigner.gui.dialogs import default_export_name
from orgdesigner.gui.window.background import Progress, into_place
from orgdesigner.render.chart import write_png, write_svg
from orgdesigner.render.html import write_html
from orgdesigner.render.pages import write_pdf

if TYPE_CHECKING:
    from orgdesigner.gui.main_window import MainWindow
    from orgdesigner.gui.window.printing import PrintActions


def save_extension(suffix: str) -> str:
    """The extension a save dialog filters on: ".pdf" for ".pdf", ".csv" for "-senior.csv"."""
    return "." + suffix.rsplit(".", 1)[-1].lower()


class ExportActions:
    """The File menu's exports, each written on a worker thread (`window.background`)."""

    def __init__(self, window: MainWindow, printing: PrintActions) -> None:
        self.window = window
        self.controller = window.controller
        self.printing = printing

    def names_question(self) -> tuple[QMessageBox, QAbstractButton, QAbstractButton]:
        """The names question; Enter leaves the names out (the safe answer for anything shared)."""
        box = QMessageBox(self.window)
        box.setWindowTitle("Names of postholders")
        box.setText("Include postholders' names? They are personal data: leave them out of anything shared.")
        include = box.addButton("Include names", QMessageBox.ButtonRole.AcceptRole)
        leave = box.addButton("Leave names out", QMessageBox.ButtonRole.RejectRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(leave)
        return box, include, leave

    def ask_names(self) -> bool | None:
        """Whether postholders' names go in (personal data); None if the user cancelled."""
        box, include, leave = self.names_question()
        box.exec()
        clicked = box.clickedButton()
        return True if clicked is include else (False if clicked is leave else None)

    def export_path(self, title: str, suffix: str, kind: str) -> Path | None:
        """Ask where an export goes (beside the open file by default); None if cancelled. The dialog
        lists only files of the export's kind, and the extension is added when the name lacks it."""
        extension = save_extension(suffix)
        name, _ = QFileDialog.getSaveFileName(
            self.window, title, default_export_name(self.controller.path, suffix), f"{kind} (*{extension})"
        )
        if not name:
            return None
        return Path(name) if name.lower().endswith(extension) else Path(name + extension)

    def run(self, title: str, work: Callable[[Progress], str]) -> None:
        """Write on a worker thread; the status bar says what was written, a dialog why not."""
        status = self.window.statusBar()
        self.window.background.run(title, work, lambda done: status.showMessage(str(done), 6000), "Could not export")

    def export_excel_dialog(self) -> None:
        path = self.export_path("Export to Excel for HR", ".xlsx", "Excel")
        names = self.ask_names() if path else None
        if path is None or names is None:
            return
        document, scenario = self.controller.document, self.controller.scenario_name

        def work(progress: Progress) -> str:
            into_place(path, lambda part: xlsx.export_workbook(document, part, scenario, names, progress), progress)
            return f"Exported {path}"

        self.run("Exporting the HR workbook", work)

    def export_organogram_dialog(self) -> None:
        senior = self.export_path("Senior organogram CSV (the junior file is saved beside it)", "-senior.csv", "CSV")
        names = self.ask_names() if senior else None
        if senior is None or names is None:
            return
        junior = senior.with_name(senior.stem.removesuffix("-senior") + "-junior.csv")
        document, scenario = self.controller.document, self.controller.scenario_name

        def work(progress: Progress) -> str:
            # both written before either is renamed: the last chance to cancel is before the first rename
            both = lambda s: into_place(  # noqa: E731
                junior, lambda j: xlsx.export_organogram(document, s, j, scenario, names), progress
            )
            into_place(senior, both)
            return f"Exported {senior.name} and {junior.name}"

        self.run("Exporting the organogram", work)

    def export_transparency_dialog(self) -> None:
        path = self.export_path("Transparency Code data", "-transparency.csv", "CSV")
        if path is None:
            return
        document, scenario = self.controller.document, self.controller.scenario_name

        def work(progress: Progress) -> str:
            into_place(path, lambda part: xlsx.export_transparency(document, part, scenario), progress)
            return f"Exported {path}"

        self.run("Exporting Transparency Code data", work)

    def export_pdf_dialog(self) -> None:
        options = self.printing.print_options()
        path = self.export_path("Export PDF", ".pdf", "PDF") if options else None
        if options is None or path is None:
            return
        document = self.controller.document
        beside = path.with_suffix(".html")

        def work(progress: Progress) -> str:
            def pages(page: int, total: int) -> None:
                progress(100 * page // max(total, 1), f"page {page} of {total}")

            report = into_place(path, lambda part: write_pdf(document, str(part), options, pages), progress)
            # the accessible version goes beside every PDF (a PDF from Qt cannot be tagged)
            into_place(beside, lambda part: write_html(document, part, options), progress)
            return f"Exported {path}: {report.pages} pages, and its accessible version {beside.name}"

        self.run("Writing the PDF", work)

    def export_picture_dialog(self, kind: str) -> None:
        path = self.export_path(f"Export {kind.upper()}", f".{kind}", kind.upper())
        if path is None:
            return
        branch = self.controller.current()
        if branch is not None:
            answer = QMessageBox.question(
                self.window, "Whole chart or branch", "Export only the selected post's branch? (No: the whole chart)"
            )
            branch = branch if answer == QMessageBox.StandardButton.Yes else None
        structure, organisation = self.controller.structure, self.controller.document.organisation

        def work(progress: Progress) -> str:
            if kind == "svg":
                into_place(path, lambda part: write_svg(structure, part, branch, False, organisation), progress)
            else:
                into_place(path, lambda part: write_png(structure, part, 1.0, branch, False), progress)
            return f"Exported {path}"

        self.run(f"Exporting the {kind.upper()}", work)
