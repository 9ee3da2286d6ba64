"""Before the first letter: who is at risk, the s.188 timetable, s.2 appointments, equality counts."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from orgdesigner import resources
from orgdesigner.formats import native
from orgdesigner.model.consultation import appointments as appoint
from orgdesigner.model.consultation.analysis import Consultation, analyse
from orgdesigner.model.consultation.equality import NOT_RECORDED, suppress
from orgdesigner.model.document import Document, Phase, Scenario
from orgdesigner.model.edits import AddPost, AddStaffGroup, UpdatePost
from orgdesigner.model.post import Holder, Post, Role, StaffGroup, Status
from orgdesigner.model.structure import Structure

TODAY = date(2026, 1, 5)


def _phase(number: int, effective: date | None, start: date | None = None) -> Phase:
    return Phase(
        number,
        f"Phase {number}",
        effective.isoformat() if effective else None,
        start.isoformat() if start else None,
    )


def council(deleted: dict[int, int], kept: int = 3, phases: list[Phase] | None = None) -> Document:
    """A council whose proposal deletes `deleted[phase]` filled posts in each phase (by pay)."""
    pay = {1: 60_000.0, 2: 40_000.0, 3: 25_000.0}
    before, after = Structure(), Structure()
    for s in (before, after):
        s.apply(AddPost(Post("ce", "Chief Executive", roles=frozenset({Role.HEAD_OF_PAID_SERVICE}))))
        for n in range(kept):
            s.apply(AddPost(Post(f"k{n}", f"Kept {n}"), "ce"))
    for phase, count in deleted.items():
        for n in range(count):
            before.apply(
                AddPost(Post(f"p{phase}-{n}", f"Officer {n}", pay_floor=pay[phase], pay_ceiling=pay[phase]), "ce")
            )
    document = Document("Testshire", scenarios=[Scenario("Current", before), Scenario("Proposed", after)])
    document.profile.consultation_notice_weeks = 0
    if phases is not None:
        document.scenarios[1].phases = phases
    return document


def run(document: Document, today: date = TODAY) -> Consultation:
    return analyse(document, "Current", "Proposed", today)


def test_no_consultation_under_20_and_30_days_from_20() -> None:
    for people, days in ((19, 0), (20, 30), (99, 30), (100, 45)):
        result = run(council({1: people}, phases=[_phase(1, TODAY + timedelta(days=120))]))
        assert result.at_risk == people
        assert [p.timetable.consultation_days for p in result.phases] == [days]
        assert result.as_dict()["phases"][0]["consultation_days"] == days


def test_29_days_before_the_first_dismissal_is_too_late_and_30_is_enough() -> None:
    enough = run(council({1: 20}, phases=[_phase(1, TODAY + timedelta(days=30))]))
    phase = enough.as_dict()["phases"][0]
    assert phase["enough_time"] is True and phase["consult_by"] == TODAY.isoformat()
    assert phase["hr1_by"] == TODAY.isoformat()
    assert not enough.errors()
    late = run(council({1: 20}, phases=[_phase(1, TODAY + timedelta(days=29))]))
    assert late.as_dict()["phases"][0]["enough_time"] is False
    assert late.errors() and "30 days" in late.errors()[0]


def test_notice_runs_between_consultation_and_the_first_dismissal() -> None:
    document = council({1: 20}, phases=[_phase(1, date(2026, 6, 1))])
    document.profile.consultation_notice_weeks = 12
    phase = run(document).as_dict()["phases"][0]
    assert phase["consult_by"] == (date(2026, 6, 1) - timedelta(days=84 + 30)).isoformat()
    assert phase["hr1_by"] == (date(2026, 6, 1) - timedelta(days=85)).isoformat()


def test_a_recorded_start_is_counted_from_rather_than_today() -> None:
    first = TODAY + timedelta(days=60)
    started = run(council({1: 20}, phases=[_phase(1, first, start=TODAY + timedelta(days=40))]))
    assert started.phases[0].timetable.enough_time is False
    early = run(
        council({1: 20}, phases=[_phase(1, first, start=TODAY - timedelta(days=10))]), TODAY + timedelta(days=45)
    )
    assert early.phases[0].timetable.enough_time is True


def test_phases_within_90_days_count_together_unless_consultation_already_began() -> None:
    first, second = TODAY + timedelta(days=60), TODAY + timedelta(days=120)
    together = run(council({1: 15, 2: 10}, phases=[_phase(1, first), _phase(2, second)]))
    assert [(p.at_risk, p.counted, p.timetable.consultation_days) for p in together.phases] == [
        (15, 25, 30),
        (10, 25, 30),
    ]
    # s.188(3): once phase 1's consultation has begun, phase 2 does not count its people again
    begun = run(council({1: 15, 2: 10}, phases=[_phase(1, first, start=TODAY - timedelta(days=1)), _phase(2, second)]))
    assert [(p.counted, p.timetable.consultation_days) for p in begun.phases] == [(25, 30), (10, 0)]
    apart = run(council({1: 15, 2: 10}, phases=[_phase(1, first), _phase(2, first + timedelta(days=90))]))
    assert [p.timetable.consultation_days for p in apart.phases] == [0, 0]
    assert apart.at_risk == 25


def test_the_cheshire_east_phases_were_too_tight_in_2013_and_are_history_now() -> None:
    document = cheshire_east()
    then = run(document, date(2013, 2, 4))  # the Cabinet meeting; Phase 1 by Easter, 12 weeks' notice
    assert then.at_risk == 21 and then.phases[0].timetable.consultation_days == 30
    assert then.errors() and then.phases[0].first_dismissal == date(2013, 4, 1)
    assert run(document, TODAY).errors() == []


def test_a_phase_already_past_is_history_and_raises_nothing() -> None:
    result = run(council({1: 30}, phases=[_phase(1, TODAY - timedelta(days=10))]))
    phase = result.as_dict()["phases"][0]
    assert phase["past"] is True and phase["enough_time"] is False
    assert result.errors() == []


def test_an_undated_phase_gets_no_dates_and_a_note() -> None:
    result = run(council({1: 25}))
    phase = result.as_dict()["phases"][0]
    assert phase["first_dismissal"] is None and phase["enough_time"] is None
    assert result.errors() == [] and "no date yet" in result.notes[0]


def test_vacant_posts_put_nobody_at_risk_and_staff_groups_count_by_headcount() -> None:
    document = council({}, phases=[_phase(1, TODAY + timedelta(days=200))])
    before, after = document.scenarios[0].structure, document.scenarios[1].structure
    for n in range(30):
        before.apply(AddPost(Post(f"v{n}", "Vacancy", status=Status.VACANT), "ce"))
    before.apply(AddStaffGroup(StaffGroup("g", "k0", "Care staff", fte=40, headcount=50)))
    after.apply(AddStaffGroup(StaffGroup("g", "k0", "Care staff", fte=24, headcount=30)))
    result = run(document)
    assert result.at_risk == 20
    assert result.phases[0].timetable.consultation_days == 30
    assert result.phases[0].reasons == {"staff group reduced": 20}


def cheshire_east() -> Document:
    document = native.load(resources.template("cheshire-east-2013"))
    assert document.scenario("Proposed").reselect_all  # §7.2: every management post re-established
    return document


def test_s2_classification_on_the_cheshire_east_proposal() -> None:
    document = cheshire_east()
    kinds = appoint.kinds(document.scenario("Proposed").structure)
    assert kinds["CE"] == appoint.HOPS
    assert {p for p, k in kinds.items() if k == appoint.STATUTORY} == {"DCS", "DASS", "DPH", "CSM-FIN"}
    assert {p for p, k in kinds.items() if k == appoint.CHIEF} == {"DSC", "COO"}
    deputies = {p for p, k in kinds.items() if k == appoint.DEPUTY}
    assert deputies == {f"HOS-{n}" for n in range(1, 7)} | {"HOS-LOC", "CSM-CSP", "CSM-OD", "CSM-DSG"}


def test_members_appoint_every_re_established_senior_post_and_the_independent_panel_is_named() -> None:
    result = run(cheshire_east())
    appointed = {a["id"]: a for a in result.as_dict()["member_appointments"]}
    assert "CE" not in appointed  # the Head of Paid Service is not re-selected by the review
    assert appointed["DPH"]["kind"] == "statutory chief officer"
    assert appointed["DPH"]["why"] == "re-established with re-selection"
    assert appointed["COO"]["appointed_by"].startswith("Members' appointments committee")
    assert appointed["HOS-1"]["appointed_by"].startswith("Officers")
    protected = {(d["id"], d["role"]) for d in result.as_dict()["protected_dismissals"]}
    assert protected == {("DIR-FIN", "chief finance officer"), ("BOR-SOL", "monitoring officer")}


def test_who_appoints_is_a_profile_setting_and_assistants_are_no_deputies() -> None:
    document = cheshire_east()
    document.profile.appointed_by = {"deputy chief officer": "Appointments Committee"}
    proposed = document.scenario("Proposed").structure
    proposed.apply(
        AddPost(Post("PA-COO", "PA to the Chief Operating Officer", status=Status.NEW, assistant=True), "COO")
    )
    result = run(document)
    appointed = {a.id: a for a in result.member_appointments}
    assert "PA-COO" not in appointed
    assert appointed["CSM-OD"].appointed_by == "Appointments Committee"
    restored = type(document.profile).from_dict(document.profile.to_dict())
    assert restored.appointed_by == {"deputy chief officer": "Appointments Committee"}


# ---- suppression -----------------------------------------------------------------------------------


def _recoverable(rows: list[tuple[str, int, int]], shown: list[tuple[int | None, int | None]]) -> dict[str, int]:
    """What subtraction recovers: solve any line (a column with its total, or a row's
    at risk + not at risk = workforce) with exactly one unknown, until nothing more follows."""
    k = len(rows)
    cells: dict[str, int | None] = {}
    for i, (a, w) in enumerate(shown):
        cells[f"a{i}"], cells[f"w{i}"] = a, w
        cells[f"n{i}"] = w - a if a is not None and w is not None else None
    total_a, total_w = sum(r[1] for r in rows), sum(r[2] for r in rows)
    lines = [([f"a{i}" for i in range(k)], total_a), ([f"w{i}" for i in range(k)], total_w)]
    lines.append(([f"n{i}" for i in range(k)], total_w - total_a))
    found: dict[str, int] = {}
    changed = True
    while changed:
        changed = False
        for names, total in lines:
            unknown = [n for n in names if cells[n] is None]
            if len(unknown) == 1:
                cells[unknown[0]] = total - sum(cells[n] or 0 for n in names if n != unknown[0])
                found[unknown[0]] = cells[unknown[0]] or 0
                changed = True
        for i in range(k):
            a, n, w = cells[f"a{i}"], cells[f"n{i}"], cells[f"w{i}"]
            if [a, n, w].count(None) == 1:
                if a is None:
                    cells[f"a{i}"] = found[f"a{i}"] = (w or 0) - (n or 0)
                elif n is None:
                    cells[f"n{i}"] = found[f"n{i}"] = (w or 0) - a
                else:
                    cells[f"w{i}"] = found[f"w{i}"] = a + n
                changed = True
    return found


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 25), st.integers(0, 25)), min_size=1, max_size=6),
    st.sampled_from([3, 5, 10]),
)
def test_suppression_never_reveals_a_small_count_by_subtraction(pairs: list[tuple[int, int]], threshold: int) -> None:
    rows = [(f"c{i}", min(a, w), max(a, w)) for i, (a, w) in enumerate(pairs)]
    out = suppress(rows, threshold)
    shown = [(c.at_risk, c.workforce) for c in out]
    for i, (name, a, w) in enumerate(rows):
        for value, published in ((a, shown[i][0]), (w, shown[i][1])):
            assert published is None or published == value
            assert published is None or not 0 < published < threshold
        if shown[i][0] is not None and shown[i][1] is not None:
            assert not 0 < w - a < threshold, name  # those not at risk, by subtraction in the row
    # A column whose total is itself small is the published total's business (at_risk, workforce):
    # every count in it is suppressed. Elsewhere, subtraction must recover no small count.
    columns = {"a": [r[1] for r in rows], "w": [r[2] for r in rows], "n": [r[2] - r[1] for r in rows]}
    recovered = _recoverable(rows, shown)
    leaks = {k: v for k, v in recovered.items() if 0 < v < threshold and sum(columns[k[0]]) >= threshold}
    assert not leaks, (rows, shown, recovered)
    # suppressed counts of a column never add up to a small number while anything was left to hide
    for column, values in (("a", columns["a"]), ("w", columns["w"])):
        hidden = [i for i, s in enumerate(shown) if s[0 if column == "a" else 1] is None]
        if hidden and len(hidden) < len(rows):
            assert sum(values[i] for i in hidden) >= threshold


def test_suppressed_counts_are_null_and_marked() -> None:
    cats = suppress([("Female", 2, 40), ("Male", 9, 30), (NOT_RECORDED, 0, 3)], 5)
    data = {c.category: c.as_dict() for c in cats}
    assert data["Female"]["at_risk"] is None and data["Female"]["suppressed"] is True
    assert data[NOT_RECORDED]["workforce"] is None
    assert sum(1 for c in cats if c.at_risk is None) >= 2


# ---- equality --------------------------------------------------------------------------------------


def _staffed(n: int, at_risk: int) -> Document:
    """n postholders with employee numbers E0.. and dates of birth; the first `at_risk` posts deleted."""
    before, after = Structure(), Structure()
    for s in (before, after):
        s.apply(AddPost(Post("ce", "Chief Executive", status=Status.VACANT)))
    for i in range(n):
        born = date(1960 + (i % 40), 3, 1).isoformat()
        post = Post(
            f"p{i}", f"Officer {i}", holders=(Holder(name=f"Person {i}", person_id=f"E{i}", date_of_birth=born),)
        )
        before.apply(AddPost(post, "ce"))
        if i >= at_risk:
            after.apply(AddPost(post, "ce"))
    return Document("Testshire", scenarios=[Scenario("Current", before), Scenario("Proposed", after)])


def test_age_comes_from_dates_of_birth_and_hr_categories_join_by_employee_number() -> None:
    document = _staffed(60, 20)
    hr = {f"E{i}": {"sex": "Female" if i % 2 else "Male", "disability": "Yes" if i < 3 else ""} for i in range(60)}
    result = analyse(document, "Current", "Proposed", TODAY, hr)
    sex = {c.category: (c.at_risk, c.workforce) for c in result.equality["sex"]}
    assert sex["Female"] == (10, 30) and sex["Male"] == (10, 30)
    ages = {c.category: c for c in result.equality["age"]}
    assert ages["55-64"].workforce == 20 and NOT_RECORDED not in ages  # born 1961-1970 (i = 1-10, 41-50)
    disability = {c.category: c for c in result.equality["disability"]}
    assert disability["Yes"].at_risk is None and disability["Yes"].workforce is None  # 3 people: suppressed
    assert disability[NOT_RECORDED].workforce is None  # else 60 - 3 would be there to subtract
    assert result.workforce == 60


def test_without_an_hr_file_only_age_is_analysed_and_unknown_is_not_recorded() -> None:
    result = run(council({1: 12}))
    assert list(result.equality) == ["age"]
    assert [c.category for c in result.equality["age"]] == [NOT_RECORDED]


def test_s2_classification_on_the_cheltenham_structure() -> None:
    document = native.load(resources.template("cheltenham-2011"))
    proposed = document.scenario("Proposed").structure
    kinds = appoint.kinds(proposed)
    assert kinds["CE"] == appoint.HOPS
    assert {p for p, k in kinds.items() if k == appoint.STATUTORY} == {"AD-FIN"}  # the s151 officer
    # the Strategic Directors and the Monitoring Officer (shared with Tewkesbury) report to the HoPS
    assert {p for p, k in kinds.items() if k == appoint.CHIEF} == {"SD-1", "SD-2", "MO"}
    assert {p for p, k in kinds.items() if k == appoint.DEPUTY} == {
        "AD-HSC", "AD-ENV", "AD-HR", "AD-CS", "AD-PP", "HSS",
    }  # fmt: skip
    result = run(document)
    assert [(a.id, a.kind, a.why) for a in result.member_appointments] == [
        ("AD-ENV", appoint.DEPUTY, "new"),
        ("HSS", appoint.DEPUTY, "new"),
    ]


def test_a_post_shared_with_another_council_is_appointed_by_the_employing_council() -> None:
    document = native.load(resources.template("cheltenham-2011"))
    proposed = document.scenario("Proposed").structure
    proposed.apply(UpdatePost("MO", {"reselect": True}))
    appointed = {a.id: a for a in run(document).member_appointments}
    assert appointed["MO"].kind == appoint.CHIEF
    assert appointed["MO"].appointed_by.startswith("Tewkesbury Borough Council, the employing council")


def test_people_are_counted_per_establishment() -> None:
    document = council({1: 30}, phases=[_phase(1, TODAY + timedelta(days=200))])
    before = document.scenarios[0].structure
    for n in range(15):  # half the deleted posts belong to a second establishment
        before.apply(UpdatePost(f"p1-{n}", {"establishment": "Depot"}))
    result = run(document)
    assert result.at_risk == 30 and result.phases[0].counted == 15
    assert result.phases[0].timetable.consultation_days == 0
    assert result.phases[0].establishments == {"main": 15, "Depot": 15}
