"""The open document as the window sees it: model + checker + undo stack + file path.

Every change to a structure goes through `perform()`, which applies a model edit, pushes one
undo command, re-checks the touched posts and tells the views. Views never change the model: the
canvas, outline, menus, keyboard and properties panel all call the controller's verbs (`move`,
`copy_branch`, `park`, `add_from_template`, `set_field`, `cut`, `paste`, `delete`, `fold` ...), so
each user action has one path into the model.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from orgdesigner.formats import native
from orgdesigner.gui import templates as post_templates
from orgdesigner.gui.clipboard import Clipboard, copy_branch_edit
from orgdesigner.gui.first_check import LARGE_ABOVE, FirstCheck
from orgdesigner.gui.highlights import Highlights, Layer
from orgdesigner.model.document import Document, Scenario
from orgdesigner.model.document_edits import (
    ChangeRules,
    DocumentEdit,
    DuplicateScenario,
    RemoveScenario,
    RenameScenario,
    SetScenarioFields,
)
from orgdesigner.model.edits import AddPost, Composite, Edit, MovePost, RemovePost, UpdatePost
from orgdesigner.model.errors import OrgError
from orgdesigner.model.profile import CouncilType, RulesProfile
from orgdesigner.model.rules import Checker
from orgdesigner.model.structure import Applied, Structure

Change = Edit | DocumentEdit
"""Anything a user can undo: an edit to one scenario's structure, or to the document around it."""


class EditCommand(QUndoCommand):
    """One user action: the one undo command for every change. The change is applied before the
    push, so redo() skips its first call; each apply returns the inverse the next call uses."""

    def __init__(
        self, controller: DocumentController, target: Structure | None, inverse: Change, text: str, shown: Scenario
    ) -> None:
        super().__init__(text)
        self._controller = controller
        self._target = target  # the structure, not the scenario's name (a scenario may be renamed); None: the document
        self._shown = shown  # what was shown before: a document edit's undo shows it again
        self._undo_edit: Change = inverse
        self._redo_edit: Change | None = None

    def redo(self) -> None:
        if self._redo_edit is None:
            return  # the first redo: perform() already applied it
        self._undo_edit = self._controller._apply_in(self._target, self._redo_edit)

    def undo(self) -> None:
        self._redo_edit = self._controller._apply_in(self._target, self._undo_edit, self._shown)


class DocumentController(QObject):
    """Holds one open document for the window.

    Signals:
        structureChanged(object): a frozenset of touched post ids, or None when everything changed.
        findingsChanged(): the checker's findings were updated.
        checkedAll(): a large file's first check finished after the window painted; any card may
            show different markers.
        selectionChanged(): the selected posts changed.
        message(str): something to tell the user in the status bar (e.g. a refused edit).
        refused(str): an edit was refused, and why (also sent as a message).
        scenarioChanged(): another scenario is shown.
        foldsChanged(): a branch was folded or unfolded.
    """

    structureChanged = Signal(object)
    findingsChanged = Signal()
    checkedAll = Signal()
    selectionChanged = Signal()
    message = Signal(str)
    refused = Signal(str)
    scenarioChanged = Signal()
    foldsChanged = Signal()

    def __init__(self, document: Document, path: Path | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.path = path
        self.undo_stack = QUndoStack(self)
        self.scenario_name = document.scenario().name
        self.selection: list[str] = []
        self.highlights = Highlights(self)
        self._folded: frozenset[str] = frozenset()  # replaced, never changed: views may hold it
        self.clipboard = Clipboard(self)
        self.selectionChanged.connect(self._light_manager_chain)
        if len(self.structure) > LARGE_ABOVE:
            self.checker = Checker(self.structure, self.document.profile, self.document.council_type)
            self._first_check: FirstCheck | None = FirstCheck(self, self.checker)
        else:
            self._first_check = None
            self.checker = self._new_checker()

    @property
    def check_pending(self) -> bool:
        return self._first_check is not None and self._first_check.pending

    def finish_first_check(self) -> None:
        """Run a large file's first full check now, if it has not run (see `FirstCheck`)."""
        if self._first_check is not None:
            self._first_check.finish()

    # ---- state -------------------------------------------------------------------------------------
    @property
    def scenario(self) -> Scenario:
        return self.document.scenario(self.scenario_name)

    @property
    def structure(self) -> Structure:
        return self.scenario.structure

    def _new_checker(self) -> Checker:
        checker = Checker(self.structure, self.document.profile, self.document.council_type)
        checker.full()
        return checker

    def is_dirty(self) -> bool:
        return not self.undo_stack.isClean()

    # ---- the one way to change things --------------------------------------------------------------
    def perform(self, edit: Change, text: str | None = None) -> bool:
        """Apply an edit as one undoable action; a refused edit is reported, not raised."""
        if isinstance(edit, DocumentEdit):
            target, label = None, text or edit.describe(self.document)
        else:
            target, label = self.structure, text or edit.describe(self.structure)
        shown = self.scenario
        try:
            inverse = self._apply_in(target, edit)
        except OrgError as exc:
            self.refused.emit(str(exc))
            self.message.emit(str(exc))
            return False
        self.undo_stack.push(EditCommand(self, target, inverse, label, shown))
        return True

    def replace_document(self, document: Document, path: Path | None) -> None:
        """Show another document (opened, imported, recovered, new), with nothing to undo."""
        self.undo_stack.clear()
        self.document = document
        self.path = path
        self._folded = frozenset()
        self.clipboard.clear()
        for layer in Layer:
            self.highlights.clear(layer)
        self.show_scenario(document.scenario().name)
        self.undo_stack.setClean()

    def set_rules(self, profile: RulesProfile, council_type: CouncilType) -> None:
        self.perform(ChangeRules(profile, council_type))

    def _apply_in(self, target: Structure | None, edit: Change, shown: Scenario | None = None) -> Change:
        """Apply a change where it belongs and tell the views; returns its inverse."""
        if isinstance(edit, DocumentEdit):
            inverse = edit.apply(self.document)
            self._after_document(edit, shown)
            return inverse
        assert target is not None
        if target is not self.structure:
            owner = next(s for s in self.document.scenarios if s.structure is target)
            self.show_scenario(owner.name)
        applied = self.structure.apply(edit)
        self._after(applied)
        return applied.inverse

    def _after_document(self, edit: DocumentEdit, shown: Scenario | None) -> None:
        """Show the scenario the change is about (or the one shown before, on undo); re-check all
        when the rules changed."""
        scenarios = self.document.scenarios
        focus = edit.focus()
        if shown is not None and shown in scenarios:
            self.show_scenario(shown.name)
        elif focus is not None and self.document.has_scenario(focus):
            self.show_scenario(focus)
        elif any(s.name == self.scenario_name for s in scenarios):
            if edit.rechecks:
                self.checker = self._new_checker()
                self.findingsChanged.emit()
                self.structureChanged.emit(None)
            else:
                self.scenarioChanged.emit()  # e.g. the council's name: titles and lists
        else:
            self.show_scenario(scenarios[-1].name)

    def _after(self, applied: Applied) -> None:
        self.checker.update(applied.touched)
        if gone_folds := {p for p in applied.touched if p in self._folded and p not in self.structure}:
            self._folded -= gone_folds
        gone = [p for p in self.selection if p not in self.structure]
        if gone:
            self.selection = [p for p in self.selection if p in self.structure]
            self.selectionChanged.emit()
        self._light_manager_chain()  # the selected post may have new managers
        self.structureChanged.emit(applied.touched)
        self.findingsChanged.emit()

    # ---- scenarios ---------------------------------------------------------------------------------
    def duplicate_scenario(self, name: str) -> bool:
        """Start a proposal from the scenario shown: same posts, same ids."""
        return self.perform(DuplicateScenario(self.scenario_name, name))

    def rename_scenario(self, name: str) -> bool:
        if name == self.scenario_name:
            return False
        return self.perform(RenameScenario(self.scenario_name, name))

    def set_scenario_fields(self, scenario_name: str, text: str, **fields: Any) -> bool:
        """Change a scenario's own fields (re-selection, its phases' dates) as one undoable step."""
        target = self.document.scenario(scenario_name)
        if all(getattr(target, k) == v for k, v in fields.items()):
            return False
        return self.perform(SetScenarioFields(target.name, fields), text)

    def delete_scenario(self) -> bool:
        return self.perform(RemoveScenario(self.scenario_name))

    def show_scenario(self, name: str) -> None:
        self.scenario_name = self.document.scenario(name).name
        self.selection = []
        self._folded = frozenset()
        self.checker = self._new_checker()
        self.scenarioChanged.emit()
        self.structureChanged.emit(None)
        self.findingsChanged.emit()
        self.selectionChanged.emit()

    # ---- selection ---------------------------------------------------------------------------------
    def select(self, post_ids: list[str] | tuple[str, ...]) -> None:
        wanted = [p for p in post_ids if p in self.structure]
        if wanted != self.selection:
            self.selection = wanted
            self.selectionChanged.emit()

    def current(self) -> str | None:
        return self.selection[0] if self.selection else None

    # ---- verbs: one per user action, whoever asks (canvas, outline, menus, keyboard, panels) ---------
    def move(self, post_id: str, manager: str) -> bool:
        """Move a post with its branch under another manager (a refused move says why)."""
        if self.structure.manager_of(post_id) == manager:
            return False
        return self.perform(MovePost(post_id, manager))

    def copy_branch(self, post_id: str, manager: str | None) -> bool:
        """Add a copy of a branch under `manager` (None: in the holding area), with new ids."""
        edit = copy_branch_edit(self.structure, post_id, manager)
        return self.perform(edit, f"Copy branch '{self.structure.post(post_id).title}'")

    def park(self, post_id: str, reason: str = "moved to the holding area") -> bool:
        """Put a post (with its branch) in the holding area, where posts wait for a manager."""
        if self.structure.is_held(post_id):
            return False
        return self.perform(MovePost(post_id, None, holding_reason=reason))

    def add_from_template(self, key: str, manager: str | None) -> str | None:
        """Add a post (or staff group) from a palette template; a new post is selected."""
        edit = post_templates.edit_for(key, self.structure, manager)
        if isinstance(edit, AddPost) and manager is None:
            edit = AddPost(edit.post, None, holding_reason="added without a manager")
        if not self.perform(edit):
            return None
        if isinstance(edit, AddPost):
            self.select([edit.post.id])
            return edit.post.id
        return None

    def set_field(self, name: str, value: object, post_ids: list[str] | None = None) -> bool:
        """Set one field of the given posts (default: the selection) as one undoable action."""
        targets = self.selection if post_ids is None else post_ids
        current = [self.structure.post(p) for p in targets if p in self.structure]
        if not current:
            return False
        edits: list[Edit] = [UpdatePost(p.id, {name: value}) for p in current]
        edit = edits[0] if len(edits) == 1 else Composite(tuple(edits), f"Set {name} of {len(edits)} posts")
        return self.perform(edit)

    def cut(self, post_id: str) -> None:
        self.clipboard.cut(post_id)

    def copy(self, post_id: str) -> None:
        self.clipboard.copy(post_id)

    def paste(self, manager: str | None) -> bool:
        return self.clipboard.paste(manager)

    def delete(self, post_id: str, keep_reports: bool = True) -> bool:
        """Delete a post; its reports move up to its manager, or go with it (`keep_reports` False)."""
        manager = self.structure.manager_of(post_id)
        if not self.perform(RemovePost(post_id, keep_reports=keep_reports)):
            return False
        self.select([manager] if manager else [])
        return True

    # ---- folds and highlights: how the chart shows the structure (not part of the file) -------------
    @property
    def folded(self) -> frozenset[str]:
        return self._folded

    def fold(self, post_id: str) -> None:
        """Fold a branch away on the chart, or unfold it (a post without reports has nothing to fold)."""
        if post_id in self._folded:
            self._folded -= {post_id}
        elif self.structure.report_count(post_id):
            self._folded |= {post_id}
        else:
            return
        self.foldsChanged.emit()

    def unfold_to(self, post_ids: list[str]) -> None:
        """Unfold the branches that hide these posts, so the user can see them."""
        hiding = {m for p in post_ids if p in self.structure for m in self.structure.ancestors(p)} & self._folded
        if hiding:
            self._folded -= hiding
            self.foldsChanged.emit()

    def expand_all(self) -> None:
        if self._folded:
            self._folded = frozenset()
            self.foldsChanged.emit()

    def _light_manager_chain(self) -> None:
        current = self.current()
        chain = self.structure.ancestors(current) if current and current in self.structure else ()
        self.highlights.set(Layer.MANAGER_CHAIN, chain)

    # ---- files -------------------------------------------------------------------------------------
    def save(self, path: Path) -> None:
        native.save(self.document, path)
        self.path = path
        self.undo_stack.setClean()

    def title(self) -> str:
        name = self.path.name if self.path else "Untitled"
        return f"{name}[*] — {self.document.organisation} — orgdesigner"
