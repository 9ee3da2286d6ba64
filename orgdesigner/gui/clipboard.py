"""Cut, copy and paste of a branch; a copy has the same posts, lines and staff groups under new
ids (ids stay unique)."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from orgdesigner.model.edits import AddDottedLine, AddPost, AddStaffGroup, Composite, Edit, MovePost
from orgdesigner.model.post import Status
from orgdesigner.model.structure import Structure

if TYPE_CHECKING:
    from orgdesigner.gui.document import DocumentController


class Clipboard:
    """The branch last cut or copied: the next paste moves it (a cut) or adds a copy of it under
    the post then selected. Edits go through the controller, as every user action's do."""

    def __init__(self, controller: DocumentController) -> None:
        self._controller = controller
        self._clip: tuple[str, str] | None = None  # ("cut" | "copy", post id)

    def clear(self) -> None:
        """Forget the branch (another document is shown)."""
        self._clip = None

    def cut(self, post_id: str) -> None:
        """Remember a branch to move: the next paste moves it under the post then selected."""
        self._clip = ("cut", post_id)
        title = self._controller.structure.post(post_id).title
        self._controller.message.emit(f"Cut '{title}': select its new manager and paste.")

    def copy(self, post_id: str) -> None:
        self._clip = ("copy", post_id)
        self._controller.message.emit("Copied the branch: select where it goes and paste.")

    def paste(self, manager: str | None) -> bool:
        """Move the cut branch (or add a copy of the copied one) under `manager`."""
        controller = self._controller
        if self._clip is None:
            controller.message.emit("Nothing to paste: cut or copy a post first.")
            return False
        kind, source = self._clip
        if source not in controller.structure:
            self._clip = None
            controller.message.emit("The cut or copied post is no longer there.")
            return False
        if kind == "copy":
            return controller.copy_branch(source, manager)
        if controller.perform(MovePost(source, manager, holding_reason=None if manager else "pasted at the top")):
            self._clip = None
            return True
        return False


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
