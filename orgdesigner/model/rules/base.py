"""What a rule and a finding are, and the context rules read the structure through."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from itertools import chain, compress

from orgdesigner.model.post import Post
from orgdesigner.model.profile import CouncilType, RulesProfile
from orgdesigner.model.structure import Structure


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return _RANK[self]


_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


@dataclass(frozen=True, slots=True)
class Finding:
    """Something wrong (or worth knowing) about the structure, with what to do about it."""

    rule: str
    severity: Severity
    posts: tuple[str, ...]
    message: str

    def sort_key(self) -> tuple[int, str, tuple[str, ...], str]:
        return (self.severity.rank, self.rule, self.posts, self.message)


class Context:
    """The structure, profile and council type, with layers cached for one checking run."""

    def __init__(self, structure: Structure, profile: RulesProfile, council_type: CouncilType) -> None:
        self.structure = structure
        self.profile = profile
        self.council_type = council_type
        self._layers: dict[str, int | None] = {}
        self._managers: list[str] = []

    def prime_layers(self) -> None:
        """Work out the layer of every manager (a post with reports), for a full check.

        Most posts are leaves: their layer is then one step from their manager's when a rule asks,
        and the posts below the layer limit are the reports of the deepest managers, so no pass
        visits each of 100,000 posts by id. Holding-area branches have no layer (None).
        """
        reports = self.structure.reports_by_post()
        self._managers = list(compress(reports.keys(), reports.values()))
        manager_of = self.structure.manager_by_post()
        layers = self._layers
        for post_id in self._managers:  # managers mostly come after their own managers: one step each
            manager = manager_of[post_id]
            if manager is not None and manager in layers:
                above = layers[manager]
                layers[post_id] = None if above is None else above + 1
            else:
                self.layer(post_id)

    def prime_every_layer(self) -> None:
        """Also fill in every leaf's layer (after prime_layers), for a rule that reads them all."""
        reports = self.structure.reports_by_post()
        layers = self._layers
        for post_id in self._managers:
            at = layers[post_id]
            layers.update(dict.fromkeys(reports[post_id], None if at is None else at + 1))

    def layer(self, post_id: str) -> int | None:
        """Layer of a placed post (chief executive = 1); None in the holding area."""
        if post_id in self._layers:
            return self._layers[post_id]
        chain = [post_id]
        structure = self.structure
        manager = structure.manager_of(post_id)
        while manager is not None and manager not in self._layers:
            chain.append(manager)
            manager = structure.manager_of(manager)
        if manager is None:
            top = chain[-1]
            base: int | None = None if structure.is_held(top) else 0
        else:
            base = self._layers[manager]
        for depth, node in enumerate(reversed(chain), start=1):
            self._layers[node] = None if base is None else base + depth
        return self._layers[post_id]

    def deeper_than(self, layer: int) -> list[str]:
        """Placed posts below `layer` (after prime_layers; a held post has no layer): the reports of
        managers in `layer` or below it."""
        layers = self._layers
        deep = [p for p in self._managers if (at := layers[p]) is not None and at >= layer]
        return list(chain.from_iterable(map(self.structure.reports_by_post().__getitem__, deep)))

    def title(self, post_id: str) -> str:
        post = self.structure.get(post_id)
        return (post.title or post_id) if post else post_id


PostCheck = Callable[[Context, Post], Sequence[Finding]]
GlobalCheck = Callable[[Context], Iterable[Finding]]
Candidates = Callable[[Context], Collection[str]]


@dataclass(frozen=True)
class Rule:
    """A rule: an id, what it checks, and a check run per post or once over the whole structure.

    Per-post checks may read the post, its manager and its direct reports and the post's layer;
    edits re-check exactly those posts (see edits.py), so incremental equals full checking.
    Whole-structure checks read only small indexes (role holders, roots, FTE totals) and run after
    every edit.
    """

    id: str
    description: str
    basis: str
    per_post: PostCheck | None = None
    whole: GlobalCheck | None = None
    only: Candidates | None = None
    """The posts a full check need run `per_post` on: every post it could find anything on, and
    cheap to list (managers, say, for spans). Edits still re-check every post they touch."""
