"""Scenario, rules and post changes share one undo stack: undo all and redo all, in any mix."""

from __future__ import annotations

from dataclasses import replace

from pytestqt.qtbot import QtBot

from orgdesigner.gui.document import DocumentController
from orgdesigner.model.document import Document, Scenario
from orgdesigner.model.document_edits import RenameCouncil
from orgdesigner.model.profile import CouncilType
from tests.model.builders import tree


def _state(controller: DocumentController) -> tuple[object, ...]:
    document = controller.document
    return (
        document.organisation,
        document.council_type,
        replace(document.profile),
        [(s.name, s.structure.snapshot()) for s in document.scenarios],
        controller.scenario_name,
        sorted(f.sort_key() for f in controller.checker.findings()),
    )


def test_one_undo_stack_takes_back_scenario_rules_and_post_changes_in_order(qtbot: QtBot) -> None:
    spec = {"ce": ["a", "b"], "a": ["a1", "a2"], "b": ["b1"]}
    document = Document("Borsetshire", CouncilType.COUNTY, scenarios=[Scenario("Current", tree(spec))])
    controller = DocumentController(document)
    changed: list[object] = []
    controller.scenarioChanged.connect(lambda: changed.append(controller.scenario_name))
    start = _state(controller)
    assert any(f.rule == "span.min" for f in controller.checker.findings())

    assert controller.duplicate_scenario("Proposed")
    assert controller.scenario_name == "Proposed"
    assert controller.move("a2", "b")
    assert controller.rename_scenario("Proposed A")
    controller.set_rules(replace(document.profile, min_span=1), CouncilType.DISTRICT)
    assert not any(f.rule == "span.min" for f in controller.checker.findings())
    assert controller.perform(RenameCouncil("Borsetshire Council"))
    assert not controller.duplicate_scenario("current")  # refused: the name is taken, nothing pushed
    end = _state(controller)
    steps = controller.undo_stack.count()
    assert steps == 5

    while controller.undo_stack.canUndo():
        controller.undo_stack.undo()
    assert _state(controller) == start
    while controller.undo_stack.canRedo():
        controller.undo_stack.redo()
    assert _state(controller) == end
    assert controller.document.scenario("Proposed A").structure.manager_of("a2") == "b"
    assert controller.document.scenario("Current").structure.manager_of("a2") == "a"
    assert "Proposed A" in changed  # the window was told of every scenario shown


def test_cut_and_paste_moves_a_branch_once_and_copy_and_paste_adds_a_copy(qtbot: QtBot) -> None:
    spec = {"ce": ["a", "b"], "a": ["a1", "a2"], "b": ["b1"]}
    controller = DocumentController(Document("Borsetshire", CouncilType.COUNTY, scenarios=[Scenario("C", tree(spec))]))
    said: list[str] = []
    controller.message.connect(said.append)
    assert not controller.paste("b")
    assert "Nothing to paste" in said[-1]

    controller.cut("a2")
    assert controller.paste("b")
    assert controller.structure.manager_of("a2") == "b"
    assert not controller.paste("ce")  # a cut branch is pasted once
    assert controller.structure.manager_of("a2") == "b"

    controller.copy("a")
    before = set(controller.structure.post_ids())
    assert controller.paste("b") and controller.paste("ce")  # a copy may be pasted again
    added = set(controller.structure.post_ids()) - before
    assert len(added) == 4  # two copies of `a` and its one report left (a1)
    assert controller.undo_stack.count() == 3
    controller.undo_stack.undo()
    controller.undo_stack.undo()
    controller.undo_stack.undo()
    assert controller.structure.snapshot() == tree(spec).snapshot()
