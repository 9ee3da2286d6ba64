"""Statutory roles: who must be designated, and which roles one post may not combine (law)."""

from __future__ import annotations

from collections.abc import Iterator

from orgdesigner.model.post import Role
from orgdesigner.model.profile import REQUIRED_ROLES
from orgdesigner.model.rules.base import Context, Finding, Rule, Severity

HOPS = Role.HEAD_OF_PAID_SERVICE
CFO = Role.CHIEF_FINANCE_OFFICER
MO = Role.MONITORING_OFFICER


def _coverage(ctx: Context) -> Iterator[Finding]:
    structure = ctx.structure
    for role in REQUIRED_ROLES[ctx.council_type]:
        holders = sorted(structure.role_holders(role))
        severity = Severity.ERROR if role.is_law else Severity.WARNING
        if not holders:
            yield Finding(
                "statutory.missing",
                severity,
                (),
                f"No post holds the {role.label} role, which a {ctx.council_type.label.lower()} council "
                f"must designate ({role.basis}): give the role to one post.",
            )
        elif len(holders) > 1:
            names = ", ".join(f"'{ctx.title(h)}'" for h in holders)
            yield Finding(
                "statutory.duplicate",
                severity,
                tuple(holders),
                f"The {role.label} role is held by {len(holders)} posts ({names}); it must be held by "
                f"exactly one ({role.basis}): keep it on one post.",
            )
    # Roles not required here may still be designated, but never twice.
    for role in Role:
        if role in REQUIRED_ROLES[ctx.council_type]:
            continue
        holders = sorted(structure.role_holders(role))
        if len(holders) > 1:
            yield Finding(
                "statutory.duplicate",
                Severity.WARNING,
                tuple(holders),
                f"The {role.label} role is held by {len(holders)} posts: keep it on one post.",
            )


def _together(ctx: Context, first: Role, second: Role) -> list[str]:
    return sorted(ctx.structure.role_holders(first) & ctx.structure.role_holders(second))


def _combinations(ctx: Context) -> Iterator[Finding]:
    structure = ctx.structure
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
    scrutiny = structure.role_holders(Role.SCRUTINY_OFFICER)
    for role in (HOPS, MO, CFO):
        for post_id in sorted(scrutiny & structure.role_holders(role)):
            yield Finding(
                "statutory.scrutiny",
                Severity.ERROR,
                (post_id,),
                f"'{ctx.title(post_id)}' is the statutory scrutiny officer and also {role.label}; the law "
                "forbids it (Local Government Act 2000 s.9FB): designate another post.",
            )
    for post_id in _together(ctx, HOPS, CFO):
        yield Finding(
            "statutory.hops_cfo",
            Severity.WARNING,
            (post_id,),
            f"'{ctx.title(post_id)}' is both Head of Paid Service and Chief Finance Officer: lawful, but it "
            "weakens the s.114 reporting duty (Local Government Finance Act 1988): separate them if you can.",
        )
    for post_id in _together(ctx, Role.CHILDRENS_SERVICES, Role.ADULT_SOCIAL_SERVICES):
        if not structure.post(post_id).role_justification.strip():
            yield Finding(
                "statutory.dcs_dass",
                Severity.WARNING,
                (post_id,),
                f"'{ctx.title(post_id)}' is both DCS and DASS: lawful, but guidance asks for a documented "
                "local assurance test; record the justification on the post.",
            )
    for post_id in _together(ctx, Role.DATA_PROTECTION, MO):
        yield Finding(
            "statutory.dpo_mo",
            Severity.WARNING,
            (post_id,),
            f"'{ctx.title(post_id)}' is both Data Protection Officer and Monitoring Officer: check the DPO's "
            "independence (UK GDPR art. 38).",
        )


def _cfo_reporting(ctx: Context) -> Iterator[Finding]:
    structure = ctx.structure
    hops = structure.role_holders(HOPS)
    for post_id in sorted(structure.role_holders(CFO)):
        if post_id in hops:
            continue
        manager = structure.manager_of(post_id)
        if manager is None or manager in hops:
            continue
        if not hops and structure.manager_of(manager) is None and not structure.is_held(manager):
            continue  # no HoPS designated: the top post stands for the chief executive
        yield Finding(
            "statutory.cfo_reports",
            Severity.WARNING,
            (post_id, manager),
            f"The Chief Finance Officer '{ctx.title(post_id)}' reports to '{ctx.title(manager)}', not to the "
            "chief executive; CIPFA's statement (2010) asks that the CFO reports directly to the chief "
            "executive and sits on the leadership team.",
        )


STATUTORY_RULES = (
    Rule(
        "statutory.coverage",
        "Each statutory role the council type requires is held by exactly one post.",
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
        "statutory.cfo_reports",
        "The Chief Finance Officer reports to the chief executive.",
        "policy (CIPFA 2010)",
        whole=_cfo_reporting,
    ),
)
