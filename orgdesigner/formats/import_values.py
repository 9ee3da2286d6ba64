"""Numbers read by an importer, held to the ranges the loader accepts.

Real returns carry NaN, Infinity, 1e308, negative or £25m salaries, an FTE of 1e9, a pay floor of
£2,392,628,695. None of these may become a number silently, and none may make the saved file one
the program then refuses to open. A value out of range becomes "not known" (None), its text is kept
in the record's private `import_record` (the `data.value` finding shows it), and a note names the
file, line and field.
"""

from __future__ import annotations

import math

from orgdesigner.model.validation import FTE_MAX, GROUP_FTE_MAX, PAY_MAX


class RowValues:
    """The values of one imported row that were out of range: (field, source text) pairs."""

    def __init__(self, where: str, problems: list[str]) -> None:
        self.where = where
        self.problems = problems
        self.record: list[tuple[str, str]] = []

    def _refuse(self, field: str, text: str, allowed: str) -> None:
        shown = text if len(text) <= 40 else text[:37] + "…"
        self.record.append((field, text))
        self.problems.append(
            f"{self.where}: {field.replace('_', ' ')} '{shown}' is not {allowed}; kept as not known "
            "(the text is kept in the post's import record)."
        )

    def fte(self, value: float | None, text: str, field: str = "fte") -> float | None:
        """A post's FTE: over 0 and at most FTE_MAX, as the file keeps it (to 4 places: 1e-10 is 0 there)."""
        if value is None or (math.isfinite(value) and round(value, 4) > 0 and value <= FTE_MAX):
            return value
        self._refuse(field, text, f"an FTE over 0 and at most {FTE_MAX:g}")
        return None

    def group_fte(self, value: float | None, text: str) -> float | None:
        """A staff group's FTE: 0 to GROUP_FTE_MAX."""
        if value is None or (math.isfinite(value) and 0 <= value <= GROUP_FTE_MAX):
            return value
        self._refuse("fte", text, f"an FTE from 0 to {GROUP_FTE_MAX:,.0f}")
        return None

    def pay(self, value: float | None, text: str, field: str) -> float | None:
        """A salary or pay floor/ceiling: £0 to £10m."""
        if value is None or (math.isfinite(value) and 0 <= value <= PAY_MAX):
            return value
        self._refuse(field, text, f"a salary from £0 to £{PAY_MAX:,.0f}")
        return None

    def recorded(self) -> tuple[tuple[str, str], ...]:
        return tuple(self.record)
