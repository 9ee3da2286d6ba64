"""The law as DOMAIN.md §2 states it: each rule fires where it should and stays quiet where it must."""

from __future__ import annotations

import pytest

from orgdesigner.model.compare import compare
from orgdesigner.model.document import Document, Scenario
from orgdesigner.model.edits import AddPost, MovePost, RemoveDottedLine, UpdatePost
from orgdesigner.model.post import Holder, Role, Status
from orgdesigner.model.profile import CouncilType, RulesProfile
from orgdesigner.model.rules import Finding, Severity, check
from orgdesigner.model.structure import Structure
from tests.model.builders import council, post, tree

ERO, RO = Role.ELECTORAL_REGISTRATION, Role.RETURNING_OFFICER
CFO_LABEL = Role.CHIEF_FINANCE_OFFICER.label


def found(s: Structure, rule: str, kind: CouncilType = CouncilType.UNITARY, **profile: object) -> list[Finding]:
    return [f for f in check(s, RulesProfile(**profile), kind) if f.rule == rule]  # type: ignore[arg-type]


def missing(s: Structure, kind: CouncilType) -> set[str]:
    return {f.message for f in found(s, "statutory.missing", kind)}


@pytest.mark.parametrize(
    ("kind", "needs_ero"),
    [
        (CouncilType.METROPOLITAN_BOROUGH, True),
        (CouncilType.UNITARY, True),
        (CouncilType.LONDON_BOROUGH, True),
        (CouncilType.DISTRICT, True),
        (CouncilType.COUNTY, False),
    ],
)
def test_electoral_officers_are_required_by_council_type(kind: CouncilType, needs_ero: bool) -> None:
    s = tree({"ce": []}, roles=frozenset({Role.HEAD_OF_PAID_SERVICE}))
    messages = " ".join(missing(s, kind))
    assert ("Electoral Registration Officer" in messages) is needs_ero
    assert ("Representation of the People Act 1983 s.8(2)" in messages) is needs_ero
    assert "Returning Officer" in messages  # every principal council
    ro = "s.35(3)" if kind is CouncilType.LONDON_BOROUGH else "s.35(1)"
    assert f"Representation of the People Act 1983 {ro}" in messages
    s.apply(UpdatePost("ce", {"roles": frozenset({Role.HEAD_OF_PAID_SERVICE, ERO, RO})}))
    messages = " ".join(missing(s, kind))
    assert "Electoral Registration Officer" not in messages and "Returning Officer" not in messages


def test_another_body_than_a_council_needs_no_council_role() -> None:
    s = tree({"ce": ["a"]})
    assert [f for f in check(s, RulesProfile(), CouncilType.OTHER_BODY) if f.rule.startswith("statutory")] == []
    assert missing(s, CouncilType.UNITARY)


def test_a_post_marked_to_be_deleted_satisfies_no_statutory_role() -> None:
    s = council()
    assert not found(s, "statutory.missing")
    s.apply(UpdatePost("fin", {"status": Status.TO_BE_DELETED}))
    (finding,) = found(s, "statutory.missing")
    assert finding.severity is Severity.ERROR and finding.posts == ("fin",)
    assert "Local Government Act 1972 s.151" in finding.message and "marked to be deleted" in finding.message
    document = Document("T", scenarios=[Scenario("Proposed", s)])
    assert compare(document, "Proposed", "Proposed", phases=False).statutory_after[CFO_LABEL] == []


def test_the_cfo_professional_body_unknown_warns_and_outside_the_list_is_an_error() -> None:
    s = council()
    assert not found(s, "statutory.cfo_body")
    s.apply(UpdatePost("fin", {"professional_body": ""}))
    (unknown,) = found(s, "statutory.cfo_body")
    assert unknown.severity is Severity.WARNING and "s.113(1)" in unknown.message
    s.apply(UpdatePost("fin", {"professional_body": "CIMA"}))
    (wrong,) = found(s, "statutory.cfo_body")
    assert wrong.severity is Severity.ERROR and "CIMA" in wrong.message and "s.113(1)" in wrong.message
    # the list is the profile's: a body the Secretary of State approves can be added
    assert not found(s, "statutory.cfo_body", accountancy_bodies=("CIPFA", "CIMA"))
    # a holder's own body wins over the post's
    s.apply(UpdatePost("fin", {"holders": (Holder("Pat", professional_body="ACCA"),)}))
    assert not found(s, "statutory.cfo_body")


def test_the_dpo_needs_a_solid_or_dotted_line_to_the_top() -> None:
    s = council()
    assert not found(s, "statutory.dpo_reports")
    s.apply(RemoveDottedLine("dpo", "ce"))
    (finding,) = found(s, "statutory.dpo_reports")
    assert finding.severity is Severity.WARNING and "art. 38(3)" in finding.message
    s.apply(MovePost("dpo", "ce"))
    assert not found(s, "statutory.dpo_reports")


def test_a_district_may_make_its_monitoring_officer_its_scrutiny_officer() -> None:
    s = council()
    s.apply(UpdatePost("law", {"roles": frozenset({Role.MONITORING_OFFICER, Role.SCRUTINY_OFFICER})}))
    s.apply(UpdatePost("health", {"roles": frozenset({Role.PUBLIC_HEALTH})}))
    (finding,) = found(s, "statutory.scrutiny")
    assert finding.severity is Severity.ERROR and "s.9FB(4)" in finding.message
    assert not found(s, "statutory.scrutiny", CouncilType.DISTRICT)
    assert "statutory scrutiny officer" not in " ".join(missing(tree({"ce": []}), CouncilType.DISTRICT))


def test_the_dcs_is_expected_to_be_a_first_tier_officer() -> None:
    s = council()
    assert not found(s, "statutory.dcs_tier")
    s.apply(MovePost("kids", "adults"))
    (finding,) = found(s, "statutory.dcs_tier")
    assert finding.severity is Severity.WARNING and "Children Act 2004 s.18" in finding.message
    assert not found(s, "statutory.dcs_tier", dcs_first_tier=False)
    assert not found(s, "statutory.dcs_tier", CouncilType.DISTRICT)


def test_the_cfo_reporting_rule_can_be_turned_off() -> None:
    s = council()
    s.apply(MovePost("fin", "law"))
    assert found(s, "statutory.cfo_reports")
    assert not found(s, "statutory.cfo_reports", cfo_reports_to_hops=False)


def test_a_shared_post_may_hold_a_role() -> None:
    s = council()
    s.apply(UpdatePost("law", {"employer": "Tewkesbury Borough Council", "share": 0.5}))
    assert not found(s, "statutory.missing")
    s.apply(AddPost(post("mo2", roles=frozenset({Role.MONITORING_OFFICER})), "ce"))
    assert found(s, "statutory.duplicate")[0].posts == ("law", "mo2")
