"""Document: one council's file — organisation, council type, rules profile and named scenarios."""

from __future__ import annotations

from dataclasses import dataclass, field

from orgdesigner.model.errors import OrgError
from orgdesigner.model.profile import CouncilType, RulesProfile
from orgdesigner.model.structure import Structure


@dataclass
class Scenario:
    """A named version of the structure (e.g. Current, Proposed); posts keep their ids across them."""

    name: str
    structure: Structure = field(default_factory=Structure)
    notes: str = ""


@dataclass
class Document:
    organisation: str
    council_type: CouncilType = CouncilType.UNITARY
    profile: RulesProfile = field(default_factory=RulesProfile)
    scenarios: list[Scenario] = field(default_factory=list)
    notes: str = ""

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
