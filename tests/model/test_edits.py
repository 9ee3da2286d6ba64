"""Edits change the structure as a user expects, refuse what would break it, and undo exactly."""

from __future__ import annotations

import pytest

from orgdesigner.model.edits import (
    AddDottedLine,
    AddPost,
    AddStaffGroup,
    Composite,
    MovePost,
    RemoveDottedLine,
    RemovePost,
    UpdatePost,
    UpdateStaffGroup,
)
from orgdesigner.model.errors import EditRefused
from orgdesigner.model.post import Side, StaffGroup, Status
from orgdesigner.model.structure import Structure
from tests.model.builders import post, tree


def small() -> Structure:
    return tree({"ce": ["a", "b"], "a": ["a1", "a2", "a3"], "b": ["b1"]})


def test_remove_keeping_reports_moves_them_up_in_place_and_undo_restores() -> None:
    s = small()
    s.apply(AddStaffGroup(StaffGroup("g", "a", "Officers", fte=4)))
    before = s.snapshot()
    applied = s.apply(RemovePost("a", keep_reports=True))
    assert "a" not in s
    assert s.reports_of("ce") == ("a1", "a2", "a3", "b")
    assert s.staff_group("g").manager_id == "ce"
    s.apply(applied.inverse)
    assert s.snapshot() == before


def test_remove_branch_takes_everything_below_and_undo_restores_dotted_lines() -> None:
    s = small()
    s.apply(AddDottedLine("b1", "a2"))
    s.apply(AddDottedLine("a3", "b"))
    before = s.snapshot()
    applied = s.apply(RemovePost("a", keep_reports=False))
    assert set(s.post_ids()) == {"ce", "b", "b1"}
    assert s.dotted_managers("b1") == frozenset()
    s.apply(applied.inverse)
    assert s.snapshot() == before
    assert s.dotted_managers("b1") == {"a2"}


def test_move_takes_the_branch_and_refuses_a_cycle_with_a_clear_message() -> None:
    s = small()
    s.apply(MovePost("a", "b"))
    assert s.manager_of("a") == "b"
    assert s.layer("a1") == 4
    with pytest.raises(EditRefused, match="already below 'A'"):
        s.apply(MovePost("a", "a2"))
    with pytest.raises(EditRefused, match="cannot report to itself"):
        s.apply(MovePost("a", "a"))
    assert s.manager_of("a") == "b"


def test_second_solid_line_manager_is_refused() -> None:
    s = small()
    with pytest.raises(EditRefused, match="one solid-line manager"):
        s.apply(AddPost(post("a1"), "b"))
    with pytest.raises(EditRefused, match="already reports to 'A' by a solid line"):
        s.apply(AddDottedLine("a1", "a"))


def test_move_within_same_manager_reorders_and_undo_puts_back() -> None:
    s = small()
    before = s.snapshot()
    applied = s.apply(MovePost("a3", "a", 0))
    assert s.reports_of("a") == ("a3", "a1", "a2")
    s.apply(applied.inverse)
    assert s.snapshot() == before


def test_update_validates_values_and_inverse_restores() -> None:
    s = small()
    before = s.snapshot()
    applied = s.apply(UpdatePost("a", {"side": "provider", "fte": 0.5, "status": "vacant"}))
    assert s.post("a").side is Side.PROVIDER
    assert s.post("a").status is Status.VACANT
    for bad, reason in (
        ({"fte": 0}, "FTE must be more than 0"),
        ({"pay_floor": 90000, "pay_ceiling": 80000}, "floor"),
        ({"side": "elsewhere"}, "not a valid side"),
        ({"transition_end": "next year"}, "not a date"),
        ({"id": "x"}, "no field id"),
    ):
        with pytest.raises(EditRefused, match=reason):
            s.apply(UpdatePost("a", bad))
    s.apply(applied.inverse)
    assert s.snapshot() == before


def test_holding_area_keeps_posts_and_moving_them_in_places_them() -> None:
    s = small()
    s.apply(AddPost(post("lost"), None, holding_reason="manager unknown"))
    assert s.holding() == {"lost": "manager unknown"}
    assert not s.is_placed("lost")
    applied = s.apply(MovePost("lost", "b"))
    assert s.holding() == {}
    assert s.is_placed("lost")
    s.apply(applied.inverse)
    assert s.holding() == {"lost": "manager unknown"}


def test_composite_is_all_or_nothing() -> None:
    s = small()
    before = s.snapshot()
    with pytest.raises(EditRefused):
        s.apply(Composite((MovePost("b1", "a"), MovePost("a", "a1"))))
    assert s.snapshot() == before


def test_staff_group_moves_and_side_totals_follow() -> None:
    s = small()
    s.apply(AddStaffGroup(StaffGroup("g", "a", "Carers", fte=10)))
    assert s.fte_units_by_side()[Side.COMMISSIONING] == (7 + 10) * 10_000
    s.apply(UpdatePost("a", {"side": Side.PROVIDER}))
    assert s.fte_units_by_side()[Side.PROVIDER] == 11 * 10_000
    applied = s.apply(UpdateStaffGroup("g", {"manager_id": "b"}))
    assert s.fte_units_by_side()[Side.PROVIDER] == 1 * 10_000
    s.apply(applied.inverse)
    assert s.staff_group("g").manager_id == "a"


def test_dotted_lines_add_and_remove() -> None:
    s = small()
    applied = s.apply(AddDottedLine("b1", "a"))
    assert s.dotted_lines() == [("b1", "a")]
    with pytest.raises(EditRefused, match="already has a dotted line"):
        s.apply(AddDottedLine("b1", "a"))
    s.apply(applied.inverse)
    assert s.dotted_lines() == []
    with pytest.raises(EditRefused, match="no dotted line"):
        s.apply(RemoveDottedLine("b1", "a"))


def test_moving_under_a_dotted_line_manager_makes_the_line_solid_and_undo_restores_it() -> None:
    s = small()
    s.apply(AddDottedLine("b1", "a"))
    before = s.snapshot()
    applied = s.apply(MovePost("b1", "a"))
    assert s.manager_of("b1") == "a" and s.dotted_managers("b1") == frozenset()
    s.apply(applied.inverse)
    assert s.snapshot() == before
