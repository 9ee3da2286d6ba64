"""One definition of each figure a Cabinet report prints: management posts, FTE, pay bill, cost
with on-costs, layers and spans.

Metrics, compare, the HR workbook, the Cabinet PDF and the window all read these functions, so one
page can never print two numbers for one thing. Costs are worked out per person on that person's
pay (a part-timer's National Insurance threshold applies to their actual pay, DOMAIN.md §4); a post
shared with another council counts its share of the employing council's full cost, of its FTE and
of the management posts.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum

from orgdesigner.model.post import Post, StaffGroup
from orgdesigner.model.profile import RulesProfile
from orgdesigner.model.structure import Structure


class ManagementBasis(StrEnum):
    """What makes a post a management post (a profile setting)."""

    REPORTS = "reports"
    PAY = "pay"


def management_definition(profile: RulesProfile) -> str:
    """The definition in words, printed next to the figure wherever it appears."""
    if profile.management_basis == ManagementBasis.PAY:
        return f"posts paid £{profile.management_pay_threshold:,.0f} or more (full-time)"
    return "posts with post reports or staff under them"


def is_management_post(structure: Structure, post: Post, profile: RulesProfile) -> bool:
    if profile.management_basis == ManagementBasis.PAY:
        salary = post.salary
        return salary is not None and salary >= profile.management_pay_threshold
    return structure.report_count(post.id) > 0 or structure.has_groups(post.id)


def management_posts(structure: Structure, profile: RulesProfile) -> float:
    """Management posts, a shared post counting this council's share (Cheltenham's 8.5)."""
    if profile.management_basis == ManagementBasis.PAY:
        chosen: Iterable[Post] = (p for p in structure if is_management_post(structure, p, profile))
    else:
        chosen = (structure.post(p) for p in structure.managers())
    return round(sum(p.share for p in chosen), 4)


def post_fte(post: Post) -> float:
    """This council's FTE of a post: its share of a post shared with another council (0 when not
    known: totals leave it out and say how many, see metrics.not_known)."""
    return 0.0 if post.fte is None else post.fte * post.share


# ---- people and their cost --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PersonCost:
    """One person's pay and employer on-costs, as this council bears them (its share)."""

    source: str
    """The post or staff group the person is in."""
    fte: float
    full_time_pay: float
    pay: float
    ni: float
    pension: float

    @property
    def on_costs(self) -> float:
        return self.ni + self.pension


def _person(
    source: str, full_time: float, fte: float, share: float, lgps: bool | None, profile: RulesProfile
) -> PersonCost:
    """NI on the pay above the threshold and pension on the whole pay, both on this person's actual
    pay, then this council's share taken."""
    pay, ni, pension = _pay_ni_pension(full_time * fte, lgps, profile)
    return PersonCost(source, fte, full_time, pay * share, ni * share, pension * share)


def _pay_ni_pension(pay: float, lgps: bool | None, profile: RulesProfile) -> tuple[float, float, float]:
    """A person's actual pay with the employer's NI above the threshold and pension on all of it."""
    ni = max(0.0, pay - profile.ni_threshold) * profile.ni_rate if pay > 0 else 0.0
    pension = 0.0 if lgps is False or pay <= 0 else pay * profile.lgps_rate
    return pay, ni, pension


def post_people(post: Post, profile: RulesProfile) -> list[PersonCost]:
    """The people of a post: its holders, or for a post nobody is named in, the people its FTE needs
    (a post of 2 FTE without holders is two full-time people). A post whose FTE is not known is not
    costed: its pay is one of the "not known" the totals count."""
    if post.fte is None:
        return []
    if post.holders:
        out = []
        for holder in post.holders:
            salary = holder.salary if holder.salary is not None else post.salary
            if salary is not None:
                out.append(_person(post.id, salary, holder.fte, post.share, holder.lgps_member, profile))
        return out
    salary = post.salary
    if salary is None or post.fte is None:
        return []
    count = max(1, math.ceil(post.fte - 1e-9))
    one = _person(post.id, salary, post.fte / count, post.share, None, profile)
    return [one] * count


def group_people(group: StaffGroup, profile: RulesProfile) -> list[PersonCost]:
    """A staff group's people, each on the group's average pay: 20 people in 10 FTE on £20,000 are
    20 people earning £10,000."""
    salary = group.salary
    people = group.people
    if salary is None or people <= 0 or group.fte is None or group.fte <= 0:
        return []
    return [_person(group.id, salary, group.fte / people, 1.0, None, profile)] * people


def people_costs(structure: Structure, profile: RulesProfile) -> Iterator[PersonCost]:
    """Every person's cost: posts, then staff groups."""
    for post in structure:
        yield from post_people(post, profile)
    for group in structure.staff_groups():
        yield from group_people(group, profile)


@dataclass(frozen=True, slots=True)
class Cost:
    """Pay and on-costs of some posts and groups: (pay, NI, pension)."""

    pay: float = 0.0
    ni: float = 0.0
    pension: float = 0.0

    @property
    def on_costs(self) -> float:
        return self.ni + self.pension

    @property
    def total(self) -> float:
        return self.pay + self.ni + self.pension

    def __add__(self, other: Cost) -> Cost:
        return Cost(self.pay + other.pay, self.ni + other.ni, self.pension + other.pension)


def _sum(people: list[PersonCost]) -> Cost:
    if not people:
        return ZERO
    if len(people) > 1 and people[0] is people[-1]:  # a group's (or post's) alike people: multiply
        n = len(people)
        one = people[0]
        return Cost(one.pay * n, one.ni * n, one.pension * n)
    return Cost(sum(p.pay for p in people), sum(p.ni for p in people), sum(p.pension for p in people))


ZERO = Cost()


def post_cost(post: Post, profile: RulesProfile) -> Cost:
    """A post's pay and on-costs: what post_people's people add up to. A post with one holder
    (most posts) is costed straight away, in `_person`'s steps without its record: the metrics of
    a 20,000-post structure cost every post after each edit."""
    holders = post.holders
    if len(holders) != 1 or post.fte is None:
        return _sum(post_people(post, profile))
    holder = holders[0]
    salary = holder.salary if holder.salary is not None else post.salary
    if salary is None:
        return ZERO
    pay, ni, pension = _pay_ni_pension(salary * holder.fte, holder.lgps_member, profile)
    share = post.share
    return Cost(pay * share, ni * share, pension * share)


def group_cost(group: StaffGroup, profile: RulesProfile) -> Cost:
    return _sum(group_people(group, profile))


def apprenticeship_levy(pay_bill: float, profile: RulesProfile) -> float:
    """The levy on the pay bill above the allowance (a whole-employer charge, not a person's)."""
    return max(0.0, pay_bill - profile.levy_allowance) * profile.levy_rate


def post_headcount(post: Post) -> int:
    """People in a post: its holders, or the people its FTE needs when nobody is named."""
    return len(post.holders) or max(1, math.ceil((post.fte or 1.0) - 1e-9))


@dataclass(slots=True)
class CostLine:
    """Costs of the posts of one side and function (or one side's staff groups), for HR's sheet."""

    side: str
    function: str
    headcount: int = 0
    fte: float = 0.0
    cost: Cost = field(default_factory=Cost)


def cost_lines(structure: Structure, profile: RulesProfile) -> list[CostLine]:
    """Pay and on-costs by side and function, sorted; with the levy (`apprenticeship_levy` of their
    pay) they add up to the cost with on-costs."""
    lines: dict[tuple[str, str], CostLine] = {}
    for post in structure:
        cost = post_cost(post, profile)
        if cost is ZERO:
            continue
        key = (post.side.label, post.function or "(none)")
        line = lines.setdefault(key, CostLine(*key))
        line.headcount += post_headcount(post)
        line.fte += post_fte(post)
        line.cost += cost
    for group in structure.staff_groups():
        cost = group_cost(group, profile)
        if cost is ZERO:
            continue
        side = structure.group_side(group)
        key = (side.label if side else "(unknown)", "Staff groups")
        line = lines.setdefault(key, CostLine(*key))
        line.headcount += group.people
        line.fte += group.fte or 0.0
        line.cost += cost
    return [lines[key] for key in sorted(lines)]


# ---- the pay multiple ------------------------------------------------------------------------------


def _weighted_median(values: list[tuple[float, int]]) -> float:
    """The median of a list where each value appears `count` times (mean of the middle two if even)."""
    ordered = sorted(v for v in values if v[1] > 0)
    total = sum(count for _, count in ordered)
    if not total:
        return 0.0
    low_rank, high_rank = (total - 1) // 2, total // 2
    low = high = None
    seen = 0
    for value, count in ordered:
        if low is None and seen + count > low_rank:
            low = value
        if seen + count > high_rank:
            high = value
            break
        seen += count
    assert low is not None and high is not None
    return (low + high) / 2


def pay_multiple(structure: Structure) -> float:
    """Highest full-time-equivalent pay over the median full-time-equivalent pay, the median taken
    over people (a staff group's headcount each on its pay), as the Transparency Code defines it."""
    rates: dict[float, int] = {}
    for post in structure:
        if post.holders:
            for holder in post.holders:
                salary = holder.salary if holder.salary is not None else post.salary
                if salary is not None:
                    rates[salary] = rates.get(salary, 0) + 1
        elif post.salary is not None:
            rates[post.salary] = rates.get(post.salary, 0) + max(1, math.ceil((post.fte or 1.0) - 1e-9))
    for group in structure.staff_groups():
        if group.salary is not None and group.people > 0:
            rates[group.salary] = rates.get(group.salary, 0) + group.people
    if not rates:
        return 0.0
    median = _weighted_median(list(rates.items()))
    return round(max(rates) / median, 2) if median else 0.0


# ---- layers and spans ------------------------------------------------------------------------------


def spans(structure: Structure, layers: dict[str, int] | None = None) -> list[int]:
    """The span of every placed post with direct reports (the spans' denominator: 'managers')."""
    layers = structure.layers() if layers is None else layers
    return [span for p in structure.managers() if p in layers and (span := structure.span(p))]


def layer_count(layers: dict[str, int]) -> int:
    """Layers from the chief executive (layer 1) to the deepest placed post."""
    return max(layers.values(), default=0)
