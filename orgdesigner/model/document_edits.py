"""Changes to a document as a whole — its scenarios, its rules, its council — as edits with inverses.

They follow the protocol of `edits.py`: `apply()` validates before it changes anything and returns
the exact inverse, so a window keeps one undo path for every change, whether to a structure or to
the document around it. A refused change raises OrgError and leaves the document as it was.
"""

from __future__ import annotations

import copy
import dataclasses
from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import Any, ClassVar

from orgdesigner.model.document import Document, Scenario
from orgdesigner.model.errors import OrgError
from orgdesigner.model.profile import CouncilType, RulesProfile


class DocumentEdit(ABC):
    """One change to a document. `rechecks`: every finding may change (the rules did)."""

    rechecks: ClassVar[bool] = False

    @abstractmethod
    def apply(self, document: Document) -> DocumentEdit:
        """Make the change, or raise OrgError and change nothing; returns the exact inverse."""

    def focus(self) -> str | None:
        """The scenario this change is about once made (a window shows it), if any."""
        return None

    def describe(self, document: Document) -> str:
        """Short text for the undo history."""
        return type(self).__name__


# ---- scenarios ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DuplicateScenario(DocumentEdit):
    """Start a proposal from a scenario: same posts, same ids (so changes can be traced)."""

    source: str
    name: str

    def apply(self, document: Document) -> DocumentEdit:
        original = document.scenario(self.source)
        if not self.name.strip():
            raise OrgError("A scenario needs a name.")
        if document.has_scenario(self.name):
            raise OrgError(f"There is already a scenario called '{self.name}'.")
        # every field but the posts is copied deeply (phases, plan, re-selection come along), so
        # a field added later is copied too; the posts keep their ids
        kept = {
            f.name: copy.deepcopy(getattr(original, f.name))
            for f in dataclasses.fields(Scenario)
            if f.name not in ("name", "structure")
        }
        document.scenarios.append(Scenario(self.name, original.structure.copy(), **kept))
        return RemoveScenario(self.name)

    def focus(self) -> str | None:
        return self.name

    def describe(self, document: Document) -> str:
        return f"Duplicate scenario as '{self.name}'"


@dataclass(frozen=True, eq=False)
class AddScenario(DocumentEdit):
    """Put a scenario (this very object: undo commands hold its structure) into the list."""

    scenario: Scenario
    index: int | None = None

    def apply(self, document: Document) -> DocumentEdit:
        if not self.scenario.name.strip():
            raise OrgError("A scenario needs a name.")
        if document.has_scenario(self.scenario.name):
            raise OrgError(f"There is already a scenario called '{self.scenario.name}'.")
        index = len(document.scenarios) if self.index is None else self.index
        document.scenarios.insert(index, self.scenario)
        return RemoveScenario(self.scenario.name)

    def focus(self) -> str | None:
        return self.scenario.name

    def describe(self, document: Document) -> str:
        return f"Add scenario '{self.scenario.name}'"


@dataclass(frozen=True)
class RemoveScenario(DocumentEdit):
    name: str

    def apply(self, document: Document) -> DocumentEdit:
        scenario = document.scenario(self.name)
        index = document.scenarios.index(scenario)
        document.remove(scenario.name)
        return AddScenario(scenario, index)

    def describe(self, document: Document) -> str:
        return f"Delete scenario '{self.name}'"


@dataclass(frozen=True)
class RenameScenario(DocumentEdit):
    old: str
    new: str

    def apply(self, document: Document) -> DocumentEdit:
        if not self.new.strip():
            raise OrgError("A scenario needs a name.")
        old = document.scenario(self.old).name
        document.rename(old, self.new)
        return RenameScenario(self.new, old)

    def focus(self) -> str | None:
        return self.new

    def describe(self, document: Document) -> str:
        return f"Rename scenario to '{self.new}'"


@dataclass(frozen=True, eq=False)
class SetScenarioFields(DocumentEdit):
    """Change a scenario's own fields (its phases, plan, re-selection), never its name or posts."""

    name: str
    changes: dict[str, Any]

    def apply(self, document: Document) -> DocumentEdit:
        scenario = document.scenario(self.name)
        known = {f.name for f in dataclasses.fields(Scenario)} - {"name", "structure"}
        unknown = set(self.changes) - known
        if unknown:
            raise OrgError(f"A scenario has no field {', '.join(sorted(unknown))} to change here.")
        old = {key: getattr(scenario, key) for key in self.changes}
        for key, value in self.changes.items():
            setattr(scenario, key, value)
        return SetScenarioFields(scenario.name, old)

    def focus(self) -> str | None:
        return self.name

    def describe(self, document: Document) -> str:
        return f"Change scenario '{self.name}'"


# ---- rules and council ----------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class ChangeRules(DocumentEdit):
    """A new rules profile and/or council type (the type decides which statutory rules apply)."""

    rechecks: ClassVar[bool] = True
    profile: RulesProfile | None = None
    council_type: CouncilType | None = None

    def apply(self, document: Document) -> DocumentEdit:
        inverse = ChangeRules(
            None if self.profile is None else dataclasses.replace(document.profile),
            None if self.council_type is None else document.council_type,
        )
        if self.profile is not None:
            # a copy: the dialog may go on editing its profile; this edit must stay as it was made
            document.profile = dataclasses.replace(self.profile)
        if self.council_type is not None:
            document.council_type = CouncilType(self.council_type)
        return inverse

    def describe(self, document: Document) -> str:
        return "Change rules profile" if self.profile is not None else "Change council type"


@dataclass(frozen=True)
class RenameCouncil(DocumentEdit):
    organisation: str

    def apply(self, document: Document) -> DocumentEdit:
        if not self.organisation.strip():
            raise OrgError("The council needs a name.")
        old, document.organisation = document.organisation, self.organisation
        return RenameCouncil(old)

    def describe(self, document: Document) -> str:
        return f"Rename council to '{self.organisation}'"
