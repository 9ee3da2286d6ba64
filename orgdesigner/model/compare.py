"""Comparing two scenarios: what changed, the saving, and who is in which selection phase.

Posts keep their ids across scenarios, so a post in both is the same post: moved if its manager
changed, regraded if its grade or pay changed. The annual saving is the fall in cost with on-costs
(pay plus employer NI, pension and levy), computed the same way every time.
"""

from __future__ import annotations

import dataclasses
import heapq
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from orgdesigner.model.derived import ComparisonBasis
from orgdesigner.model.document import Document, Scenario
from orgdesigner.model.finance.report import finance_dict, finance_lines
from orgdesigner.model.finance.savings import SavingsProfile, savings_profile
from orgdesigner.model.metrics import Metrics, compute, whole_or_fraction
from orgdesigner.model.post import Post, Role, Status
from orgdesigner.model.profile import REQUIRED_ROLES, RulesProfile
from orgdesigner.model.structure import Structure


@dataclass
class TargetProgress:
    name: str
    target: float
    achieved: float
    met: bool


@dataclass
class Candidate:
    post_id: str
    title: str
    score: float
    reasons: list[str]


@dataclass
class PhasedPost:
    post_id: str
    title: str
    phase: int | None
    candidates: list[Candidate] = field(default_factory=list)


@dataclass
class Comparison:
    from_name: str
    to_name: str
    added: list[str]
    deleted: list[str]
    moved: list[str]
    regraded: list[str]
    side_changed: list[str]
    management_posts_before: float
    management_posts_after: float
    posts_before: int
    posts_after: int
    fte_before: float
    fte_after: float
    pay_bill_before: float
    pay_bill_after: float
    cost_before: float
    cost_after: float
    annual_saving: float
    layers_before: int
    layers_after: int
    span_mean_before: float
    span_mean_after: float
    spans_before: dict[int, int]
    spans_after: dict[int, int]
    statutory_before: dict[str, list[str]]
    statutory_after: dict[str, list[str]]
    targets: list[TargetProgress]
    phases: list[PhasedPost]
    finance: SavingsProfile | None = None
    """The cost of change: savings by financial year, one-off costs, payback (DOMAIN.md §6)."""
    package_threshold: float = 100_000
    management_definition: str = ""
    unknown_before: tuple[int, int] = (0, 0)
    """Posts and staff groups whose (FTE, pay) is not known before: left out of the totals."""
    unknown_after: tuple[int, int] = (0, 0)

    @property
    def management_reduction(self) -> float:
        before = self.management_posts_before
        return (before - self.management_posts_after) / before if before else 0.0

    def changed_posts(self) -> set[str]:
        """Posts of the 'to' scenario to highlight on its chart."""
        return set(self.added) | set(self.moved) | set(self.regraded) | set(self.side_changed)

    def summary(self) -> str:
        """The comparison as a council officer reads it (the command line and the window show it)."""
        c = self

        def change(before: float, after: float, money: bool = False) -> str:
            if money:
                return f"£{before:,.0f} → £{after:,.0f}"
            return f"{before:,.2f} → {after:,.2f}" if isinstance(before, float) else f"{before:,} → {after:,}"

        lines = [
            f"{c.from_name} → {c.to_name}",
            f"  management posts   {c.management_posts_before:g} → {c.management_posts_after:g}"
            f" ({c.management_reduction:.0%} fewer; {c.management_definition}, a shared post counting its share)",
            f"  posts              {c.posts_before} → {c.posts_after}",
            f"  FTE                {change(c.fte_before, c.fte_after)}{_unknown(c, 0)}",
            f"  pay bill           {change(c.pay_bill_before, c.pay_bill_after, True)}{_unknown(c, 1)}",
            f"  with on-costs      {change(c.cost_before, c.cost_after, True)}",
            f"  annual saving      £{c.annual_saving:,.0f}",
            f"  layers             {c.layers_before} → {c.layers_after}",
            f"  mean span          {c.span_mean_before:.2f} → {c.span_mean_after:.2f}",
            f"  added {len(c.added)}, deleted {len(c.deleted)}, moved {len(c.moved)}, regraded {len(c.regraded)},"
            f" changed side {len(c.side_changed)}",
        ]
        for target in c.targets:
            state = "met" if target.met else "not yet met"
            lines.append(f"  target {target.name}: {target.target:,.2f}, achieved {target.achieved:,.2f} ({state})")
        uncovered = [role for role, holders in c.statutory_after.items() if not holders]
        if uncovered:
            lines.append(f"  statutory roles not covered in {c.to_name}: {', '.join(uncovered)}")
        if c.phases:
            lines.append("  selection phases of new posts:")
            for phased in c.phases:
                phase = f"phase {phased.phase}" if phased.phase else "no phase"
                fits = (
                    "; ".join(f"{x.title} ({', '.join(x.reasons)})" for x in phased.candidates[:3]) or "no internal fit"
                )
                lines.append(f"    {phase}: {phased.title} — candidates: {fits}")
        if c.finance is not None:
            lines += finance_lines(c.finance, c.package_threshold)
        return "\n".join(lines) + "\n"

    def as_dict(self) -> dict[str, Any]:
        data = asdict(dataclasses.replace(self, finance=None))
        del data["finance"], data["package_threshold"]
        if self.finance is not None:
            data.update(finance_dict(self.finance))
        data["spans_before"] = {str(k): v for k, v in self.spans_before.items()}
        data["spans_after"] = {str(k): v for k, v in self.spans_after.items()}
        data["management_reduction"] = round(self.management_reduction, 4)
        del data["unknown_before"], data["unknown_after"]
        data["fte_unknown_before"], data["pay_unknown_before"] = self.unknown_before
        data["fte_unknown_after"], data["pay_unknown_after"] = self.unknown_after
        for key in ("management_posts_before", "management_posts_after"):
            data[key] = whole_or_fraction(data[key])
        return data


def _work_out(structure: Structure) -> ComparisonBasis:
    """A scenario's posts in chart order and its ids, kept on it until it is edited: the
    comparison panel then redoes only the side being edited (the proposal)."""
    kept = structure.derived.comparison.get()
    if kept is None:
        basis = ComparisonBasis(_ordered(structure), set(structure.post_ids()))
        kept = structure.derived.comparison.keep(basis)
    return kept


def _unknown(c: Comparison, which: int) -> str:
    """(+ 2 posts not known before, 1 after): what the totals leave out."""
    before, after = c.unknown_before[which], c.unknown_after[which]
    if not before and not after:
        return ""
    return f" (+ {before:,} not known before, {after:,} after)"


def compare(document: Document, from_name: str, to_name: str, phases: bool = True) -> Comparison:
    before_s = document.scenario(from_name)
    after_s = document.scenario(to_name)
    before, after = before_s.structure, after_s.structure
    profile = document.profile
    (order_before, ids_before), (order_after, ids_after) = _work_out(before), _work_out(after)
    m_before, m_after = compute(before, profile), compute(after, profile)  # kept until edited
    common = ids_before & ids_after
    added = [p for p in order_after if p not in ids_before]
    deleted = [p for p in order_before if p not in ids_after]
    moved, regraded, side_changed = [], [], []
    for post_id in order_after:
        if post_id not in common:
            continue
        old, new = before.post(post_id), after.post(post_id)
        if before.manager_of(post_id) != after.manager_of(post_id):
            moved.append(post_id)
        if (old.grade, old.pay_floor, old.pay_ceiling) != (new.grade, new.pay_floor, new.pay_ceiling):
            regraded.append(post_id)
        if old.side is not new.side:
            side_changed.append(post_id)
    saving = round(m_before.cost_with_oncosts - m_after.cost_with_oncosts, 2)
    comparison = Comparison(
        from_name=before_s.name,
        to_name=after_s.name,
        added=added,
        deleted=deleted,
        moved=moved,
        regraded=regraded,
        side_changed=side_changed,
        management_posts_before=m_before.management_posts,
        management_posts_after=m_after.management_posts,
        posts_before=m_before.posts,
        posts_after=m_after.posts,
        fte_before=m_before.fte_total,
        fte_after=m_after.fte_total,
        pay_bill_before=m_before.pay_bill,
        pay_bill_after=m_after.pay_bill,
        cost_before=m_before.cost_with_oncosts,
        cost_after=m_after.cost_with_oncosts,
        annual_saving=saving,
        layers_before=m_before.layers,
        layers_after=m_after.layers,
        span_mean_before=m_before.span_mean,
        span_mean_after=m_after.span_mean,
        spans_before=m_before.span_histogram,
        spans_after=m_after.span_histogram,
        statutory_before=_statutory(document, before),
        statutory_after=_statutory(document, after),
        targets=[],
        phases=selection_phases(before, after, added, profile) if phases else [],
        package_threshold=profile.package_threshold,
        management_definition=m_after.management_definition,
        unknown_before=(m_before.fte_unknown, m_before.pay_unknown),
        unknown_after=(m_after.fte_unknown, m_after.pay_unknown),
    )
    comparison.finance = savings_profile(
        before, after, after_s, profile, saving, (deleted, added),
        displaced_fits(before, after, deleted, added), lambda post, s: phase_of(post, s, profile),
    )  # fmt: skip
    comparison.targets = _targets(after_s, comparison, m_before, m_after)
    return comparison


def _ordered(structure: Structure) -> list[str]:
    out = [p for p, _ in structure.walk()]
    for held in structure.holding():
        out.extend(structure.subtree(held))
    return out


def _statutory(document: Document, structure: Structure) -> dict[str, list[str]]:
    """Each required role with the titles of the posts holding it (empty: not covered); a post
    marked to be deleted holds no role."""
    return {
        role.label: [
            post.title
            for p in sorted(structure.role_holders(role))
            if (post := structure.post(p)).status is not Status.TO_BE_DELETED
        ]
        for role in REQUIRED_ROLES[document.council_type]
    }


def _targets(scenario: Scenario, c: Comparison, before: Metrics, after: Metrics) -> list[TargetProgress]:
    achieved = {
        "management_posts_reduction": round(c.management_reduction, 4),
        "annual_saving": c.annual_saving,
        "posts_reduction": round((before.posts - after.posts) / before.posts, 4) if before.posts else 0.0,
    }
    if c.finance is not None:  # "£5M a year by Year 3": saving_year_3
        achieved.update({f"saving_year_{n + 1}": year.saving for n, year in enumerate(c.finance.years)})
    return [
        TargetProgress(name, value, achieved.get(name, 0.0), achieved.get(name, 0.0) >= value)
        for name, value in scenario.targets.items()
    ]


# ---- selection phases (report §7.1) ----------------------------------------------------------------

_SUPERVISORY = re.compile(r"\b(team leader|team manager|supervisor|leader)\b", re.IGNORECASE)
_WORD = re.compile(r"[a-z]+")
_STOP = frozenset({"of", "and", "the", "for", "head", "service", "services", "manager", "officer", "senior"})


def phase_of(post: Post, structure: Structure, profile: RulesProfile) -> int | None:
    """Phase 1: £55K+; phase 2: £30K+; phase 3: team leaders and supervisors; else none."""
    salary = post.salary or 0.0
    if salary >= profile.phase1_threshold:
        return 1
    if salary >= profile.phase2_threshold:
        return 2
    if _SUPERVISORY.search(post.title) or structure.report_count(post.id) or structure.has_groups(post.id):
        return 3
    return None


def _grade_number(grade: str) -> int | None:
    found = re.findall(r"\d+", grade)
    return int(found[-1]) if found else None


def _words(title: str) -> set[str]:
    return {w for w in _WORD.findall(title.lower()) if w not in _STOP}


@dataclass(frozen=True)
class _Features:
    """What job fit compares, worked out once per post."""

    post: Post
    function: str
    grade_stem: str
    grade_number: int | None
    salary: float | None
    words: frozenset[str]
    roles: frozenset[Role]


def _features(post: Post) -> _Features:
    return _Features(
        post,
        post.function.casefold(),
        post.grade.rstrip("0123456789"),
        _grade_number(post.grade),
        post.salary,
        frozenset(_words(post.title)),
        post.roles,
    )


def job_fit(new: Post, current: Post) -> Candidate | None:
    """How well a current postholder fits a new post: function, grade within a step, similar title."""
    return _fit(_features(new), _features(current))


def _fit(new: _Features, old: _Features) -> Candidate | None:
    if old.post.status is Status.VACANT:
        return None
    reasons: list[str] = []
    score = 0.0
    shared_roles = new.roles & old.roles
    if shared_roles:  # the holder of a statutory role is the candidate for the post that takes it on
        score += 3.0
        reasons.append("holds the " + ", ".join(sorted(r.short for r in shared_roles)) + " role now")
    if new.function and new.function == old.function:
        score += 1.0
        reasons.append("same function")
    if new.grade_number is not None and old.grade_number is not None and new.grade_stem == old.grade_stem:
        if abs(new.grade_number - old.grade_number) <= 1:
            score += 1.0
            reasons.append("grade within one step")
    elif new.salary and old.salary and abs(new.salary - old.salary) <= 0.15 * new.salary:
        score += 1.0
        reasons.append("pay within 15%")
    if new.words and old.words:
        overlap = len(new.words & old.words) / len(new.words | old.words)
        if overlap >= 0.34:
            score += overlap * 2
            reasons.append("similar title")
    if score < 1.5:
        return None
    return Candidate(old.post.id, old.post.title, round(score, 2), reasons)


_FitKey = tuple[str, str, int | None, float | None, frozenset[str], frozenset[Role]]
"""Everything job fit reads of a current post."""


class _FitIndex:
    """Posts that might fit new posts, grouped so alike posts are scored once.

    Current posts alike in all job fit reads (function, grade, pay, title words) fit a new post
    equally, so they are scored once as a group: an establishment has hundreds of social workers
    on one grade. Only posts sharing a function or a distinctive title word can fit.
    """

    def __init__(self, posts: Iterable[Post], common: int) -> None:
        groups: dict[_FitKey, list[_Features]] = {}
        for old in posts:
            if old.status is not Status.VACANT:
                features = _features(old)
                key = (
                    features.function,
                    features.grade_stem,
                    features.grade_number,
                    features.salary,
                    features.words,
                    features.roles,
                )
                groups.setdefault(key, []).append(features)
        self.by_function: dict[str, dict[_FitKey, list[_Features]]] = {}
        self.by_word: dict[str, dict[_FitKey, list[_Features]]] = {}
        self.by_role: dict[Role, dict[_FitKey, list[_Features]]] = {}
        self.word_posts: dict[str, int] = {}
        for key, members in groups.items():
            members.sort(key=lambda f: (f.post.title, f.post.id))
            sample = members[0]
            if sample.function:
                self.by_function.setdefault(sample.function, {})[key] = members
            for word in sample.words:
                self.by_word.setdefault(word, {})[key] = members
                self.word_posts[word] = self.word_posts.get(word, 0) + len(members)
            for role in sample.roles:
                self.by_role.setdefault(role, {})[key] = members
        self.common = common
        """A word in more titles than this says nothing about fit."""

    def best(self, new: _Features, limit: int, word_posts: dict[str, int] | None = None) -> list[Candidate]:
        counts = self.word_posts if word_posts is None else word_posts
        pool = dict(self.by_function.get(new.function, {})) if new.function else {}
        for word in new.words:
            if counts.get(word, 0) <= self.common:
                pool.update(self.by_word.get(word, {}))
        for role in new.roles:  # the holder of a role the new post takes on is always a candidate
            pool.update(self.by_role.get(role, {}))
        best: list[tuple[float, str, str, _Features, Candidate]] = []
        for members in pool.values():
            fit = _fit(new, members[0])
            if fit is not None:  # only a group's first few titles can be among the best
                best.extend((-fit.score, m.post.title, m.post.id, m, fit) for m in members[:limit])
        best = heapq.nsmallest(limit, best, key=lambda b: b[:3])
        return [Candidate(m.post.id, m.post.title, fit.score, list(fit.reasons)) for _s, _t, _i, m, fit in best]


def _word_posts(structure: Structure) -> dict[str, int]:
    """How many filled posts' titles hold each word, kept until the structure is edited."""
    kept = structure.derived.title_words.get()
    if kept is None:
        counts: dict[str, int] = {}
        for post in structure:
            if post.status is not Status.VACANT:
                for word in _words(post.title):
                    counts[word] = counts.get(word, 0) + 1
        kept = structure.derived.title_words.keep(counts)
    return kept


def _common(before: Structure) -> int:
    return max(50, len(before) // 20)  # a word in over 5% of titles says nothing about fit


def selection_phases(
    before: Structure, after: Structure, added: list[str], profile: RulesProfile, limit: int = 5
) -> list[PhasedPost]:
    """For each new post: its phase and the current postholders who fit it (a ring-fence);
    200 new posts against 20,000 current ones take a fraction of a second."""
    index = _FitIndex(before, _common(before))
    out: list[PhasedPost] = []
    for post_id in added:
        post = after.post(post_id)
        fits = index.best(_features(post), limit)
        out.append(PhasedPost(post_id, post.title, phase_of(post, after, profile), fits))
    return out


def displaced_fits(
    before: Structure, after: Structure, deleted: list[str], added: list[str], limit: int = 5
) -> dict[str, list[str]]:
    """For each new post, the holders of deleted posts who fit it (job fit, or a ring-fence when
    several do): only the displaced are matched, so a better fit who keeps their post never hides one."""
    index = _FitIndex((before.post(p) for p in deleted), _common(before))
    words = _word_posts(before) if deleted and added else {}
    out: dict[str, list[str]] = {}
    # New posts alike in all job fit reads fit the same people: one list for them all, long enough
    # to fill every one of them (ten alike team leader posts look at fifty candidates, not five).
    features = {post_id: _features(after.post(post_id)) for post_id in added}
    keys = {p: (f.function, f.grade_stem, f.grade_number, f.salary, f.words, f.roles) for p, f in features.items()}
    sizes: dict[_FitKey, int] = {}
    for key in keys.values():
        sizes[key] = sizes.get(key, 0) + 1
    alike: dict[_FitKey, list[str]] = {}
    for post_id in added:
        key = keys[post_id]
        if key not in alike:
            alike[key] = [c.post_id for c in index.best(features[post_id], limit * sizes[key], words)]
        out[post_id] = alike[key]
    return out
