"""The cheltenham-2011 template: Cheltenham Borough Council's strategic commissioning structure
(reference 002: Staff and Support Services Committee 28 Oct 2010, Cabinet 16 Nov 2010, Council
13 Dec 2010).

From the minutes: 8.5 Assistant Directors (the Monitoring Officer counted as half a post, shared
with Tewkesbury Borough Council) fall to 6.5 in Phase 1 (April 2011) and by one more in Phase 2
(October 2012); the AD Community Services retires and two ADs apply for one post; the Strategic
Directors take on the commissioning role; a Head of Shared Services "if required"; £80,000 one-off
for the transition; £213,000 a year saved by the senior restructure. Everything else (titles of
most AD posts, salaries, staff groups, who holds which role) is illustrative.
"""

from __future__ import annotations

from orgdesigner.model.document import Document, Phase, Scenario
from orgdesigner.model.edits import AddDottedLine, AddPost, AddStaffGroup
from orgdesigner.model.post import Holder, Post, Role, Side, StaffGroup, Status
from orgdesigner.model.profile import CouncilType
from orgdesigner.model.structure import Structure

SOURCE = "Cheltenham Borough Council, Staff and Support Services Committee 28 Oct 2010 (reference 002)"
AD_PAY = 79_300.0
"""Illustrative Assistant Director salary (the minutes give none), chosen so that Phase 1's two fewer
ADs save about the £213,000 a year the minutes give, at today's on-cost rates."""

NOTES = (
    "Cheltenham Borough Council's move to a strategic commissioning council (reference 002: Staff and Support "
    "Services Committee 28 October 2010, Cabinet 16 November 2010, Council 13 December 2010). From the "
    "minutes: 8.5 Assistant Directors, the Monitoring Officer counted as half a post because it is shared with "
    "Tewkesbury Borough Council; 6.5 after Phase 1 (April 2011) and one fewer after Phase 2 (October 2012); the "
    "AD Community Services retires and two ADs apply for one post; the Strategic Directors take the "
    "commissioning role; a Head of Shared Services 'if required'; a one-off £80,000 for the transition; "
    "£213,000 a year saved by the senior restructure. Management posts as this program counts them (posts "
    "with post reports or staff under them) also hold the Chief Executive and the two Strategic Directors: "
    "11.5 -> 9.5 -> 8.5, the Assistant Directors alone 8.5 -> 6.5 -> 5.5 as Cheltenham counted them. "
    "Illustrative (not in the minutes): the titles of the other AD posts, every salary, the staff groups, "
    "the postholders and which post holds which statutory role."
)


def _post(post_id: str, title: str, pay: float | None, **fields: object) -> Post:
    """A post with a spot salary; filled ones get an illustrative holder."""
    status = Status(str(fields.pop("status", "filled")))
    note = str(fields.pop("notes", "Salary illustrative."))
    holders = (Holder(name=f"Postholder {post_id} (illustrative)"),) if status is Status.FILLED else ()
    return Post(
        id=post_id,
        title=title,
        pay_floor=pay,
        pay_ceiling=pay,
        status=status,
        holders=holders,
        notes=note,
        **fields,  # type: ignore[arg-type]
    )


# id, title, staff FTE, headcount (illustrative), roles
_ADS: dict[str, tuple[str, float, int, frozenset[Role]]] = {
    "AD-COMM": ("Assistant Director Community Services", 60.0, 72, frozenset()),
    "AD-HR": ("Assistant Director Human Resources and Organisational Development", 14.0, 16, frozenset()),
    "AD-FIN": ("Assistant Director Financial Services", 28.0, 31, frozenset({Role.CHIEF_FINANCE_OFFICER})),
    "AD-BE": ("Assistant Director Built Environment", 45.0, 49, frozenset()),
    "AD-NS": ("Assistant Director Neighbourhood Services", 80.0, 95, frozenset()),
    "AD-HSC": ("Assistant Director Housing and Safer Communities", 30.0, 34, frozenset()),
    "AD-CS": ("Assistant Director Customer Services and ICT", 40.0, 47, frozenset({Role.DATA_PROTECTION})),
    "AD-PP": ("Assistant Director Policy and Performance", 12.0, 13, frozenset()),
}
_SD_OF = {
    "AD-COMM": "SD-1",
    "AD-HR": "SD-2",
    "AD-FIN": "SD-2",
    "AD-BE": "SD-1",
    "AD-NS": "SD-1",
    "AD-HSC": "SD-1",
    "AD-CS": "SD-2",
    "AD-PP": "SD-2",
}


def _structure(ads: list[str], merged: dict[str, list[str]], phase: int) -> Structure:
    """The senior structure with `ads` kept; `merged` maps a new AD post to the current ones it
    replaces (their staff go to it)."""
    s = Structure()
    strategic = "Strategic Director (Commissioning)" if phase else "Strategic Director"
    s.apply(
        AddPost(
            _post(
                "CE",
                "Chief Executive",
                120_000.0,
                roles=frozenset({Role.HEAD_OF_PAID_SERVICE, Role.ELECTORAL_REGISTRATION, Role.RETURNING_OFFICER}),
                function="Leadership",
            )
        )
    )
    for sd in ("SD-1", "SD-2"):
        notes = "The Strategic Directors take on the commissioning role (minutes, 28 Oct 2010). Salary illustrative."
        s.apply(AddPost(_post(sd, strategic, 95_000.0, function="Leadership", notes=notes), "CE"))
    s.apply(
        AddPost(
            _post(
                "MO",
                "Borough Solicitor and Monitoring Officer",
                AD_PAY,
                roles=frozenset({Role.MONITORING_OFFICER}),
                employer="Tewkesbury Borough Council",
                share=0.5,
                function="Legal",
                notes="Shared with Tewkesbury Borough Council and counted as half a post (minutes, 28 Oct 2010). "
                "Salary illustrative (the employing council's full salary).",
            ),
            "CE",
        )
    )
    owner: dict[str, str] = {ad: ad for ad in ads}
    for new, old in merged.items():
        owner.update(dict.fromkeys(old, new))
    for ad in ads:
        title, _fte, _people, roles = _ADS[ad]
        fields: dict[str, object] = {"roles": roles, "function": title.removeprefix("Assistant Director ")}
        if Role.CHIEF_FINANCE_OFFICER in roles:
            fields["professional_body"] = "CIPFA"
        if ad == "AD-COMM" and phase == 0:
            fields["notes"] = "Retires; the post goes in Phase 1 (minutes, 28 Oct 2010). Salary illustrative."
        s.apply(AddPost(_post(ad, title, AD_PAY, **fields), _SD_OF[ad]))
    for new, old in merged.items():
        note = (
            f"Replaces {' and '.join(_ADS[o][0] for o in old)}: two ADs apply for one post (minutes, 28 Oct 2010). "
            "Title and salary illustrative."
        )
        s.apply(AddPost(_post(new, "Assistant Director Environment", AD_PAY, status="new", notes=note), "SD-1"))
    if phase:
        s.apply(
            AddPost(
                _post(
                    "HSS",
                    "Head of Shared Services (if required)",
                    None,
                    status="new",
                    notes="Marked 'if required': it depends on the extent of shared services (minutes, 28 Oct "
                    "2010). No salary: it is not costed until it is required.",
                ),
                "SD-2",
            )
        )
    s.apply(
        AddStaffGroup(
            StaffGroup(
                "SG-LEGAL",
                "MO",
                "Shared legal team (illustrative)",
                pay_floor=24_000.0,
                pay_ceiling=45_000.0,
                fte=9.0,
                headcount=10,
                side=Side.CORPORATE_SUPPORT,
                notes="Shared with Tewkesbury Borough Council; this council's part (illustrative).",
            )
        )
    )
    if "AD-CS" in ads:
        s.apply(AddDottedLine("AD-CS", "CE"))  # the DPO's line to the top (UK GDPR art. 38(3))
    for ad, (title, fte, people, _roles) in _ADS.items():
        manager = owner.get(ad)
        if manager is None:  # the function goes to the AD that takes it on
            manager = "AD-HR" if ad == "AD-PP" else "AD-ENV"
        s.apply(
            AddStaffGroup(
                StaffGroup(
                    f"SG-{ad.removeprefix('AD-')}",
                    manager,
                    f"{title.removeprefix('Assistant Director ')} staff (illustrative)",
                    pay_floor=19_000.0,
                    pay_ceiling=34_000.0,
                    fte=fte,
                    headcount=people,
                    side=Side.PROVIDER,
                )
            )
        )
    return s


def cheltenham() -> Document:
    current_ads = list(_ADS)
    phase1 = [a for a in current_ads if a not in ("AD-COMM", "AD-BE", "AD-NS")]
    phase2 = [a for a in phase1 if a != "AD-PP"]
    merged = {"AD-ENV": ["AD-COMM", "AD-BE", "AD-NS"]}
    phase_1 = Phase(1, "Phase 1", "2011-04-01")
    phase_2 = Phase(2, "Phase 2", "2012-10-01")
    transition = [("Transition capacity (one-off, by virement; Cabinet 16 Nov 2010)", 80_000.0)]
    return Document(
        organisation="Cheltenham Borough Council",
        council_type=CouncilType.DISTRICT,
        scenarios=[
            Scenario(
                "Current", _structure(current_ads, {}, 0), "2010: 8.5 Assistant Directors (minutes, 28 Oct 2010)."
            ),
            Scenario(
                "Proposed",
                _structure(phase1, merged, 1),
                "Phase 1, April 2011: 6.5 Assistant Directors.",
                {"annual_saving": 213_000.0},
                phases=[phase_1],
                year1="2011/12",
                one_off_costs=transition,
            ),
            Scenario(
                "Phase 2",
                _structure(phase2, merged, 2),
                "Phase 2, October 2012: one Assistant Director fewer, 5.5.",
                phases=[phase_1, phase_2],
                year1="2011/12",
                one_off_costs=list(transition),
            ),
        ],
        notes=NOTES,
    )
