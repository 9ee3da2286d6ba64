"""The cost of change at 20,000 posts with 2,000 changes: savings profile and one-off costs.

Run: python -m benchmarks.bench_savings
Target on a 2-core machine: savings profile and one-off costs ≤ 300 ms after an edit.

The proposal deletes 1,000 posts (their holders with HR data: dates of birth, service, LGPS),
regrades 500 and adds 500; the plan has three dated phases. Times the savings profile alone
(changes, part-year effects, job fit among the displaced, exit costs, bands, payback) and the whole
comparison after an edit to the proposal (what the Savings panel asks for while the user works).
"""

from __future__ import annotations

import random
import statistics
import time

from benchmarks.generate import document
from orgdesigner.model.compare import compare, displaced_fits, phase_of
from orgdesigner.model.document import Document, Phase
from orgdesigner.model.edits import AddPost, RemovePost, UpdatePost
from orgdesigner.model.finance.savings import savings_profile
from orgdesigner.model.post import Holder, Post


def plan(size: int = 20_000, changes: int = 2_000) -> Document:
    doc = document(size)
    current = doc.scenarios[0]
    current.name = "Current"
    rng = random.Random(12)
    structure = current.structure
    for post in list(structure):
        if post.holders:
            born = f"{rng.randint(1960, 1995)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            since = f"{max(int(born[:4]) + 18, rng.randint(1985, 2020))}-04-01"
            holder = Holder(
                post.holders[0].name, post.fte or 1.0, date_of_birth=born, service_start=since, lgps_member=True
            )
            structure.apply(UpdatePost(post.id, {"holders": (holder,)}))
    proposed = doc.duplicate("Current", "Proposed")
    dates = ("2026-04-01", "2026-07-01", "2026-09-01")
    proposed.phases = [Phase(n, f"Phase {n}", when) for n, when in enumerate(dates, 1)]
    proposed.year1 = "2026/27"
    proposed.one_off_costs = [("Transition capacity", 80_000.0)]
    after = proposed.structure
    ids = sorted(p for p in after.post_ids() if after.manager_of(p))
    picked = rng.sample(ids, changes)
    for post_id in picked[: changes // 2]:
        after.apply(RemovePost(post_id, keep_reports=True))
    for post_id in picked[changes // 2 : changes * 3 // 4]:
        if post_id in after:
            post = after.post(post_id)
            after.apply(UpdatePost(post_id, {"pay_floor": (post.pay_floor or 30_000) * 0.95}))
    live = sorted(after.post_ids())
    for n in range(changes // 4):
        new = Post(f"NEW{n}", f"Team Leader {n}", pay_floor=32_000.0, pay_ceiling=36_000.0, function="Children")
        after.apply(AddPost(new, rng.choice(live)))
    return doc


def main() -> None:
    doc = plan()
    before, proposed = doc.scenario("Current").structure, doc.scenario("Proposed")
    after = proposed.structure
    c = compare(doc, "Current", "Proposed", phases=False)
    assert c.finance is not None
    print(
        f"posts {len(before):,} vs {len(after):,}: deleted {len(c.deleted)}, added {len(c.added)},"
        f" regraded {len(c.regraded)}; changes costed {len(c.finance.changes)}, people {len(c.finance.people)}"
    )
    profile_times, compare_times = [], []
    post_id = c.added[0]
    for n in range(5):
        after.apply(UpdatePost(post_id, {"pay_floor": 32_000.0 + n * 100}))
        start = time.perf_counter()
        fits = displaced_fits(before, after, c.deleted, c.added)
        savings_profile(
            before, after, proposed, doc.profile, c.annual_saving, (c.deleted, c.added), fits,
            lambda post, s: phase_of(post, s, doc.profile),
        )  # fmt: skip
        profile_times.append(time.perf_counter() - start)
        after.apply(UpdatePost(post_id, {"notes": f"edit {n}"}))
        start = time.perf_counter()
        c = compare(doc, "Current", "Proposed", phases=False)
        compare_times.append(time.perf_counter() - start)
    assert c.finance is not None
    f = c.finance
    print(f"savings profile and one-off costs (job fit, exits, years, payback)  {_ms(profile_times)}")
    print(f"whole comparison after an edit, savings included                   {_ms(compare_times)}")
    print(
        f"  one-off £{f.one_off_total:,.0f}, full year £{f.full_year:,.0f}, payback {f.payback_months} months,"
        f" redundancies {f.redundancies:g}, redeployed {f.redeployed:g}"
    )


def _ms(times: list[float]) -> str:
    return f"{min(times) * 1000:.0f}–{max(times) * 1000:.0f} ms (median {statistics.median(times) * 1000:.0f}, 5 edits)"


if __name__ == "__main__":
    main()
