"""The findings panel: the rules engine's findings grouped by severity; choosing one goes to its posts."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QHeaderView,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from orgdesigner.gui.document import DocumentController
from orgdesigner.model.rules import Severity


class FindingsPanel(QTreeWidget):
    """The engine's findings grouped by severity; choosing one selects and centres its posts.

    Signals:
        findingChosen(list): the posts of the finding the user chose.
    """

    findingChosen = Signal(list)
    LIMIT = 500  # per severity: a 20,000-post import can have thousands; the count stays exact

    def __init__(self, controller: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.setHeaderLabels(["Finding", "Rule"])
        # The message takes the width; the rule's name keeps what it needs. The whole message is
        # in the tooltip, and a double-click (or Enter) goes to the post.
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setAccessibleName("Findings")
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(50)
        self._timer.timeout.connect(self.rebuild)
        controller.findingsChanged.connect(self._timer.start)
        self.itemActivated.connect(self._chosen)
        self.itemClicked.connect(self._chosen)
        self.itemDoubleClicked.connect(self._chosen)
        self.rebuild()

    def rebuild(self) -> None:
        self.clear()
        names = {Severity.ERROR: "Errors", Severity.WARNING: "Warnings", Severity.INFO: "Notes"}
        groups = {s: QTreeWidgetItem([names[s], ""]) for s in Severity}
        counts = dict.fromkeys(Severity, 0)
        for finding in self.controller.checker.findings():
            counts[finding.severity] += 1
            if counts[finding.severity] > self.LIMIT:
                continue
            item = QTreeWidgetItem([finding.message, finding.rule])
            item.setToolTip(0, finding.message)
            item.setData(0, Qt.ItemDataRole.UserRole, list(finding.posts))
            groups[finding.severity].addChild(item)
        for severity, group in groups.items():
            group.setText(0, f"{names[severity]} ({counts[severity]})")
            self.addTopLevelItem(group)
            group.setExpanded(severity is not Severity.INFO)

    def _chosen(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        posts = item.data(0, Qt.ItemDataRole.UserRole)
        if posts:
            self.findingChosen.emit(list(posts))
