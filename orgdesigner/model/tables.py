"""The tables a structure is kept in, and the mutators that change them (for edits and the
builder alone): the half of `Structure` that holds state; `Structure` adds the queries.

Solid lines are kept as each post's manager and each manager's ordered report list, because users
arrange that order and an undo must put it back. A networkx DiGraph of the same lines is built on
first use (networkx is imported then too: a window that never asks pays neither its time nor its
memory) and kept in step by every mutator from then on.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import compress
from operator import attrgetter
from typing import TYPE_CHECKING, Self

from orgdesigner.model.derived import DerivedFigures
from orgdesigner.model.post import Post, Role, Side, StaffGroup, fte_units_of

if TYPE_CHECKING:
    import networkx as nx


@dataclass(frozen=True, slots=True)
class Place:
    """Where a post hangs: under a manager, as a top post, or in the holding area with a reason."""

    manager_id: str | None
    index: int
    holding_reason: str | None = None


UNKNOWN_SIDE = None


class StructureTables:
    """A structure's tables, with the few reads its mutators need. Invariants: solid lines form a
    forest (each post one manager); `_posts` and `_manager` hold the same posts in the same order,
    so a mutator adds or removes a post in both together and never re-keys either
    (`Structure.posts_with_managers` walks them side by side; a property test holds it)."""

    def __init__(self) -> None:
        self._graph: nx.DiGraph | None = None
        self.derived = DerivedFigures()
        """What others work out from this structure (metrics, comparison orderings), kept here
        until the next edit empties it: after an edit, several panels ask for the same figures."""
        self._posts: dict[str, Post] = {}
        self._manager: dict[str, str | None] = {}
        self._children: dict[str, list[str]] = {}
        self._roots: list[str] = []
        self._holding: dict[str, str] = {}
        self._dotted: dict[str, set[str]] = {}
        self._dotted_reports: dict[str, set[str]] = {}
        self._groups: dict[str, StaffGroup] = {}
        self._groups_under: dict[str | None, list[str]] = {}
        self._role_holders: dict[Role, set[str]] = {}
        self._assistants: set[str] = set()  # spans leave them out: a set answers at C speed
        self._refs: dict[str, set[str]] = {}
        # Running FTE totals by side, in ten-thousandths, so the core-share rule costs O(1) per edit.
        self._fte_by_side: Counter[Side | None] = Counter()
        self._inherited_group_fte: Counter[str] = Counter()

    @property
    def graph(self) -> nx.DiGraph:
        """The solid lines as a networkx DiGraph (manager -> report), for networkx's algorithms.

        Built on first use and kept in step with every edit from then on: opening a 20,000-post
        file does not pay for a graph nobody has asked for yet.
        """
        if self._graph is None:
            import networkx as nx  # first use only: see the module's docstring

            graph = nx.DiGraph()
            graph.add_nodes_from(self._posts)
            graph.add_edges_from((m, p) for p, m in self._manager.items() if m is not None)
            self._graph = graph
        return self._graph

    def place_of(self, post_id: str) -> Place:
        manager = self._manager[post_id]
        siblings = self._children[manager] if manager is not None else None
        if siblings is not None:
            return Place(manager, siblings.index(post_id))
        if post_id in self._holding:
            return Place(None, list(self._holding).index(post_id), self._holding[post_id])
        return Place(None, self._roots.index(post_id))

    def ancestors(self, post_id: str) -> Iterator[str]:
        """Managers above a post, nearest first: O(depth), cheaper than a graph search."""
        manager = self._manager[post_id]
        while manager is not None:
            yield manager
            manager = self._manager[manager]

    def group_side(self, group: StaffGroup) -> Side | None:
        if group.side is not None:
            return group.side
        if group.manager_id is None:
            return UNKNOWN_SIDE
        return self._posts[group.manager_id].side

    # ---- mutators for edits and the builder only ---------------------------------------------------
    @classmethod
    def _assembled(
        cls,
        order: list[tuple[Post, str | None]],
        reports: dict[str, list[str]],
        roots: list[str],
        holding: dict[str, str],
    ) -> Self:
        """A structure from a forest the builder has checked: `order` is every post with its
        manager, managers first; `reports` each post's reports in order."""
        posts, managers = zip(*order, strict=True) if order else ((), ())
        ids = list(map(attrgetter("id"), posts))
        return cls._from_tables(
            dict(zip(ids, posts, strict=True)), dict(zip(ids, managers, strict=True)), reports, roots, holding
        )

    @classmethod
    def _from_tables(
        cls,
        posts: dict[str, Post],
        managers: dict[str, str | None],
        reports: dict[str, list[str]],
        roots: list[str],
        holding: dict[str, str],
    ) -> Self:
        """A structure owning these tables of a checked forest, keyed by post id in pre-order.

        The running totals and indexes are filled by C loops (map, Counter, compress) rather than
        a Python step per post: posts alike in side, FTE and share are counted once, and only the
        few posts holding a statutory role, a source reference or an assistant's place are
        indexed one by one."""
        structure = cls()
        structure._posts = posts
        structure._manager = managers
        structure._children = reports
        structure._roots = list(roots)
        structure._holding = dict(holding)
        values = list(posts.values())
        for (side, fte, share), count in Counter(map(attrgetter("side", "fte", "share"), values)).items():
            # A post's FTE units depend on its FTE and share alone: one post answers for all alike.
            structure._fte_by_side[side] += fte_units_of(fte, share) * count
        named = set(compress(range(len(values)), map(attrgetter("roles"), values)))
        named.update(compress(range(len(values)), map(attrgetter("source_ref"), values)))
        named.update(compress(range(len(values)), map(attrgetter("assistant"), values)))
        for n in sorted(named):
            structure._index_names(values[n], +1)
        return structure

    def _siblings(self, manager_id: str | None, holding: bool) -> list[str]:
        if manager_id is not None:
            return self._children[manager_id]
        return list(self._holding) if holding else self._roots

    def _link(self, post_id: str, manager_id: str | None, index: int | None, reason: str | None) -> None:
        self._manager[post_id] = manager_id
        if manager_id is not None:
            siblings = self._children[manager_id]
            siblings.insert(len(siblings) if index is None else index, post_id)
            if self._graph is not None:
                self._graph.add_edge(manager_id, post_id)
        elif reason is not None:
            items = list(self._holding.items())
            items.insert(len(items) if index is None else index, (post_id, reason))
            self._holding = dict(items)
        else:
            self._roots.insert(len(self._roots) if index is None else index, post_id)

    def _unlink(self, post_id: str) -> Place:
        place = self.place_of(post_id)
        if place.manager_id is not None:
            self._children[place.manager_id].remove(post_id)
            if self._graph is not None:
                self._graph.remove_edge(place.manager_id, post_id)
        elif place.holding_reason is not None:
            del self._holding[post_id]
        else:
            self._roots.remove(post_id)
        return place

    def _insert(self, post: Post, manager_id: str | None, index: int | None, reason: str | None) -> None:
        self._posts[post.id] = post
        self._children[post.id] = []
        if self._graph is not None:
            self._graph.add_node(post.id)
        self._index(post, +1)
        self._link(post.id, manager_id, index, reason)

    def _delete(self, post_id: str) -> None:
        """Remove a post that has no reports, staff groups or dotted lines left."""
        post = self._posts[post_id]
        self._unlink(post_id)
        self._index(post, -1)
        del self._posts[post_id], self._children[post_id], self._manager[post_id]
        if self._graph is not None:
            self._graph.remove_node(post_id)

    def _replace(self, post: Post) -> None:
        old = self._posts[post.id]
        self._index(old, -1)
        self._posts[post.id] = post
        self._index(post, +1)

    def _index(self, post: Post, sign: int) -> None:
        inherited = self._inherited_group_fte[post.id]
        self._fte_by_side[post.side] += sign * (post.fte_units + inherited)
        self._index_names(post, sign)

    def _index_names(self, post: Post, sign: int) -> None:
        if post.assistant:
            (self._assistants.add if sign > 0 else self._assistants.discard)(post.id)
        for role in post.roles:
            holders = self._role_holders.setdefault(role, set())
            (holders.add if sign > 0 else holders.discard)(post.id)
        if post.source_ref:
            ids = self._refs.setdefault(post.source_ref, set())
            (ids.add if sign > 0 else ids.discard)(post.id)
            if not ids:
                del self._refs[post.source_ref]

    def _add_dotted(self, post_id: str, manager_id: str) -> None:
        self._dotted.setdefault(post_id, set()).add(manager_id)
        self._dotted_reports.setdefault(manager_id, set()).add(post_id)

    def _remove_dotted(self, post_id: str, manager_id: str) -> None:
        self._dotted[post_id].discard(manager_id)
        self._dotted_reports[manager_id].discard(post_id)

    def _add_group(self, group: StaffGroup, index: int | None) -> None:
        self._groups[group.id] = group
        siblings = self._groups_under.setdefault(group.manager_id, [])
        siblings.insert(len(siblings) if index is None else index, group.id)
        self._fte_by_side[self.group_side(group)] += group.fte_units
        if group.side is None and group.manager_id is not None:
            self._inherited_group_fte[group.manager_id] += group.fte_units

    def _remove_group(self, group_id: str) -> int:
        group = self._groups.pop(group_id)
        siblings = self._groups_under[group.manager_id]
        index = siblings.index(group_id)
        siblings.pop(index)
        self._fte_by_side[self.group_side(group)] -= group.fte_units
        if group.side is None and group.manager_id is not None:
            self._inherited_group_fte[group.manager_id] -= group.fte_units
        return index

    def _would_cycle(self, post_id: str, new_manager: str) -> bool:
        return new_manager == post_id or post_id in self.ancestors(new_manager)
