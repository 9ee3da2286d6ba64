"""Senior appointments and dismissals: LGHA 1989 s.2 and the Standing Orders Regulations 2001.

Appointing the Head of Paid Service, statutory chief officers (s.2(6): the DCS, DASS, s151 officer
and DPH), chief officers (reporting directly to the Head of Paid Service, s.2(7)) and deputy chief
officers (reporting directly to a chief officer of either kind, s.2(8)) is taken out of the Head of
Paid Service's delegation (Sch. 1 Pt II). Posts whose duties are solely secretarial, clerical or
support (flagged as assistants) are none of these. Dismissing the Head of Paid Service, the chief
finance officer or the monitoring officer goes to a panel with independent persons and full Council.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from orgdesigner.model.post import Post, Role, Status
from orgdesigner.model.structure import Structure

HOPS = "head of paid service"
STATUTORY = "statutory chief officer"
CHIEF = "chief officer"
DEPUTY = "deputy chief officer"
KINDS = (HOPS, STATUTORY, CHIEF, DEPUTY)

STATUTORY_ROLES = frozenset(
    {Role.CHILDRENS_SERVICES, Role.ADULT_SOCIAL_SERVICES, Role.CHIEF_FINANCE_OFFICER, Role.PUBLIC_HEALTH}
)
"""s.2(6) as it stands for English councils."""

DEFAULT_APPOINTED_BY = {
    HOPS: "Members' appointments committee, after notice to the executive leader; approved by full Council",
    STATUTORY: "Members' appointments committee, after notice to the executive leader",
    CHIEF: "Members' appointments committee, after notice to the executive leader",
    DEPUTY: "Officers, after notice to the executive leader",
}
"""Who appoints each kind unless the council's standing orders say otherwise (a profile setting)."""

PROTECTED_ROLES = {
    Role.HEAD_OF_PAID_SERVICE: "head of paid service",
    Role.CHIEF_FINANCE_OFFICER: "chief finance officer",
    Role.MONITORING_OFFICER: "monitoring officer",
}
PROTECTED_PROCESS = "a panel with independent persons, then a vote of full Council"


def kinds(structure: Structure) -> dict[str, str]:
    """Each post's kind in the s.2 sense; posts of none of the four kinds are left out."""
    out: dict[str, str] = {}
    hops = structure.role_holders(Role.HEAD_OF_PAID_SERVICE)
    for post_id in hops:
        out[post_id] = HOPS
    for role in STATUTORY_ROLES:
        for post_id in structure.role_holders(role):
            if post_id not in out and not structure.post(post_id).assistant:
                out[post_id] = STATUTORY
    for head in hops:
        for post_id in structure.reports_of(head):
            if post_id not in out and not structure.post(post_id).assistant:
                out[post_id] = CHIEF
    chiefs = [p for p, kind in out.items() if kind in (STATUTORY, CHIEF)]
    for chief in chiefs:
        for post_id in structure.reports_of(chief):
            if post_id not in out and not structure.post(post_id).assistant:
                out[post_id] = DEPUTY
    return out


def kind_of(post_id: str, structure: Structure) -> str | None:
    """One post's kind (None: not a senior appointment)."""
    return kinds(structure).get(post_id)


@dataclass(frozen=True, slots=True)
class Appointment:
    id: str
    title: str
    kind: str
    appointed_by: str
    why: str
    """new, re-established with re-selection, or vacant."""


def to_be_appointed(post: Post, before: Structure, reselected: bool) -> str | None:
    """Why a post of the proposal is filled by appointment, or None when its holder simply stays."""
    if post.id not in before or post.status is Status.NEW:
        return "new"
    if reselected:
        return "re-established with re-selection"
    if post.status is Status.VACANT:
        return "vacant"
    return None


def member_appointments(
    before: Structure,
    after: Structure,
    reselected: Callable[[Post], bool],
    appointed_by: dict[str, str],
    organisation: str = "",
) -> list[Appointment]:
    """Senior posts of the proposal to be filled by appointment, with who appoints: the Head of Paid
    Service first, then statutory chief officers, chief officers and deputies, each by layer."""
    senior = kinds(after)
    order = sorted(senior, key=lambda p: (KINDS.index(senior[p]), after.layer(p), after.post(p).title, p))
    out: list[Appointment] = []
    for post_id in order:
        kind = senior[post_id]
        post = after.post(post_id)
        why = to_be_appointed(post, before, reselected(post))
        if why is not None:
            who = appointed_by.get(kind) or DEFAULT_APPOINTED_BY[kind]
            if post.employer and post.employer.casefold() != organisation.casefold():
                who = f"{post.employer}, the employing council, under the sharing agreement (LGA 1972 s.113)"
            out.append(Appointment(post_id, post.title, kind, who, why))
    return out


@dataclass(frozen=True, slots=True)
class ProtectedDismissal:
    id: str
    title: str
    role: str


def protected_dismissals(before: Structure, at_risk_posts: set[str]) -> list[ProtectedDismissal]:
    """Current posts holding a protected role whose holders the proposal puts at risk."""
    out: list[ProtectedDismissal] = []
    for role, label in PROTECTED_ROLES.items():
        for post_id in sorted(before.role_holders(role)):
            if post_id in at_risk_posts:
                out.append(ProtectedDismissal(post_id, before.post(post_id).title, label))
    return out
