"""Posts and staff groups: the positions a structure is made of, filled or vacant.

Posts are immutable values; a structure changes by replacing them through edits, so an undo can
always put back exactly what was there.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TypeVar, dataclass_transform

_T = TypeVar("_T")


@dataclass_transform(frozen_default=True, field_specifiers=(field,))
def value_class(cls: type[_T]) -> type[_T]:
    """A value type: frozen to the type checker, a plain slots dataclass at run time.

    A frozen dataclass sets each field through object.__setattr__: a Post's 27 fields cost
    ~2.8 us against ~0.5 us, a third of a 100,000-post file's load. mypy --strict still refuses
    any assignment to a field ("read-only"), so immutability is kept where it is checked; equality
    and hashing are the frozen ones (by field values), and dataclasses.replace makes new values.
    Only mypy stops an assignment: code it cannot see into (values typed Any, Qt slots, tests)
    must never set a field, as one post is shared by scenarios and the undo stack.
    """
    return dataclass(slots=True, unsafe_hash=True)(cls)


class Side(StrEnum):
    """Which side of the commissioner/provider split a post sits on."""

    COMMISSIONING = "commissioning"
    CORPORATE_SUPPORT = "corporate_support"
    PROVIDER = "provider"
    TRANSITIONAL = "transitional"

    @property
    def label(self) -> str:
        return _SIDE_LABELS[self]

    @property
    def in_core(self) -> bool:
        """The commissioning core holds commissioning and corporate support posts.

        Transitional posts hold commissioning roles until their end date, so they count towards
        the core as well: the core-share limit is not evaded by marking a post transitional.
        """
        return self is not Side.PROVIDER


_SIDE_LABELS = {
    Side.COMMISSIONING: "Commissioning core",
    Side.CORPORATE_SUPPORT: "Corporate support",
    Side.PROVIDER: "Provider",
    Side.TRANSITIONAL: "Transitional",
}


class Status(StrEnum):
    FILLED = "filled"
    VACANT = "vacant"
    NEW = "new"
    TO_BE_DELETED = "to_be_deleted"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


class Employment(StrEnum):
    PERMANENT = "permanent"
    TEMPORARY = "temporary"
    INTERIM = "interim"


class Role(StrEnum):
    """Statutory roles a council must designate (see docs and DOMAIN: law vs guidance)."""

    HEAD_OF_PAID_SERVICE = "hops"
    CHIEF_FINANCE_OFFICER = "s151"
    MONITORING_OFFICER = "mo"
    SCRUTINY_OFFICER = "scrutiny"
    CHILDRENS_SERVICES = "dcs"
    ADULT_SOCIAL_SERVICES = "dass"
    PUBLIC_HEALTH = "dph"
    DATA_PROTECTION = "dpo"
    CALDICOTT_GUARDIAN = "caldicott"
    ELECTORAL_REGISTRATION = "ero"
    RETURNING_OFFICER = "ro"

    @property
    def label(self) -> str:
        return ROLE_INFO[self][0]

    @property
    def short(self) -> str:
        return ROLE_INFO[self][1]

    @property
    def basis(self) -> str:
        """The statute (or guidance) that requires the role; quoted in findings."""
        return ROLE_INFO[self][2]

    @property
    def is_law(self) -> bool:
        return ROLE_INFO[self][3]


ROLE_INFO: dict[Role, tuple[str, str, str, bool]] = {
    Role.HEAD_OF_PAID_SERVICE: (
        "Head of Paid Service",
        "HoPS",
        "Local Government and Housing Act 1989 s.4(1)",
        True,
    ),
    Role.CHIEF_FINANCE_OFFICER: (
        "Chief Finance Officer (s151)",
        "s151",
        "Local Government Act 1972 s.151",
        True,
    ),
    Role.MONITORING_OFFICER: ("Monitoring Officer", "MO", "Local Government and Housing Act 1989 s.5(1)", True),
    Role.SCRUTINY_OFFICER: (
        "Statutory scrutiny officer",
        "Scrutiny",
        "Local Government Act 2000 s.9FB(1)",
        True,
    ),
    Role.CHILDRENS_SERVICES: ("Director of Children's Services", "DCS", "Children Act 2004 s.18(1)", True),
    Role.ADULT_SOCIAL_SERVICES: (
        "Director of Adult Social Services",
        "DASS",
        "Local Authority Social Services Act 1970 s.6(A1)",
        True,
    ),
    Role.PUBLIC_HEALTH: ("Director of Public Health", "DPH", "National Health Service Act 2006 s.73A(1)", True),
    Role.DATA_PROTECTION: ("Data Protection Officer", "DPO", "UK GDPR art. 37(1)(a)", True),
    Role.CALDICOTT_GUARDIAN: ("Caldicott Guardian", "Caldicott", "Caldicott Guardian guidance (2021)", False),
    Role.ELECTORAL_REGISTRATION: (
        "Electoral Registration Officer",
        "ERO",
        "Representation of the People Act 1983 s.8(2)",
        True,
    ),
    Role.RETURNING_OFFICER: ("Returning Officer", "RO", "Representation of the People Act 1983 s.35(1)", True),
}


@value_class
class Holder:
    """One person holding (part of) a post: a job share is two holders, not a post of FTE 2.

    The HR fields are optional because most structures are drawn before HR's data is joined;
    `person_id` is the key for that join. `name` and the HR fields are personal data and are
    withheld from public outputs.
    """

    name: str = ""
    fte: float = 1.0
    person_id: str = ""
    salary: float | None = None
    """This person's full-time salary when it is not the post's own (e.g. pay protection)."""
    date_of_birth: str | None = None
    service_start: str | None = None
    """Continuous service date, for redundancy pay."""
    lgps_member: bool | None = None
    notice_weeks: float | None = None
    strain_cost: float | None = None
    """The pension fund's strain figure, when it has given one."""
    protected_pension_age: float | None = None
    """A protected minimum pension age (e.g. 55 kept after 6 April 2028 under the Finance Act 2022's
    protection), when the fund has recorded one; None: the age in force applies."""
    professional_body: str = ""
    extra: tuple[tuple[str, str], ...] = ()
    """Keys this version does not know, as (key, JSON text), written back unchanged on save."""


def fte_units_of(fte: float | None, share: float = 1.0) -> int:
    """FTE (times this council's share of it) in ten-thousandths, so running totals add up exactly
    whatever the order of edits; a post's fte_units without building a post.

    An FTE not known (an import's out-of-range value) counts 0; totals say how many are unknown.
    """
    return 0 if fte is None else round(fte * share * 10_000)


@value_class
class Post:
    """A position in the establishment. `id` is stable across edits and scenarios.

    Pay is a spot salary (floor == ceiling) or a range; a post shared with another council records
    the employing council and this council's share of the FTE.
    """

    id: str
    title: str
    grade: str = ""
    pay_floor: float | None = None
    pay_ceiling: float | None = None
    fte: float | None = 1.0
    """None: not known (an imported value out of range, kept in `import_record`)."""
    side: Side = Side.COMMISSIONING
    transition_end: str | None = None
    function: str = ""
    team: str = ""
    roles: frozenset[Role] = field(default_factory=frozenset)
    status: Status = Status.FILLED
    employment: Employment = Employment.PERMANENT
    holders: tuple[Holder, ...] = ()
    """The people in the post; empty for a vacancy or when nobody has been named."""
    employer: str = ""
    share: float = 1.0
    notes: str = ""
    assistant: bool = False
    role_justification: str = ""
    source_ref: str = ""
    professional_body: str = ""
    """For a Chief Finance Officer: the accountancy body (LGFA 1988 s.113); a holder's own wins."""
    effective_date: str | None = None
    """When this post's change takes effect (YYYY-MM-DD), for part-year savings."""
    delete_when_vacated: bool = False
    """Deleted when its holder leaves rather than by redundancy."""
    reselect: bool = False
    """Its holders must apply for posts in the new structure."""
    establishment: str = ""
    """The establishment (HR) reference of the post."""
    extra: tuple[tuple[str, str], ...] = ()
    """Keys this version does not know, as (key, JSON text), written back unchanged on save."""
    import_record: tuple[tuple[str, str], ...] = ()
    """(field, text as the source file had it) for values an import could not accept: private
    (HR workbook Findings and the window), never in public outputs."""

    @property
    def incumbent(self) -> str:
        """The holders' names, as older files and the organogram returns give them ("A / B")."""
        return " / ".join(h.name for h in self.holders if h.name)

    @property
    def salary(self) -> float | None:
        """The full-time salary used for costing: a spot salary, or the midpoint of the range."""
        return _midpoint(self.pay_floor, self.pay_ceiling)

    @property
    def is_spot(self) -> bool:
        return self.pay_floor is not None and self.pay_floor == self.pay_ceiling

    @property
    def fte_units(self) -> int:
        """This council's FTE in ten-thousandths: a shared post counts its share."""
        return fte_units_of(self.fte, self.share)

    @property
    def headcount(self) -> int:
        return 1

    def pay_text(self) -> str:
        return pay_text(self.pay_floor, self.pay_ceiling)


@value_class
class StaffGroup:
    """Non-managerial posts aggregated under a post, as in the junior organogram returns.

    `direct` says whether they report to that post directly (and so count in its span) or only
    roll up to it, as the junior returns' "Reporting Senior Post" does. `side` defaults to the
    manager's side.
    """

    id: str
    manager_id: str | None
    title: str
    grade: str = ""
    pay_floor: float | None = None
    pay_ceiling: float | None = None
    fte: float | None = 1.0
    headcount: int | None = None
    side: Side | None = None
    direct: bool = False
    notes: str = ""
    establishment: str = ""
    extra: tuple[tuple[str, str], ...] = ()
    """Keys this version does not know, as (key, JSON text), written back unchanged on save."""
    import_record: tuple[tuple[str, str], ...] = ()
    """As a post's: values an import could not accept, with the source's text."""

    @property
    def salary(self) -> float | None:
        return _midpoint(self.pay_floor, self.pay_ceiling)

    @property
    def fte_units(self) -> int:
        return fte_units_of(self.fte)

    @property
    def people(self) -> int:
        """Headcount where known, otherwise the FTE rounded up."""
        if self.headcount is not None:
            return self.headcount
        return 0 if self.fte is None else math.ceil(self.fte - 1e-9)


def holders_named(post: Post, names: str) -> tuple[Holder, ...]:
    """The post's holders after its incumbent text is set to `names` ("A / B" for a job share).

    Holders keep their HR fields when only their names change; new people share the post's FTE.
    """
    parts = [part.strip() for part in names.split(" / ") if part.strip()]
    if not parts:
        return ()
    current = post.holders
    if len(parts) == len(current):
        return tuple(dataclasses.replace(h, name=n) for h, n in zip(current, parts, strict=True))
    return people_named(names, post.fte)


def people_named(names: str, fte: float | None) -> tuple[Holder, ...]:
    """New holders for "A" or "A / B" (a job share), sharing `fte` (1 when it is not known)."""
    parts = [part.strip() for part in names.split(" / ") if part.strip()]
    if not parts:
        return ()
    each = (fte if fte is not None else 1.0) / len(parts)
    return tuple([Holder(name=n, fte=each) for n in parts])


def _midpoint(floor: float | None, ceiling: float | None) -> float | None:
    if floor is None and ceiling is None:
        return None
    if floor is None:
        return ceiling
    if ceiling is None:
        return floor
    return (floor + ceiling) / 2


def pay_text(floor: float | None, ceiling: float | None) -> str:
    if floor is None and ceiling is None:
        return ""
    if floor is None or ceiling is None or floor == ceiling:
        value = floor if floor is not None else ceiling
        return f"£{value:,.0f}"
    return f"£{floor:,.0f}–£{ceiling:,.0f}"
