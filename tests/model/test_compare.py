"""Comparing scenarios: each kind of change, the saving, targets and selection phases."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from orgdesigner import resources
from orgdesigner.formats import native
from orgdesigner.model.compare import compare, job_fit, phase_of
from orgdesigner.model.document import Document, Scenario
from orgdesigner.model.edits import AddPost, AddStaffGroup, MovePost, RemovePost, UpdatePost
from orgdesigner.model.post import Post, Role, Side, StaffGroup, Status
from orgdesigner.model.profile import RulesProfile
from tests.model.builders import tree


def two_scenarios() -> Document:
    current = tree({"ce": ["a", "b"], "a": ["a1", "a2"], "b": ["b1", "b2"]})
    for pid in ("a", "b"):
        current.apply(UpdatePost(pid, {"pay_floor": 90_000.0, "pay_ceiling": 90_000.0, "grade": "G2"}))
    current.apply(AddStaffGroup(StaffGroup("g", "a1", "Officers", pay_floor=30_000, pay_ceiling=30_000, fte=4)))
    document = Document("T", scenarios=[Scenario("Current", current)])
    document.duplicate("Current", "Proposed")
    return document


def test_each_kind_of_change_is_found() -> None:
    document = two_scenarios()
    proposed = document.scenario("Proposed").structure
    proposed.apply(RemovePost("b", keep_reports=True))  # deleted; b1, b2 moved to ce
    proposed.apply(MovePost("a2", "b1"))  # moved
    proposed.apply(UpdatePost("a", {"grade": "G1", "pay_floor": 100_000.0, "pay_ceiling": 100_000.0}))  # regraded
    proposed.apply(UpdatePost("a1", {"side": Side.PROVIDER}))  # changed side
    proposed.apply(AddPost(Post("n", "Head of Commissioning", pay_floor=60_000.0, pay_ceiling=60_000.0), "ce"))
    c = compare(document, "Current", "Proposed")
    assert c.added == ["n"]
    assert c.deleted == ["b"]
    assert set(c.moved) == {"b1", "b2", "a2"}
    assert c.regraded == ["a"]
    assert c.side_changed == ["a1"]
    assert c.management_posts_before == 4 and c.management_posts_after == 4  # ce, a, a1 (staff), b1
    assert c.pay_bill_after - c.pay_bill_before == 100_000 - 90_000 - 90_000 + 60_000
    assert c.annual_saving > 0
    assert c.phases[0].post_id == "n" and c.phases[0].phase == 1


def test_targets_show_progress() -> None:
    document = two_scenarios()
    proposed = document.scenario("Proposed")
    proposed.targets = {"management_posts_reduction": 0.25, "annual_saving": 1_000_000}
    proposed.structure.apply(RemovePost("b", keep_reports=True))
    proposed.structure.apply(RemovePost("a", keep_reports=True))
    c = compare(document, "Current", "Proposed")
    progress = {t.name: t for t in c.targets}
    assert progress["management_posts_reduction"].met  # 4 -> 2 management posts
    assert not progress["annual_saving"].met


def test_phases_follow_the_report_thresholds() -> None:
    s = tree({"ce": ["tl"]})
    profile = RulesProfile()
    assert phase_of(Post("x", "Director", pay_floor=60_000.0, pay_ceiling=60_000.0), s, profile) == 1
    assert phase_of(Post("x", "Officer", pay_floor=30_000.0, pay_ceiling=32_000.0), s, profile) == 2
    assert phase_of(Post("x", "Team Leader", pay_floor=24_000.0, pay_ceiling=26_000.0), s, profile) == 3
    assert phase_of(Post("x", "Carer", pay_floor=20_000.0, pay_ceiling=22_000.0), s, profile) is None


def test_job_fit_needs_function_grade_and_title_to_agree() -> None:
    new = Post("n", "Head of Highways and Transport", grade="G3", function="Highways")
    close = Post("c", "Head of Highways", grade="G4", function="Highways")
    far = Post("f", "Head of Libraries", grade="G9", function="Culture")
    fit = job_fit(new, close)
    assert fit is not None and set(fit.reasons) == {"same function", "grade within one step", "similar title"}
    assert job_fit(new, far) is None


def test_ring_fence_lists_the_best_fits_first_among_many_alike_postholders() -> None:
    """A big team of alike postholders: the five shown are the best fits, then by title and id."""
    current = tree({"ce": []})
    for n in range(40):  # forty social workers on one grade, two steps below the new post
        current.apply(AddPost(Post(f"sw{n:02}", "Social Worker", grade="G4", function="Children"), "ce"))
    current.apply(AddPost(Post("asw", "Advanced Social Worker", grade="G6", function="Children"), "ce"))
    current.apply(
        AddPost(Post("vac", "Social Worker Lead", grade="G6", function="Children", status=Status.VACANT), "ce")
    )
    current.apply(AddPost(Post("lib", "Librarian", grade="G6", function="Culture"), "ce"))
    document = Document("T", scenarios=[Scenario("Current", current)])
    document.duplicate("Current", "Proposed")
    document.scenario("Proposed").structure.apply(
        AddPost(Post("new", "Senior Social Worker", grade="G6", function="Children", pay_floor=40_000.0), "ce")
    )
    (phased,) = compare(document, "Current", "Proposed").phases
    ids = [c.post_id for c in phased.candidates]
    assert ids == ["asw", "sw00", "sw01", "sw02", "sw03"]  # vacant posts and other services never
    assert phased.candidates[0].score > phased.candidates[1].score == phased.candidates[4].score


def test_a_comparison_follows_edits_to_either_scenario() -> None:
    """What a comparison works out is kept between comparisons, and redone after any edit."""
    document = two_scenarios()
    current, proposed = document.scenario("Current").structure, document.scenario("Proposed").structure
    first = compare(document, "Current", "Proposed", phases=False)
    assert first.moved == [] and first.management_posts_after == first.management_posts_before
    proposed.apply(MovePost("a1", "b"))
    assert compare(document, "Current", "Proposed", phases=False).moved == ["a1"]
    current.apply(RemovePost("b2", keep_reports=False))
    again = compare(document, "Current", "Proposed", phases=False)
    assert again.added == ["b2"] and again.posts_before == first.posts_before - 1
    document.profile = RulesProfile(ni_rate=0.0)  # a rules change redoes the costs
    assert compare(document, "Current", "Proposed", phases=False).cost_before < again.cost_before


def test_cheshire_east_template_shows_the_reports_direction_of_travel(tmp_path: Path) -> None:
    ce = tmp_path / "ce.orgx"
    run = [sys.executable, "-m", "orgdesigner"]
    subprocess.run([*run, "new", "--template", "cheshire-east-2013", "-o", str(ce)], check=True, capture_output=True)
    result = subprocess.run(
        [*run, "compare", str(ce), "--from", "Current", "--to", "Proposed", "--format", "json"],
        capture_output=True,
        text=True,
        check=True,
    )
    data = json.loads(result.stdout)
    for key in (
        "management_posts_before",
        "management_posts_after",
        "pay_bill_before",
        "pay_bill_after",
        "annual_saving",
        "added",
        "deleted",
        "moved",
        "regraded",
    ):
        assert key in data
    assert data["management_posts_after"] < data["management_posts_before"]
    assert data["annual_saving"] > 0
    assert "SD-PEOPLE" in data["deleted"] and "DSC" in data["added"]


def test_the_holder_of_a_statutory_role_is_the_candidate_for_the_new_post_that_takes_it_on() -> None:
    document = native.load(resources.template("cheshire-east-2013"))
    phases = {p.post_id: p for p in compare(document, "Current", "Proposed").phases}
    dcs = phases["DCS"].candidates
    current = document.scenario("Current").structure
    assert dcs and Role.CHILDRENS_SERVICES in current.post(dcs[0].post_id).roles
    assert "holds the DCS role now" in dcs[0].reasons
    # the Director of Public Health fits on function and pay, but comes after the DCS
    assert [c.title for c in dcs[1:]] == ["Director of Public Health"]
