"""Printing a Cabinet pack from the window: the options dialog and a print preview."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QDialog, QMessageBox

from orgdesigner.gui.dialogs import PrintOptionsDialog
from orgdesigner.model.errors import OrgError
from orgdesigner.render.pages import PackPainter, PrintOptions, page_layout

if TYPE_CHECKING:
    from orgdesigner.gui.main_window import MainWindow


class PrintActions:
    """Print with preview; the pages are painted by the same pack painter as the PDF export."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.controller = window.controller

    def print_options(self) -> PrintOptions | None:
        """Ask what a Cabinet pack needs printed on each page (names withheld unless chosen)."""
        dialog = PrintOptionsDialog(self.controller.document, self.controller.scenario_name, self.window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.options()

    def print_preview(self) -> None:
        options = self.print_options()
        if options is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
        printer.setResolution(96)
        printer.setPageLayout(page_layout(options))
        preview = QPrintPreviewDialog(printer, self.window)
        preview.paintRequested.connect(lambda device: self.paint_pack(device, options))
        preview.exec()

    def paint_pack(self, device: QPrinter, options: PrintOptions) -> None:
        device.setResolution(96)
        try:
            PackPainter(self.controller.document, options).paint(device)
        except OrgError as exc:
            QMessageBox.critical(self.window, "Cannot print", str(exc))
