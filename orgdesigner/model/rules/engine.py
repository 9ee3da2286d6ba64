"""The rules engine: a full check on load, then incremental checks after each edit.

Per-post findings are kept by post; after an edit only the posts it touched are re-checked, and
the whole-structure rules (which read small indexes) run again. A property test holds the result
equal to a full check.
"""

from __future__ import annotations

from collections import Counter

from orgdesigner.model.post import Post
from orgdesigner.model.profile import CouncilType, RulesProfile
from orgdesigner.model.rules.base import Context, Finding, Rule, Severity
from orgdesigner.model.rules.data import DATA_RULES
from orgdesigner.model.rules.statutory import STATUTORY_RULES
from orgdesigner.model.rules.structural import STRUCTURAL_RULES
from orgdesigner.model.structure import Structure

ALL_RULES: tuple[Rule, ...] = (*STRUCTURAL_RULES, *STATUTORY_RULES, *DATA_RULES)


class Checker:
    """Keeps the findings of one structure up to date."""

    def __init__(
        self,
        structure: Structure,
        profile: RulesProfile,
        council_type: CouncilType,
        rules: tuple[Rule, ...] = ALL_RULES,
    ) -> None:
        self.structure = structure
        self.profile = profile
        self.council_type = council_type
        self._per_post = [(r.per_post, r.only) for r in rules if r.per_post is not None]
        self._whole_checks = [r.whole for r in rules if r.whole is not None]
        self._by_post: dict[str, tuple[Finding, ...]] = {}
        self._whole: tuple[Finding, ...] = ()
        self._counts: Counter[Severity] = Counter()

    def full(self) -> list[Finding]:
        """Check everything from scratch (on load, or after the profile changes)."""
        ctx = Context(self.structure, self.profile, self.council_type)
        ctx.prime_layers()
        self._whole = ()  # _run_whole takes the old whole findings off the counts: none are left
        # Rule by rule (each post's findings stay in rule order), each over the posts it lists
        # where it lists them: one tight loop a rule rather than a loop over rules for every post.
        structure = self.structure
        post_of = structure.posts_by_id().get
        found_by: dict[str, list[Finding]] = {}
        for check, only in self._per_post:
            posts = structure if only is None else [p for p in map(post_of, only(ctx)) if p is not None]
            for post in posts:
                found = check(ctx, post)
                if found:
                    found_by.setdefault(post.id, []).extend(found)
        self._by_post = {post_id: tuple(findings) for post_id, findings in found_by.items()}
        self._counts = Counter(f.severity for found in self._by_post.values() for f in found)
        self._run_whole(ctx)
        return self.findings()

    def update(self, touched: frozenset[str] | set[str]) -> None:
        """Re-check the posts an edit touched, and the whole-structure rules."""
        ctx = Context(self.structure, self.profile, self.council_type)
        for post_id in touched:
            old = self._by_post.pop(post_id, ())
            self._counts.subtract(f.severity for f in old)
            post = self.structure.get(post_id)
            if post is not None:
                self._store(post_id, self._check_post(ctx, post))
        self._run_whole(ctx)

    def _check_post(self, ctx: Context, post: Post) -> tuple[Finding, ...]:
        out: tuple[Finding, ...] = ()
        for check, _only in self._per_post:
            found = check(ctx, post)
            if found:
                out += tuple(found)
        return out

    def _store(self, post_id: str, found: tuple[Finding, ...]) -> None:
        if found:
            self._by_post[post_id] = found
            self._counts.update(f.severity for f in found)

    def _run_whole(self, ctx: Context) -> None:
        self._counts.subtract(f.severity for f in self._whole)
        self._whole = tuple(f for check in self._whole_checks for f in check(ctx))
        self._counts.update(f.severity for f in self._whole)

    def findings(self) -> list[Finding]:
        """All findings, errors first, in a stable order."""
        found = [f for group in self._by_post.values() for f in group]
        found.extend(self._whole)
        found.sort(key=Finding.sort_key)
        return found

    def findings_for(self, post_id: str) -> tuple[Finding, ...]:
        """Findings that name a post (its own, and whole-structure ones that list it)."""
        own = self._by_post.get(post_id, ())
        return own + tuple(f for f in self._whole if post_id in f.posts)

    def findings_for_whole(self) -> tuple[Finding, ...]:
        """The whole-structure findings (statutory roles, core share, roots, duplicates)."""
        return self._whole

    def counts(self) -> dict[Severity, int]:
        return {s: self._counts.get(s, 0) for s in Severity}


def check(structure: Structure, profile: RulesProfile, council_type: CouncilType) -> list[Finding]:
    """A full check, for the command line and as the oracle in tests."""
    return Checker(structure, profile, council_type).full()
