"""Transparency Code 2015 data: the top three tiers of the chart, salaries in £5,000 brackets.

Written cells go through `cells` (formula-like text marked as text).
"""

from __future__ import annotations

from pathlib import Path

from orgdesigner.formats.cells import write_csv
from orgdesigner.formats.organogram import bracket
from orgdesigner.model.document import Document
from orgdesigner.model.post import Employment

TRANSPARENCY_HEADER = [
    "Post ID", "Tier", "Grade", "Job Title", "Department", "Team", "Permanent or Temporary", "Contact",
    "Salary Band (£)", "Salary Ceiling (£)", "Reports To",
]  # fmt: skip


def export_transparency(document: Document, path: Path, scenario_name: str | None = None) -> None:
    """The Transparency Code 2015 chart data: the top three tiers, salaries in £5,000 brackets."""
    structure = document.scenario(scenario_name).structure
    rows = []
    for post_id, layer in structure.walk():
        if layer > 3:
            continue
        post = structure.post(post_id)
        low, high = bracket(post.salary)
        band = f"{low:,} - {high:,}" if isinstance(low, int) and isinstance(high, int) else "N/D"
        _, ceiling = bracket(post.pay_ceiling)
        permanent = "Permanent" if post.employment is Employment.PERMANENT else "Temporary"
        rows.append(
            [
                post.id,
                layer,
                post.grade,
                post.title,
                post.function,
                post.team,
                permanent,
                "Via the council's main switchboard",
                band,
                ceiling,
                structure.manager_of(post_id) or "",
            ]
        )
    write_csv(path, TRANSPARENCY_HEADER, rows)
