"""Figures as a Cabinet paper states them: people costed on their own pay, shared posts counting
their share, staff groups costed per person, the pay multiple over people."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from orgdesigner.model.edits import AddPost, AddStaffGroup, UpdatePost
from orgdesigner.model.metrics import compute
from orgdesigner.model.post import Holder, Post, StaffGroup
from orgdesigner.model.profile import RulesProfile
from orgdesigner.model.structure import Structure
from tests.model.builders import tree


def _paid(s: Structure, post_id: str, salary: float, **fields: object) -> None:
    s.apply(UpdatePost(post_id, {"pay_floor": salary, "pay_ceiling": salary, **fields}))


def test_a_shared_post_counts_its_share_of_fte_management_posts_and_full_cost() -> None:
    s = tree({"ce": ["mo"], "mo": ["lawyer"]})
    _paid(s, "mo", 80_000, employer="Tewkesbury Borough Council", share=0.5)
    profile = RulesProfile(levy_allowance=10**9)
    m = compute(s, profile)
    assert m.management_posts == 1.5  # the chief executive, and half the shared MO
    assert m.fte_posts == 2.5
    # NI and pension on the whole £80,000, then the half share taken
    whole = 80_000 + (80_000 - 5_000) * 0.15 + 80_000 * 0.198
    assert m.cost_with_oncosts == pytest.approx(whole / 2)
    assert m.pay_bill == 40_000


def test_a_staff_group_is_costed_per_person_on_its_average_pay() -> None:
    s = tree({"ce": []})
    group = StaffGroup("g", "ce", "Officers", pay_floor=20_000, pay_ceiling=20_000, fte=10, headcount=20)
    s.apply(AddStaffGroup(group))
    profile = RulesProfile(levy_allowance=10**9)
    m = compute(s, profile)
    assert m.pay_bill == 200_000
    # 20 people earning £10,000: NI on £5,000 each
    assert m.on_costs == pytest.approx(20 * ((10_000 - 5_000) * 0.15 + 10_000 * 0.198))
    assert m.headcount == 21


def test_a_job_share_takes_the_ni_threshold_once_per_person_and_a_holder_out_of_the_lgps_costs_no_pension() -> None:
    s = tree({"ce": ["hr"]})
    _paid(s, "hr", 40_000, holders=(Holder("Ann", 0.5), Holder("Bo", 0.5, lgps_member=False)))
    profile = RulesProfile(levy_allowance=10**9)
    hr_cost = compute(s, profile).cost_with_oncosts
    assert hr_cost == pytest.approx(40_000 + 2 * (15_000 * 0.15) + 20_000 * 0.198)


def test_the_apprenticeship_levy_is_in_the_cost_and_on_costs() -> None:
    s = tree({"ce": []})
    _paid(s, "ce", 200_000)
    m = compute(s, RulesProfile(levy_allowance=100_000))
    assert m.apprenticeship_levy == 500
    assert m.cost_with_oncosts == pytest.approx(m.pay_bill + m.employer_ni + m.employer_pension + 500)


def test_the_pay_multiple_is_highest_pay_over_the_median_of_people() -> None:
    s = tree({"ce": ["a"]})
    _paid(s, "ce", 120_000)
    _paid(s, "a", 60_000, fte=0.5)
    # three people on £20,000 and one on £40,000: people's FTE pay 20, 20, 20, 40, 60, 120 → median 30,000
    s.apply(AddStaffGroup(StaffGroup("g", "a", "Clerks", pay_floor=20_000, pay_ceiling=20_000, fte=1.5, headcount=3)))
    s.apply(AddStaffGroup(StaffGroup("h", "a", "Officers", pay_floor=40_000, pay_ceiling=40_000, fte=1)))
    assert compute(s, RulesProfile()).pay_multiple == 4.0


def test_management_posts_by_pay_threshold_when_the_profile_says_so() -> None:
    s = tree({"ce": ["a", "b"], "a": ["a1"]})
    _paid(s, "ce", 150_000)
    _paid(s, "b", 70_000)
    _paid(s, "a", 50_000)
    assert compute(s, RulesProfile()).management_posts == 2  # ce and a manage
    by_pay = RulesProfile(management_basis="pay", management_pay_threshold=60_000)
    m = compute(s, by_pay)
    assert m.management_posts == 2  # ce and b are paid £60,000 or more
    assert m.management_definition == "posts paid £60,000 or more (full-time)"
    assert m.managers == 2  # the spans' denominator is not the management-post definition


people = st.lists(
    st.tuples(
        st.floats(0.1, 1.0),
        st.one_of(st.none(), st.integers(1_000, 150_000).map(float)),
        st.one_of(st.none(), st.booleans()),
    ),
    max_size=3,
)
posts = st.lists(
    st.tuples(st.integers(1_000, 200_000).map(float), st.floats(0.1, 2.0), st.sampled_from([1.0, 0.5, 0.25]), people),
    min_size=1,
    max_size=12,
)
groups = st.lists(
    st.tuples(st.integers(5_000, 60_000).map(float), st.floats(0.5, 40.0), st.one_of(st.none(), st.integers(1, 60))),
    max_size=4,
)


@settings(max_examples=60, deadline=None)
@given(posts, groups, st.floats(0, 1e6))
def test_per_person_on_costs_summed_equal_the_cost_figure(
    post_specs: list[tuple[float, float, float, list[tuple[float, float | None, bool | None]]]],
    group_specs: list[tuple[float, float, int | None]],
    allowance: float,
) -> None:
    profile = RulesProfile(levy_allowance=allowance)
    s = Structure()
    expected_pay = expected_on_costs = 0.0

    def person(full_time: float, fte: float, share: float, lgps: bool | None) -> None:
        nonlocal expected_pay, expected_on_costs
        pay = full_time * fte
        ni = max(0.0, pay - profile.ni_threshold) * profile.ni_rate
        pension = 0.0 if lgps is False else pay * profile.lgps_rate
        expected_pay += pay * share
        expected_on_costs += (ni + pension) * share

    for n, (salary, fte, share, holders) in enumerate(post_specs):
        people_in = tuple(
            Holder(f"p{k}", h_fte, salary=h_salary, lgps_member=lgps)
            for k, (h_fte, h_salary, lgps) in enumerate(holders)
        )
        post = Post(f"p{n}", "Post", pay_floor=salary, pay_ceiling=salary, fte=fte, share=share, holders=people_in)
        s.apply(AddPost(post, None if n == 0 else "p0"))
        if people_in:
            for holder in people_in:
                person(holder.salary if holder.salary is not None else salary, holder.fte, share, holder.lgps_member)
        else:
            count = max(1, math.ceil(fte - 1e-9))
            for _ in range(count):
                person(salary, fte / count, share, None)
    for n, (salary, fte, headcount) in enumerate(group_specs):
        group = StaffGroup(f"g{n}", "p0", "Staff", pay_floor=salary, pay_ceiling=salary, fte=fte, headcount=headcount)
        s.apply(AddStaffGroup(group))
        count = group.people
        for _ in range(count):
            person(salary, fte / count, 1.0, None)
    levy = max(0.0, expected_pay - allowance) * profile.levy_rate
    m = compute(s, profile)
    assert m.pay_bill == pytest.approx(expected_pay, abs=0.02)
    assert m.on_costs == pytest.approx(expected_on_costs + levy, abs=0.05)
    assert m.cost_with_oncosts == pytest.approx(expected_pay + expected_on_costs + levy, abs=0.05)


@settings(max_examples=80, deadline=None)
@given(posts)
def test_a_posts_cost_is_exactly_what_its_people_add_up_to(
    post_specs: list[tuple[float, float, float, list[tuple[float, float | None, bool | None]]]],
) -> None:
    """post_cost costs a one-holder post straight away; the workbook's and the PDF's per-person
    lines add up post_people: the two must agree to the penny, not roughly."""
    from orgdesigner.model import figures

    profile = RulesProfile()
    for salary, fte, share, holders in post_specs:
        people_in = tuple(Holder("p", h_fte, salary=h_salary, lgps_member=lgps) for h_fte, h_salary, lgps in holders)
        for floor in (salary, None):
            post = Post("p", "Post", pay_floor=floor, pay_ceiling=floor, fte=fte, share=share, holders=people_in)
            people = figures.post_people(post, profile)
            assert figures.post_cost(post, profile) == figures.Cost(
                sum(p.pay for p in people), sum(p.ni for p in people), sum(p.pension for p in people)
            )
