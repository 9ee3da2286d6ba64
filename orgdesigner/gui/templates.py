"""The palette's post templates: what a new director, head of service or statutory officer looks like."""

from __future__ import annotations

from dataclasses import dataclass

from orgdesigner.model.edits import AddPost, AddStaffGroup, Edit
from orgdesigner.model.post import Post, Role, Side, StaffGroup, Status
from orgdesigner.model.structure import Structure


@dataclass(frozen=True)
class PostTemplate:
    key: str
    label: str
    title: str
    pay: tuple[float, float] | None
    roles: frozenset[Role] = frozenset()
    side: Side | None = None  # None: the manager's side


TEMPLATES: tuple[PostTemplate, ...] = (
    PostTemplate("director", "Director", "Director", (110_000, 130_000)),
    PostTemplate("head", "Head of Service", "Head of Service", (70_000, 90_000)),
    PostTemplate("manager", "Manager", "Service Manager", (45_000, 55_000)),
    PostTemplate("team_leader", "Team leader", "Team Leader", (32_000, 38_000)),
    PostTemplate(
        "hops",
        "Head of Paid Service",
        "Chief Executive",
        (150_000, 170_000),
        frozenset({Role.HEAD_OF_PAID_SERVICE}),
        Side.COMMISSIONING,
    ),
    PostTemplate(
        "s151",
        "s151 officer",
        "Chief Finance Officer",
        (90_000, 110_000),
        frozenset({Role.CHIEF_FINANCE_OFFICER}),
        Side.CORPORATE_SUPPORT,
    ),
    PostTemplate(
        "mo",
        "Monitoring Officer",
        "Head of Legal Services",
        (80_000, 95_000),
        frozenset({Role.MONITORING_OFFICER}),
        Side.CORPORATE_SUPPORT,
    ),
    PostTemplate(
        "scrutiny",
        "Scrutiny officer",
        "Head of Scrutiny",
        (50_000, 60_000),
        frozenset({Role.SCRUTINY_OFFICER}),
        Side.COMMISSIONING,
    ),
    PostTemplate(
        "dcs",
        "DCS",
        "Director of Children's Services",
        (120_000, 140_000),
        frozenset({Role.CHILDRENS_SERVICES}),
        Side.COMMISSIONING,
    ),
    PostTemplate(
        "dass",
        "DASS",
        "Director of Adult Social Services",
        (120_000, 140_000),
        frozenset({Role.ADULT_SOCIAL_SERVICES}),
        Side.COMMISSIONING,
    ),
    PostTemplate(
        "dph",
        "DPH",
        "Director of Public Health",
        (110_000, 125_000),
        frozenset({Role.PUBLIC_HEALTH}),
        Side.COMMISSIONING,
    ),
    PostTemplate(
        "dpo",
        "Data Protection Officer",
        "Data Protection Officer",
        (45_000, 55_000),
        frozenset({Role.DATA_PROTECTION}),
        Side.CORPORATE_SUPPORT,
    ),
    PostTemplate("staff_group", "Staff group", "Staff", (22_000, 30_000)),
)
BY_KEY = {t.key: t for t in TEMPLATES}


def edit_for(key: str, structure: Structure, manager: str | None) -> Edit:
    """The edit that adds a post (or staff group) from a palette template under `manager`."""
    template = BY_KEY[key]
    side = template.side or (structure.post(manager).side if manager else Side.COMMISSIONING)
    floor, ceiling = template.pay if template.pay else (None, None)
    if key == "staff_group":
        group_id = structure.new_id("G")
        while any(g.id == group_id for g in structure.staff_groups()):
            group_id += "x"
        return AddStaffGroup(
            StaffGroup(group_id, manager, "Staff", pay_floor=floor, pay_ceiling=ceiling, fte=5.0, direct=True)
        )
    post = Post(
        structure.new_id("P"),
        template.title,
        pay_floor=floor,
        pay_ceiling=ceiling,
        side=side,
        roles=template.roles,
        status=Status.NEW,
    )
    return AddPost(post, manager)
