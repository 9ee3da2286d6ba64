"""Copying a branch: the same posts, lines and staff groups under new ids (ids stay unique)."""

from __future__ import annotations

import dataclasses

from orgdesigner.model.edits import AddDottedLine, AddPost, AddStaffGroup, Composite, Edit
from orgdesigner.model.post import Status
from orgdesigner.model.structure import Structure


def copy_branch_edit(structure: Structure, post_id: str, manager: str | None) -> Edit:
    """One edit that adds a copy of `post_id`'s branch under `manager` (None: the holding area)."""
    ids = structure.subtree(post_id)
    taken = set(structure.post_ids()) | {g.id for g in structure.staff_groups()}
    fresh: dict[str, str] = {}
    n = len(taken)
    for old in ids:
        n += 1
        while f"P{n}" in taken:
            n += 1
        fresh[old] = f"P{n}"
        taken.add(f"P{n}")
    steps: list[Edit] = []
    for old in ids:
        post = structure.post(old)
        copy = dataclasses.replace(post, id=fresh[old], holders=(), status=Status.NEW, source_ref="", roles=frozenset())
        if old == post_id:
            reason = None if manager else "copied without a manager"
            steps.append(AddPost(copy, manager, holding_reason=reason))
        else:
            steps.append(AddPost(copy, fresh[structure.manager_of(old) or post_id]))
    for old in ids:
        for group in structure.groups_under(old):
            n += 1
            while f"G{n}" in taken:
                n += 1
            taken.add(f"G{n}")
            steps.append(AddStaffGroup(dataclasses.replace(group, id=f"G{n}", manager_id=fresh[old])))
        for dotted in structure.dotted_managers(old):
            if dotted in fresh:
                steps.append(AddDottedLine(fresh[old], fresh[dotted]))
    return Composite(tuple(steps), f"Copy branch '{structure.post(post_id).title}'")
