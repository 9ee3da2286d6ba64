"""The rules profile: the policy numbers a council sets for itself (law is not in here).

Defaults come from the Cheshire East report (minimum span 5, core at most 10% of staff) and the
domain notes (warn over 15, at most 7 layers, on-cost rates from April 2025).
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from orgdesigner.model.errors import FileProblem
from orgdesigner.model.finance.policy import FinancePolicy
from orgdesigner.model.post import Role


class CouncilType(StrEnum):
    COUNTY = "county"
    DISTRICT = "district"
    UNITARY = "unitary"
    METROPOLITAN_BOROUGH = "metropolitan_borough"
    LONDON_BOROUGH = "london_borough"
    OTHER_BODY = "other_body"
    """Not a council (a government department, an agency): no council statutory roles."""

    @property
    def label(self) -> str:
        return (
            "Other body (not a council)"
            if self is CouncilType.OTHER_BODY
            else self.value.replace("_", " ").capitalize()
        )

    @property
    def is_council(self) -> bool:
        return self is not CouncilType.OTHER_BODY


_EVERY_COUNCIL = (
    Role.HEAD_OF_PAID_SERVICE,
    Role.CHIEF_FINANCE_OFFICER,
    Role.MONITORING_OFFICER,
    Role.DATA_PROTECTION,
    Role.RETURNING_OFFICER,
)
"""Every principal council: HoPS, s151, MO, DPO and a returning officer (RPA 1983 s.35)."""
_UPPER_TIER = (
    Role.SCRUTINY_OFFICER,
    Role.CHILDRENS_SERVICES,
    Role.ADULT_SOCIAL_SERVICES,
    Role.PUBLIC_HEALTH,
    Role.CALDICOTT_GUARDIAN,
)
"""Councils with social care and public health (all but two-tier districts); the scrutiny officer
too, since LGA 2000 s.9FB(5) leaves out only districts with a county council."""

REQUIRED_ROLES: dict[CouncilType, tuple[Role, ...]] = {
    CouncilType.COUNTY: (*_EVERY_COUNCIL, *_UPPER_TIER),
    CouncilType.DISTRICT: (*_EVERY_COUNCIL, Role.ELECTORAL_REGISTRATION),
    CouncilType.UNITARY: (*_EVERY_COUNCIL, *_UPPER_TIER, Role.ELECTORAL_REGISTRATION),
    CouncilType.METROPOLITAN_BOROUGH: (*_EVERY_COUNCIL, *_UPPER_TIER, Role.ELECTORAL_REGISTRATION),
    CouncilType.LONDON_BOROUGH: (*_EVERY_COUNCIL, *_UPPER_TIER, Role.ELECTORAL_REGISTRATION),
    CouncilType.OTHER_BODY: (),
}
"""Roles each council type must designate, per the domain table (DOMAIN.md §2): an ERO in every
district (metropolitan ones included), unitary and London borough, not in a two-tier county."""

CCAB_BODIES = ("ICAEW", "ICAS", "ACCA", "ICAI", "CIPFA")
"""The bodies LGFA 1988 s.113(3) lists (the CCAB members); editable because the Secretary of State
may approve others."""
MANAGEMENT_BASES = ("reports", "pay")


@dataclass(slots=True)
class RulesProfile:
    """Editable policy values. Pay bands map a layer to (floor, ceiling) of its salaries."""

    min_span: int = 5
    max_span: int = 15
    max_layers: int = 7
    core_share_max: float = 0.10
    split_exempt_layers: int = 2
    pay_bands: dict[int, tuple[float, float]] = field(default_factory=dict)
    package_threshold: float = 100_000
    ni_rate: float = 0.15
    ni_threshold: float = 5_000
    lgps_rate: float = 0.198
    levy_rate: float = 0.005
    levy_allowance: float = 3_000_000
    phase1_threshold: float = 55_000
    phase2_threshold: float = 30_000
    accountancy_bodies: tuple[str, ...] = CCAB_BODIES
    consultation_notice_weeks: float = 12.0
    """Notice assumed for someone at risk whose contract and service are unknown (ERA 1996 s.86's
    most); 0 where the council pays in lieu. The consultation timetable lets it run before dismissal."""
    equality_min_count: int = 5
    """Equality counts from 1 to this less one are suppressed, so no one can be identified."""
    appointed_by: dict[str, str] = field(default_factory=dict)
    """Who appoints each kind of senior post ('chief officer': 'Appointments Committee'), where the
    council's standing orders differ from the defaults (model/consultation/appointments.py)."""
    management_basis: str = "reports"
    """What a management post is: "reports" (posts with post reports or staff under them) or "pay"
    (posts paid at or above `management_pay_threshold`)."""
    management_pay_threshold: float = 55_000
    cfo_reports_to_hops: bool = True
    """CIPFA's statement (2010): warn when the CFO does not report to the chief executive."""
    dcs_first_tier: bool = True
    """Statutory guidance: warn when the DCS is not a first-tier officer."""
    extra: dict[str, Any] = field(default_factory=dict)
    """Settings this version does not know, written back unchanged on save."""
    finance: FinancePolicy = field(default_factory=FinancePolicy)
    """Exit and savings policy: redundancy discretion, dated caps, turnover, pay protection."""

    def to_dict(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        del data["extra"]
        data["pay_bands"] = {str(k): list(v) for k, v in self.pay_bands.items()}
        data["accountancy_bodies"] = list(self.accountancy_bodies)
        data["finance"] = self.finance.to_dict()
        for key, value in self.extra.items():
            data.setdefault(key, value)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any], where: str = "profile") -> RulesProfile:
        profile = cls()
        known = {f.name for f in dataclasses.fields(cls)} - {"extra"}
        for key, value in data.items():
            if key not in known:
                profile.extra[key] = value  # a newer file's setting: kept and written back
                continue
            if key == "finance":
                profile.finance = FinancePolicy.from_dict(value, f"{where}.finance")
                continue
            default = getattr(profile, key)
            try:
                if key == "pay_bands":
                    value = {int(k): (float(v[0]), float(v[1])) for k, v in dict(value).items()}
                elif key == "accountancy_bodies":
                    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                        raise TypeError
                    value = tuple(value)
                elif isinstance(default, bool | str):
                    if type(value) is not type(default):
                        raise TypeError
                elif key == "appointed_by":
                    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
                        raise TypeError
                    value = {str(k): v for k, v in value.items()}
                elif isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
                    raise TypeError
                elif isinstance(default, int):
                    if int(value) != value:
                        raise TypeError
                    value = int(value)
                else:
                    value = float(value)
            except (TypeError, ValueError, IndexError, OverflowError):
                raise FileProblem(f"{where}.{key}: '{value}' is not a valid value for this setting.") from None
            setattr(profile, key, value)
        profile.validate(where)
        return profile

    def validate(self, where: str = "profile") -> None:
        if self.min_span < 0 or self.max_span < self.min_span:
            raise FileProblem(f"{where}: the span limits must satisfy 0 ≤ minimum ≤ maximum.")
        if self.max_layers < 1:
            raise FileProblem(f"{where}: at least one layer must be allowed.")
        if not (0 < self.core_share_max <= 1):
            raise FileProblem(f"{where}: the core share limit must be a fraction between 0 and 1.")
        if self.equality_min_count < 1 or self.consultation_notice_weeks < 0:
            raise FileProblem(f"{where}: the equality threshold must be at least 1 and notice not negative.")
        if self.management_basis not in MANAGEMENT_BASES:
            raise FileProblem(f"{where}.management_basis: '{self.management_basis}' is not one of reports, pay.")
        for name in ("ni_rate", "lgps_rate", "levy_rate"):
            if not (0 <= getattr(self, name) <= 1):
                raise FileProblem(f"{where}.{name}: a rate is a fraction between 0 and 1.")
        for name in ("ni_threshold", "levy_allowance", "package_threshold", "management_pay_threshold"):
            if getattr(self, name) < 0:
                raise FileProblem(f"{where}.{name}: this amount cannot be negative.")
        for layer, (low, high) in self.pay_bands.items():
            if low > high:
                raise FileProblem(f"{where}: the pay band for layer {layer} has its floor above its ceiling.")
