"""Compare two 20,000-post scenarios (the proposal changes about 8% of posts).

Run: python -m benchmarks.bench_compare
Target on a 2-core machine: compare ≤ 300 ms.
"""

from __future__ import annotations

import contextlib
import random
import time

from benchmarks.generate import document
from orgdesigner.model.compare import compare
from orgdesigner.model.edits import AddPost, MovePost, RemovePost, UpdatePost
from orgdesigner.model.errors import EditRefused
from orgdesigner.model.post import Post


def main() -> None:
    doc = document(20_000)
    doc.scenarios[0].name = "Current"
    doc.duplicate("Current", "Proposed")
    proposed = doc.scenario("Proposed").structure
    rng = random.Random(7)
    ids = sorted(proposed.post_ids())
    for post_id in rng.sample(ids, 500):
        if post_id in proposed and proposed.manager_of(post_id):
            proposed.apply(RemovePost(post_id, keep_reports=True))
    live = sorted(proposed.post_ids())
    for post_id in rng.sample(live, 500):
        with contextlib.suppress(EditRefused):
            proposed.apply(MovePost(post_id, rng.choice(live)))
    for post_id in rng.sample(live, 500):
        proposed.apply(UpdatePost(post_id, {"grade": "G9"}))
    for n in range(200):
        proposed.apply(
            AddPost(
                Post(f"NEW{n}", f"Team Leader {n}", pay_floor=32_000.0, pay_ceiling=36_000.0, function="Children"),
                rng.choice(live),
            )
        )
    runs = []
    for _ in range(5):
        start = time.perf_counter()
        c = compare(doc, "Current", "Proposed", phases=False)
        runs.append(time.perf_counter() - start)
    start = time.perf_counter()
    with_phases = compare(doc, "Current", "Proposed")
    phases_s = time.perf_counter() - start
    print(
        f"posts {len(doc.scenario('Current').structure):,} vs {len(proposed):,}: added {len(c.added)}, "
        f"deleted {len(c.deleted)}, moved {len(c.moved)}, regraded {len(c.regraded)}"
    )
    print(f"compare (changes, metrics, saving)   {min(runs) * 1000:.0f} ms best of 5")
    print(f"compare with selection phases        {phases_s * 1000:.0f} ms ({len(with_phases.phases)} new posts)")


if __name__ == "__main__":
    main()
