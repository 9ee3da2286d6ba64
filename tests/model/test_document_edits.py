"""Scenario, rules and council changes are edits with exact inverses, like changes to posts."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from orgdesigner.model.document import Document, Scenario
from orgdesigner.model.document_edits import (
    ChangeRules,
    DocumentEdit,
    DuplicateScenario,
    RemoveScenario,
    RenameCouncil,
    RenameScenario,
    SetScenarioFields,
)
from orgdesigner.model.edits import AddPost
from orgdesigner.model.errors import OrgError
from orgdesigner.model.post import Post
from orgdesigner.model.profile import CouncilType, RulesProfile
from tests.model.builders import tree


def _state(document: Document) -> tuple[object, ...]:
    return (
        document.organisation,
        document.council_type,
        dataclasses.replace(document.profile),
        [(s.name, id(s), s.notes, s.horizon, s.structure.snapshot()) for s in document.scenarios],
    )


def _document() -> Document:
    return Document("Borsetshire", CouncilType.COUNTY, scenarios=[Scenario("Current", tree({"ce": ["a", "b"]}))])


def test_a_duplicate_is_a_new_scenario_with_the_same_posts_and_its_undo_removes_it() -> None:
    document = _document()
    undo = DuplicateScenario("Current", "Proposed").apply(document)
    proposed = document.scenario("Proposed").structure
    assert proposed.snapshot() == document.scenario("Current").structure.snapshot()
    proposed.apply(AddPost(Post("c", "Director C"), "ce"))
    assert "c" not in document.scenario("Current").structure
    redo = undo.apply(document)
    assert [s.name for s in document.scenarios] == ["Current"]
    redo.apply(document)
    assert document.scenario("Proposed").structure is proposed  # the very scenario comes back


def test_refused_document_edits_say_why_and_change_nothing() -> None:
    document = _document()
    before = _state(document)
    for edit in (
        RemoveScenario("Current"),
        DuplicateScenario("Current", "current"),
        RenameScenario("Current", " "),
        RenameScenario("Nowhere", "X"),
        RenameCouncil(""),
    ):
        with pytest.raises(OrgError) as refused:
            edit.apply(document)
        assert str(refused.value)
        assert _state(document) == before


@settings(max_examples=80, deadline=None)
@given(st.data())
def test_random_document_edits_undo_exactly(data: st.DataObject) -> None:
    document = _document()
    start = _state(document)
    history: list[tuple[DocumentEdit, tuple[object, ...]]] = []
    for n in range(data.draw(st.integers(1, 12))):
        names = [s.name for s in document.scenarios]
        kind = data.draw(st.sampled_from(["duplicate", "remove", "rename", "rules", "type", "council", "fields"]))
        edit: DocumentEdit
        if kind == "duplicate":
            edit = DuplicateScenario(data.draw(st.sampled_from(names)), f"S{n}")
        elif kind == "remove":
            edit = RemoveScenario(data.draw(st.sampled_from(names)))
        elif kind == "rename":
            edit = RenameScenario(data.draw(st.sampled_from(names)), data.draw(st.sampled_from([f"R{n}", "Current"])))
        elif kind == "rules":
            edit = ChangeRules(RulesProfile(max_span=data.draw(st.integers(5, 20))))
        elif kind == "type":
            edit = ChangeRules(council_type=data.draw(st.sampled_from(list(CouncilType))))
        elif kind == "fields":
            edit = SetScenarioFields(data.draw(st.sampled_from(names)), {"notes": f"n{n}", "horizon": n % 5 + 1})
        else:
            edit = RenameCouncil(data.draw(st.sampled_from(["Ambridge", "Felpersham"])))
        before = _state(document)
        try:
            inverse = edit.apply(document)
        except OrgError:
            assert _state(document) == before
            continue
        history.append((inverse, before))
    for inverse, before in reversed(history):
        inverse.apply(document)
        assert _state(document) == before
    assert _state(document) == start
