"""Readers build structures through the builder: every post kept, every repair named."""

from __future__ import annotations

import contextlib

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orgdesigner.model.builder import StructureBuilder
from orgdesigner.model.errors import EditRefused
from orgdesigner.model.post import Post, Role, StaffGroup
from orgdesigner.model.structure import Structure
from tests.model.test_properties import _draw_edit


def test_builder_keeps_every_post_and_names_each_repair() -> None:
    builder = StructureBuilder("Proposed: ")
    builder.add_post(Post("ce", "Chief Executive", roles=frozenset({Role.HEAD_OF_PAID_SERVICE})))
    builder.add_post(Post("a", "Director A"), "ce", dotted=["b", "nobody"])
    builder.add_post(Post("b", "Director B"), "ce")
    builder.add_post(Post("a", "Director A again"), "ce")
    builder.add_post(Post("x", "Lost"), "gone")
    builder.add_post(Post("l1", "Loop one"), "l2")
    builder.add_post(Post("l2", "Loop two"), "l1")
    builder.add_group(StaffGroup("g", "b", "Officers", fte=4.0))
    builder.add_group(StaffGroup("h", "nobody", "Orphans", fte=2.0))
    problems: list[str] = []
    s = builder.build(problems)
    assert s.roots() == ("ce",)
    assert s.reports_of("ce") == ("a", "b", "a~2")
    assert s.post("a").source_ref == "a" and s.post("a~2").source_ref == "a"
    assert s.holding() == {
        "x": "reports to 'gone', which is not in the file",
        "l1": "its reporting line loops back to itself (was under 'l2')",
    }
    assert s.reports_of("l1") == ("l2",)
    assert s.dotted_managers("a") == {"b"}
    assert s.staff_group("h").manager_id is None
    assert s.role_holders(Role.HEAD_OF_PAID_SERVICE) == {"ce"}
    assert s.duplicate_refs() == {"a": frozenset({"a", "a~2"})}
    assert len(problems) == 4 and all(p.startswith("Proposed: ") for p in problems)
    assert sum(s.fte_units_by_side().values()) == (7 + 4 + 2) * 10_000


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_a_copy_is_the_same_structure_with_its_own_tables(data: st.DataObject) -> None:
    s = Structure()
    counter = [0]
    for _ in range(data.draw(st.integers(0, 30))):
        with contextlib.suppress(EditRefused):
            s.apply(_draw_edit(data, s, counter))
    clone = s.copy()
    assert clone.snapshot() == s.snapshot()
    assert clone.fte_units_by_side() == s.fte_units_by_side()
    assert all(clone.role_holders(r) == s.role_holders(r) for r in Role)
    assert clone.duplicate_refs() == s.duplicate_refs()
    with contextlib.suppress(EditRefused):
        clone.apply(_draw_edit(data, clone, counter))
    assert s.snapshot() == s.copy().snapshot()


def test_posts_listed_before_their_managers_are_placed_as_their_managers_say() -> None:
    """A hand-made file need not list managers first: each post goes under the manager it names,
    siblings in file order, and the structure lists its posts top-down as it does for a saved file."""
    lines = [("ce", None), ("a", "ce"), ("a1", "a"), ("a2", "a"), ("b", "ce"), ("b1", "b")]
    built = []
    for order in (lines, lines[::-1], lines[2:] + lines[:2]):
        builder = StructureBuilder()
        for post_id, manager in order:
            builder.add_post(Post(post_id, post_id.upper()), manager)
        problems: list[str] = []
        built.append(builder.build(problems))
        assert problems == []
    in_order, reversed_, shifted = built
    assert list(in_order.walk()) == [("ce", 1), ("a", 2), ("a1", 3), ("a2", 3), ("b", 2), ("b1", 3)]
    assert list(reversed_.walk()) == [("ce", 1), ("b", 2), ("b1", 3), ("a", 2), ("a2", 3), ("a1", 3)]
    assert list(shifted.walk()) == [("ce", 1), ("b", 2), ("b1", 3), ("a", 2), ("a1", 3), ("a2", 3)]
    for structure in built:
        assert [p.id for p in structure] == [p for p, _layer in structure.walk()]
