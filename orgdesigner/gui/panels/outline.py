"""The outline panel: the structure as a tree (see `outline_model`), with a search box."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from orgdesigner.gui.document import DocumentController
from orgdesigner.gui.highlights import Layer
from orgdesigner.gui.panels.outline_model import OutlineModel

Index = QModelIndex | QPersistentModelIndex


class OutlinePanel(QWidget):
    """Outline tree with a search box: a match is selected, its path expanded and its chain lit."""

    postChosen = Signal(str)

    def __init__(self, controller: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search title, grade, name, function… (Enter for next)")
        self.search.setClearButtonEnabled(True)
        self.search.returnPressed.connect(self.find_next)
        self.search.textChanged.connect(lambda text: None if text else self._clear_search())
        layout.addWidget(self.search)
        self.model = OutlineModel(controller, self)
        self.tree = QTreeView()
        self.tree.setModel(self.model)
        self.tree.setUniformRowHeights(True)
        self.tree.setColumnWidth(0, 260)
        layout.addWidget(self.tree)
        self.status = QLabel()
        layout.addWidget(self.status)
        self._syncing = False
        self.tree.selectionModel().currentChanged.connect(self._current_changed)
        self.model.modelReset.connect(self._restore)
        controller.selectionChanged.connect(self._sync_from_controller)
        self._expanded: set[str] = set()
        self.tree.expanded.connect(lambda i: self._expanded.add(str(i.data(Qt.ItemDataRole.UserRole))))
        self.tree.collapsed.connect(lambda i: self._expanded.discard(str(i.data(Qt.ItemDataRole.UserRole))))
        self.tree.expandToDepth(1)
        self._last_match: str | None = None

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._syncing or not current.isValid():
            return
        post_id = current.data(Qt.ItemDataRole.UserRole)
        if post_id:
            self.controller.select([post_id])
            self.postChosen.emit(post_id)

    def _restore(self) -> None:
        structure = self.controller.structure
        for post_id in list(self._expanded):
            if post_id in structure:
                self.tree.setExpanded(self.model.index_of(post_id), True)
        if not self._expanded:
            self.tree.expandToDepth(1)
        self._sync_from_controller()

    def _sync_from_controller(self) -> None:
        current = self.controller.current()
        if current is None or current not in self.controller.structure:
            return
        self._syncing = True
        index = self.model.index_of(current)
        for manager in self.controller.structure.ancestors(current):
            self.tree.setExpanded(self.model.index_of(manager), True)
        self.tree.setCurrentIndex(index)
        self.tree.scrollTo(index)
        self._syncing = False

    def _clear_search(self) -> None:
        self._last_match = None
        self.status.clear()
        self.controller.highlights.clear(Layer.SEARCH)

    def matches(self, text: str) -> list[str]:
        needle = text.casefold().strip()
        if not needle:
            return []
        out = []
        for post in self.controller.structure:
            hay = " ".join((post.title, post.grade, post.incumbent, post.function, post.team, post.id)).casefold()
            if needle in hay:
                out.append(post.id)
        return out

    def find_next(self) -> None:
        found = self.matches(self.search.text())
        if not found:
            self.status.setText("No post matches.")
            return
        i = (found.index(self._last_match) + 1) if self._last_match in found else 0
        post_id = found[i % len(found)]
        self._last_match = post_id
        self.status.setText(f"Match {i % len(found) + 1} of {len(found)}")
        self.controller.highlights.set(Layer.SEARCH, found)
        self.controller.select([post_id])
        self.postChosen.emit(post_id)
