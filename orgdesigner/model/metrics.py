"""Metrics of a structure: posts, managers, FTE, layers, spans, pay bill and cost with on-costs.

On-costs are computed per post (employer National Insurance above its threshold, LGPS), not as a
flat rate, because they differ by salary; the apprenticeship levy applies to the whole pay bill.
"""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import asdict, dataclass, field

from orgdesigner.model.profile import RulesProfile
from orgdesigner.model.structure import Structure


@dataclass(frozen=True)
class Metrics:
    posts: int
    managers: int
    fte_posts: float
    fte_staff_groups: float
    fte_total: float
    headcount: int
    layers: int
    span_min: int
    span_max: int
    span_mean: float
    pay_bill: float
    on_costs: float
    cost_with_oncosts: float
    core_share: float
    pay_multiple: float
    unplaced: int
    span_histogram: dict[int, int] = field(default_factory=dict)
    layer_histogram: dict[int, int] = field(default_factory=dict)
    fte_by_side: dict[str, float] = field(default_factory=dict)
    cost_by_side: dict[str, float] = field(default_factory=dict)

    def as_dict(self) -> dict[str, object]:
        data = asdict(self)
        for key in ("span_histogram", "layer_histogram"):
            data[key] = {str(k): v for k, v in data[key].items()}
        return data


def on_costs(salary: float, fte: float, profile: RulesProfile) -> float:
    """Employer NI above the threshold and the LGPS contribution for one post or group of posts."""
    if salary <= 0 or fte <= 0:
        return 0.0
    ni = max(0.0, salary - profile.ni_threshold) * profile.ni_rate
    pension = salary * profile.lgps_rate
    return (ni + pension) * fte


def compute(structure: Structure, profile: RulesProfile) -> Metrics:
    """The figures of a structure, kept on it (`derived`) until it is edited or the rules change: after
    every edit the metrics and comparison panels ask for the same figures (~50 ms at 20,000 posts)."""
    kept = structure.derived.metrics.get(profile)
    return kept if kept is not None else structure.derived.metrics.keep(_compute(structure, profile), profile)


def _compute(structure: Structure, profile: RulesProfile) -> Metrics:
    layers = structure.layers()  # placed posts only: the holding area has no layer or span yet
    layer_hist: Counter[int] = Counter(layers.values())
    spans = [span for p in structure.managers() if p in layers and (span := structure.span(p))]

    pay_bill = 0.0
    oncost = 0.0
    cost_by_side: dict[str, float] = {}
    # (full-time salary, FTE) for the pay multiple's median over the whole workforce
    earnings: list[tuple[float, float]] = []
    for post in structure:
        salary = post.salary
        if salary is None:
            continue
        pay = salary * post.fte
        extra = on_costs(salary, post.fte, profile)
        pay_bill += pay
        oncost += extra
        cost_by_side[post.side.value] = cost_by_side.get(post.side.value, 0.0) + pay + extra
        earnings.append((salary, post.fte))
    for group in structure.staff_groups():
        salary = group.salary
        if salary is None:
            continue
        pay = salary * group.fte
        extra = on_costs(salary, group.fte, profile)
        pay_bill += pay
        oncost += extra
        side = structure.group_side(group)
        key = side.value if side else "unknown"
        cost_by_side[key] = cost_by_side.get(key, 0.0) + pay + extra
        earnings.append((salary, group.fte))
    if pay_bill > profile.levy_allowance:
        oncost += (pay_bill - profile.levy_allowance) * profile.levy_rate

    by_side = structure.fte_units_by_side()
    total_units = sum(by_side.values())
    core_units = sum(u for side, u in by_side.items() if side is not None and side.in_core)
    post_units = sum(p.fte_units for p in structure)
    group_units = sum(g.fte_units for g in structure.staff_groups())

    return Metrics(
        posts=len(structure),
        managers=len(spans),
        fte_posts=round(post_units / 10_000, 4),
        fte_staff_groups=round(group_units / 10_000, 4),
        fte_total=round(total_units / 10_000, 4),
        headcount=len(structure) + sum(g.people for g in structure.staff_groups()),
        layers=max(layer_hist, default=0),
        span_min=min(spans, default=0),
        span_max=max(spans, default=0),
        span_mean=round(statistics.fmean(spans), 2) if spans else 0.0,
        pay_bill=round(pay_bill, 2),
        on_costs=round(oncost, 2),
        cost_with_oncosts=round(pay_bill + oncost, 2),
        core_share=round(core_units / total_units, 4) if total_units else 0.0,
        pay_multiple=_pay_multiple(earnings),
        unplaced=len(structure.holding()),
        span_histogram=dict(sorted(Counter(spans).items())),
        layer_histogram=dict(sorted(layer_hist.items())),
        fte_by_side={(s.value if s else "unknown"): round(u / 10_000, 4) for s, u in by_side.items()},
        cost_by_side={k: round(v, 2) for k, v in cost_by_side.items()},
    )


def _pay_multiple(earnings: list[tuple[float, float]]) -> float:
    """Highest full-time salary over the FTE-weighted median (Transparency Code's pay multiple)."""
    if not earnings:
        return 0.0
    ordered = sorted(earnings)
    half = sum(f for _, f in ordered) / 2
    running = 0.0
    median = ordered[-1][0]
    for salary, fte in ordered:
        running += fte
        if running >= half:
            median = salary
            break
    return round(ordered[-1][0] / median, 2) if median else 0.0
