"""The palette: post templates to drag onto a post (or add under the selected post with Enter)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QMimeData, Qt, Signal
from PySide6.QtWidgets import (
    QListWidget,
    QListWidgetItem,
    QWidget,
)

from orgdesigner.gui.canvas import PALETTE_MIME
from orgdesigner.gui.templates import TEMPLATES


class PaletteList(QListWidget):
    """Post templates to drag onto a post (or to add under the selected post with Enter)."""

    templateChosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDragEnabled(True)
        self.setDragDropMode(QListWidget.DragDropMode.DragOnly)
        for template in TEMPLATES:
            item = QListWidgetItem(template.label)
            item.setData(Qt.ItemDataRole.UserRole, template.key)
            item.setToolTip(f"Drag onto a post to add a {template.label.lower()} reporting to it")
            self.addItem(item)
        self.itemActivated.connect(lambda item: self.templateChosen.emit(item.data(Qt.ItemDataRole.UserRole)))

    def mimeData(self, items: Sequence[QListWidgetItem]) -> QMimeData:
        data = QMimeData()
        if items:
            data.setData(PALETTE_MIME, str(items[0].data(Qt.ItemDataRole.UserRole)).encode("utf-8"))
        return data

    def mimeTypes(self) -> list[str]:
        return [PALETTE_MIME]
