"""Who is at risk: the people s.188 and s.195 count, read from two scenarios of one file.

A person is at risk when their post is deleted, or re-established with re-selection (a flag per
post, or for a whole scenario: then every management post but the Head of Paid Service's, as in
the Cheshire East proposal), and when a staff group loses headcount. At risk is not dismissed: the
cost-of-change figures count expected exits, these count the people a proposal puts in a pool.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from orgdesigner.model.compare import phase_of
from orgdesigner.model.consultation.law import parse_date
from orgdesigner.model.post import Post, Role, StaffGroup, Status
from orgdesigner.model.profile import RulesProfile
from orgdesigner.model.structure import Structure

DELETED = "post deleted"
RESELECTED = "post re-established with re-selection"
REDUCED = "staff group reduced"
MANAGERS = "Managers, directors and senior officials"
"""The HR1 form's occupational groups follow the Standard Occupational Classification's major groups."""


@dataclass(frozen=True, slots=True)
class AtRisk:
    """People at risk from one current post (one holder each) or one staff group's reduction."""

    post_id: str
    title: str
    reason: str
    phase: int | None
    """The selection phase; None puts them in the last phase (staff below the phased posts)."""
    establishment: str
    occupational_group: str
    count: int = 1
    person_id: str = ""
    name: str = ""
    date_of_birth: date | None = None
    service_start: date | None = None
    notice_weeks: float | None = None
    effective: date | None = None
    """The post's own effective date, when it differs from its phase's."""


def people_in(post: Post) -> Iterator[dict[str, Any]]:
    """Each person holding a post: its holders, or the one unnamed holder an older file implies."""
    if post.holders:
        for holder in post.holders:
            yield {
                "person_id": holder.person_id,
                "name": holder.name,
                "date_of_birth": parse_date(holder.date_of_birth),
                "service_start": parse_date(holder.service_start),
                "notice_weeks": holder.notice_weeks,
            }
    elif post.status in (Status.FILLED, Status.TO_BE_DELETED):
        yield {"person_id": "", "name": ""}


def establishment_of(item: Post | StaffGroup) -> str:
    """The establishment a post or group belongs to ('' for the council's one establishment)."""
    return item.establishment


def reselected(post: Post, structure: Structure, reselect_all: bool, profile: RulesProfile) -> bool:
    """A post of the proposal re-established with re-selection: its own flag, or, for a whole scenario,
    every management post (every post in a selection phase: pay over the phase thresholds, or a team
    leader's) but the Head of Paid Service's, whose appointment and dismissal are full Council's."""
    if post.reselect:
        return True
    if not reselect_all or Role.HEAD_OF_PAID_SERVICE in post.roles:
        return False
    return phase_of(post, structure, profile) is not None


def at_risk(before: Structure, after: Structure, reselect_all: bool, profile: RulesProfile) -> list[AtRisk]:
    """Everyone the change from `before` to `after` puts at risk, current posts in chart order."""
    out: list[AtRisk] = []
    managers = before.managers()
    for post in before:
        new = after.get(post.id)
        if new is None or new.status is Status.TO_BE_DELETED:
            reason, phase = DELETED, phase_of(post, before, profile)
        elif reselected(new, after, reselect_all, profile):
            reason, phase = RESELECTED, phase_of(new, after, profile)
        else:
            continue
        source = new if new is not None else post
        effective = parse_date(source.effective_date)
        occupation = MANAGERS if post.id in managers else (post.function or "Not recorded")
        establishment = establishment_of(post)
        for person in people_in(post):
            out.append(
                AtRisk(post.id, post.title, reason, phase, establishment, occupation, effective=effective, **person)
            )
    out.extend(_reductions(before, after))
    return out


def _reductions(before: Structure, after: Structure) -> list[AtRisk]:
    """Staff groups that lose headcount. Groups kept by id are compared one to one; groups that go
    and groups that come are netted per establishment, since a file may rename the groups it
    regroups (a pool of 300 re-formed as one of 515 and others puts nobody at risk by itself)."""
    out: list[AtRisk] = []
    after_groups = {g.id: g for g in after.staff_groups()}
    gone: dict[str, list[StaffGroup]] = {}
    for group in before.staff_groups():
        kept = after_groups.pop(group.id, None)
        if kept is None:
            gone.setdefault(establishment_of(group), []).append(group)
        elif group.people > kept.people:
            out.append(_reduced(group, group.people - kept.people))
    came: dict[str, int] = {}
    for group in after_groups.values():
        came[establishment_of(group)] = came.get(establishment_of(group), 0) + group.people
    for establishment, groups in gone.items():
        spare = came.get(establishment, 0)
        for group in sorted(groups, key=lambda g: -g.people):
            taken = min(spare, group.people)
            spare -= taken
            if group.people > taken:
                out.append(_reduced(group, group.people - taken))
    return out


def _reduced(group: StaffGroup, fewer: int) -> AtRisk:
    return AtRisk(group.id, group.title, REDUCED, None, establishment_of(group), group.title, count=fewer)
