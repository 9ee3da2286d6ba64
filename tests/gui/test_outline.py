"""The outline follows edits with row inserts, removes and moves, checked by Qt's model tester."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QTreeView
from pytestqt.qtbot import QtBot

from orgdesigner.gui.document import DocumentController
from orgdesigner.gui.panels import OutlineModel
from orgdesigner.model.document import Document, Scenario
from orgdesigner.model.edits import AddPost, UpdatePost
from orgdesigner.model.post import Post
from orgdesigner.model.structure import Structure
from tests.gui import drawn_edits


def _start() -> Structure:
    s = Structure()
    s.apply(AddPost(Post("ce", "CE")))
    for d in range(3):
        s.apply(AddPost(Post(f"d{d}", f"Director {d}"), "ce"))
        for m in range(3):
            s.apply(AddPost(Post(f"d{d}m{m}", f"Manager {d}.{m}"), f"d{d}"))
    return s


def shown(model: OutlineModel, parent: QModelIndex | None = None) -> dict[str, list[str]]:
    """The tree as the model answers it: each row's post and the posts of its rows."""
    parent = parent or QModelIndex()
    out: dict[str, list[str]] = {}
    rows = [model.index(r, 0, parent) for r in range(model.rowCount(parent))]
    out[str(parent.data(Qt.ItemDataRole.UserRole)) if parent.isValid() else ""] = [
        str(i.data(Qt.ItemDataRole.UserRole)) for i in rows
    ]
    for index in rows:
        assert index.parent() == parent
        out.update(shown(model, index))
    return out


def expected(structure: Structure) -> dict[str, list[str]]:
    out = {"": [*structure.roots(), *structure.holding()]}
    for post_id in structure.post_ids():
        out[post_id] = list(structure.reports_of(post_id))
    return out


class Watched:
    """A model with a tree view showing every row, Qt's model tester and signal counts."""

    def __init__(self, controller: DocumentController) -> None:
        self.model = OutlineModel(controller)
        self.tester = QAbstractItemModelTester(self.model, QAbstractItemModelTester.FailureReportingMode.Warning)
        self.view = QTreeView()
        self.view.setModel(self.model)
        self.view.expandAll()
        self.counts = {"reset": 0, "inserted": 0, "removed": 0, "moved": 0}
        self.model.modelReset.connect(lambda: self._count("reset"))
        self.model.rowsInserted.connect(lambda *_a: self._count("inserted"))
        self.model.rowsRemoved.connect(lambda *_a: self._count("removed"))
        self.model.rowsMoved.connect(lambda *_a: self._count("moved"))

    def _count(self, what: str) -> None:
        self.counts[what] += 1


@pytest.fixture
def controller(qtbot: QtBot) -> Iterator[DocumentController]:
    c = DocumentController(Document("T", scenarios=[Scenario("Proposed", _start())]))
    yield c
    c.undo_stack.setClean()


def test_edits_arrive_as_row_operations_and_keep_what_was_expanded(
    controller: DocumentController, qtlog: object
) -> None:
    w = Watched(controller)
    moved = QPersistentModelIndex(w.model.index_of("d0m1"))
    w.view.collapse(w.model.index_of("d2"))
    controller.move("d0m1", "d1")
    assert w.counts["moved"] == 1 and w.counts["reset"] == 0
    assert moved.isValid() and moved.parent().data(Qt.ItemDataRole.UserRole) == "d1"  # the same row, moved
    controller.park("d1")
    controller.add_from_template("manager", "d2")
    controller.delete("d0", keep_reports=True)
    controller.set_field("title", "Chief Executive", ["ce"])
    assert w.counts["inserted"] >= 1 and w.counts["removed"] >= 1 and w.counts["reset"] == 0
    assert shown(w.model) == expected(controller.structure)
    assert w.model.index_of("ce").data() == "Chief Executive"
    assert not w.view.isExpanded(w.model.index_of("d2")) and w.view.isExpanded(w.model.index_of("d1"))
    while controller.undo_stack.canUndo():
        controller.undo_stack.undo()
    assert shown(w.model) == expected(controller.structure)
    assert w.counts["reset"] == 0
    assert not [r for r in qtlog.records if "FAIL" in r.message]  # type: ignore[attr-defined]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_the_outline_equals_the_structure_after_any_edits(qtbot: QtBot, qtlog: object, data: st.DataObject) -> None:
    controller = DocumentController(Document("T", scenarios=[Scenario("Proposed", _start())]))
    w = Watched(controller)
    for counter in range(data.draw(st.integers(1, 12))):
        kind = data.draw(st.sampled_from([*drawn_edits.STRUCTURE_KINDS, "rename", "redo", "expand"]))
        if drawn_edits.make(controller, data, kind, counter):
            pass
        elif kind == "rename":
            ids = sorted(controller.structure.post_ids())
            if ids:
                controller.perform(UpdatePost(data.draw(st.sampled_from(ids)), {"title": f"Renamed {counter}"}))
        elif kind == "redo" and controller.undo_stack.canRedo():
            controller.undo_stack.redo()
        elif kind == "expand":
            w.view.expandAll()
        assert shown(w.model) == expected(controller.structure)
    assert w.counts["reset"] == 0
    assert not [r for r in qtlog.records if "FAIL" in r.message]  # type: ignore[attr-defined]
    controller.undo_stack.setClean()


def test_a_scenario_switch_resets_once(controller: DocumentController) -> None:
    w = Watched(controller)
    controller.duplicate_scenario("Proposed v2")
    assert w.counts["reset"] == 1
    assert shown(w.model) == expected(controller.structure)
