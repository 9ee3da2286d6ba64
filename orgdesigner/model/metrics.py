"""Metrics of a structure: posts, managers, FTE, layers, spans, pay bill and cost with on-costs.

Each figure comes from its one definition in `figures`: on-costs per person on that person's pay
(employer National Insurance above its threshold, LGPS), the apprenticeship levy on the whole pay
bill, a shared post counting its share.
"""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import asdict, dataclass, field

from orgdesigner.model import figures
from orgdesigner.model.post import Post
from orgdesigner.model.profile import RulesProfile
from orgdesigner.model.structure import Structure


@dataclass(frozen=True)
class Metrics:
    posts: int
    managers: int
    """Placed posts with direct reports: the spans' denominator ("managers with direct reports")."""
    management_posts: float
    """Management posts as the profile defines them, a shared post counting its share."""
    management_definition: str
    fte_posts: float
    fte_staff_groups: float
    fte_total: float
    headcount: int
    layers: int
    span_min: int
    span_max: int
    span_mean: float
    pay_bill: float
    employer_ni: float
    employer_pension: float
    apprenticeship_levy: float
    on_costs: float
    cost_with_oncosts: float
    core_share: float
    pay_multiple: float
    unplaced: int
    span_histogram: dict[int, int] = field(default_factory=dict)
    layer_histogram: dict[int, int] = field(default_factory=dict)
    fte_by_side: dict[str, float] = field(default_factory=dict)
    cost_by_side: dict[str, float] = field(default_factory=dict)
    fte_unknown: int = 0
    """Posts and staff groups whose FTE is not known: left out of the FTE totals."""
    pay_unknown: int = 0
    """Posts and staff groups whose pay or FTE is not known: left out of the pay bill and costs."""

    def as_dict(self) -> dict[str, object]:
        data = asdict(self)
        for key in ("span_histogram", "layer_histogram"):
            data[key] = {str(k): v for k, v in data[key].items()}
        data["management_posts"] = whole_or_fraction(self.management_posts)
        return data


def whole_or_fraction(value: float) -> float | int:
    """A count that is whole unless a shared post adds a fraction: 17, or 8.5."""
    return int(value) if float(value).is_integer() else value


def not_known(count: int) -> str:
    """What a total leaves out: " + 2 posts not known" (empty when everything is known)."""
    return f" + {count:,} post{'s' if count != 1 else ''} not known" if count else ""


def on_costs(salary: float, fte: float, profile: RulesProfile) -> float:
    """Employer NI and pension for one person of `fte` on full-time `salary` (NI off actual pay)."""
    return _person_on_costs(salary, fte, profile)


def compute(structure: Structure, profile: RulesProfile) -> Metrics:
    """The figures of a structure, kept on it (`derived`) until it is edited or the rules change: after
    every edit the metrics and comparison panels ask for the same figures (~50 ms at 20,000 posts)."""
    kept = structure.derived.metrics.get(profile)
    return kept if kept is not None else structure.derived.metrics.keep(_compute(structure, profile), profile)


def _compute(structure: Structure, profile: RulesProfile) -> Metrics:
    layers = structure.layers()  # placed posts only: the holding area has no layer or span yet
    layer_hist: Counter[int] = Counter(layers.values())
    span_list = figures.spans(structure, layers)

    pay = ni = pension = 0.0  # summed as plain numbers: a Cost made per post is ~20,000 objects
    cost_by_side: dict[str, float] = {}
    headcount = fte_unknown = pay_unknown = 0
    post_cost = figures.post_cost
    for post in structure:
        cost = post_cost(post, profile)
        headcount += figures.post_headcount(post)
        fte_unknown += post.fte is None
        pay_unknown += post.fte is None or (post.pay_floor is None and post.pay_ceiling is None)
        if cost is not figures.ZERO:
            pay += cost.pay
            ni += cost.ni
            pension += cost.pension
            key = post.side.value
            cost_by_side[key] = cost_by_side.get(key, 0.0) + cost.total
    total = figures.Cost(pay, ni, pension)
    for group in structure.staff_groups():
        headcount += group.people
        fte_unknown += group.fte is None
        pay_unknown += group.fte is None or group.salary is None
        cost = figures.group_cost(group, profile)
        if cost is not figures.ZERO:
            total += cost
            side = structure.group_side(group)
            key = side.value if side else "unknown"
            cost_by_side[key] = cost_by_side.get(key, 0.0) + cost.total
    levy = figures.apprenticeship_levy(total.pay, profile)

    by_side = structure.fte_units_by_side()
    total_units = sum(by_side.values())
    core_units = sum(u for side, u in by_side.items() if side is not None and side.in_core)
    post_units = sum(p.fte_units for p in structure)
    group_units = sum(g.fte_units for g in structure.staff_groups())

    return Metrics(
        posts=len(structure),
        managers=len(span_list),
        management_posts=figures.management_posts(structure, profile),
        management_definition=figures.management_definition(profile),
        fte_posts=round(post_units / 10_000, 4),
        fte_staff_groups=round(group_units / 10_000, 4),
        fte_total=round(total_units / 10_000, 4),
        headcount=headcount,
        layers=figures.layer_count(layers),
        span_min=min(span_list, default=0),
        span_max=max(span_list, default=0),
        span_mean=round(statistics.fmean(span_list), 2) if span_list else 0.0,
        pay_bill=round(total.pay, 2),
        employer_ni=round(total.ni, 2),
        employer_pension=round(total.pension, 2),
        apprenticeship_levy=round(levy, 2),
        on_costs=round(total.on_costs + levy, 2),
        cost_with_oncosts=round(total.total + levy, 2),
        core_share=round(core_units / total_units, 4) if total_units else 0.0,
        pay_multiple=figures.pay_multiple(structure),
        unplaced=len(structure.holding()),
        span_histogram=dict(sorted(Counter(span_list).items())),
        layer_histogram=dict(sorted(layer_hist.items())),
        fte_by_side={(s.value if s else "unknown"): round(u / 10_000, 4) for s, u in by_side.items()},
        cost_by_side={k: round(v, 2) for k, v in cost_by_side.items()},
        fte_unknown=fte_unknown,
        pay_unknown=pay_unknown,
    )


def _person_on_costs(salary: float, fte: float, profile: RulesProfile) -> float:
    if salary <= 0 or fte <= 0:
        return 0.0
    return figures.post_cost(Post("", "", pay_floor=salary, pay_ceiling=salary, fte=fte), profile).on_costs
