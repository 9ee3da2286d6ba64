"""Compare two 20,000-post scenarios (the proposal changes about 8% of posts).

Run: python -m benchmarks.bench_compare
Target on a 2-core machine: compare ≤ 300 ms.
"""

from __future__ import annotations

import time

from benchmarks.generate import current_and_proposed
from orgdesigner.model.compare import compare


def main() -> None:
    doc = current_and_proposed(20_000)
    proposed = doc.scenario("Proposed").structure
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
