"""The outline's item model: the structure as a tree that follows each edit with row operations.

Qt's views need to hear of a change before it happens (beginInsertRows ... endInsertRows), but the
model has already changed when the controller says so. The model therefore keeps the rows the
views have seen (each shown post's list of reports, made when a view first asks) and, after an
edit, brings only the touched managers' lists up to date with inserts, removes and moves. Every
index it hands out is valid at every moment, and the views keep what was expanded and selected.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from orgdesigner.gui.document import DocumentController
from orgdesigner.render.card import SIDE_COLOURS

Index = QModelIndex | QPersistentModelIndex
TOP: None = None  # the invisible root: top posts, then the holding area


class OutlineModel(QAbstractItemModel):
    """The structure as a tree: top posts, then the holding area, each with its reports."""

    HEADERS = ("Post", "Grade", "Side", "Span")

    def __init__(self, controller: DocumentController, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self._kids: dict[str | None, list[str]] = {}  # the rows views have seen, per manager
        self._up: dict[str, str | None] = {}  # each seen post's manager in those rows
        self._keys: dict[str, str] = {}  # keeps the strings behind internalPointer alive
        controller.structureChanged.connect(self._changed)

    # ---- the rows seen ------------------------------------------------------------------------------
    def _key(self, post_id: str) -> str:
        return self._keys.setdefault(post_id, post_id)

    def _now(self, manager: str | None) -> list[str]:
        """A manager's rows as the structure has them now."""
        structure = self.controller.structure
        if manager is TOP:
            return [*structure.roots(), *structure.holding()]
        return list(structure.reports_of(manager)) if manager in structure else []

    def _rows(self, manager: str | None) -> list[str]:
        """A manager's rows as the views know them (read from the structure when first asked)."""
        rows = self._kids.get(manager)
        if rows is None:
            # Read mid-edit (a view asking while the rows are being brought up to date), a post
            # still shown elsewhere is left out: the sync moves it here.
            rows = self._kids[manager] = [p for p in self._now(manager) if p not in self._up]
            for post_id in rows:
                self._up[post_id] = manager
        return rows

    def _index(self, post_id: str, column: int = 0) -> QModelIndex:
        row = self._kids[self._up[post_id]].index(post_id)
        return self.createIndex(row, column, self._key(post_id))

    def _parent_index(self, manager: str | None) -> QModelIndex:
        return QModelIndex() if manager is TOP else self._index(manager)

    def _post_id(self, index: Index) -> str | None:
        if not index.isValid():
            return None
        pointer = index.internalPointer()
        return pointer if isinstance(pointer, str) else None

    def index_of(self, post_id: str, column: int = 0) -> QModelIndex:
        """The index of any post in the structure (its managers' rows are read if need be)."""
        manager: str | None = TOP
        for step in [*reversed(list(self.controller.structure.ancestors(post_id))), post_id]:
            self._rows(manager)
            manager = step
        return self._index(post_id, column)

    # ---- following an edit --------------------------------------------------------------------------
    def _changed(self, touched: frozenset[str] | None) -> None:
        if touched is None:  # another scenario or document: nothing to keep
            self.beginResetModel()
            self._kids, self._up, self._keys = {}, {}, {}
            self.endResetModel()
            return
        structure = self.controller.structure
        managers: set[str | None] = set()
        for post_id in touched:
            if post_id in self._up:
                managers.add(self._up[post_id])
            if post_id in self._kids:
                managers.add(post_id)
            if post_id in structure:
                managers.add(structure.manager_of(post_id))
        for _ in range(2):  # the second pass finds nothing to do unless one edit moved rows twice
            for manager in sorted(managers, key=lambda m: "" if m is None else m):
                if manager in self._kids and (manager is TOP or manager in self._up):
                    self._sync(manager)
        shown: dict[str | None, list[int]] = {}  # titles, spans ... of the rows still shown
        for post_id in touched:
            if post_id in self._up and post_id in structure:
                manager = self._up[post_id]
                shown.setdefault(manager, []).append(self._kids[manager].index(post_id))
        last = len(self.HEADERS) - 1
        for manager, rows in shown.items():  # one signal per manager, from its first to its last row
            parent = self._parent_index(manager)
            self.dataChanged.emit(self.index(min(rows), 0, parent), self.index(max(rows), last, parent))

    def _sync(self, manager: str | None) -> None:
        """Bring one manager's rows to what the structure has: rows that left go to their new
        manager's rows when a view has those (a move, keeping them expanded), or are removed; then
        rows are moved into order and new ones inserted."""
        rows, wanted = self._kids[manager], self._now(manager)
        keep = set(wanted)
        for post_id in [p for p in rows if p not in keep]:
            new = self._seen_manager(post_id)
            if new is not None and new[0] != manager:
                self._move(post_id, manager, new[0], self._now(new[0]).index(post_id))
                continue
            row = rows.index(post_id)
            self.beginRemoveRows(self._parent_index(manager), row, row)
            rows.pop(row)
            self._forget(post_id)
            self.endRemoveRows()
        for i, post_id in enumerate(wanted):
            if i < len(rows) and rows[i] == post_id:
                continue
            if post_id in self._up and post_id in self._kids.get(self._up[post_id], ()):
                self._move(post_id, self._up[post_id], manager, i)
            else:
                self.beginInsertRows(self._parent_index(manager), i, i)
                rows.insert(i, post_id)
                self._up[post_id] = manager
                self.endInsertRows()

    def _seen_manager(self, post_id: str) -> tuple[str | None] | None:
        """The post's manager now, if a view has seen that manager's rows (None if not)."""
        structure = self.controller.structure
        if post_id not in structure:
            return None
        new = structure.manager_of(post_id)
        attached = new in self._kids and (new is TOP or new in self._up)
        return (new,) if attached else None

    def _move(self, post_id: str, source: str | None, target: str | None, to_row: int) -> None:
        rows_from, rows_to = self._kids[source], self._kids[target]
        row = rows_from.index(post_id)
        to_row = min(to_row, len(rows_to))
        if self.beginMoveRows(self._parent_index(source), row, row, self._parent_index(target), to_row):
            rows_from.pop(row)
            rows_to.insert(to_row - 1 if source == target and to_row > row else to_row, post_id)
            self._up[post_id] = target
            self.endMoveRows()
            return
        # Qt refuses a move into the moved row's own rows (the rows seen are behind the structure
        # within one compound edit): remove, then insert if the target's rows are still shown
        self.beginRemoveRows(self._parent_index(source), row, row)
        rows_from.pop(row)
        self._forget(post_id)
        self.endRemoveRows()
        if target is not TOP and target not in self._up:
            return
        to_row = min(to_row, len(rows_to))
        self.beginInsertRows(self._parent_index(target), to_row, to_row)
        rows_to.insert(to_row, post_id)
        self._up[post_id] = target
        self.endInsertRows()

    def _forget(self, post_id: str) -> None:
        """A removed row takes the rows seen below it."""
        self._up.pop(post_id, None)
        stack = [post_id]
        while stack:
            manager = stack.pop()
            for child in self._kids.pop(manager, ()):
                if self._up.get(child, "") == manager:
                    del self._up[child]
                    stack.append(child)

    # ---- Qt's questions -----------------------------------------------------------------------------
    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if column < 0 or column >= len(self.HEADERS) or row < 0 or (parent.isValid() and parent.column() != 0):
            return QModelIndex()
        rows = self._rows(self._post_id(parent))
        if row >= len(rows):
            return QModelIndex()
        return self.createIndex(row, column, self._key(rows[row]))

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        post_id = self._post_id(index)
        if post_id is None or post_id not in self._up:
            return QModelIndex()
        return self._parent_index(self._up[post_id])

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._rows(self._post_id(parent)))

    def hasChildren(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        if parent.isValid() and parent.column() != 0:
            return False
        post_id = self._post_id(parent)
        if post_id is TOP or post_id in self._kids:
            return bool(self._rows(post_id))
        return post_id in self.controller.structure and self.controller.structure.report_count(post_id) > 0

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
