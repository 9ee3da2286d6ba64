"""Building a whole structure at once, for readers of files (and for copying a scenario).

Readers hand over posts with the manager each names; the builder keeps every post, whatever the
file says: a post whose manager is unknown, or whose line loops back on itself, goes to the
holding area with the reason; a repeated id is kept under a new id (both carry the original as
source_ref, so the data rules flag them). Everything it repairs is named in `problems`.

It assembles the structure's tables in one pass instead of one edit per post: opening a
100,000-post file must take about a second, and no undo is wanted for it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from itertools import compress
from operator import attrgetter, itemgetter

from orgdesigner.model.errors import FileProblem
from orgdesigner.model.post import Post, StaffGroup
from orgdesigner.model.structure import Structure

PostRecord = tuple[Post, str | None, Sequence[str], str | None]
"""A post as read: the post, the manager it names, its dotted-line managers, its holding reason."""


class StructureBuilder:
    """Collects posts and staff groups in file order, then builds one structure from them.

    `where` starts every problem's text (e.g. "Proposed: "), so a message names its scenario.
    """

    def __init__(self, where: str = "") -> None:
        self.where = where
        self._records: list[PostRecord] = []
        self._groups: list[StaffGroup] = []

    def add_post(
        self,
        post: Post,
        manager_id: str | None = None,
        dotted: Sequence[str] = (),
        holding_reason: str | None = None,
    ) -> None:
        """A post under `manager_id` (None: a top post, or held with `holding_reason`). Siblings
        keep the order they are added in."""
        self._records.append((post, manager_id, dotted, holding_reason))

    def add_posts(self, records: Iterable[PostRecord]) -> None:
        self._records.extend(records)

    def add_group(self, group: StaffGroup) -> None:
        self._groups.append(group)

    def build(self, problems: list[str]) -> Structure:
        """The structure, every post kept; what had to be repaired is appended to `problems`.
        Raises FileProblem for what cannot be repaired (a repeated staff group id)."""
        records = self._records
        posts = list(map(itemgetter(0), records))
        ids = list(map(attrgetter("id"), posts))
        post_of = dict(zip(ids, posts, strict=True))
        if len(post_of) < len(records):  # a repeated id: rare, so only then looked for
            records = self._unique_ids(problems)
            posts = list(map(itemgetter(0), records))
            ids = list(map(attrgetter("id"), posts))
            post_of = dict(zip(ids, posts, strict=True))
        structure = self._forest(records, ids, post_of, problems)
        self._add_dotted(structure, records, problems)
        self._add_groups(structure, problems)
        return structure

    # ---- steps -------------------------------------------------------------------------------------
    def _unique_ids(self, problems: list[str]) -> list[PostRecord]:
        seen: dict[str, int] = {}
        first_at: dict[str, int] = {}
        fixed: list[PostRecord] = []
        for post, manager, dotted, reason in self._records:
            if post.id in seen:
                seen[post.id] += 1
                new_id = f"{post.id}~{seen[post.id]}"
                while new_id in seen:
                    new_id += "~"
                problems.append(
                    f"{self.where}post id '{post.id}' appears more than once; the copy is kept as '{new_id}'."
                )
                original = post.id
                post = dataclasses.replace(post, id=new_id, source_ref=post.source_ref or original)
                first = first_at[original]
                rec = fixed[first]
                if not rec[0].source_ref:
                    fixed[first] = (dataclasses.replace(rec[0], source_ref=original), *rec[1:])
            seen.setdefault(post.id, 1)
            first_at.setdefault(post.id, len(fixed))
            fixed.append((post, manager, dotted, reason))
        return fixed

    def _forest(
        self, records: list[PostRecord], ids: list[str], post_of: dict[str, Post], problems: list[str]
    ) -> Structure:
        """The structure of these posts, placed in pre-order with their report lists, top posts
        and held posts. `post_of`: each post by id, in file order.

        A file saved by orgdesigner lists its posts in pre-order, top posts before held ones, so
        its tables are taken as read after one pass that checks so (`_in_preorder`); any other
        order is walked (`_forest_walked`). Lists and dictionaries are built by C loops (map, zip)
        where it can be: at 100,000 posts each Python step per post costs ~10 ms."""
        managers = list(map(itemgetter(1), records))
        reasons = list(map(itemgetter(3), records))
        lines = _in_preorder(ids, managers, reasons, post_of)
        if lines is None:
            return self._forest_walked(records, ids, managers, reasons, post_of, problems)
        children, roots, held, placed_under = lines
        manager_of = dict(zip(ids, placed_under, strict=True))
        reports: dict[str, list[str]] = {post_id: [] for post_id in ids}
        reports.update(children)
        return Structure._from_tables(post_of, manager_of, reports, roots, dict(held))

    def _forest_walked(
        self,
        records: list[PostRecord],
        ids: list[str],
        managers: list[str | None],
        reasons: list[str | None],
        post_of: dict[str, Post],
        problems: list[str],
    ) -> Structure:
        """As `_forest`, for posts in any order: placed by a walk from the top posts, then from
        the held ones; a file with a reporting loop takes `_forest_with_loops`."""
        children: dict[str, list[str]] = {}
        roots: list[str] = []
        held: list[tuple[str, str]] = []
        for post_id, manager, reason in zip(ids, managers, reasons, strict=True):
            if manager is None:
                if reason is None:
                    roots.append(post_id)
                else:
                    held.append((post_id, reason))
            elif manager in post_of:
                kids = children.get(manager)
                if kids is None:
                    children[manager] = [post_id]
                else:
                    kids.append(post_id)
            else:
                held.append((post_id, reason or _unknown_manager(manager)))
        # Pre-order, top posts first, then the holding area; each post sits in one list at most,
        # so only posts in (or under) a loop are never reached.
        order: list[str] = []
        stack = [post_id for post_id, _reason in reversed(held)] + roots[::-1]
        while stack:
            post_id = stack.pop()
            order.append(post_id)
            kids = children.get(post_id)
            if kids:
                stack.extend(reversed(kids))
        if len(order) < len(records):
            return Structure._assembled(*self._forest_with_loops(records, problems))
        manager_of = dict(zip(order, map(dict(zip(ids, managers, strict=True)).__getitem__, order), strict=True))
        for post_id, _reason in held:
            manager_of[post_id] = None
        post_of = dict(zip(order, map(post_of.__getitem__, order), strict=True))
        reports: dict[str, list[str]] = {post_id: [] for post_id in order}
        reports.update(children)
        return Structure._from_tables(post_of, manager_of, reports, roots, dict(held))

    def _forest_with_loops(
        self, records: list[PostRecord], problems: list[str]
    ) -> tuple[list[tuple[Post, str | None]], dict[str, list[str]], list[str], dict[str, str]]:
        """As `_forest`, for posts whose lines loop: each loop is broken at its first post in file
        order, which goes to the holding area."""
        ids = {rec[0].id for rec in records}
        children: dict[str | None, list[int]] = {}
        held: list[tuple[int, str]] = []
        for n, (_post, manager, _dotted, reason) in enumerate(records):
            if manager is not None and manager not in ids:
                held.append((n, reason or _unknown_manager(manager)))
            elif manager is None and reason is not None:
                held.append((n, reason))
            else:
                children.setdefault(manager, []).append(n)

        placed = bytearray(len(records))
        order: list[tuple[Post, str | None]] = []
        reports: dict[str, list[str]] = {}
        roots: list[str] = []
        holding: dict[str, str] = {}

        def place(start: int, reason: str | None) -> None:
            top = records[start][0].id
            (roots.append(top) if reason is None else holding.__setitem__(top, reason))
            stack: list[tuple[int, str | None]] = [(start, None)]
            while stack:
                n, parent = stack.pop()
                if placed[n]:
                    continue  # the post that closed a loop: it already stands at the top of it
                placed[n] = 1
                post = records[n][0]
                order.append((post, parent))
                reports[post.id] = []
                if parent is not None:
                    reports[parent].append(post.id)
                kids = children.get(post.id)
                if kids:
                    stack.extend((k, post.id) for k in reversed(kids))

        for n in children.get(None, ()):
            place(n, None)
        for n, reason in held:
            place(n, reason)
        for n in range(len(records)):
            if not placed[n]:  # only posts in a loop are left
                post = records[n][0]
                problems.append(
                    f"{self.where}post '{post.title or post.id}' is in a reporting loop; it is kept unplaced."
                )
                place(n, f"its reporting line loops back to itself (was under '{records[n][1]}')")
        return order, reports, roots, holding

    def _add_dotted(self, structure: Structure, records: list[PostRecord], problems: list[str]) -> None:
        for post, _manager, dotted, _reason in compress(records, map(itemgetter(2), records)):
            for target in dotted:
                if (
                    target in structure
                    and target not in (post.id, structure.manager_of(post.id))
                    and target not in structure.dotted_managers(post.id)
                ):
                    structure._add_dotted(post.id, target)
                else:
                    problems.append(f"{self.where}dotted line from '{post.id}' to '{target}' dropped: no such post.")

    def _add_groups(self, structure: Structure, problems: list[str]) -> None:
        group_ids: set[str] = set()
        for group in self._groups:
            if group.id in group_ids:
                raise FileProblem(f"{self.where}staff group id '{group.id}' appears more than once.")
            group_ids.add(group.id)
            if group.manager_id is not None and group.manager_id not in structure:
                problems.append(
                    f"{self.where}staff group '{group.title}' reports to '{group.manager_id}', which is not in the "
                    "file; it is kept without a manager."
                )
                group = dataclasses.replace(group, manager_id=None)
            structure._add_group(group, None)


def _unknown_manager(manager: str) -> str:
    return f"reports to '{manager}', which is not in the file"


Lines = tuple[dict[str, list[str]], list[str], list[tuple[str, str]], list[str | None]]
"""Each manager's reports in order, the top posts, the held posts with their reasons, and each
post's manager (None for top and held posts) as the manager's own id: the file's copy of it in
each report is then freed (at 100,000 posts, ~6 MB)."""


def _in_preorder(
    ids: list[str], managers: list[str | None], reasons: list[str | None], post_of: dict[str, Post]
) -> Lines | None:
    """The reporting lines of posts listed in pre-order (each post after its manager, below the
    posts listed between them, and held posts after every top post), in one pass; None when
    they are listed otherwise (or loop), for the walk to place."""
    children: dict[str, list[str]] = {}
    roots: list[str] = []
    held: list[tuple[str, str]] = []
    placed_under: list[str | None] = []
    path: list[str] = []  # the line of managers above the post just read
    for post_id, manager, reason in zip(ids, managers, reasons, strict=True):
        if manager is not None:
            while path and path[-1] != manager:
                path.pop()
            if path:
                manager = path[-1]
                kids = children.get(manager)
                if kids is None:
                    children[manager] = [post_id]
                else:
                    kids.append(post_id)
                placed_under.append(manager)
                path.append(post_id)
                continue
            if manager in post_of:
                return None  # its manager is listed later (or its line loops)
            held.append((post_id, reason or _unknown_manager(manager)))
        elif reason is not None:
            held.append((post_id, reason))
        elif held:
            return None  # a top post after a held one: the walk lists held posts last
        else:
            roots.append(post_id)
        placed_under.append(None)
        path = [post_id]
    return children, roots, held, placed_under


def build_structure(
    records: Iterable[PostRecord], groups: Iterable[StaffGroup], problems: list[str], where: str = ""
) -> Structure:
    """One structure from posts (each with the manager it names) and staff groups, in one call."""
    builder = StructureBuilder(where)
    builder.add_posts(records)
    for group in groups:
        builder.add_group(group)
    return builder.build(problems)
