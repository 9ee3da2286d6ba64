"""Edits: the only way a structure changes. `apply()` returns the exact inverse edit.

Every edit validates before it mutates, so a refused edit (EditRefused) leaves the structure as it
was. While applying, each edit records which posts it touched, before and after, so the rules
engine re-checks only those (the inverse's `touches` names what the edit reached afterwards).
"""

from __future__ import annotations

import dataclasses
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import Any

from orgdesigner.model.errors import EditRefused
from orgdesigner.model.post import Post, Side, StaffGroup, holders_named
from orgdesigner.model.structure import Structure
from orgdesigner.model.validation import coerce_post_fields, validate_group, validate_post


class Edit(ABC):
    """One change to a structure. Subclasses implement touches/_do (and validate where it can be refused)."""

    def apply(self, structure: Structure, touched: set[str] | None = None) -> Edit:
        self.validate(structure)
        if touched is not None:
            touched |= self.touches(structure)
        inverse = self._do(structure)
        if touched is not None:
            touched |= inverse.touches(structure)
        return inverse

    def validate(self, structure: Structure) -> None:  # noqa: B027 (an optional hook, not abstract)
        """Raise EditRefused with a message a user understands if the edit cannot be made; an edit
        that can always be made keeps this default."""

    @abstractmethod
    def touches(self, structure: Structure) -> set[str]:
        """Posts whose findings may change when this edit is applied to `structure` as it is now."""

    @abstractmethod
    def _do(self, structure: Structure) -> Edit:
        """Make the change (already validated) and return its exact inverse."""

    def describe(self, structure: Structure) -> str:
        """Short text for the undo history ("Move Head of Finance")."""
        return type(self).__name__


def _title(structure: Structure, post_id: str | None) -> str:
    if post_id is None:
        return "the top"
    post = structure.get(post_id)
    return f"'{post.title or post_id}'" if post else f"'{post_id}'"


def _require(structure: Structure, post_id: str) -> Post:
    post = structure.get(post_id)
    if post is None:
        raise EditRefused(f"There is no post with id '{post_id}' in this scenario.")
    return post


def _near(structure: Structure, post_id: str) -> set[str]:
    """The post, its solid-line manager and its direct reports."""
    if post_id not in structure:
        return {post_id}
    out = {post_id, *structure.reports_of(post_id)}
    manager = structure.manager_of(post_id)
    if manager is not None:
        out.add(manager)
    return out


def _branch(structure: Structure, post_id: str) -> set[str]:
    """The post, everything below it (their layers may change) and its manager (span)."""
    if post_id not in structure:
        return {post_id}
    out = set(structure.subtree(post_id))
    manager = structure.manager_of(post_id)
    if manager is not None:
        out.add(manager)
    return out


# ---- posts ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AddPost(Edit):
    """Add a new post under a manager (None: a top post, or the holding area with a reason)."""

    post: Post
    manager_id: str | None = None
    index: int | None = None
    holding_reason: str | None = None

    def validate(self, structure: Structure) -> None:
        validate_post(self.post)
        existing = structure.get(self.post.id)
        if existing is not None:
            raise EditRefused(
                f"A post with id '{self.post.id}' ({existing.title}) already exists; a post has one "
                "solid-line manager, so move it instead of adding it again."
            )
        if self.manager_id is not None:
            _require(structure, self.manager_id)

    def touches(self, structure: Structure) -> set[str]:
        return {self.post.id} | ({self.manager_id} if self.manager_id else set())

    def _do(self, structure: Structure) -> Edit:
        reason = self.holding_reason if self.manager_id is None else None
        structure._insert(self.post, self.manager_id, self.index, reason)
        return RemovePost(self.post.id, keep_reports=False)

    def describe(self, structure: Structure) -> str:
        return f"Add '{self.post.title}'"


@dataclass(frozen=True)
class _PlacedPost:
    post: Post
    manager_id: str | None
    index: int
    holding_reason: str | None


@dataclass(frozen=True)
class InsertBranch(Edit):
    """Put back a removed branch exactly: posts, order, staff groups and dotted lines."""

    posts: tuple[_PlacedPost, ...]
    groups: tuple[tuple[StaffGroup, int], ...] = ()
    dotted: tuple[tuple[str, str], ...] = ()

    def validate(self, structure: Structure) -> None:
        for placed in self.posts:
            if placed.post.id in structure:
                raise EditRefused(f"A post with id '{placed.post.id}' already exists.")
        top = self.posts[0].manager_id
        if top is not None:
            _require(structure, top)

    def touches(self, structure: Structure) -> set[str]:
        top = self.posts[0].manager_id
        return {p.post.id for p in self.posts} | ({top} if top else set())

    def _do(self, structure: Structure) -> Edit:
        for placed in self.posts:
            structure._insert(placed.post, placed.manager_id, placed.index, placed.holding_reason)
        for group, index in self.groups:
            structure._add_group(group, index)
        for post_id, manager_id in self.dotted:
            if post_id in structure and manager_id in structure:
                structure._add_dotted(post_id, manager_id)
        return RemovePost(self.posts[0].post.id, keep_reports=False)

    def describe(self, structure: Structure) -> str:
        return f"Insert '{self.posts[0].post.title}'"


@dataclass(frozen=True)
class RemovePost(Edit):
    """Remove a post. keep_reports: its reports and staff groups move up to its manager."""

    post_id: str
    keep_reports: bool = True

    def validate(self, structure: Structure) -> None:
        _require(structure, self.post_id)

    def touches(self, structure: Structure) -> set[str]:
        return _branch(structure, self.post_id)

    def _do(self, structure: Structure) -> Edit:
        if self.keep_reports and (structure.reports_of(self.post_id) or structure.groups_under(self.post_id)):
            return self._lift_reports(structure)
        return self._remove_branch(structure)

    def _lift_reports(self, structure: Structure) -> Edit:
        place = structure.place_of(self.post_id)
        steps: list[Edit] = [
            MovePost(report, place.manager_id, place.index + 1 + i, place.holding_reason)
            for i, report in enumerate(structure.reports_of(self.post_id))
        ]
        steps += [
            UpdateStaffGroup(group.id, {"manager_id": place.manager_id})
            for group in structure.groups_under(self.post_id)
        ]
        steps.append(RemovePost(self.post_id, keep_reports=False))
        return Composite(tuple(steps), "").apply(structure)

    def _remove_branch(self, structure: Structure) -> Edit:
        ids = structure.subtree(self.post_id)
        inside = set(ids)
        placed = tuple(
            _PlacedPost(structure.post(i), place.manager_id, place.index, place.holding_reason)
            for i in ids
            for place in (structure.place_of(i),)
        )
        groups: list[tuple[StaffGroup, int]] = []
        for i in ids:
            groups.extend((g, n) for n, g in enumerate(structure.groups_under(i)))
        dotted = sorted(
            {(i, m) for i in ids for m in structure.dotted_managers(i)}
            | {(r, i) for i in ids for r in structure.dotted_reports(i) if r not in inside}
        )
        for post_id, manager_id in dotted:
            structure._remove_dotted(post_id, manager_id)
        for group, _ in reversed(groups):
            structure._remove_group(group.id)
        for i in reversed(ids):
            structure._delete(i)
        return InsertBranch(placed, tuple(groups), tuple(dotted))

    def describe(self, structure: Structure) -> str:
        what = "Remove" if self.keep_reports else "Remove branch"
        return f"{what} {_title(structure, self.post_id)}"


@dataclass(frozen=True)
class MovePost(Edit):
    """Move a post, with everything below it, under a new manager (None: top, or holding area).

    Moving a post under one of its dotted-line managers turns that dotted line solid: a post never
    has the same manager by both lines. `restore_dotted` lets the inverse put such a line back.
    """

    post_id: str
    manager_id: str | None
    index: int | None = None
    holding_reason: str | None = None
    restore_dotted: str | None = None

    def validate(self, structure: Structure) -> None:
        post = _require(structure, self.post_id)
        if self.manager_id is None:
            return
        manager = _require(structure, self.manager_id)
        if structure._would_cycle(self.post_id, self.manager_id):
            raise EditRefused(
                f"'{post.title}' cannot report to '{manager.title}': "
                + (
                    "a post cannot report to itself."
                    if self.manager_id == self.post_id
                    else f"'{manager.title}' is already below '{post.title}', so the line would loop."
                )
            )

    def touches(self, structure: Structure) -> set[str]:
        return _branch(structure, self.post_id)

    def _do(self, structure: Structure) -> Edit:
        absorbed = self.manager_id is not None and self.manager_id in structure.dotted_managers(self.post_id)
        if absorbed:
            structure._remove_dotted(self.post_id, self.manager_id)  # type: ignore[arg-type]
        old = structure._unlink(self.post_id)
        reason = self.holding_reason if self.manager_id is None else None
        structure._link(self.post_id, self.manager_id, self.index, reason)
        if self.restore_dotted is not None:
            structure._add_dotted(self.post_id, self.restore_dotted)
        return MovePost(
            self.post_id, old.manager_id, old.index, old.holding_reason, self.manager_id if absorbed else None
        )

    def describe(self, structure: Structure) -> str:
        if self.manager_id is None:
            where = "to the holding area" if self.holding_reason else "to the top"
        else:
            where = f"under {_title(structure, self.manager_id)}"
        return f"Move {_title(structure, self.post_id)} {where}"


POST_FIELDS = frozenset(f.name for f in dataclasses.fields(Post)) - {"id"} | {"incumbent"}
"""Fields an UpdatePost may change; `incumbent` names the holders (see `holders_named`)."""


@dataclass(frozen=True)
class UpdatePost(Edit):
    """Change fields of one post (any but its id)."""

    post_id: str
    changes: dict[str, Any] = field(hash=False)

    def validate(self, structure: Structure) -> None:
        unknown = set(self.changes) - POST_FIELDS
        if unknown:
            raise EditRefused(f"A post has no field {', '.join(sorted(unknown))}.")
        validate_post(self._updated(structure))

    def _updated(self, structure: Structure) -> Post:
        post = _require(structure, self.post_id)
        changes = coerce_post_fields(self.changes)
        if "incumbent" in changes:
            names = changes.pop("incumbent")
            changes.setdefault("holders", holders_named(post, str(names or "")))
        return dataclasses.replace(post, **changes)

    def touches(self, structure: Structure) -> set[str]:
        return _near(structure, self.post_id)

    def _do(self, structure: Structure) -> Edit:
        old = structure.post(self.post_id)
        new = self._updated(structure)
        structure._replace(new)
        names = {"holders" if k == "incumbent" else k for k in self.changes}
        return UpdatePost(self.post_id, {k: getattr(old, k) for k in names})

    def describe(self, structure: Structure) -> str:
        return f"Edit {', '.join(sorted(self.changes))} of {_title(structure, self.post_id)}"


# ---- dotted lines ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class AddDottedLine(Edit):
    """A dotted (secondary) reporting line; it does not count in spans or layers."""

    post_id: str
    manager_id: str

    def validate(self, structure: Structure) -> None:
        post = _require(structure, self.post_id)
        manager = _require(structure, self.manager_id)
        if self.post_id == self.manager_id:
            raise EditRefused(f"'{post.title}' cannot have a dotted line to itself.")
        if self.manager_id in structure.dotted_managers(self.post_id):
            raise EditRefused(f"'{post.title}' already has a dotted line to '{manager.title}'.")
        if structure.manager_of(self.post_id) == self.manager_id:
            raise EditRefused(f"'{post.title}' already reports to '{manager.title}' by a solid line.")

    def touches(self, structure: Structure) -> set[str]:
        return {self.post_id, self.manager_id}

    def _do(self, structure: Structure) -> Edit:
        structure._add_dotted(self.post_id, self.manager_id)
        return RemoveDottedLine(self.post_id, self.manager_id)

    def describe(self, structure: Structure) -> str:
        return f"Dotted line {_title(structure, self.post_id)} to {_title(structure, self.manager_id)}"


@dataclass(frozen=True)
class RemoveDottedLine(Edit):
    post_id: str
    manager_id: str

    def validate(self, structure: Structure) -> None:
        post = _require(structure, self.post_id)
        if self.manager_id not in structure.dotted_managers(self.post_id):
            raise EditRefused(f"'{post.title}' has no dotted line to '{self.manager_id}'.")

    def touches(self, structure: Structure) -> set[str]:
        return {self.post_id, self.manager_id}

    def _do(self, structure: Structure) -> Edit:
        structure._remove_dotted(self.post_id, self.manager_id)
        return AddDottedLine(self.post_id, self.manager_id)

    def describe(self, structure: Structure) -> str:
        return f"Remove dotted line of {_title(structure, self.post_id)}"


# ---- staff groups ---------------------------------------------------------------------------------


def _group_touch(manager_id: str | None) -> set[str]:
    return {manager_id} if manager_id else set()


@dataclass(frozen=True)
class AddStaffGroup(Edit):
    group: StaffGroup
    index: int | None = None

    def validate(self, structure: Structure) -> None:
        validate_group(self.group)
        if any(g.id == self.group.id for g in structure.staff_groups()):
            raise EditRefused(f"A staff group with id '{self.group.id}' already exists.")
        if self.group.manager_id is not None:
            _require(structure, self.group.manager_id)

    def touches(self, structure: Structure) -> set[str]:
        return _group_touch(self.group.manager_id)

    def _do(self, structure: Structure) -> Edit:
        structure._add_group(self.group, self.index)
        return RemoveStaffGroup(self.group.id)

    def describe(self, structure: Structure) -> str:
        return f"Add staff group '{self.group.title}'"


@dataclass(frozen=True)
class RemoveStaffGroup(Edit):
    group_id: str

    def validate(self, structure: Structure) -> None:
        structure.staff_group(self.group_id)

    def touches(self, structure: Structure) -> set[str]:
        return _group_touch(structure.staff_group(self.group_id).manager_id)

    def _do(self, structure: Structure) -> Edit:
        group = structure.staff_group(self.group_id)
        index = structure._remove_group(self.group_id)
        return AddStaffGroup(group, index)

    def describe(self, structure: Structure) -> str:
        return f"Remove staff group '{structure.staff_group(self.group_id).title}'"


GROUP_FIELDS = frozenset(f.name for f in dataclasses.fields(StaffGroup)) - {"id"}


@dataclass(frozen=True)
class UpdateStaffGroup(Edit):
    """Change a staff group's fields, including moving it to another manager."""

    group_id: str
    changes: dict[str, Any] = field(hash=False)
    index: int | None = None

    def _updated(self, structure: Structure) -> StaffGroup:
        group = structure.staff_group(self.group_id)
        changes = dict(self.changes)
        if isinstance(changes.get("side"), str):
            changes["side"] = Side(changes["side"])
        return dataclasses.replace(group, **changes)

    def validate(self, structure: Structure) -> None:
        unknown = set(self.changes) - GROUP_FIELDS
        if unknown:
            raise EditRefused(f"A staff group has no field {', '.join(sorted(unknown))}.")
        new = self._updated(structure)
        validate_group(new)
        if new.manager_id is not None:
            _require(structure, new.manager_id)

    def touches(self, structure: Structure) -> set[str]:
        return _group_touch(structure.staff_group(self.group_id).manager_id)

    def _do(self, structure: Structure) -> Edit:
        old = structure.staff_group(self.group_id)
        new = self._updated(structure)
        old_index = structure._remove_group(self.group_id)
        same_place = new.manager_id == old.manager_id
        structure._add_group(new, old_index if same_place and self.index is None else self.index)
        return UpdateStaffGroup(self.group_id, {k: getattr(old, k) for k in self.changes}, old_index)

    def describe(self, structure: Structure) -> str:
        return f"Edit staff group '{structure.staff_group(self.group_id).title}'"


# ---- several at once ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Composite(Edit):
    """Several edits as one user action (one undo step). All or nothing."""

    edits: tuple[Edit, ...]
    label: str = ""

    def apply(self, structure: Structure, touched: set[str] | None = None) -> Edit:
        done: list[Edit] = []
        try:
            for edit in self.edits:
                done.append(edit.apply(structure, touched))
        except EditRefused:
            for inverse in reversed(done):
                inverse.apply(structure, touched)
            raise
        return Composite(tuple(reversed(done)), self.label)

    def touches(self, structure: Structure) -> set[str]:
        return set()

    def _do(self, structure: Structure) -> Edit:
        """Its parts record what they touch themselves, so `apply` does the work."""
        return self.apply(structure)

    def describe(self, structure: Structure) -> str:
        if self.label:
            return self.label
        return self.edits[0].describe(structure) if self.edits else "No change"
