"""Compare two 20,000-post scenarios (the proposal changes about 8% of posts).

Run: python -m benchmarks.bench_compare
Target on a 2-core machine: compare ≤ 300 ms.

A comparison keeps what it worked out from a scenario until that scenario is edited, so this
times a first comparison (nothing kept), and comparisons each after an edit to the proposal
(what the comparison panel does while the user works): never a comparison of unedited scenarios.
"""

from __future__ import annotations

import statistics
import time

from benchmarks.generate import current_and_proposed
from orgdesigner.model.compare import compare
from orgdesigner.model.edits import UpdatePost


def main() -> None:
    doc = current_and_proposed(20_000)
    proposed = doc.scenario("Proposed").structure
    start = time.perf_counter()
    c = compare(doc, "Current", "Proposed", phases=False)
    first_s = time.perf_counter() - start
    post_id = next(iter(proposed.post_ids()))
    after_edit = []
    for n in range(5):
        proposed.apply(UpdatePost(post_id, {"notes": f"edit {n}"}))
        start = time.perf_counter()
        c = compare(doc, "Current", "Proposed", phases=False)
        after_edit.append(time.perf_counter() - start)
    proposed.apply(UpdatePost(post_id, {"notes": "before the phases"}))
    start = time.perf_counter()
    with_phases = compare(doc, "Current", "Proposed")
    phases_s = time.perf_counter() - start
    print(
        f"posts {len(doc.scenario('Current').structure):,} vs {len(proposed):,}: added {len(c.added)}, "
        f"deleted {len(c.deleted)}, moved {len(c.moved)}, regraded {len(c.regraded)}"
    )
    print(f"compare, first (changes, metrics, saving)   {first_s * 1000:.0f} ms")
    print(f"compare after an edit to the proposal       {statistics.median(after_edit) * 1000:.0f} ms median of 5")
    print(f"compare with selection phases               {phases_s * 1000:.0f} ms ({len(with_phases.phases)} new posts)")


if __name__ == "__main__":
    main()
