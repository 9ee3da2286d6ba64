"""The open document as the window sees it: model + checker + undo stack + file path.

Every change to a structure goes through `perform()`, which applies a model edit, pushes one
undo command, re-checks the touched posts and tells the views. Views never change the model.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from orgdesigner.formats import native
from orgdesigner.model.document import Document, Scenario
from orgdesigner.model.edits import Edit
from orgdesigner.model.errors import EditRefused
from orgdesigner.model.profile import CouncilType, RulesProfile
from orgdesigner.model.rules import Checker
from orgdesigner.model.structure import Applied, Structure


class EditCommand(QUndoCommand):
    """One user action. The edit is applied before the push, so redo() skips its first call."""

    def __init__(self, controller: DocumentController, structure: Structure, applied: Applied, text: str) -> None:
        super().__init__(text)
        self._controller = controller
        self._structure = structure  # not the scenario's name: a scenario may be renamed meanwhile
        self._undo_edit: Edit = applied.inverse
        self._redo_edit: Edit | None = None

    def redo(self) -> None:
        if self._redo_edit is None:
            return  # the first redo: perform() already applied it
        applied = self._controller._apply_in(self._structure, self._redo_edit)
        self._undo_edit = applied.inverse

    def undo(self) -> None:
        applied = self._controller._apply_in(self._structure, self._undo_edit)
        self._redo_edit = applied.inverse


class SettingsCommand(QUndoCommand):
    """A change of rules profile or council type: everything is re-checked at once."""

    def __init__(self, controller: DocumentController, profile: RulesProfile, council_type: CouncilType) -> None:
        super().__init__("Change rules profile")
        self._controller = controller
        self._new = (profile, council_type)
        document = controller.document
        self._old = (dataclasses.replace(document.profile), document.council_type)

    def redo(self) -> None:
        self._controller._set_rules(*self._new)

    def undo(self) -> None:
        self._controller._set_rules(*self._old)


class ScenarioListCommand(QUndoCommand):
    """Creating, renaming, duplicating or deleting a scenario: the list before and after."""

    def __init__(self, controller: DocumentController, scenarios: list[Scenario], show: str, text: str) -> None:
        super().__init__(text)
        self._controller = controller
        self._new = (list(scenarios), show)
        self._old = (list(controller.document.scenarios), controller.scenario_name)

    def redo(self) -> None:
        self._controller._set_scenarios(*self._new)

    def undo(self) -> None:
        self._controller._set_scenarios(*self._old)


LARGE_ABOVE = 2_000
"""Posts above which a file is large: it opens on the chart's overview, its cards are made where
the user looks, and its first full check runs just after the window's first paint."""


class DocumentController(QObject):
    """Holds one open document for the window.

    Signals:
        structureChanged(object): a frozenset of touched post ids, or None when everything changed.
        findingsChanged(): the checker's findings were updated.
        checkedAll(): a large file's first check finished after the window painted; any card may
            show different markers.
        selectionChanged(): the selected posts changed.
        message(str): something to tell the user in the status bar (e.g. a refused edit).
        scenarioChanged(): another scenario is shown.
    """

    structureChanged = Signal(object)
    findingsChanged = Signal()
    checkedAll = Signal()
    selectionChanged = Signal()
    message = Signal(str)
    scenarioChanged = Signal()

    def __init__(self, document: Document, path: Path | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.path = path
        self.undo_stack = QUndoStack(self)
        self.scenario_name = document.scenario().name
        self.selection: list[str] = []
        if len(self.structure) > LARGE_ABOVE:
            # A large file opens on the overview, which shows no finding markers: the chart paints
            # first and asks for the check straight after (~0.1 s at 20,000 posts), before any click
            # can arrive; without a chart on screen, the check runs a moment later all the same.
            self.checker = Checker(self.structure, self.document.profile, self.document.council_type)
            self._unchecked: Checker | None = self.checker
            QTimer.singleShot(1000, self.finish_first_check)
        else:
            self._unchecked = None
            self.checker = self._new_checker()

    @property
    def check_pending(self) -> bool:
        return self._unchecked is not None and self._unchecked is self.checker

    def finish_first_check(self) -> None:
        """Run a large file's first full check, once (edits made before it are checked too)."""
        if self.check_pending:
            self.checker.full()
            self.findingsChanged.emit()
            self.checkedAll.emit()
        self._unchecked = None

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
    def perform(self, edit: Edit, text: str | None = None) -> bool:
        """Apply an edit as one undoable action; a refused edit is reported, not raised."""
        label = text or edit.describe(self.structure)
        try:
            applied = self.structure.apply(edit)
        except EditRefused as exc:
            self.message.emit(str(exc))
            return False
        self._after(applied)
        self.undo_stack.push(EditCommand(self, self.structure, applied, label))
        return True

    def set_rules(self, profile: RulesProfile, council_type: CouncilType) -> None:
        self.undo_stack.push(SettingsCommand(self, profile, council_type))

    def _set_rules(self, profile: RulesProfile, council_type: CouncilType) -> None:
        self.document.profile = dataclasses.replace(profile)
        self.document.council_type = council_type
        self.checker = self._new_checker()
        self.findingsChanged.emit()
        self.structureChanged.emit(None)

    def _apply_in(self, structure: Structure, edit: Edit) -> Applied:
        if structure is not self.structure:
            owner = next(s for s in self.document.scenarios if s.structure is structure)
            self.show_scenario(owner.name)
        applied = self.structure.apply(edit)
        self._after(applied)
        return applied

    def _after(self, applied: Applied) -> None:
        self.checker.update(applied.touched)
        gone = [p for p in self.selection if p not in self.structure]
        if gone:
            self.selection = [p for p in self.selection if p in self.structure]
            self.selectionChanged.emit()
        self.structureChanged.emit(applied.touched)
        self.findingsChanged.emit()

    # ---- scenarios ---------------------------------------------------------------------------------
    def duplicate_scenario(self, name: str) -> bool:
        """Start a proposal from the scenario shown: same posts, same ids."""
        if not self._new_name_ok(name):
            return False
        copy = Scenario(name, self.structure.copy(), self.scenario.notes, dict(self.scenario.targets))
        self.undo_stack.push(
            ScenarioListCommand(self, [*self.document.scenarios, copy], name, f"Duplicate scenario as '{name}'")
        )
        return True

    def rename_scenario(self, name: str) -> bool:
        if name == self.scenario_name or not self._new_name_ok(name):
            return False
        renamed = dataclasses.replace(self.scenario, name=name)
        scenarios = [renamed if s is self.scenario else s for s in self.document.scenarios]
        self.undo_stack.push(ScenarioListCommand(self, scenarios, name, f"Rename scenario to '{name}'"))
        return True

    def delete_scenario(self) -> bool:
        if len(self.document.scenarios) == 1:
            self.message.emit("A file keeps at least one scenario.")
            return False
        rest = [s for s in self.document.scenarios if s is not self.scenario]
        self.undo_stack.push(ScenarioListCommand(self, rest, rest[-1].name, f"Delete scenario '{self.scenario_name}'"))
        return True

    def _new_name_ok(self, name: str) -> bool:
        if not name.strip():
            self.message.emit("A scenario needs a name.")
            return False
        if self.document.has_scenario(name):
            self.message.emit(f"There is already a scenario called '{name}'.")
            return False
        return True

    def _set_scenarios(self, scenarios: list[Scenario], show: str) -> None:
        self.document.scenarios = list(scenarios)
        self.show_scenario(show)

    def show_scenario(self, name: str) -> None:
        self.scenario_name = self.document.scenario(name).name
        self.selection = []
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

    # ---- files -------------------------------------------------------------------------------------
    def save(self, path: Path) -> None:
        native.save(self.document, path)
        self.path = path
        self.undo_stack.setClean()

    def title(self) -> str:
        name = self.path.name if self.path else "Untitled"
        return f"{name}[*] — {self.document.organisation} — orgdesigner"
