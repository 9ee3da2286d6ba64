"""Metrics add up as HR would add them up; the layout never overlaps cards."""

from __future__ import annotations

import contextlib
import dataclasses

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orgdesigner.model.edits import AddStaffGroup, UpdatePost
from orgdesigner.model.errors import EditRefused
from orgdesigner.model.layout import LayoutOptions, forest_layout, layout
from orgdesigner.model.metrics import compute, on_costs
from orgdesigner.model.post import Side, StaffGroup
from orgdesigner.model.profile import RulesProfile
from orgdesigner.model.structure import Structure
from tests.model.builders import tree
from tests.model.test_properties import _draw_edit


def test_on_costs_are_per_person_with_ni_above_the_threshold_of_their_actual_pay() -> None:
    profile = RulesProfile()
    # £40,000: NI 15% of £35,000 = 5,250; LGPS 19.8% = 7,920
    assert on_costs(40_000, 1.0, profile) == pytest.approx(13_170)
    # half-time on £20,000 is paid £10,000: NI 15% of £5,000 = 750; LGPS 1,980 (not £3,105)
    assert on_costs(20_000, 0.5, profile) == pytest.approx(2_730)
    assert on_costs(4_000, 1.0, profile) == pytest.approx(792)


def test_metrics_cover_posts_and_staff_groups() -> None:
    s = tree({"ce": ["a", "b"], "a": ["a1", "a2"]})
    for pid, pay in (("ce", 150_000.0), ("a", 80_000.0), ("b", 60_000.0), ("a1", 40_000.0), ("a2", 40_000.0)):
        s.apply(UpdatePost(pid, {"pay_floor": pay, "pay_ceiling": pay}))
    s.apply(UpdatePost("a2", {"fte": 0.5}))
    s.apply(
        AddStaffGroup(
            StaffGroup("g", "b", "Officers", pay_floor=20_000, pay_ceiling=30_000, fte=10, side=Side.PROVIDER)
        )
    )
    m = compute(s, RulesProfile())
    assert (m.posts, m.managers, m.layers) == (5, 2, 3)
    assert m.fte_total == 14.5
    assert (m.span_min, m.span_max, m.span_mean) == (2, 2, 2.0)
    assert m.pay_bill == 150_000 + 80_000 + 60_000 + 40_000 + 20_000 + 250_000
    assert m.cost_with_oncosts > m.pay_bill
    assert m.core_share == round(4.5 / 14.5, 4)
    assert m.pay_multiple == 6.0  # £150K over the FTE-weighted median (£25K)


def test_metrics_follow_every_edit_and_every_change_of_rules() -> None:
    """Figures are kept between panels' questions, never past an edit or a change of rules."""
    s = tree({"ce": ["a", "b"]})
    s.apply(UpdatePost("a", {"pay_floor": 60_000.0, "pay_ceiling": 60_000.0}))
    profile = RulesProfile()
    first = compute(s, profile)
    assert compute(s, profile) == first
    profile.lgps_rate = 0.0  # the rules dialog edits a profile in place
    assert compute(s, profile).on_costs < first.on_costs
    s.apply(UpdatePost("b", {"pay_floor": 30_000.0, "pay_ceiling": 30_000.0}))
    assert compute(s, profile).pay_bill == 90_000


def _overlaps(a: tuple[float, float], b: tuple[float, float], w: float, h: float) -> bool:
    return abs(a[0] - b[0]) < w and abs(a[1] - b[1]) < h


def test_layout_has_no_overlaps_centres_managers_and_stacks_leaf_teams() -> None:
    spec = {"ce": ["a", "b", "c"], "a": [f"a{i}" for i in range(12)], "b": ["b1", "b2"], "b1": ["x", "y"]}
    s: Structure = tree(spec)
    opts = LayoutOptions()
    result = layout(s, opts)
    pos = list(result.positions.values())
    for i, p in enumerate(pos):
        for q in pos[i + 1 :]:
            assert not _overlaps(p, q, opts.card_width, opts.card_height)
    assert "a" in result.stacked
    team = [result.positions[f"a{i}"] for i in range(12)]
    assert len({x for x, _ in team}) == 2  # twelve reports in two columns of eight and four
    assert [y for _, y in team[:8]] == sorted(y for _, y in team[:8])
    assert min(y for _, y in team) > result.positions["a"][1]
    b1, b2 = result.positions["b1"], result.positions["b2"]
    assert result.positions["b"][0] == pytest.approx((b1[0] + b2[0]) / 2)
    assert result.positions["x"][1] > result.positions["b1"][1]


def test_collapsed_branches_are_not_laid_out() -> None:
    s = tree({"ce": ["a"], "a": ["a1", "a2"]})
    result = layout(s, LayoutOptions(collapsed=frozenset({"a"})))
    assert set(result.positions) == {"ce", "a"}


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_the_whole_chart_is_laid_out_as_the_general_path_lays_it_out(data: st.DataObject) -> None:
    """A chart with nothing folded is placed by a faster path (stacked teams found for the whole
    chart at once); folding a post that is not in the chart takes the general path, and the two
    pictures must be the same, for any stacking settings, holding area included."""
    s = Structure()
    counter = [0]
    for _ in range(data.draw(st.integers(0, 40))):
        with contextlib.suppress(EditRefused):
            s.apply(_draw_edit(data, s, counter))
    opts = LayoutOptions(
        stack_leaves=data.draw(st.booleans()),
        stack_min=data.draw(st.integers(1, 4)),
        stack_rows=data.draw(st.integers(1, 3)),
        stack_indent=data.draw(st.sampled_from([28.0, 0.0])),
    )
    fast = layout(s, opts)
    general = layout(s, dataclasses.replace(opts, collapsed=frozenset({"no such post"})))
    assert fast.positions == general.positions
    assert (fast.stacked, fast.width, fast.height, fast.holding_x) == (
        general.stacked,
        general.width,
        general.height,
        general.holding_x,
    )
    # The placed trees alone, as a branch or a printed page lays them out: from the structure, and
    # from report lists (the path that cannot ask a post's manager).
    placed = forest_layout(s.roots(), s, opts)
    assert placed.positions == {p: xy for p, xy in fast.positions.items() if p in placed.positions}
    assert set(placed.positions) == {p for p, _layer in s.walk()}
    as_lists = forest_layout(s.roots(), {p: s.reports_of(p) for p in s.post_ids()}, opts)
    assert (as_lists.positions, as_lists.stacked, as_lists.width) == (placed.positions, placed.stacked, placed.width)
