"""The consultation analysis of a 20,000-post proposal putting about 2,000 people at risk.

Run: python -m benchmarks.bench_consultation
Target on a 2-core machine: the whole analysis (at risk, phases and timetable, members'
appointments, protected dismissals, equality with suppression over 20,000 HR records) ≤ 300 ms.
"""

from __future__ import annotations

import dataclasses
import random
import statistics
import time
from datetime import date

from benchmarks.generate import current_and_proposed
from orgdesigner.model.consultation.analysis import analyse
from orgdesigner.model.document import Document, Phase
from orgdesigner.model.edits import UpdatePost


def proposal() -> tuple[Document, dict[str, dict[str, str]]]:
    """The benchmark council: 500 posts deleted, more re-established with re-selection to make ~2,000
    at risk, every holder with an employee number and date of birth, and HR's file in memory."""
    document = current_and_proposed(20_000)
    rng = random.Random(16)
    for scenario in document.scenarios:
        structure = scenario.structure
        for post in list(structure):
            if post.holders:
                holder = dataclasses.replace(
                    post.holders[0], person_id=f"E{post.id}", date_of_birth=f"{rng.randint(1958, 2004)}-06-15"
                )
                structure.apply(UpdatePost(post.id, {"holders": (holder,)}))
    proposed = document.scenario("Proposed").structure
    before = document.scenario("Current").structure
    kept = sorted(p for p in proposed.post_ids() if p in before)
    for post_id in rng.sample(kept, 1_650):
        proposed.apply(UpdatePost(post_id, {"reselect": True}))
    phases = [
        Phase(number=1, name="Phase 1", effective_date="2026-04-01", consultation_start="2026-01-05"),
        Phase(number=2, name="Phase 2", effective_date="2026-07-01", consultation_start=None),
        Phase(number=3, name="Phase 3", effective_date="2026-09-01", consultation_start=None),
    ]
    document.scenario("Proposed").phases = phases
    values = {
        "sex": ["Female", "Male"],
        "disability": ["Yes", "No", "", "Prefer not to say"],
        "race": ["White British", "White other", "Asian", "Black", "Mixed", "Other", ""],
        "religion_or_belief": ["None", "Christian", "Muslim", "Hindu", "Sikh", "Jewish", "Other", ""],
    }
    hr = {
        f"E{post.id}": {name: rng.choice(options) for name, options in values.items()}
        for post in before
        if post.holders
    }
    return document, hr


def main() -> None:
    document, hr = proposal()
    today = date(2026, 1, 5)
    times = []
    for _ in range(5):
        start = time.perf_counter()
        result = analyse(document, "Current", "Proposed", today, hr)
        times.append(time.perf_counter() - start)
    print(
        f"posts {len(document.scenario('Current').structure):,}, HR records {len(hr):,}: {result.at_risk:,} at risk; "
        + ", ".join(f"{p.name} {p.at_risk} ({p.timetable.consultation_days} days)" for p in result.phases)
    )
    print(
        f"member appointments {len(result.member_appointments)},"
        f" protected dismissals {len(result.protected_dismissals)}"
    )
    print(f"whole analysis: median {statistics.median(times) * 1000:.0f} ms, best {min(times) * 1000:.0f} ms (of 5)")


if __name__ == "__main__":
    main()
