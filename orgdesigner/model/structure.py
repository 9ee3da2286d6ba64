"""Structure: the posts of one scenario, their solid and dotted reporting lines and staff groups.

The only way to change a structure is `apply(edit)` (see `edits.py`); readers of files build one
with `builder.StructureBuilder`. The tables and their mutators (for edits and the builder alone)
are in `tables.py`; this class adds what everyone else asks of a structure.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from orgdesigner.model.errors import EditRefused
from orgdesigner.model.post import Post, Role, Side, StaffGroup
from orgdesigner.model.tables import UNKNOWN_SIDE, Place, StructureTables

if TYPE_CHECKING:
    from orgdesigner.model.edits import Edit

__all__ = ["UNKNOWN_SIDE", "Applied", "Place", "Structure"]


@dataclass(frozen=True, slots=True)
class Applied:
    """What applying an edit did: its exact inverse and every post whose checks may have changed."""

    inverse: Edit
    touched: frozenset[str]


class Structure(StructureTables):
    """The posts of one scenario. Invariant: solid lines form a forest (each post one manager)."""

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

    def reports_by_post(self) -> Mapping[str, Sequence[str]]:
        """Every post's direct reports in order (empty for a leaf), read-only, as posts_by_id."""
        return MappingProxyType(self._children)

    def posts_with_managers(self) -> Iterator[tuple[Post, str | None]]:
        """Every post with its solid-line manager, in one pass over both tables side by side: they
        hold the same posts in the same order (each mutator adds or removes a post in both), so a
        rule reading every post's manager looks none of 100,000 posts up by id."""
        return zip(self._posts.values(), self._manager.values(), strict=True)

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

    def assistants(self) -> frozenset[str]:
        """Posts marked as assistants (spans leave them out)."""
        return frozenset(self._assistants)

    def role_holders(self, role: Role) -> frozenset[str]:
        return frozenset(self._role_holders.get(role, ()))

    def duplicate_refs(self) -> dict[str, frozenset[str]]:
        return {ref: frozenset(ids) for ref, ids in self._refs.items() if len(ids) > 1}

    def fte_units_by_side(self) -> dict[Side | None, int]:
        """FTE (posts and staff groups) by side, in ten-thousandths. None: groups with no manager."""
        return {side: units for side, units in self._fte_by_side.items() if units}

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
