"""A deterministic synthetic council of any size, shaped like a real one (spans 3-12, 6-8 layers)."""

from __future__ import annotations

import contextlib
import random

from orgdesigner.model.document import Document, Scenario
from orgdesigner.model.edits import AddPost, MovePost, RemovePost, UpdatePost
from orgdesigner.model.errors import EditRefused
from orgdesigner.model.post import Holder, Post, Role, Side, Status
from orgdesigner.model.profile import CouncilType
from orgdesigner.model.structure import Structure

PAY_BY_LAYER = [160_000, 120_000, 85_000, 60_000, 45_000, 35_000, 28_000, 24_000, 22_000]
TITLES = [
    "Director",
    "Head of Service",
    "Service Manager",
    "Team Manager",
    "Team Leader",
    "Officer",
    "Assistant",
    "Apprentice",
    "Trainee",
]
FUNCTIONS = ["Children", "Adults", "Place", "Finance", "Legal", "Public Health", "Housing", "Highways"]
ROLES = [
    Role.HEAD_OF_PAID_SERVICE,
    Role.CHIEF_FINANCE_OFFICER,
    Role.MONITORING_OFFICER,
    Role.CHILDRENS_SERVICES,
    Role.ADULT_SOCIAL_SERVICES,
    Role.PUBLIC_HEALTH,
    Role.SCRUTINY_OFFICER,
    Role.DATA_PROTECTION,
    Role.ELECTORAL_REGISTRATION,
    Role.CALDICOTT_GUARDIAN,
]


def council(size: int, seed: int = 2013) -> Structure:
    rng = random.Random(seed)
    s = Structure()
    s.apply(
        AddPost(
            Post(
                "P1",
                "Chief Executive",
                pay_floor=160_000.0,
                pay_ceiling=160_000.0,
                roles=frozenset({Role.HEAD_OF_PAID_SERVICE}),
            )
        )
    )
    frontier = ["P1"]
    layer_of = {"P1": 1}
    n = 1
    while n < size:
        manager = frontier.pop(0) if frontier else rng.choice(list(layer_of))
        layer = layer_of[manager] + 1
        span = rng.randint(5, 8) if layer <= 3 else rng.randint(3, 12)
        for _ in range(span):
            if n >= size:
                break
            n += 1
            pid = f"P{n}"
            pay = PAY_BY_LAYER[min(layer - 1, len(PAY_BY_LAYER) - 1)] * rng.uniform(0.9, 1.1)
            # Branches keep their manager's side, as a designed structure does; a few cross the split.
            if layer == 2:
                side = Side.COMMISSIONING
            elif layer == 3:
                side = rng.choice([Side.PROVIDER, Side.PROVIDER, Side.COMMISSIONING, Side.CORPORATE_SUPPORT])
            else:
                side = s.post(manager).side if rng.random() > 0.02 else rng.choice(list(Side))
            fte = rng.choice([1.0, 1.0, 1.0, 0.5, 0.8])
            roles = frozenset({ROLES[n - 1]}) if n - 1 < len(ROLES) and layer == 2 else frozenset()
            s.apply(
                AddPost(
                    Post(
                        pid,
                        f"{TITLES[min(layer - 2, len(TITLES) - 1)]} {n}",
                        grade=f"G{10 - min(layer, 9)}",
                        pay_floor=round(pay, -2),
                        pay_ceiling=round(pay * 1.08, -2),
                        fte=fte,
                        side=side,
                        function=rng.choice(FUNCTIONS),
                        roles=roles,
                        status=rng.choice([Status.FILLED] * 8 + [Status.VACANT, Status.NEW]),
                        holders=(Holder(f"Person {n}", fte),),
                    ),
                    manager,
                )
            )
            layer_of[pid] = layer
            if layer < 8:
                frontier.append(pid)
    return s


def document(size: int, seed: int = 2013) -> Document:
    return Document(
        f"Synthetic council ({size:,} posts)",
        CouncilType.UNITARY,
        scenarios=[Scenario("Proposed", council(size, seed))],
    )


def current_and_proposed(size: int) -> Document:
    """A council as it is ('Current') and a proposal ('Proposed') changing about 8% of its posts:
    500 deleted, 500 moved, 500 regraded, 200 new team leaders."""
    doc = document(size)
    doc.scenarios[0].name = "Current"
    doc.duplicate("Current", "Proposed")
    proposed = doc.scenario("Proposed").structure
    rng = random.Random(7)
    ids = sorted(proposed.post_ids())
    for post_id in rng.sample(ids, 500):
        if post_id in proposed and proposed.manager_of(post_id):
            proposed.apply(RemovePost(post_id, keep_reports=True))
    live = sorted(proposed.post_ids())
    for post_id in rng.sample(live, 500):
        with contextlib.suppress(EditRefused):
            proposed.apply(MovePost(post_id, rng.choice(live)))
    for post_id in rng.sample(live, 500):
        proposed.apply(UpdatePost(post_id, {"grade": "G9"}))
    for n in range(200):
        proposed.apply(
            AddPost(
                Post(f"NEW{n}", f"Team Leader {n}", pay_floor=32_000.0, pay_ceiling=36_000.0, function="Children"),
                rng.choice(live),
            )
        )
    return doc
