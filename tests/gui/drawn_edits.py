"""Edits drawn by hypothesis and made through the window's controller, for the tests that hold a
view (the chart, the outline) equal to the model after any sequence of them."""

from __future__ import annotations

from hypothesis import strategies as st

from orgdesigner.gui.document import DocumentController
from orgdesigner.model.edits import AddPost, MovePost, RemovePost
from orgdesigner.model.post import Post

STRUCTURE_KINDS = ("add", "move", "remove", "hold", "undo")


def make(controller: DocumentController, data: st.DataObject, kind: str, counter: int) -> bool:
    """Make one drawn edit of `kind` on a drawn post; False when `kind` is not a structure edit."""
    ids = sorted(controller.structure.post_ids())
    target = data.draw(st.sampled_from(ids)) if ids else None
    if kind == "add":
        controller.perform(AddPost(Post(f"n{counter}", "New"), target))
    elif kind == "move" and target:
        controller.perform(MovePost(target, data.draw(st.sampled_from(ids))))
    elif kind == "remove" and target:
        controller.perform(RemovePost(target, keep_reports=data.draw(st.booleans())))
    elif kind == "hold" and target:
        controller.perform(MovePost(target, None, holding_reason="parked"))
    elif kind == "undo":
        if controller.undo_stack.canUndo():
            controller.undo_stack.undo()
    else:
        return False
    return True
