"""Property tests: random edit sequences keep a forest, undo exactly, and check incrementally = fully."""

from __future__ import annotations

import contextlib
from dataclasses import replace

import networkx as nx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orgdesigner.formats import native
from orgdesigner.model.document import Document, Scenario
from orgdesigner.model.edits import (
    AddDottedLine,
    AddPost,
    AddStaffGroup,
    Edit,
    MovePost,
    RemoveDottedLine,
    RemovePost,
    RemoveStaffGroup,
    UpdatePost,
    UpdateStaffGroup,
)
from orgdesigner.model.errors import EditRefused
from orgdesigner.model.post import Post, Role, Side, StaffGroup
from orgdesigner.model.profile import CouncilType, RulesProfile
from orgdesigner.model.rules import Checker, check
from orgdesigner.model.rules.base import Finding, Severity
from orgdesigner.model.rules.engine import ALL_RULES
from orgdesigner.model.structure import Structure

PROFILE = RulesProfile(min_span=2, max_span=4, max_layers=3, pay_bands={2: (50_000, 90_000)})


def _draw_edit(data: st.DataObject, s: Structure, counter: list[int]) -> Edit:
    ids = sorted(s.post_ids())
    kind = data.draw(
        st.sampled_from(
            [
                "add",
                "add",
                "move",
                "move",
                "remove",
                "update",
                "dotted",
                "undotted",
                "group",
                "ungroup",
                "regroup",
            ]
        )
    )
    counter[0] += 1
    if kind == "add" or not ids:
        manager: str | None = None
        if ids:
            under_someone: bool = data.draw(st.booleans())
            if under_someone:
                manager = data.draw(st.sampled_from(ids))
        post = Post(
            id=f"n{counter[0]}",
            title=data.draw(st.sampled_from(["", "Head", "Manager"])),
            side=data.draw(st.sampled_from(list(Side))),
            roles=frozenset(data.draw(st.sets(st.sampled_from(list(Role)), max_size=2))),
            pay_floor=data.draw(st.sampled_from([None, 40_000.0, 120_000.0])),
            assistant=data.draw(st.booleans()),
            fte=data.draw(st.sampled_from([1.0, 0.5, 0.81])),
        )
        held = manager is None and data.draw(st.booleans())
        return AddPost(post, manager, holding_reason="unknown manager" if held else None)
    pick = st.sampled_from(ids)
    target = data.draw(pick)
    if kind == "move":
        manager = data.draw(st.one_of(st.none(), pick))
        index = data.draw(st.one_of(st.none(), st.integers(0, 3)))
        held = manager is None and data.draw(st.booleans())
        return MovePost(target, manager, index, "parked" if held else None)
    if kind == "remove":
        return RemovePost(target, keep_reports=data.draw(st.booleans()))
    if kind == "update":
        field = data.draw(st.sampled_from(["side", "roles", "assistant", "title", "fte", "transition_end"]))
        choices: dict[str, st.SearchStrategy[object]] = {
            "side": st.sampled_from(list(Side)),
            "roles": st.frozensets(st.sampled_from(list(Role)), max_size=2),
            "assistant": st.booleans(),
            "title": st.sampled_from(["", "Director"]),
            "fte": st.sampled_from([0.3, 1.0]),
            "transition_end": st.sampled_from([None, "2027-03-31"]),
        }
        value = data.draw(choices[field])
        return UpdatePost(target, {field: value})
    if kind == "dotted":
        return AddDottedLine(target, data.draw(pick))
    if kind == "undotted":
        return RemoveDottedLine(target, data.draw(pick))
    groups = sorted(g.id for g in s.staff_groups())
    if kind == "group" or not groups:
        return AddStaffGroup(
            StaffGroup(
                f"g{counter[0]}",
                target,
                "Staff",
                fte=data.draw(st.sampled_from([3.0, 12.5])),
                side=data.draw(st.sampled_from([None, Side.PROVIDER])),
                direct=data.draw(st.booleans()),
            )
        )
    group = data.draw(st.sampled_from(groups))
    if kind == "ungroup":
        return RemoveStaffGroup(group)
    return UpdateStaffGroup(group, {"manager_id": target, "fte": 2.0})


def _is_forest(s: Structure) -> bool:
    g = s.graph
    if g.number_of_nodes() == 0:
        return True
    return bool(nx.is_forest(g.to_undirected())) and all(d <= 1 for _, d in g.in_degree())


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_random_edits_keep_a_forest_check_incrementally_and_undo_exactly(data: st.DataObject) -> None:
    s = Structure()
    checker = Checker(s, PROFILE, CouncilType.COUNTY)
    checker.full()
    history: list[tuple[Edit, dict[str, object]]] = []
    counter = [0]
    for _ in range(data.draw(st.integers(1, 40))):
        edit = _draw_edit(data, s, counter)
        before = s.snapshot()
        try:
            applied = s.apply(edit)
        except EditRefused:
            assert s.snapshot() == before, "a refused edit changed the structure"
            continue
        checker.update(applied.touched)
        assert _is_forest(s)
        assert set(s.graph.nodes) == set(s.post_ids())
        assert s.layers() == dict(s.walk())  # the full check's layers equal the walk's
        assert sorted(checker.findings(), key=lambda f: f.sort_key()) == check(s, PROFILE, CouncilType.COUNTY)
        assert checker.counts() == _counts(checker.findings())  # what the status bar shows
        history.append((applied.inverse, before))
    for inverse, before in reversed(history):
        applied = s.apply(inverse)
        checker.update(applied.touched)
        assert s.snapshot() == before
        assert checker.findings() == check(s, PROFILE, CouncilType.COUNTY)
    checker.full()  # checking again from scratch (a large file's first check can follow edits)
    assert checker.counts() == _counts(checker.findings())


def _counts(findings: list[Finding]) -> dict[Severity, int]:
    return {severity: sum(1 for f in findings if f.severity is severity) for severity in Severity}


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_save_and_load_round_trip(data: st.DataObject) -> None:
    s = Structure()
    counter = [0]
    for _ in range(data.draw(st.integers(0, 25))):
        with contextlib.suppress(EditRefused):
            s.apply(_draw_edit(data, s, counter))
    document = Document("Round Trip Council", CouncilType.DISTRICT, PROFILE, [Scenario("Proposed", s, "n")])
    loaded = native.loads(native.dumps(document))
    assert loaded.scenario("Proposed").structure.snapshot() == s.snapshot()
    assert loaded.profile == PROFILE
    assert loaded.council_type is CouncilType.DISTRICT


@settings(max_examples=80, deadline=None)
@given(st.data())
def test_a_full_check_finds_what_checking_every_post_with_every_rule_finds(data: st.DataObject) -> None:
    """A full check runs each rule only on the posts the rule lists (its candidates, found without
    visiting every post); checking every post must find nothing more, in a structure built by edits,
    the same structure read back from a file, and a copy of it with edits undone (posts_with_managers
    pairs each post with its manager in all three)."""
    s = Structure()
    counter = [0]
    inverses = []
    for _ in range(data.draw(st.integers(0, 40))):
        with contextlib.suppress(EditRefused):
            inverses.append(s.apply(_draw_edit(data, s, counter)).inverse)
    document = Document("Candidates Council", CouncilType.COUNTY, PROFILE, [Scenario("Proposed", s, "n")])
    loaded = native.loads(native.dumps(document)).scenario("Proposed").structure
    undone = s.copy()  # a copy, then some of the edits undone on it (latest first)
    for inverse in reversed(inverses[len(inverses) // 2 :]):
        undone.apply(inverse)
    every_post = tuple(replace(rule, only=None) for rule in ALL_RULES)
    no_bands = RulesProfile(min_span=3, max_span=3, max_layers=2, package_threshold=100_000)
    for structure in (s, loaded, undone):
        pairs = [(post.id, manager) for post, manager in structure.posts_with_managers()]
        assert pairs == [(p, structure.manager_of(p)) for p in structure.post_ids()]
        for profile in (PROFILE, no_bands):
            found = check(structure, profile, CouncilType.COUNTY)
            assert found == Checker(structure, profile, CouncilType.COUNTY, every_post).full()
