"""Writes resources/templates/*.orgx: Cheshire East 2013, Cheltenham 2011 and a blank file per council type.

Run after changing the model or these figures: python scripts/make_templates.py
"""

from __future__ import annotations

import dataclasses
import random
from datetime import date
from pathlib import Path

from template_cheltenham import cheltenham

from orgdesigner.formats import native
from orgdesigner.model.document import Document, Phase, Scenario
from orgdesigner.model.edits import AddPost, AddStaffGroup, UpdatePost
from orgdesigner.model.post import Holder, Post, Role, Side, StaffGroup, Status
from orgdesigner.model.profile import CouncilType
from orgdesigner.model.structure import Structure

OUT = Path(__file__).resolve().parent.parent / "resources" / "templates"
REPORT = "Cheshire East Cabinet report, 4 Feb 2013"
TRANSITION_END = "2014-03-31"

CE_NOTES = (
    "Cheshire East Council's proposed senior structure, from the Cabinet report 'Becoming a Strategic "
    "Council - Review of Management Roles and Responsibilities' (4 February 2013). From the report: the posts, "
    "their grouping, the statutory roles they hold, the salaries of the Director of Strategic Commissioning "
    "(about £130K, §6.6), the Chief Operating Officer (£110-120K including a 10% statutory supplement, §6.7), the "
    "Corporate Support Managers (spot salaries within £70-90K, §6.7) and the Heads of Service (§6.8-6.9), the "
    "minimum span of five (§6.2) and the core at no more than 10% of about 4,000 staff (§6.3). Illustrative "
    "(not in the report): the Chief Executive's salary, the salaries of the DCS, DASS and DPH, the reporting "
    "line of the Heads of Service to the Director of Strategic Commissioning, the Heads of Service's "
    "transition end date, and the staff groups that stand for the rest of the workforce (their sizes follow "
    "§6.3's 400 of 4,000; their pay ranges are illustrative). The Current scenario is the 2013 structure "
    "of two Strategic Directors for People and Places (§3.1, §6.1); its Heads of Service, their salaries and "
    "roles are illustrative. Targets from the report: a quarter fewer management posts and £5m a year (§6.13)."
)


def _post(post_id: str, title: str, para: str, **fields: object) -> Post:
    note = f"{REPORT}, {para}."
    if fields.get("notes"):
        note = f"{note} {fields.pop('notes')}"
    status = Status(str(fields.pop("status", "new")))
    return Post(id=post_id, title=title, notes=note, status=status, **fields)  # type: ignore[arg-type]


def cheshire_east_proposed() -> Structure:
    s = Structure()
    core, corporate, transitional = Side.COMMISSIONING, Side.CORPORATE_SUPPORT, Side.TRANSITIONAL

    def add(post: Post, manager: str | None = None) -> None:
        s.apply(AddPost(post, manager))

    add(
        _post(
            "CE",
            "Chief Executive",
            "§6.4 (statutory roles in the core)",
            side=core,
            roles=frozenset({Role.HEAD_OF_PAID_SERVICE}),
            pay_floor=160_000.0,
            pay_ceiling=160_000.0,
            function="Leadership",
            status="filled",
            notes="Salary illustrative.",
        )
    )
    add(
        _post(
            "DSC",
            "Director of Strategic Commissioning",
            "§6.6",
            side=core,
            pay_floor=130_000.0,
            pay_ceiling=130_000.0,
            function="Strategic commissioning",
        ),
        "CE",
    )
    add(
        _post(
            "COO",
            "Chief Operating Officer",
            "§6.7",
            side=corporate,
            pay_floor=110_000.0,
            pay_ceiling=120_000.0,
            roles=frozenset({Role.MONITORING_OFFICER}),
            function="Corporate support",
            notes="Holds the Monitoring Officer role (the report allows MO or s151; Finance holds s151).",
        ),
        "CE",
    )
    for post_id, title, role in (
        ("DCS", "Director of Children's Services", Role.CHILDRENS_SERVICES),
        ("DASS", "Director of Adult Social Services", Role.ADULT_SOCIAL_SERVICES),
        ("DPH", "Director of Public Health", Role.PUBLIC_HEALTH),
    ):
        add(
            _post(
                post_id,
                title,
                "§6.6 (statutory postholder in the integrated commissioning team)",
                side=core,
                roles=frozenset({role}),
                pay_floor=95_000.0,
                pay_ceiling=95_000.0,
                function="Strategic commissioning",
                status="filled",
                notes="Salary illustrative.",
            ),
            "DSC",
        )
    for post_id, title, roles in (
        ("CSM-FIN", "Corporate Support Manager: Finance", frozenset({Role.CHIEF_FINANCE_OFFICER})),
        (
            "CSM-CSP",
            "Corporate Support Manager: Commercial Strategy, Business Innovation and Performance",
            frozenset[Role](),
        ),
        ("CSM-OD", "Corporate Support Manager: Organisational Development", frozenset[Role]()),
        ("CSM-DSG", "Corporate Support Manager: Democratic Services and Governance", frozenset[Role]()),
    ):
        add(
            _post(
                post_id,
                title,
                "§6.7",
                side=corporate,
                roles=roles,
                pay_floor=70_000.0,
                pay_ceiling=90_000.0,
                function="Corporate support",
            ),
            "COO",
        )
    for n, area in enumerate(
        (
            "Economic Growth and Prosperity",
            "Public Protection and Enforcement",
            "Environmental Protection and Enhancement",
            "Early Intervention and Prevention",
            "Independent Living",
            "Safeguarding of Vulnerable Children and Adults",
        ),
        start=1,
    ):
        add(
            _post(
                f"HOS-{n}",
                f"Head of Service: {area}",
                "§6.8 and §6.10 (transitional roles)",
                side=transitional,
                transition_end=TRANSITION_END,
                pay_floor=70_000.0,
                pay_ceiling=90_000.0,
                function=area,
                notes="Reporting line to the Director of Strategic Commissioning and end date illustrative.",
            ),
            "DSC",
        )
    add(
        _post(
            "HOS-LOC",
            "Head of Service: Locality Working",
            "§6.9 and §6.10 (transitional roles)",
            side=transitional,
            transition_end=TRANSITION_END,
            pay_floor=70_000.0,
            pay_ceiling=90_000.0,
            function="Locality working",
            notes="Reporting line to the Director of Strategic Commissioning and end date illustrative.",
        ),
        "DSC",
    )

    groups = [
        StaffGroup(
            "SG-COMM",
            "DSC",
            "Commissioning team (illustrative)",
            pay_floor=30_000.0,
            pay_ceiling=45_000.0,
            fte=180.0,
            side=core,
            notes="Size from §6.3; pay illustrative.",
        ),
        StaffGroup(
            "SG-CORP",
            "COO",
            "Corporate support staff (illustrative)",
            pay_floor=22_000.0,
            pay_ceiling=40_000.0,
            fte=200.0,
            side=corporate,
            notes="Size from §6.3; pay illustrative.",
        ),
    ]
    provider_fte = [515.0, 515.0, 514.0, 514.0, 514.0, 514.0, 514.0]
    for fte, hos in zip(provider_fte, [f"HOS-{n}" for n in range(1, 7)] + ["HOS-LOC"], strict=True):
        groups.append(
            StaffGroup(
                f"SG-{hos}",
                hos,
                "Provider staff (illustrative)",
                pay_floor=18_000.0,
                pay_ceiling=30_000.0,
                fte=fte,
                side=Side.PROVIDER,
                notes="Size from §6.3 (about 3,600 providers); pay illustrative.",
            )
        )
    for group in groups:
        s.apply(AddStaffGroup(group))
    return s


def cheshire_east_current() -> Structure:
    """The 2013 structure the report replaces: two Strategic Directors, People and Places (§3.1, §6.1).

    The report names the two directorates but not their Heads of Service or salaries; those here
    are illustrative, chosen as a typical two-directorate council of the time.
    """
    s = Structure()
    filled = Status.FILLED

    def add(post: Post, manager: str | None = None) -> None:
        s.apply(AddPost(post, manager))

    def current(post_id: str, title: str, para: str, **fields: object) -> Post:
        return _post(post_id, title, para, status=filled, **fields)

    add(
        current(
            "CE",
            "Chief Executive",
            "§6.4",
            side=Side.COMMISSIONING,
            roles=frozenset({Role.HEAD_OF_PAID_SERVICE}),
            pay_floor=160_000.0,
            pay_ceiling=160_000.0,
            function="Leadership",
            notes="Salary illustrative.",
        )
    )
    add(
        current(
            "SD-PEOPLE",
            "Strategic Director: People",
            "§3.1 and §6.1",
            side=Side.COMMISSIONING,
            roles=frozenset({Role.CHILDRENS_SERVICES, Role.ADULT_SOCIAL_SERVICES}),
            pay_floor=135_000.0,
            pay_ceiling=135_000.0,
            function="People",
            role_justification="Held jointly before 2013 (illustrative).",
            notes="Salary and roles illustrative.",
        ),
        "CE",
    )
    add(
        current(
            "SD-PLACES",
            "Strategic Director: Places",
            "§3.1 and §6.1",
            side=Side.COMMISSIONING,
            pay_floor=135_000.0,
            pay_ceiling=135_000.0,
            function="Places",
            notes="Salary illustrative.",
        ),
        "CE",
    )
    add(
        current(
            "DIR-FIN",
            "Director of Finance and Business Services",
            "§6.4",
            side=Side.CORPORATE_SUPPORT,
            roles=frozenset({Role.CHIEF_FINANCE_OFFICER}),
            pay_floor=110_000.0,
            pay_ceiling=110_000.0,
            function="Corporate support",
            notes="Illustrative.",
        ),
        "CE",
    )
    add(
        current(
            "BOR-SOL",
            "Borough Solicitor",
            "§6.4",
            side=Side.CORPORATE_SUPPORT,
            roles=frozenset({Role.MONITORING_OFFICER}),
            pay_floor=95_000.0,
            pay_ceiling=95_000.0,
            function="Corporate support",
            notes="Illustrative.",
        ),
        "CE",
    )
    add(
        current(
            "DPH",
            "Director of Public Health",
            "§4.2",
            side=Side.COMMISSIONING,
            roles=frozenset({Role.PUBLIC_HEALTH}),
            pay_floor=95_000.0,
            pay_ceiling=95_000.0,
            function="Strategic commissioning",
            notes="Salary illustrative.",
        ),
        "SD-PEOPLE",
    )
    people = [
        "Children's Social Care",
        "Early Intervention and Prevention",
        "Education and Skills",
        "Adult Social Care",
        "Individual Commissioning",
        "Safeguarding",
    ]
    places = [
        "Highways and Transport",
        "Planning and Housing",
        "Regeneration",
        "Environmental Services",
        "Leisure and Culture",
        "Public Protection",
    ]
    corporate = [
        ("HR and Organisational Development", "DIR-FIN"),
        ("ICT", "DIR-FIN"),
        ("Performance and Partnerships", "DIR-FIN"),
        ("Democratic Services", "BOR-SOL"),
    ]
    heads = [(f"HOS-P{n}", area, "SD-PEOPLE", Side.PROVIDER) for n, area in enumerate(people, 1)]
    heads += [(f"HOS-PL{n}", area, "SD-PLACES", Side.PROVIDER) for n, area in enumerate(places, 1)]
    heads += [(f"HOS-C{n}", area, mgr, Side.CORPORATE_SUPPORT) for n, (area, mgr) in enumerate(corporate, 1)]
    for post_id, area, manager, side in heads:
        add(
            current(
                post_id,
                f"Head of {area}",
                "§3.1 (professional groupings)",
                side=side,
                pay_floor=75_000.0,
                pay_ceiling=85_000.0,
                function=area,
                notes="Illustrative.",
            ),
            manager,
        )
    # The same workforce as the proposal, so the comparison measures the management changes alone.
    provider_heads = [h for h in heads if h[3] is Side.PROVIDER]
    for post_id, _area, _manager, _side in provider_heads:
        s.apply(
            AddStaffGroup(
                StaffGroup(
                    f"SG-{post_id}",
                    post_id,
                    "Provider staff (illustrative)",
                    pay_floor=18_000.0,
                    pay_ceiling=30_000.0,
                    fte=300.0,
                    side=Side.PROVIDER,
                )
            )
        )
    s.apply(
        AddStaffGroup(
            StaffGroup(
                "SG-COMM",
                "SD-PEOPLE",
                "Commissioning team (illustrative)",
                pay_floor=30_000.0,
                pay_ceiling=45_000.0,
                fte=180.0,
                side=Side.COMMISSIONING,
            )
        )
    )
    s.apply(
        AddStaffGroup(
            StaffGroup(
                "SG-CORP",
                "DIR-FIN",
                "Corporate support staff (illustrative)",
                pay_floor=22_000.0,
                pay_ceiling=40_000.0,
                fte=200.0,
                side=Side.CORPORATE_SUPPORT,
            )
        )
    )
    return s


PEOPLE_NOTE = (
    "Illustrative person data (not from the report, invented for the savings profile): each current "
    "postholder's date of birth, continuous service date and LGPS membership, and the 8% natural turnover "
    "rate; no real person's data is in this file."
)


def with_illustrative_people(document: Document, seed: int) -> Document:
    """Give every holder of a filled post invented HR data, the same person in every scenario (seeded
    by post id), so exit costs can be worked out. Marked as illustrative in the file's notes."""
    for scenario in document.scenarios:
        structure = scenario.structure
        for post in list(structure):
            if post.status is Status.VACANT or post.fte is None:
                continue
            rng = random.Random(f"{seed}:{post.id}")
            born = date(rng.randint(1956, 1975), rng.randint(1, 12), rng.randint(1, 28))
            joined = date(rng.randint(max(born.year + 22, 1980), 2005), rng.choice((4, 9)), 1)
            hr = {
                "date_of_birth": born.isoformat(),
                "service_start": joined.isoformat(),
                "lgps_member": rng.random() < 0.9,
                "notice_weeks": 12.0,
            }
            holders = post.holders or (Holder(name=f"Postholder {post.id} (illustrative)", fte=post.fte),)
            people = tuple(dataclasses.replace(h, **hr) for h in holders)  # type: ignore[arg-type]
            structure.apply(UpdatePost(post.id, {"holders": people}))
    return document


def blank(council_type: CouncilType) -> Document:
    s = Structure()
    s.apply(AddPost(Post("CE", "Chief Executive", roles=frozenset({Role.HEAD_OF_PAID_SERVICE}))))
    return Document(
        organisation=f"New {council_type.label.lower()} council",
        council_type=council_type,
        scenarios=[Scenario("Proposed", s)],
        notes=f"A blank structure for a {council_type.label.lower()} council: a Chief Executive to build on.",
    )


def cheshire_east() -> Document:
    proposed = Scenario(
        "Proposed",
        cheshire_east_proposed(),
        "The proposal of §6.6-6.10.",
        {"management_posts_reduction": 0.25, "annual_saving": 5_000_000.0, "saving_year_3": 5_000_000.0},
    )
    # §7.2: all current management posts are deleted and re-established, postholders applying for
    # them; §7.1: three phases, completed by Easter (31 March 2013), July and September.
    proposed.reselect_all = True
    # In force 1 April, 1 July and 1 September 2013; Year 1 is 2013/14, so "£5M a year by Year 3" is 2015/16
    # (§6.13, §7.12).
    proposed.phases = [
        Phase(1, "Phase 1: senior posts £55K+", "2013-04-01"),
        Phase(2, "Phase 2: posts £30K+", "2013-07-01"),
        Phase(3, "Phase 3: team leaders and supervisors", "2013-09-01"),
    ]
    proposed.year1, proposed.horizon = "2013/14", 3
    current = cheshire_east_current()
    document = Document(
        organisation="Cheshire East Council",
        council_type=CouncilType.UNITARY,
        scenarios=[
            Scenario("Current", current, "The 2013 structure: two Strategic Directors (§3.1, §6.1)."),
            proposed,
        ],
        notes=f"{CE_NOTES} {PEOPLE_NOTE}",
    )
    document.profile.finance = dataclasses.replace(document.profile.finance, turnover_rate=0.08)
    return document


def with_illustrative_holders(document: Document) -> Document:
    """Give each filled post without a named holder one illustrative person (the reports name nobody)."""
    for scenario in document.scenarios:
        s = scenario.structure
        for post in list(s):
            if post.status is Status.FILLED and not post.holders and post.fte is not None:
                holder = Holder(name=f"Postholder {post.id} (illustrative)", fte=post.fte)
                s.apply(UpdatePost(post.id, {"holders": (holder,)}))
    return document


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    native.save(
        with_illustrative_people(with_illustrative_holders(cheshire_east()), 2013), OUT / "cheshire-east-2013.orgx"
    )
    cheltenham_2011 = with_illustrative_people(cheltenham(), 2011)
    cheltenham_2011.notes = f"{cheltenham_2011.notes} {PEOPLE_NOTE.replace(' and the 8% natural turnover rate', '')}"
    native.save(cheltenham_2011, OUT / "cheltenham-2011.orgx")
    for council_type in CouncilType:
        if not council_type.is_council:
            continue  # a body that is not a council starts from an import, not a blank council
        native.save(blank(council_type), OUT / f"blank-{council_type.value.replace('_', '-')}.orgx")
    print(f"templates written to {OUT}")


if __name__ == "__main__":
    main()
