"""Document: one council's file — organisation, council type, rules profile and named scenarios."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from orgdesigner.model.errors import OrgError
from orgdesigner.model.profile import CouncilType, RulesProfile
from orgdesigner.model.structure import Structure


@dataclass
class Phase:
    """A dated tranche of the change (Cheshire East: Phase 1 in force 1 April 2013, posts £55K+).

    Changes take effect on the phase's `effective_date` unless a post carries its own; issue 16's
    consultation timetable counts back from `consultation_start`.
    """

    number: int
    name: str = ""
    effective_date: str | None = None
    consultation_start: str | None = None


@dataclass
class Scenario:
    """A named version of the structure (e.g. Current, Proposed); posts keep their ids across them."""

    name: str
    structure: Structure = field(default_factory=Structure)
    notes: str = ""
    targets: dict[str, float] = field(default_factory=dict)
    """e.g. {"management_posts_reduction": 0.25, "annual_saving": 5_000_000, "saving_year_3": 5_000_000}"""
    extra: dict[str, Any] = field(default_factory=dict)
    """Keys this version does not know, written back unchanged on save."""
    phases: list[Phase] = field(default_factory=list)
    year1: str | None = None
    """Year 1 of the plan, a financial year such as "2013/14"."""
    horizon: int = 3
    """How many financial years the savings profile covers."""
    one_off_costs: list[tuple[str, float]] = field(default_factory=list)
    """One-off lines the user adds, e.g. ("Transition capacity", 80_000), counted in Year 1."""
    reselect_all: bool = False
    """Every management post of this scenario is re-established with re-selection (the Cheshire East
    proposal): their holders are at risk and the senior ones are appointed by members' rules."""


@dataclass
class Document:
    organisation: str
    council_type: CouncilType = CouncilType.UNITARY
    profile: RulesProfile = field(default_factory=RulesProfile)
    scenarios: list[Scenario] = field(default_factory=list)
    notes: str = ""
    extra: dict[str, Any] = field(default_factory=dict)
    """Keys this version does not know, written back unchanged on save."""

    def scenario(self, name: str | None = None) -> Scenario:
        """The named scenario, or the last one (the proposal) when no name is given."""
        if not self.scenarios:
            raise OrgError(f"'{self.organisation}' holds no scenarios.")
        if name is None:
            return self.scenarios[-1]
        for scenario in self.scenarios:
            if scenario.name == name:
                return scenario
        for scenario in self.scenarios:
            if scenario.name.casefold() == name.casefold():
                return scenario
        names = ", ".join(f"'{s.name}'" for s in self.scenarios)
        raise OrgError(f"There is no scenario '{name}'; this file holds {names}.")

    def has_scenario(self, name: str) -> bool:
        return any(s.name.casefold() == name.casefold() for s in self.scenarios)

    def duplicate(self, source: str, name: str) -> Scenario:
        """A copy of a scenario (posts keep their ids, so changes can be traced), added at the end."""
        self._check_new_name(name)
        original = self.scenario(source)
        copy = Scenario(name, original.structure.copy(), original.notes, dict(original.targets), dict(original.extra))
        copy.phases = [dataclasses.replace(phase) for phase in original.phases]
        copy.year1, copy.horizon, copy.one_off_costs = original.year1, original.horizon, list(original.one_off_costs)
        copy.reselect_all = original.reselect_all
        self.scenarios.append(copy)
        return copy

    def rename(self, old: str, new: str) -> None:
        scenario = self.scenario(old)
        if new.casefold() != scenario.name.casefold():
            self._check_new_name(new)
        scenario.name = new

    def remove(self, name: str) -> Scenario:
        if len(self.scenarios) == 1:
            raise OrgError("A file keeps at least one scenario; add another before deleting this one.")
        scenario = self.scenario(name)
        self.scenarios.remove(scenario)
        return scenario

    def _check_new_name(self, name: str) -> None:
        if not name.strip():
            raise OrgError("A scenario needs a name.")
        if self.has_scenario(name):
            raise OrgError(f"There is already a scenario called '{name}'.")
