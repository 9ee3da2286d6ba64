"""Figures worked out from a structure, kept on it until its next edit empties them.

After an edit several panels ask for the same figures (metrics, the comparison's orderings): the
first computes them, the others read them here. Each kind has its own typed place, and a figure
that depends on the rules is kept with the profile it was worked out under, so a change of rules
is never answered from figures of the old ones.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any, Generic, NamedTuple, TypeVar

from orgdesigner.model.profile import RulesProfile

if TYPE_CHECKING:
    from orgdesigner.model.metrics import Metrics

T = TypeVar("T")


class ComparisonBasis(NamedTuple):
    """What a comparison needs from one side: its posts in chart order and their ids."""

    order: list[str]
    ids: set[str]


class Kept(Generic[T]):
    """One figure, with the rules profile it was worked out under (None: it needs no rules)."""

    __slots__ = ("_profile", "_value")

    def __init__(self) -> None:
        self._value: T | None = None
        self._profile: RulesProfile | None = None

    def get(self, profile: RulesProfile | None = None) -> T | None:
        """The kept figure if it was worked out under these rules; None: work it out."""
        if self._value is None or self._profile != profile:
            return None
        return self._value

    def keep(self, value: T, profile: RulesProfile | None = None) -> T:
        # a copy: the window edits its profile in place, which must not make old figures look current
        self._profile = None if profile is None else dataclasses.replace(profile)
        self._value = value
        return value

    def clear(self) -> None:
        self._value = None
        self._profile = None


class DerivedFigures:
    """The figures kept for one structure; `Structure.apply` empties them on every edit."""

    __slots__ = ("comparison", "cost_of_change", "metrics", "title_words")

    def __init__(self) -> None:
        self.metrics: Kept[Metrics] = Kept()
        self.comparison: Kept[ComparisonBasis] = Kept()
        self.title_words: Kept[dict[str, int]] = Kept()
        self.cost_of_change: Kept[dict[tuple[str, ...], Any]] = Kept()
        """The current structure's post costs, people and exit costs, worked out once per set of rules
        (the proposal is edited; the structure it is compared with seldom is)."""
        """How many filled posts' titles hold each word (job fit's test of a distinctive word)."""

    def clear(self) -> None:
        self.metrics.clear()
        self.comparison.clear()
        self.title_words.clear()
        self.cost_of_change.clear()
