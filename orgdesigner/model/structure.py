"""Structure: the posts of one scenario, their solid and dotted reporting lines and staff groups.

Solid lines live in a networkx DiGraph (manager -> report) so networkx's algorithms can be used
on it; the order of each manager's reports is kept beside it because users arrange it and an undo
must put it back. The only way to change a structure is `apply(edit)` (see `edits.py`); readers
of files build one with `builder.StructureBuilder`. The underscored mutators below are for edits
and the builder alone.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import networkx as nx

from orgdesigner.model.derived import DerivedFigures
from orgdesigner.model.errors import EditRefused
from orgdesigner.model.post import Post, Role, Side, StaffGroup

if TYPE_CHECKING:
    from orgdesigner.model.edits import Edit


@dataclass(frozen=True, slots=True)
class Place:
    """Where a post hangs: under a manager, as a top post, or in the holding area with a reason."""

    manager_id: str | None
    index: int
    holding_reason: str | None = None


@dataclass(frozen=True, slots=True)
class Applied:
    """What applying an edit did: its exact inverse and every post whose checks may have changed."""

    inverse: Edit
    touched: frozenset[str]


UNKNOWN_SIDE = None


class Structure:
    """The posts of one scenario. Invariant: solid lines form a forest (each post one manager)."""

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
            graph = nx.DiGraph()
            graph.add_nodes_from(self._posts)
            graph.add_edges_from((m, p) for p, m in self._manager.items() if m is not None)
            self._graph = graph
        return self._graph

    # ---- edits -------------------------------------------------------------------------------------
    def apply(self, edit: Edit) -> Applied:
        """Apply one edit; refused edits raise EditRefused and leave the structure as it was."""
        touched: set[str] = set()
        try:
            inverse = edit.apply(self, touched)
        finally:
            self.derived.clear()
        return Applied(inverse, frozenset(touched))

    # ---- queries -----------------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._posts)

    def __contains__(self, post_id: object) -> bool:
        return post_id in self._posts

    def __iter__(self) -> Iterator[Post]:
        return iter(self._posts.values())

    def post(self, post_id: str) -> Post:
        try:
            return self._posts[post_id]
        except KeyError:
            raise EditRefused(f"There is no post with id '{post_id}' in this scenario.") from None

    def get(self, post_id: str) -> Post | None:
        return self._posts.get(post_id)

    def post_ids(self) -> Iterable[str]:
        return self._posts.keys()

    def posts_by_id(self) -> Mapping[str, Post]:
        """Every post by id, read-only: rules list their candidates in one pass over all posts."""
        return MappingProxyType(self._posts)

    def manager_by_post(self) -> Mapping[str, str | None]:
        """Every post's solid-line manager (None: a top or held post), read-only, as posts_by_id."""
        return MappingProxyType(self._manager)

    def manager_of(self, post_id: str) -> str | None:
        return self._manager[post_id]

    def reports_of(self, post_id: str) -> tuple[str, ...]:
        return tuple(self._children.get(post_id, ()))

    def report_count(self, post_id: str) -> int:
        return len(self._children.get(post_id, ()))

    def managers(self) -> set[str]:
        """Posts that manage: with post reports or staff groups under them (placed or held)."""
        out = {p for p, kids in self._children.items() if kids}
        out.update(p for p, groups in self._groups_under.items() if groups and p is not None)
        return out

    def roots(self) -> tuple[str, ...]:
        """Top posts (placed); the holding area is separate."""
        return tuple(self._roots)

    def holding(self) -> dict[str, str]:
        """Posts whose manager is unknown, with the reason, in the order they were kept."""
        return dict(self._holding)

    def is_held(self, post_id: str) -> bool:
        """True for a post kept in the holding area itself (not for posts below it)."""
        return post_id in self._holding

    def holding_reason(self, post_id: str) -> str:
        return self._holding.get(post_id, "")

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

    def top_of(self, post_id: str) -> str:
        top = post_id
        for top in self.ancestors(post_id):  # noqa: B007 - the last ancestor is the top
            pass
        return top

    def is_placed(self, post_id: str) -> bool:
        """False for a post in the holding area or anywhere below one."""
        return self.top_of(post_id) not in self._holding

    def layer(self, post_id: str) -> int:
        """The chief executive (a top post) is layer 1; each reporting step adds one."""
        return 1 + sum(1 for _ in self.ancestors(post_id))

    def subtree(self, post_id: str) -> list[str]:
        """The post and everyone below it, in pre-order (managers before their reports)."""
        out: list[str] = []
        stack = [post_id]
        while stack:
            current = stack.pop()
            out.append(current)
            stack.extend(reversed(self._children.get(current, ())))
        return out

    def walk(self) -> Iterator[tuple[str, int]]:
        """Every placed post with its layer, top-down, trees in root order."""
        for root in self._roots:
            stack = [(root, 1)]
            while stack:
                current, layer = stack.pop()
                yield current, layer
                stack.extend((child, layer + 1) for child in reversed(self._children[current]))

    def layers(self) -> dict[str, int]:
        """Every placed post's layer (chief executive = 1), level by level: what walk() gives, as a
        dict, without a generator step per post (a full check needs all 20,000)."""
        out: dict[str, int] = {}
        children = self._children
        level, layer = list(self._roots), 1
        while level:
            out.update(dict.fromkeys(level, layer))
            level = [c for p in level for c in children[p]]
            layer += 1
        return out

    def dotted_managers(self, post_id: str) -> frozenset[str]:
        return frozenset(self._dotted.get(post_id, ()))

    def dotted_reports(self, post_id: str) -> frozenset[str]:
        return frozenset(self._dotted_reports.get(post_id, ()))

    def dotted_lines(self) -> list[tuple[str, str]]:
        return [(post, mgr) for post, managers in self._dotted.items() for mgr in sorted(managers)]

    def staff_groups(self) -> Iterable[StaffGroup]:
        return self._groups.values()

    def staff_group(self, group_id: str) -> StaffGroup:
        try:
            return self._groups[group_id]
        except KeyError:
            raise EditRefused(f"There is no staff group with id '{group_id}'.") from None

    def groups_under(self, post_id: str | None) -> tuple[StaffGroup, ...]:
        return tuple(self._groups[g] for g in self._groups_under.get(post_id, ()))

    def has_groups(self, post_id: str) -> bool:
        return bool(self._groups_under.get(post_id))

    def span(self, post_id: str) -> int:
        """Direct solid-line reports, not counting assistants, plus direct staff-group headcount.

        Vacant posts count: a span belongs to the post, not to the person.
        """
        kids = self._children[post_id]
        count = len(kids) - (len(self._assistants.intersection(kids)) if self._assistants else 0)
        if self._groups_under.get(post_id):
            count += sum(g.people for g in self.groups_under(post_id) if g.direct)
        return count

    def role_holders(self, role: Role) -> frozenset[str]:
        return frozenset(self._role_holders.get(role, ()))

    def duplicate_refs(self) -> dict[str, frozenset[str]]:
        return {ref: frozenset(ids) for ref, ids in self._refs.items() if len(ids) > 1}

    def fte_units_by_side(self) -> dict[Side | None, int]:
        """FTE (posts and staff groups) by side, in ten-thousandths. None: groups with no manager."""
        return {side: units for side, units in self._fte_by_side.items() if units}

    def group_side(self, group: StaffGroup) -> Side | None:
        if group.side is not None:
            return group.side
        if group.manager_id is None:
            return UNKNOWN_SIDE
        return self._posts[group.manager_id].side

    def new_id(self, prefix: str = "P") -> str:
        """A post id not yet used in this structure."""
        n = len(self._posts) + 1
        while f"{prefix}{n}" in self._posts or f"{prefix}{n}" in self._groups:
            n += 1
        return f"{prefix}{n}"

    def snapshot(self) -> dict[str, Any]:
        """Everything that defines the structure, for exact comparisons (undo, round trips)."""
        return {
            "posts": dict(self._posts),
            "children": {k: list(v) for k, v in self._children.items() if v},
            "roots": list(self._roots),
            "holding": list(self._holding.items()),
            "dotted": {k: sorted(v) for k, v in self._dotted.items() if v},
            "groups": dict(self._groups),
            "groups_under": {k: list(v) for k, v in self._groups_under.items() if v},
        }

    def copy(self) -> Structure:
        """An equal structure sharing no tables with this one (posts are immutable, so shared)."""
        order = [(self._posts[p], self._manager[p]) for p, _layer in self.walk()]
        for held in self._holding:
            order.extend((self._posts[p], self._manager[p]) for p in self.subtree(held))
        reports = {post_id: list(kids) for post_id, kids in self._children.items()}
        clone = Structure._assembled(order, reports, self._roots, self._holding)
        for post_id, managers in self._dotted.items():
            for mgr in managers:
                clone._add_dotted(post_id, mgr)
        for group_ids in self._groups_under.values():
            for group_id in group_ids:
                clone._add_group(self._groups[group_id], None)
        return clone

    # ---- mutators for edits and the builder only ---------------------------------------------------
    @classmethod
    def _assembled(
        cls,
        order: list[tuple[Post, str | None]],
        reports: dict[str, list[str]],
        roots: list[str],
        holding: dict[str, str],
    ) -> Structure:
        """A structure from a forest the builder has checked, in one pass: `order` is every post
        with its manager, managers first; `reports` each post's reports in order."""
        structure = cls()
        structure._posts = {post.id: post for post, _ in order}
        structure._manager = {post.id: manager for post, manager in order}
        structure._children = reports
        structure._roots = list(roots)
        structure._holding = dict(holding)
        fte: dict[Side | None, int] = {}
        for post in structure._posts.values():
            fte[post.side] = fte.get(post.side, 0) + post.fte_units
            if post.roles or post.source_ref or post.assistant:
                structure._index_names(post, +1)
        structure._fte_by_side.update(fte)
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
