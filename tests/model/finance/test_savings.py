"""The savings profile: dated phases, part-year effects, turnover, job fit, exit costs and payback."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from orgdesigner.model.compare import compare
from orgdesigner.model.document import Document, Phase, Scenario
from orgdesigner.model.edits import AddPost, RemovePost, UpdatePost
from orgdesigner.model.metrics import on_costs
from orgdesigner.model.post import Holder, Post
from orgdesigner.model.profile import RulesProfile
from orgdesigner.model.structure import Structure


def spot(pay: float, **fields: object) -> dict[str, object]:
    return {"pay_floor": pay, "pay_ceiling": pay, **fields}


def cost(pay: float, profile: RulesProfile | None = None) -> float:
    return pay + on_costs(pay, 1.0, profile or RulesProfile())


def person(born: str = "1965-06-01", since: str = "1995-06-01", **fields: object) -> Holder:
    return Holder(name="A Person", date_of_birth=born, service_start=since, **fields)  # type: ignore[arg-type]


def plan(current: Structure, year1: str = "2011/12", *phases: tuple[int, str]) -> Document:
    """A file with Current and a copy Proposed dated by `phases` (number, date)."""
    doc = Document("Cheltenham Borough Council", scenarios=[Scenario("Current", current)])
    proposed = doc.duplicate("Current", "Proposed")
    proposed.phases = [Phase(n, f"Phase {n}", when) for n, when in phases or ((1, "2011-04-01"), (2, "2012-10-01"))]
    proposed.year1 = year1
    return doc


def council(**posts: dict[str, object]) -> Structure:
    s = Structure()
    s.apply(AddPost(Post("ce", "Chief Executive", **spot(150_000))))  # type: ignore[arg-type]
    for post_id, fields in posts.items():
        title = str(fields.pop("title", post_id.upper()))
        s.apply(AddPost(Post(post_id, title, **fields), "ce"))  # type: ignore[arg-type]
    return s


def test_two_phases_give_part_year_then_full_year_savings() -> None:
    # An Assistant Director (£70K, phase 1: 1 April 2011) and a manager (£40K, phase 2: 1 October 2012) go.
    doc = plan(council(ad=spot(70_000), mgr=spot(40_000)))
    proposed = doc.scenario("Proposed").structure
    proposed.apply(RemovePost("ad"))
    proposed.apply(RemovePost("mgr"))
    c = compare(doc, "Current", "Proposed")
    assert c.finance is not None
    years = c.finance.years
    assert [y.year for y in years] == ["2011/12", "2012/13", "2013/14"]
    assert years[0].saving == round(cost(70_000), 2)
    assert years[1].saving == round(cost(70_000) + cost(40_000) * 182 / 365, 2)
    assert years[2].saving == round(cost(70_000) + cost(40_000), 2) == c.annual_saving
    assert c.finance.full_year == c.annual_saving


def test_a_post_with_its_own_date_is_not_moved_by_its_phase() -> None:
    doc = plan(council(ad=spot(70_000, effective_date="2011-07-01")))
    doc.scenario("Proposed").structure.apply(RemovePost("ad"))
    finance = compare(doc, "Current", "Proposed").finance
    assert finance is not None
    assert finance.years[0].saving == round(cost(70_000) * 275 / 366, 2)  # 275 of 2011/12's 366 days (29 February 2012)


def test_payback_months_and_one_off_lines() -> None:
    doc = plan(council(ad=spot(90_000)))
    proposed = doc.scenario("Proposed")
    proposed.structure.apply(RemovePost("ad"))
    proposed.one_off_costs = [("Transition capacity", 80_000.0)]
    finance = compare(doc, "Current", "Proposed").finance
    assert finance is not None
    saving = cost(90_000)
    assert finance.one_off_total == 80_000.0 and finance.years[0].one_off == 80_000.0
    # the post is vacant-free but has no named holder: one person, no data, no cost guessed
    assert finance.people_without_data == 1
    months_needed = 80_000 / (saving / 12)
    assert finance.payback_months is not None
    assert months_needed <= finance.payback_months < months_needed + 1.1
    proposed.one_off_costs = [("Transition capacity", 10 * saving)]
    doc.scenario("Proposed").structure.apply(UpdatePost("ce", {"notes": "edited"}))
    later = compare(doc, "Current", "Proposed").finance
    assert later is not None and later.payback_months is not None and later.payback_months >= 119


def test_no_saving_never_pays_back() -> None:
    doc = plan(council(ad=spot(90_000)))
    proposed = doc.scenario("Proposed")
    proposed.structure.apply(AddPost(Post("new", "New Head", **spot(90_000)), "ce"))  # type: ignore[arg-type]
    proposed.one_off_costs = [("Recruitment", 10_000.0)]
    finance = compare(doc, "Current", "Proposed").finance
    assert finance is not None and finance.payback_months is None
    assert finance.years[0].saving < 0


def test_redundancy_cost_bands_and_the_full_council_flag() -> None:
    long_serving = person(born="1960-01-01", since="1985-01-01", lgps_member=True, strain_cost=95_000.0)
    doc = plan(council(ad=spot(70_000, holders=(long_serving,)), mgr=spot(40_000, holders=(person(),))))
    structure = doc.scenario("Proposed").structure
    structure.apply(RemovePost("ad"))
    structure.apply(RemovePost("mgr"))
    finance = compare(doc, "Current", "Proposed").finance
    assert finance is not None
    assert finance.redundancies == 2.0 and finance.people_without_data == 0
    by_person = {o.person.post_id: o for o in finance.people}
    ad = by_person["ad"].exit
    assert ad is not None and ad.age == 51 and ad.years == 26 and ad.strain == 0.0  # under 55 in April 2011
    assert ad.redundancy.weeks == 25.0 and ad.redundancy.statutory == 25 * 400  # the cap from 1 February 2011
    used = {band.high: band.count for band in finance.exit_packages if band.count}
    assert sum(used.values()) == 2
    assert finance.council_packages == 0
    assert finance.one_off_total == round(sum(o.expected_cost for o in finance.people), 2)


def test_job_fit_redeploys_and_a_ring_fence_costs_one_exit() -> None:
    a = person(born="1970-01-01", since="1990-01-01")
    b = person(born="1960-01-01", since="1980-01-01")
    fields = {"function": "Housing", "grade": "M3"}
    doc = plan(
        council(h1=spot(60_000, title="Head of Housing", holders=(a,), **fields)),
        "2011/12",
        (1, "2011-04-01"),
    )
    structure = doc.scenario("Proposed").structure
    structure.apply(RemovePost("h1"))
    structure.apply(AddPost(Post("hn", "Head of Housing and Homes", **spot(58_000, **fields)), "ce"))  # type: ignore[arg-type]
    one = compare(doc, "Current", "Proposed").finance
    assert one is not None
    assert one.redeployed == 1.0 and one.redundancies == 0.0
    assert one.one_off_total == 2_000.0  # twelve months' pay protection on the £2,000 drop
    # Two displaced heads for one new post: each is appointed with chance 1/2.
    current = doc.scenario("Current").structure
    current.apply(AddPost(Post("h2", "Head of Housing", **spot(60_000, holders=(b,), **fields)), "ce"))  # type: ignore[arg-type]
    structure.apply(AddPost(Post("h2", "Head of Housing", **spot(60_000, holders=(b,), **fields)), "ce"))  # type: ignore[arg-type]
    structure.apply(RemovePost("h2"))
    two = compare(doc, "Current", "Proposed").finance
    assert two is not None
    assert two.redundancies == 1.0 and two.redeployed == 1.0
    packages = [o.exit.total for o in two.people if o.exit is not None]
    assert two.one_off_total == round(sum(packages) / 2 + 2_000.0 / 2 * 2, 2)


def test_alike_new_posts_are_filled_by_every_displaced_holder_who_fits_them() -> None:
    """Eight team leaders deleted and eight alike posts made: all eight are redeployed, not just the
    five a single post's ring-fence would look at."""
    fields = {"function": "Housing", "grade": "TL2"}
    current = council(
        **{f"t{n}": spot(32_000, title="Housing Team Leader", holders=(person(),), **fields) for n in range(8)}
    )
    doc = plan(current, "2011/12", (1, "2011-04-01"))
    proposed = doc.scenario("Proposed").structure
    for n in range(8):
        proposed.apply(RemovePost(f"t{n}"))
        proposed.apply(AddPost(Post(f"n{n}", "Housing Team Leader", **spot(32_000, **fields)), "ce"))  # type: ignore[arg-type]
    finance = compare(doc, "Current", "Proposed").finance
    assert finance is not None
    assert finance.redeployed == 8.0 and finance.redundancies == 0.0
    # Six such posts for the eight: each keeps a job with chance 6/8, so two exits are expected.
    for n in range(6, 8):
        proposed.apply(RemovePost(f"n{n}"))
    fewer = compare(doc, "Current", "Proposed").finance
    assert fewer is not None
    assert fewer.redeployed == 6.0 and fewer.redundancies == 2.0


def test_natural_turnover_and_delete_when_vacated() -> None:
    holder = person()
    doc = plan(council(ad=spot(70_000, holders=(holder,), delete_when_vacated=True)))
    doc.scenario("Proposed").structure.apply(RemovePost("ad"))
    still = compare(doc, "Current", "Proposed").finance
    assert still is not None
    assert [y.saving for y in still.years] == [0.0, 0.0, 0.0]  # nobody leaves at 0% turnover
    assert still.full_year == round(cost(70_000), 2) and still.redundancies == 0 and still.one_off_total == 0
    doc.profile.finance = dataclasses.replace(doc.profile.finance, turnover_rate=0.25)
    leaving = compare(doc, "Current", "Proposed").finance
    assert leaving is not None
    savings = [y.saving for y in leaving.years]
    assert 0 < savings[0] < savings[1] < savings[2] < leaving.full_year
    assert 0.5 < leaving.turnover_exits < 0.6  # 1 - 0.75 ** 3 of one person over three years
    assert leaving.redundancies == 0


def test_turnover_before_a_late_phase_lowers_expected_redundancies() -> None:
    doc = plan(council(mgr=spot(40_000, holders=(person(),))))
    doc.profile.finance = dataclasses.replace(doc.profile.finance, turnover_rate=0.2)
    doc.scenario("Proposed").structure.apply(RemovePost("mgr"))  # phase 2: 18 months after the start
    finance = compare(doc, "Current", "Proposed").finance
    assert finance is not None
    assert finance.turnover_exits + finance.redundancies == 1.0
    assert 0.25 < finance.turnover_exits < 0.35  # 1 - 0.8 ** 1.5


def test_saving_in_year_3_is_checked_against_its_target() -> None:
    doc = plan(council(ad=spot(70_000), mgr=spot(40_000)))
    proposed = doc.scenario("Proposed")
    proposed.structure.apply(RemovePost("ad"))
    proposed.targets = {"saving_year_3": 90_000.0, "saving_year_1": 200_000.0}
    targets = {t.name: t for t in compare(doc, "Current", "Proposed").targets}
    assert targets["saving_year_3"].met and not targets["saving_year_1"].met
    assert targets["saving_year_3"].achieved == round(cost(70_000), 2)


@settings(max_examples=40, deadline=None)
@given(
    changes=st.lists(
        st.tuples(
            st.sampled_from(["delete", "add", "regrade"]),
            st.integers(min_value=18_000, max_value=150_000),
            st.integers(min_value=0, max_value=1_500),
        ),
        min_size=1,
        max_size=8,
    ),
    horizon=st.integers(min_value=1, max_value=5),
)
def test_the_years_add_up_to_each_change_times_its_time_in_force(
    changes: list[tuple[str, int, int]], horizon: int
) -> None:
    start = date(2013, 4, 1)
    current = council(**{f"p{i}": spot(30_000 + i) for i in range(len(changes))})
    doc = plan(current, "2013/14", (1, "2013-04-01"))
    proposed = doc.scenario("Proposed")
    proposed.horizon = horizon
    expected_by_day: dict[date, float] = {}
    for i, (kind, pay, offset) in enumerate(changes):
        when = start + timedelta(days=offset)
        if kind == "delete":  # a deleted post's own date is set where it still exists
            current.apply(UpdatePost(f"p{i}", {"effective_date": when.isoformat()}))
            proposed.structure.apply(RemovePost(f"p{i}"))
            saving = cost(30_000 + i)
        elif kind == "add":
            new = Post(f"n{i}", "New", effective_date=when.isoformat(), **spot(pay))  # type: ignore[arg-type]
            proposed.structure.apply(AddPost(new, "ce"))
            saving = -cost(pay)
        else:
            proposed.structure.apply(UpdatePost(f"p{i}", {"effective_date": when.isoformat(), **spot(pay)}))
            saving = cost(30_000 + i) - cost(pay)
        expected_by_day[when] = expected_by_day.get(when, 0.0) + saving
    finance = compare(doc, "Current", "Proposed").finance
    assert finance is not None
    # The oracle: walk every day of the horizon, adding each change in force at its day's rate.
    end = date(2013 + horizon, 4, 1)
    expected = 0.0
    day = start
    while day < end:
        year_days = 366 if (date(day.year + (day.month >= 4), 3, 1) - timedelta(days=1)).day == 29 else 365
        expected += sum(s for when, s in expected_by_day.items() if when <= day) / year_days
        day += timedelta(days=1)
    assert abs(sum(y.saving for y in finance.years) - expected) < 0.01 * len(changes) * horizon + 0.05
