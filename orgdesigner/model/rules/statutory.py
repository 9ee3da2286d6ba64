"""Statutory roles: who must be designated, which roles one post may not combine, and the law's
conditions on the holders (DOMAIN.md §2). Law is an error naming its statute and subsection;
guidance and policy are warnings the profile can turn off.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from orgdesigner.model.post import Role, Status
from orgdesigner.model.profile import REQUIRED_ROLES, CouncilType
from orgdesigner.model.rules.base import Context, Finding, Rule, Severity

HOPS = Role.HEAD_OF_PAID_SERVICE
CFO = Role.CHIEF_FINANCE_OFFICER
MO = Role.MONITORING_OFFICER
DCS = Role.CHILDRENS_SERVICES
DPO = Role.DATA_PROTECTION


def holders(ctx: Context, role: Role) -> frozenset[str]:
    """Posts that hold a role in law: a post marked to be deleted satisfies no statutory role."""
    structure = ctx.structure
    found = structure.role_holders(role)
    return frozenset(p for p in found if structure.post(p).status is not Status.TO_BE_DELETED)


def basis(role: Role, council_type: CouncilType) -> str:
    """The statute (and subsection) that requires the role of this kind of council."""
    if role is Role.RETURNING_OFFICER and council_type is CouncilType.LONDON_BOROUGH:
        return "Representation of the People Act 1983 s.35(3)"
    return role.basis


def _coverage(ctx: Context) -> Iterator[Finding]:
    structure = ctx.structure
    required = REQUIRED_ROLES[ctx.council_type]
    kind = ctx.council_type.label.lower()
    for role in required:
        held = sorted(holders(ctx, role))
        severity = Severity.ERROR if role.is_law else Severity.WARNING
        law = basis(role, ctx.council_type)
        if not held:
            going = sorted(structure.role_holders(role))
            note = (
                f" ('{ctx.title(going[0])}' holds it but is marked to be deleted, and a deleted post holds no role)"
                if going
                else ""
            )
            yield Finding(
                "statutory.missing",
                severity,
                tuple(going),
                f"No post holds the {role.label} role, which a {kind} council must designate ({law}){note}: "
                "give the role to a post that stays.",
            )
        elif len(held) > 1:
            names = ", ".join(f"'{ctx.title(h)}'" for h in held)
            yield Finding(
                "statutory.duplicate",
                severity,
                tuple(held),
                f"The {role.label} role is held by {len(held)} posts ({names}); it must be held by "
                f"exactly one ({law}): keep it on one post.",
            )
    # Roles not required here may still be designated, but never twice.
    for role in Role:
        if role in required:
            continue
        held = sorted(holders(ctx, role))
        if len(held) > 1:
            yield Finding(
                "statutory.duplicate",
                Severity.WARNING,
                tuple(held),
                f"The {role.label} role is held by {len(held)} posts: keep it on one post.",
            )


def _together(ctx: Context, first: Role, second: Role) -> list[str]:
    return sorted(holders(ctx, first) & holders(ctx, second))


def _combinations(ctx: Context) -> Iterator[Finding]:
    structure = ctx.structure
    if not ctx.council_type.is_council:
        return
    for post_id in _together(ctx, MO, CFO):
        yield Finding(
            "statutory.mo_cfo",
            Severity.ERROR,
            (post_id,),
            f"'{ctx.title(post_id)}' is both Monitoring Officer and Chief Finance Officer; the law forbids "
            "it (Local Government and Housing Act 1989 s.5(1)): give one role to another post.",
        )
    for post_id in _together(ctx, MO, HOPS):
        yield Finding(
            "statutory.mo_hops",
            Severity.ERROR,
            (post_id,),
            f"'{ctx.title(post_id)}' is both Monitoring Officer and Head of Paid Service; the law forbids "
            "it (Local Government and Housing Act 1989 s.5(1A)): give one role to another post.",
        )
    # s.9FB binds only the councils it applies to: a district with a county council (s.9FB(5)) may
    # designate a scrutiny officer as it likes.
    if Role.SCRUTINY_OFFICER in REQUIRED_ROLES[ctx.council_type]:
        scrutiny = holders(ctx, Role.SCRUTINY_OFFICER)
        for role in (HOPS, MO, CFO):
            for post_id in sorted(scrutiny & holders(ctx, role)):
                yield Finding(
                    "statutory.scrutiny",
                    Severity.ERROR,
                    (post_id,),
                    f"'{ctx.title(post_id)}' is the statutory scrutiny officer and also {role.label}; the law "
                    "forbids it (Local Government Act 2000 s.9FB(4)): designate another post.",
                )
    for post_id in _together(ctx, HOPS, CFO):
        yield Finding(
            "statutory.hops_cfo",
            Severity.WARNING,
            (post_id,),
            f"'{ctx.title(post_id)}' is both Head of Paid Service and Chief Finance Officer: lawful, but it "
            "weakens the report duty of Local Government Finance Act 1988 s.114(2): separate them if you can.",
        )
    for post_id in _together(ctx, DCS, Role.ADULT_SOCIAL_SERVICES):
        if not structure.post(post_id).role_justification.strip():
            yield Finding(
                "statutory.dcs_dass",
                Severity.WARNING,
                (post_id,),
                f"'{ctx.title(post_id)}' is both DCS and DASS: lawful, but guidance asks for a documented "
                "local assurance test; record the justification on the post.",
            )
    for post_id in _together(ctx, DPO, MO):
        yield Finding(
            "statutory.dpo_mo",
            Severity.WARNING,
            (post_id,),
            f"'{ctx.title(post_id)}' is both Data Protection Officer and Monitoring Officer: check the DPO's "
            "other duties bring no conflict of interest (UK GDPR art. 38(6)).",
        )


def _chief(ctx: Context) -> frozenset[str]:
    """The chief executive as the law sees it: the HoPS, or the top posts when none is designated."""
    hops = holders(ctx, HOPS)
    if hops:
        return hops
    structure = ctx.structure
    return frozenset(r for r in structure.roots() if not structure.is_held(r))


def _reports_to_chief(ctx: Context, post_id: str, chief: frozenset[str], dotted: bool) -> bool:
    structure = ctx.structure
    if post_id in chief:
        return True
    manager = structure.manager_of(post_id)
    if manager is not None and manager in chief:
        return True
    return dotted and bool(structure.dotted_managers(post_id) & chief)


def _reporting(ctx: Context) -> Iterator[Finding]:
    """Who must be able to reach the top: the CFO (policy), the DCS (guidance), the DPO (law, as a
    warning: the line may exist outside the chart)."""
    profile = ctx.profile
    chief = _chief(ctx)
    if not chief or not ctx.council_type.is_council:
        return
    if profile.cfo_reports_to_hops:
        for post_id in sorted(holders(ctx, CFO)):
            if not _reports_to_chief(ctx, post_id, chief, dotted=False):
                manager = ctx.structure.manager_of(post_id)
                yield Finding(
                    "statutory.cfo_reports",
                    Severity.WARNING,
                    (post_id,) if manager is None else (post_id, manager),
                    f"The Chief Finance Officer '{ctx.title(post_id)}' does not report to the chief executive; "
                    "CIPFA's statement (2010) asks that the CFO reports directly to the chief executive and "
                    "sits on the leadership team (a rules setting).",
                )
    if profile.dcs_first_tier and DCS in REQUIRED_ROLES[ctx.council_type]:
        for post_id in sorted(holders(ctx, DCS)):
            if not _reports_to_chief(ctx, post_id, chief, dotted=False):
                yield Finding(
                    "statutory.dcs_tier",
                    Severity.WARNING,
                    (post_id,),
                    f"The Director of Children's Services '{ctx.title(post_id)}' is not a first-tier officer: "
                    "the statutory guidance on the DCS role (2013, under Children Act 2004 s.18) expects the DCS "
                    "to report directly to the chief executive (a rules setting).",
                )
    for post_id in sorted(holders(ctx, DPO)):
        if not _reports_to_chief(ctx, post_id, chief, dotted=True):
            yield Finding(
                "statutory.dpo_reports",
                Severity.WARNING,
                (post_id,),
                f"The Data Protection Officer '{ctx.title(post_id)}' has no solid or dotted line to the Head of "
                "Paid Service or the top layer; the DPO must be able to report directly to the highest "
                "management level (UK GDPR art. 38(3)): add a dotted line to the chief executive.",
            )


_SEPARATORS = re.compile(r"[,;/&+]|\band\b", re.IGNORECASE)


def _bodies(text: str) -> list[str]:
    return [part.strip() for part in _SEPARATORS.split(text) if part.strip()]


def _cfo_body(ctx: Context) -> Iterator[Finding]:
    """The s151 officer must belong to a body LGFA 1988 s.113(3) lists (the profile's list)."""
    listed = {b.casefold() for b in ctx.profile.accountancy_bodies}
    allowed = ", ".join(ctx.profile.accountancy_bodies)
    structure = ctx.structure
    for post_id in sorted(holders(ctx, CFO)):
        post = structure.post(post_id)
        people = post.holders or ()
        records = [(h.name or "the postholder", h.professional_body or post.professional_body) for h in people]
        if not records:
            records = [("the post", post.professional_body)]
        for who, body in records:
            named = _bodies(body)
            if not named:
                yield Finding(
                    "statutory.cfo_body",
                    Severity.WARNING,
                    (post_id,),
                    f"The Chief Finance Officer '{ctx.title(post_id)}': no professional body is recorded for {who}; "
                    f"the s151 officer must be a member of one of {allowed} (Local Government Finance Act 1988 "
                    "s.113(1)): record it on the post or its holder.",
                )
            elif not any(b.casefold() in listed for b in named):
                yield Finding(
                    "statutory.cfo_body",
                    Severity.ERROR,
                    (post_id,),
                    f"The Chief Finance Officer '{ctx.title(post_id)}': {who} belongs to {body}, which is not one "
                    f"of the bodies the law accepts ({allowed}; Local Government Finance Act 1988 s.113(1) and "
                    "(3)): give the role to a qualified post, or add a body the Secretary of State has approved "
                    "to the rules.",
                )


STATUTORY_RULES = (
    Rule(
        "statutory.coverage",
        "Each statutory role the council type requires is held by exactly one post that stays.",
        "law",
        whole=_coverage,
    ),
    Rule(
        "statutory.combinations",
        "Roles one post may not combine (MO/CFO, MO/HoPS, scrutiny) or should "
        "not (HoPS/CFO, DCS/DASS without justification, DPO/MO).",
        "law",
        whole=_combinations,
    ),
    Rule(
        "statutory.reporting",
        "The CFO and DCS report to the chief executive (policy, guidance); the DPO has a line to the top (law).",
        "law, guidance and policy",
        whole=_reporting,
    ),
    Rule(
        "statutory.cfo_body",
        "The Chief Finance Officer belongs to an accountancy body the law lists (the rules hold the list).",
        "law",
        whole=_cfo_body,
    ),
)
