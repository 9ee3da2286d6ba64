"""The savings profile: each financial year's saving with part-year effects, one-off costs, payback.

Every change in cost (a post deleted, added, regraded or resized; a staff group changed) takes
effect on its post's own date or its selection phase's date; a deleted post takes the phase its
own salary falls in. Each year saves the change times the share of the year it is in force, so
over the horizon the profile sums to each change times its time in force. The full-year effect
equals the comparison's annual saving: whatever is not a post's own change (the apprenticeship
levy on the whole pay bill) is one more line, dated with the first change.

Posts deleted when vacated save as their holders leave: an expected value at the turnover rate.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from orgdesigner.model import figures
from orgdesigner.model.document import Scenario
from orgdesigner.model.finance.displaced import DAYS_A_YEAR, Displaced, Outcome, outcomes, people_of, stays
from orgdesigner.model.finance.exits import Band, exit_packages, pay_protection
from orgdesigner.model.finance.policy import FinancePolicy
from orgdesigner.model.finance.years import (
    add_months,
    days_in_year,
    parse_date,
    parse_year,
    part_year,
    year_label,
    year_of,
    year_start,
)
from orgdesigner.model.post import Post, StaffGroup
from orgdesigner.model.profile import RulesProfile
from orgdesigner.model.structure import Structure

PAYBACK_LIMIT_MONTHS = 600
LEVY_LINE = "Apprenticeship levy and other whole-pay-bill effects"


@dataclass(frozen=True, slots=True)
class Change:
    """One post's (or staff group's) change in yearly cost with on-costs, and when it takes effect."""

    post_id: str
    title: str
    kind: str
    saving: float
    """Full-year saving, £ a year (negative: the change costs money)."""
    effective: date
    when_vacated: bool = False


@dataclass(frozen=True, slots=True)
class YearFigures:
    year: str
    saving: float
    one_off: float
    net: float
    cumulative_net: float

    def as_dict(self) -> dict[str, object]:
        return {
            "year": self.year,
            "saving": self.saving,
            "one_off": self.one_off,
            "net": self.net,
            "cumulative_net": self.cumulative_net,
        }


@dataclass
class SavingsProfile:
    year1: int
    horizon: int
    full_year: float
    years: list[YearFigures]
    one_off_lines: list[tuple[str, float]]
    one_off_total: float
    payback_months: int | None
    exit_packages: list[Band]
    council_packages: int
    """Packages at or over the profile's threshold: full Council votes on them."""
    redundancies: float
    turnover_exits: float
    redeployed: float
    people_without_data: int
    """Displaced postholders HR has given no date of birth or service date for: not costed."""
    group_people_lost: int
    """People in staff groups that shrink: staff groups hold no person data, so not costed."""
    strain_estimated: bool
    turnover_rate: float = 0.0
    one_off_by_year: list[tuple[str, float, int]] = field(default_factory=list)
    """Each one-off line's amount in each financial year it falls in (label, £, year it starts in)."""
    changes: list[Change] = field(default_factory=list)
    people: list[Outcome] = field(default_factory=list)

    def saving_in_year(self, number: int) -> float:
        """The saving in Year `number` (1-based), 0 beyond the horizon."""
        return self.years[number - 1].saving if 1 <= number <= len(self.years) else 0.0


def _post_cost(post: Post, profile: RulesProfile) -> float:
    """A post's yearly cost with on-costs, person by person, as the metrics count it."""
    return figures.post_cost(post, profile).total


def _group_cost(group: StaffGroup | None, profile: RulesProfile) -> float:
    return figures.group_cost(group, profile).total if group is not None else 0.0


def _kept_cost(post: Post, profile: RulesProfile, memo: dict[tuple[str, ...], Any]) -> float:
    """A current post's cost, kept with the current structure until it is edited."""
    key = ("cost", post.id)
    cost = memo.get(key)
    if cost is None:
        cost = memo[key] = _post_cost(post, profile)
    return float(cost)


def _costing(post: Post) -> tuple[object, ...]:
    """All the costing reads of a post: equal tuples cost the same."""
    return (post.pay_floor, post.pay_ceiling, post.fte, post.holders, post.employer, post.share)


class _Dates:
    """When each post's change takes effect: its own date, else its phase's, else the last phase's."""

    def __init__(self, scenario: Scenario, today: date) -> None:
        self.by_phase: dict[int, date] = {}
        for phase in scenario.phases:
            if phase.effective_date:
                self.by_phase[phase.number] = parse_date(phase.effective_date, f"Phase {phase.number}'s date")
        first = min(self.by_phase.values(), default=None)
        self.year1 = parse_year(scenario.year1) if scenario.year1 else year_of(first or today)
        self.default = max(self.by_phase.values(), default=year_start(self.year1))
        self.start = min(first or year_start(self.year1), year_start(self.year1))

    def of(self, post: Post, phase: int | None) -> date:
        if post.effective_date:
            try:
                return parse_date(post.effective_date)
            except Exception:  # reported by the data checks; the phase's date stands in
                pass
        return self.by_phase.get(phase, self.default) if phase is not None else self.default


def savings_profile(
    before: Structure,
    after: Structure,
    scenario: Scenario,
    profile: RulesProfile,
    annual_saving: float,
    changed: tuple[Sequence[str], Sequence[str]],
    candidates: Mapping[str, Sequence[str]],
    phase_of: Callable[[Post, Structure], int | None],
    today: date | None = None,
) -> SavingsProfile:
    """The cost of going from `before` to `after` under `scenario`'s plan; `changed` holds the
    deleted and added post ids, `candidates` each new post's job-fit candidates (current post ids)."""
    policy: FinancePolicy = profile.finance
    dates = _Dates(scenario, today or date.today())
    deleted, added = changed
    memo = before.derived.cost_of_change.get(profile)
    if memo is None:
        memo = before.derived.cost_of_change.keep({}, profile)
    changes, protected = _changes(before, after, profile, (deleted, added), dates, phase_of, memo)
    residual = round(annual_saving - sum(c.saving for c in changes), 2)
    if abs(residual) >= 0.01:
        first = min((c.effective for c in changes), default=dates.default)
        changes.append(Change("", LEVY_LINE, "whole pay bill", residual, first))
    horizon = max(1, scenario.horizon)
    years = range(dates.year1, dates.year1 + horizon)
    savings = _year_savings(changes, years, policy.turnover_rate)

    displaced = [
        Displaced(before.post(p), dates.of(before.post(p), phase_of(before.post(p), before)))
        for p in deleted
        if not before.post(p).delete_when_vacated
    ]
    new_posts = sorted((after.post(p) for p in added), key=lambda p: dates.of(p, phase_of(p, after)))
    people = outcomes(displaced, new_posts, candidates, dates.start, policy, memo)

    one_off = [0.0] * horizon
    lines: dict[str, float] = {}

    by_year: dict[tuple[str, int], float] = {}

    def spend(label: str, amount: float, when: date) -> None:
        if amount:
            index = min(max(year_of(when) - dates.year1, 0), horizon - 1)
            one_off[index] += amount
            lines[label] = lines.get(label, 0.0) + amount
            by_year[(label, dates.year1 + index)] = by_year.get((label, dates.year1 + index), 0.0) + amount

    for outcome in people:
        if outcome.exit is not None and outcome.redundant > 0:
            weight = outcome.redundant
            spend("Redundancy pay", weight * outcome.exit.redundancy.total, outcome.leaving)
            spend("Pay in lieu of notice", weight * outcome.exit.notice, outcome.leaving)
            strain = "Pension strain (estimate)" if outcome.exit.strain_estimated else "Pension strain (fund figures)"
            spend(strain, weight * outcome.exit.strain, outcome.leaving)
        spend("Pay protection", outcome.protection, outcome.leaving)
    for protection, when in protected:
        spend("Pay protection", protection, when)
    for label, amount in scenario.one_off_costs:
        spend(label or "One-off cost", amount, year_start(dates.year1))

    horizon_end = year_start(dates.year1 + horizon)
    turnover = sum(o.left_first for o in people) + sum(
        len(people_of(before.post(p))) * (1 - stays(policy.turnover_rate, (horizon_end - c_date).days))
        for p, c_date in ((c.post_id, c.effective) for c in changes if c.when_vacated)
    )
    unknown = sum(1 for o in people if o.exit is None and o.redundant > 0)
    one_off_total = round(sum(one_off), 2)
    figures = []
    running = 0.0
    for index, year in enumerate(years):
        saving, spent = round(savings[index], 2), round(one_off[index], 2)
        running += saving - spent
        figures.append(YearFigures(year_label(year), saving, spent, round(saving - spent, 2), round(running, 2)))
    packages = [(o.exit.total, o.redundant) for o in people if o.exit is not None]
    return SavingsProfile(
        year1=dates.year1,
        horizon=horizon,
        full_year=round(annual_saving, 2),
        years=figures,
        one_off_lines=[(label, round(amount, 2)) for label, amount in lines.items()],
        one_off_by_year=[(label, round(amount, 2), year) for (label, year), amount in by_year.items()],
        turnover_rate=policy.turnover_rate,
        one_off_total=one_off_total,
        payback_months=payback_months(changes, one_off_total, policy.turnover_rate),
        exit_packages=exit_packages(packages),
        council_packages=sum(1 for cost, weight in packages if weight > 0 and cost >= profile.package_threshold),
        redundancies=round(sum(o.redundant for o in people), 2),
        turnover_exits=round(turnover, 2),
        redeployed=round(sum((1 - o.left_first) * o.appointed for o in people), 2),
        people_without_data=unknown,
        group_people_lost=_group_people_lost(before, after),
        strain_estimated=any(o.exit is not None and o.exit.strain_estimated for o in people),
        changes=changes,
        people=people,
    )


def _changes(
    before: Structure,
    after: Structure,
    profile: RulesProfile,
    changed: tuple[Sequence[str], Sequence[str]],
    dates: _Dates,
    phase_of: Callable[[Post, Structure], int | None],
    memo: dict[tuple[str, ...], Any],
) -> tuple[list[Change], list[tuple[float, date]]]:
    """Every change in cost, and the pay protection of holders who stay in posts paid less."""
    deleted, added = changed
    out: list[Change] = []
    protect: list[tuple[float, date]] = []
    for post_id in deleted:
        old = before.post(post_id)
        vacated = old.delete_when_vacated and bool(people_of(old))
        when = dates.of(old, phase_of(old, before))
        out.append(Change(post_id, old.title, "deleted", _kept_cost(old, profile, memo), when, vacated))
    for post_id in added:
        new = after.post(post_id)
        when = dates.of(new, phase_of(new, after))
        out.append(Change(post_id, new.title, "added", -_post_cost(new, profile), when))
    policy = profile.finance
    for new in after:
        if new.id not in before:
            continue
        kept = before.post(new.id)
        if kept is new or _costing(kept) == _costing(new):
            continue  # a scenario copied from another shares its unchanged posts
        saving = _kept_cost(kept, profile, memo) - _post_cost(new, profile)
        if not saving:
            continue
        when = dates.of(new, phase_of(new, after))
        out.append(Change(new.id, new.title, "regraded", saving, when))
        if new.salary is not None and kept.salary is not None and new.salary < kept.salary:
            still = stays(policy.turnover_rate, (when - dates.start).days)
            for person in people_of(kept):
                cost = pay_protection(person.annual_pay, new.salary * person.fte, policy) * still
                if cost:
                    protect.append((round(cost, 2), when))
    groups_before = {g.id: g for g in before.staff_groups()}
    for group in after.staff_groups():
        old_group = groups_before.pop(group.id, None)
        if old_group is group or old_group == group:
            continue
        saving = _group_cost(old_group, profile) - _group_cost(group, profile)
        if saving:
            out.append(Change(group.id, group.title, "staff group", saving, _group_date(group, after, dates, phase_of)))
    for group in groups_before.values():
        saving = _group_cost(group, profile)
        if saving:
            when = _group_date(group, before, dates, phase_of)
            out.append(Change(group.id, group.title, "staff group", saving, when))
    return out, protect


def _group_date(
    group: StaffGroup, structure: Structure, dates: _Dates, phase_of: Callable[[Post, Structure], int | None]
) -> date:
    """A staff group changes with its manager's phase."""
    if group.manager_id is None or group.manager_id not in structure:
        return dates.default
    manager = structure.post(group.manager_id)
    return dates.of(manager, phase_of(manager, structure))


def _group_people_lost(before: Structure, after: Structure) -> int:
    """How many fewer people the staff groups hold in all (groups are often regrouped under new ids):
    HR holds no person data on them here."""
    return max(0, sum(g.people for g in before.staff_groups()) - sum(g.people for g in after.staff_groups()))


def vacated_share(effective: date, year: int, rate: float) -> float:
    """Expected share of a year in which a post deleted when vacated is gone (leaving at `rate`)."""
    if rate <= 0:
        return 0.0
    first = (year_start(year) - effective).days
    after = (year_start(year + 1) - effective).days
    if after <= 0:
        return 0.0
    first = max(first, 0)
    span = after - first
    if rate >= 1:
        return span / days_in_year(year)
    per_day = -math.log(1 - rate) / DAYS_A_YEAR
    gone = span - (math.exp(-per_day * first) - math.exp(-per_day * after)) / per_day
    return gone / days_in_year(year)


def _year_savings(changes: Sequence[Change], years: range, rate: float) -> list[float]:
    """Each year's saving: changes grouped by date, so the work is per date, not per post."""
    by_date: dict[tuple[date, bool], float] = {}
    for change in changes:
        key = (change.effective, change.when_vacated)
        by_date[key] = by_date.get(key, 0.0) + change.saving
    out = []
    for year in years:
        total = 0.0
        for (when, vacated), saving in by_date.items():
            total += saving * (vacated_share(when, year, rate) if vacated else part_year(when, year))
        out.append(total)
    return out


def payback_months(changes: Sequence[Change], one_off: float, rate: float) -> int | None:
    """Whole months from the first change until the savings so far cover the one-off costs; None
    when they never do (within 50 years)."""
    if one_off <= 0:
        return 0
    if not changes:
        return None
    start = min(c.effective for c in changes)
    plain: dict[int, float] = {}
    vacated: dict[int, float] = {}
    for change in changes:
        target = vacated if change.when_vacated else plain
        day = change.effective.toordinal()
        target[day] = target.get(day, 0.0) + change.saving
    days = sorted(plain)
    prefix_s, prefix_sd = [0.0], [0.0]
    for day in days:
        prefix_s.append(prefix_s[-1] + plain[day])
        prefix_sd.append(prefix_sd[-1] + plain[day] * day)
    per_day = -math.log(1 - rate) / DAYS_A_YEAR if 0 < rate < 1 else None
    for month in range(1, PAYBACK_LIMIT_MONTHS + 1):
        now = add_months(start, month).toordinal()
        k = bisect.bisect_right(days, now)
        saved = (now * prefix_s[k] - prefix_sd[k]) / DAYS_A_YEAR
        for day, saving in vacated.items():
            t = now - day
            if t > 0 and rate > 0:
                in_force = t if per_day is None else t - (1 - math.exp(-per_day * t)) / per_day
                saved += saving * in_force / DAYS_A_YEAR
        if saved >= one_off - 0.005:
            return month
    return None
