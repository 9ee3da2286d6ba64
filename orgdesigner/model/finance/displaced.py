"""Who is displaced by a change, what becomes of them, and the one-off cost each is expected to bring.

A holder of a deleted post may leave of their own accord before the post goes (natural turnover),
be slotted into a new post they fit (job fit: redeployed, not redundant), compete in a ring-fence
(k people for one post: each is appointed with chance 1/k, so two for one post count the expected
cost of one exit), or be made redundant. Every figure here is an expected value, and says so.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from orgdesigner.model.finance.exits import ExitCost, Person, exit_cost, pay_protection
from orgdesigner.model.finance.policy import FinancePolicy
from orgdesigner.model.finance.years import parse_date
from orgdesigner.model.post import Post, Status

DAYS_A_YEAR = 365.25


@dataclass(frozen=True, slots=True)
class Outcome:
    """What is expected to become of one displaced person (HR's "Exit costs" sheet; personal data)."""

    person: Person
    post_title: str
    leaving: date
    left_first: float
    """Chance they leave of their own accord before the post goes."""
    appointed: float
    """Chance they are appointed to a new post (job fit or ring-fence) if still here."""
    new_title: str
    exit: ExitCost | None
    protection: float
    """Expected pay-protection cost if appointed to a lower-paid post."""

    @property
    def redundant(self) -> float:
        """Chance of redundancy."""
        return (1 - self.left_first) * (1 - self.appointed)

    @property
    def expected_cost(self) -> float:
        package = self.exit.total if self.exit is not None else 0.0
        return round(self.redundant * package + self.protection, 2)

    @property
    def route(self) -> str:
        if self.appointed >= 1:
            return f"job fit: {self.new_title}"
        if self.appointed > 0:
            return f"ring-fence for {self.new_title} (1 in {round(1 / self.appointed)})"
        return "redundancy"


def people_of(post: Post) -> list[Person]:
    """The people holding a post, as the cost calculations read them; a filled post with no named
    holders is one person of whom nothing is known."""
    if post.status is Status.VACANT:
        return []
    salary = post.salary or 0.0
    holders = post.holders
    if not holders:
        fte = post.fte if post.fte is not None else 1.0  # FTE not known: one person
        return [Person(f"{post.id}/0", post.id, "", salary * fte, fte)]
    out = []
    for index, holder in enumerate(holders):
        out.append(
            Person(
                key=f"{post.id}/{index}",
                post_id=post.id,
                name=holder.name,
                annual_pay=(holder.salary if holder.salary is not None else salary) * holder.fte,
                fte=holder.fte,
                date_of_birth=_day(holder.date_of_birth),
                service_start=_day(holder.service_start),
                lgps_member=holder.lgps_member,
                notice_weeks=holder.notice_weeks,
                strain_cost=holder.strain_cost,
                person_id=holder.person_id,
                protected_pension_age=holder.protected_pension_age,
            )
        )
    return out


def _day(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return parse_date(text)
    except Exception:  # a bad date is reported by the data checks; here it is simply unknown
        return None


def stays(rate: float, days: float) -> float:
    """Chance a postholder is still in post `days` later when `rate` of them leave each year."""
    if days <= 0 or rate <= 0:
        return 1.0
    if rate >= 1:
        return 0.0
    return math.exp(math.log(1 - rate) * days / DAYS_A_YEAR)


@dataclass(frozen=True, slots=True)
class Displaced:
    """A deleted post's holders, displaced on the post's effective date."""

    post: Post
    effective: date


def outcomes(
    displaced: Sequence[Displaced],
    new_posts: Sequence[Post],
    candidates: Mapping[str, Sequence[str]],
    start: date,
    policy: FinancePolicy,
    memo: dict[tuple[str, ...], Any],
) -> list[Outcome]:
    """`memo` keeps people and exit costs with the current structure until it is edited.

    Each displaced person's expected outcome: turnover first, then job fit and ring-fences in the
    order of the new posts (a person is considered for one new post only), then redundancy. New
    posts that share one list of candidates (alike in all job fit reads) are filled together: k such
    posts among n candidates give each a chance of k/n, and every one of them when n ≤ k."""
    by_post = {d.post.id: d for d in displaced}
    appointed: dict[str, tuple[float, Post]] = {}
    groups: dict[tuple[str, ...], list[Post]] = {}  # in the order of their first post's date
    for new in new_posts:
        groups.setdefault(tuple(candidates.get(new.id, ())), []).append(new)
    for shared, posts in groups.items():
        pool = [c for c in shared if c in by_post and c not in appointed]
        for current in pool:
            appointed[current] = (min(1.0, len(posts) / len(pool)), posts[0])
    out: list[Outcome] = []
    for item in displaced:
        left = 1 - stays(policy.turnover_rate, (item.effective - start).days)
        chance, new_post = appointed.get(item.post.id, (0.0, None))
        people = memo.get(("people", item.post.id))
        if people is None:
            people = memo[("people", item.post.id)] = people_of(item.post)
        for person in people:
            protection = 0.0
            if new_post is not None:
                gap = pay_protection(person.annual_pay, (new_post.salary or 0.0) * person.fte, policy)
                protection = round((1 - left) * chance * gap, 2)
            key = ("exit", person.key, item.effective.isoformat())
            if key not in memo:
                memo[key] = exit_cost(person, item.effective, policy)
            cost = memo[key]
            title = new_post.title if new_post is not None else ""
            out.append(Outcome(person, item.post.title, item.effective, left, chance, title, cost, protection))
    return out
