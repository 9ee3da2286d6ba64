"""Each rule finds what a council officer would expect it to, and says what to do."""

from __future__ import annotations

from orgdesigner.model.edits import AddDottedLine, AddPost, AddStaffGroup, UpdatePost
from orgdesigner.model.post import Role, Side, StaffGroup, Status
from orgdesigner.model.profile import CouncilType, RulesProfile
from orgdesigner.model.rules import Finding, Severity, check
from orgdesigner.model.structure import Structure
from tests.model.builders import council, post, tree


def rules(s: Structure, profile: RulesProfile | None = None, kind: CouncilType = CouncilType.UNITARY) -> list[Finding]:
    return check(s, profile or RulesProfile(), kind)


def of(findings: list[Finding], rule: str) -> list[Finding]:
    return [f for f in findings if f.rule == rule]


def test_a_lawful_council_has_no_statutory_findings() -> None:
    found = rules(council())
    assert [f for f in found if f.rule.startswith("statutory")] == []


def test_span_counts_vacant_posts_but_not_dotted_lines_or_assistants() -> None:
    s = tree({"ce": ["a", "b", "c", "d"]})
    assert of(rules(s), "span.min")[0].posts == ("ce",)
    s.apply(UpdatePost("d", {"status": Status.VACANT}))
    s.apply(AddPost(post("pa", assistant=True), "ce"))
    s.apply(AddPost(post("x"), "a"))
    s.apply(AddDottedLine("x", "ce"))
    finding = next(f for f in of(rules(s), "span.min") if f.posts == ("ce",))
    assert "has 4 direct reports" in finding.message
    s.apply(AddPost(post("e", status=Status.VACANT), "ce"))
    assert [f for f in of(rules(s), "span.min") if f.posts == ("ce",)] == []


def test_direct_staff_groups_count_in_the_span_and_wide_spans_warn() -> None:
    s = tree({"ce": ["tl"]})
    s.apply(AddStaffGroup(StaffGroup("g", "tl", "Carers", fte=15.5, direct=True)))
    found = of(rules(s), "span.max")
    assert found and "16 direct reports" in found[0].message


def test_layers_count_the_chief_executive_as_one() -> None:
    s = tree({"ce": ["l2"], "l2": ["l3"], "l3": ["l4"]})
    assert of(rules(s, RulesProfile(max_layers=4)), "layers.max") == []
    found = of(rules(s, RulesProfile(max_layers=3)), "layers.max")
    assert [f.posts for f in found] == [("l4",)]
    assert "layer 4" in found[0].message


def test_statutory_coverage_depends_on_council_type() -> None:
    s = tree({"ce": []}, roles=frozenset({Role.HEAD_OF_PAID_SERVICE}))
    missing = {f.message.split(" role")[0] for f in of(rules(s, kind=CouncilType.DISTRICT), "statutory.missing")}
    assert "No post holds the Director of Children's Services" not in missing
    unitary = of(rules(s), "statutory.missing")
    assert any("Children Act 2004 s.18" in f.message and f.severity is Severity.ERROR for f in unitary)


def test_role_held_twice_is_an_error() -> None:
    s = council()
    s.apply(UpdatePost("fin0", {"roles": frozenset({Role.CHIEF_FINANCE_OFFICER})}))
    found = of(rules(s), "statutory.duplicate")
    assert found[0].posts == ("fin", "fin0") and found[0].severity is Severity.ERROR


def test_unlawful_and_unwise_combinations() -> None:
    s = council()
    s.apply(UpdatePost("fin", {"roles": frozenset({Role.CHIEF_FINANCE_OFFICER, Role.MONITORING_OFFICER})}))
    s.apply(UpdatePost("law", {"roles": frozenset()}))
    found = rules(s)
    assert of(found, "statutory.mo_cfo")[0].severity is Severity.ERROR
    assert "s.5(1)" in of(found, "statutory.mo_cfo")[0].message

    s = council()
    s.apply(UpdatePost("ce", {"roles": frozenset({Role.HEAD_OF_PAID_SERVICE, Role.CHIEF_FINANCE_OFFICER})}))
    s.apply(UpdatePost("fin", {"roles": frozenset()}))
    assert of(rules(s), "statutory.hops_cfo")[0].severity is Severity.WARNING

    s = council()
    s.apply(
        UpdatePost(
            "health",
            {"roles": frozenset({Role.PUBLIC_HEALTH, Role.SCRUTINY_OFFICER, Role.MONITORING_OFFICER})},
        )
    )
    s.apply(UpdatePost("law", {"roles": frozenset()}))
    assert of(rules(s), "statutory.scrutiny")


def test_dcs_dass_in_one_post_warns_until_a_justification_is_recorded() -> None:
    s = council()
    s.apply(
        UpdatePost(
            "kids",
            {"roles": frozenset({Role.CHILDRENS_SERVICES, Role.ADULT_SOCIAL_SERVICES, Role.CALDICOTT_GUARDIAN})},
        )
    )
    s.apply(UpdatePost("adults", {"roles": frozenset()}))
    assert of(rules(s), "statutory.dcs_dass")
    s.apply(UpdatePost("kids", {"role_justification": "Local assurance test, Cabinet 2026"}))
    assert not of(rules(s), "statutory.dcs_dass")


def test_cfo_not_reporting_to_the_chief_executive_warns() -> None:
    s = council()
    assert not of(rules(s), "statutory.cfo_reports")
    s.apply(UpdatePost("fin", {"roles": frozenset()}))
    s.apply(UpdatePost("fin0", {"roles": frozenset({Role.CHIEF_FINANCE_OFFICER})}))
    assert of(rules(s), "statutory.cfo_reports")[0].posts == ("fin0", "fin")


def test_split_crossing_below_the_top_tier_and_transitional_end_date() -> None:
    s = tree({"ce": ["dir"], "dir": ["mgr"]})
    s.apply(UpdatePost("mgr", {"side": Side.PROVIDER}))
    assert of(rules(s), "split.crossing")[0].posts == ("mgr", "dir")
    s.apply(UpdatePost("dir", {"side": Side.PROVIDER}))  # layer 2 may report to the CE across the split
    assert not of(rules(s), "split.crossing")
    s.apply(UpdatePost("mgr", {"side": Side.TRANSITIONAL}))
    assert of(rules(s), "split.transitional")
    s.apply(UpdatePost("mgr", {"transition_end": "2027-03-31"}))
    assert not of(rules(s), "split.transitional")


def test_core_share_includes_staff_groups() -> None:
    s = tree({"ce": ["a"]})
    assert of(rules(s), "core.share")
    s.apply(AddStaffGroup(StaffGroup("g", "a", "Care staff", fte=18, side=Side.PROVIDER)))
    assert not of(rules(s), "core.share")  # 2 of 20 FTE = 10%
    s.apply(AddPost(post("b"), "ce"))
    assert "14.3%" in of(rules(s), "core.share")[0].message


def test_pay_bands_and_large_packages() -> None:
    s = tree({"ce": ["a"]})
    s.apply(UpdatePost("a", {"pay_floor": 95_000.0, "pay_ceiling": 105_000.0}))
    profile = RulesProfile(pay_bands={2: (70_000, 90_000)})
    found = rules(s, profile)
    assert of(found, "pay.band")[0].posts == ("a",)
    assert of(found, "pay.package")[0].severity is Severity.INFO


def test_data_findings_for_titles_holding_roots_and_duplicate_ids() -> None:
    s = tree({"ce": []})
    s.apply(AddPost(post("x", title="", source_ref="17"), None))
    s.apply(AddPost(post("y", source_ref="17"), None, holding_reason="reports to 'Q', not in the file"))
    found = rules(s)
    assert of(found, "data.title")[0].posts == ("x",)
    assert "reports to 'Q'" in of(found, "data.unplaced")[0].message
    assert of(found, "data.roots")[0].posts == ("ce", "x")
    assert of(found, "data.duplicate_id")[0].severity is Severity.ERROR


def test_a_narrow_span_at_the_top_is_never_told_to_merge_with_a_neighbour() -> None:
    s = tree({"ce": ["a", "b"], "a": ["a1", "a2"]})
    top = next(f for f in of(rules(s), "span.min") if f.posts == ("ce",))
    below = next(f for f in of(rules(s), "span.min") if f.posts == ("a",))
    assert (
        "merge" not in top.message
        and "neighbouring post" not in top.message
        and "bring posts from the tier below up" in top.message
    )
    assert "merge it with a neighbouring post" in below.message
