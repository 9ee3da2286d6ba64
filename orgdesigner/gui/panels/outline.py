"""The outline: the structure as a tree, with a search box."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from orgdesigner.gui.document import DocumentController
from orgdesigner.gui.highlights import Layer
from orgdesigner.render.card import SIDE_COLOURS

Index = QModelIndex | QPersistentModelIndex


class OutlineModel(QAbstractItemModel):
    """The structure as a tree: top posts, then the holding area, each with its reports."""

    HEADERS = ("Post", "Grade", "Side", "Span")

    def __init__(self, controller: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self._keys: dict[str, str] = {}  # keeps the strings behind internalPointer alive
        self._resetting = False
        self._finish = QTimer(self)
        self._finish.setSingleShot(True)
        self._finish.setInterval(150)
        self._finish.timeout.connect(self._end_reset)
        controller.structureChanged.connect(self._changed)

    def _key(self, post_id: str) -> str:
        return self._keys.setdefault(post_id, post_id)

    def _changed(self, touched: frozenset[str] | None) -> None:
        """Views drop their rows at once and ask again a moment later: a burst of edits (or a drag on
        a 20,000-post chart) rebuilds the tree once, after the chart has redrawn."""
        if not self._resetting:
            self._resetting = True
            self.beginResetModel()
        self._finish.start()

    def _end_reset(self) -> None:
        if self._resetting:
            self._keys = {}
            self._resetting = False
            self.endResetModel()

    def flush(self) -> None:
        """Finish a pending reset now (before code that needs the tree up to date)."""
        self._finish.stop()
        self._end_reset()

    def _top(self) -> list[str]:
        structure = self.controller.structure
        return [*structure.roots(), *structure.holding()]

    def _post_id(self, index: Index) -> str | None:
        if not index.isValid():
            return None
        pointer = index.internalPointer()
        return pointer if isinstance(pointer, str) else None

    def index_of(self, post_id: str, column: int = 0) -> QModelIndex:
        structure = self.controller.structure
        manager = structure.manager_of(post_id)
        siblings = list(structure.reports_of(manager)) if manager else self._top()
        return self.createIndex(siblings.index(post_id), column, self._key(post_id))

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if self._resetting or column < 0 or column >= len(self.HEADERS) or row < 0:
            return QModelIndex()
        parent_id = self._post_id(parent)
        siblings = list(self.controller.structure.reports_of(parent_id)) if parent_id else self._top()
        if row >= len(siblings):
            return QModelIndex()
        return self.createIndex(row, column, self._key(siblings[row]))

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        post_id = self._post_id(index)
        if post_id is None or post_id not in self.controller.structure:
            return QModelIndex()
        manager = self.controller.structure.manager_of(post_id)
        return self.index_of(manager) if manager else QModelIndex()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() and parent.column() != 0:
            return 0
        parent_id = self._post_id(parent)
        if parent_id is None:
            return len(self._top())
        return self.controller.structure.report_count(parent_id)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return len(self.HEADERS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        post_id = self._post_id(index)
        structure = self.controller.structure
        if post_id is None or post_id not in structure:
            return None
        post = structure.post(post_id)
        if role == Qt.ItemDataRole.DisplayRole:
            column = index.column()
            if column == 0:
                held = " (holding area)" if structure.is_held(post_id) else ""
                return (post.title or f"(untitled {post.id})") + held
            if column == 1:
                return post.grade
            if column == 2:
                return post.side.label
            return str(structure.span(post_id)) if structure.report_count(post_id) else ""
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 2:
            return SIDE_COLOURS[post.side]
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{post.title} ({post.id})"
        if role == Qt.ItemDataRole.UserRole:
            return post_id
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < 4:
            return self.HEADERS[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


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
        if current is None or current not in self.controller.structure or self.model._resetting:
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
        self.model.flush()
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
