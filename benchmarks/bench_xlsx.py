"""HR workbook export and establishment import at 20,000 posts.

Run: python -m benchmarks.bench_xlsx
Targets on a 2-core machine: export ≤ 3 s, import ≤ 3 s. Each is run three times and every run is
printed with the median: this machine's speed drifts between runs.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from benchmarks.generate import current_and_proposed, document
from orgdesigner.formats import xlsx

RUNS = 3


def main() -> None:
    doc = document(20_000)
    exports: list[float] = []
    imports: list[float] = []
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "hr.xlsx"
        for _ in range(RUNS):
            start = time.perf_counter()
            xlsx.export_workbook(doc, out)
            exports.append(time.perf_counter() - start)
            start = time.perf_counter()
            result = xlsx.import_establishment(out)
            imports.append(time.perf_counter() - start)
        size = out.stat().st_size
    print(f"posts {len(doc.scenario().structure):,}: workbook {size / 1e6:.1f} MB")
    for label, times in (("export (all sheets)", exports), ("import (Establishment sheet)", imports)):
        runs = ", ".join(f"{t:.2f}" for t in times)
        print(f"{label:30} median {statistics.median(times):.2f} s  (runs {runs})")
    print(f"imported {len(result.document.scenario().structure):,} posts, {len(result.problems)} problems")
    # A file holding the current structure and a proposal adds a Changes sheet, with job-fit
    # candidates for every new post.
    two = current_and_proposed(20_000)
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        xlsx.export_workbook(two, Path(folder) / "hr.xlsx", "Proposed")
        print(f"export of Proposed with a Changes sheet  {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    main()
