"""Model figures at 1k, 20k and 100k posts: load, full check, layout, one subtree move with its check.

Run: python -m benchmarks.bench_model [POSTS ...]
Targets on a 2-core machine: at 20k load ≤ 0.5 s, full check ≤ 80 ms, layout ≤ 30 ms, move + check
≤ 2 ms; at 100k full check ≤ 150 ms, layout ≤ 100 ms, and a load that leaves the window room to
open within 1.5 s. Each figure is the best of several runs (the machine is shared).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.generate import document
from orgdesigner.formats import native
from orgdesigner.model.edits import MovePost
from orgdesigner.model.layout import layout
from orgdesigner.model.rules import Checker


def best(fn: object, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return min(times)


def load_time(path: Path) -> float:
    """Reading the file, without freeing the document read (opening a file never pays that)."""
    start = time.perf_counter()
    document = native.load(path)
    took = time.perf_counter() - start
    del document
    return took


def main() -> None:
    print(f"{'posts':>7} {'load s':>8} {'check ms':>9} {'layout ms':>10} {'move+check ms':>14}")
    sizes = [int(a) for a in sys.argv[1:]] or [1_000, 20_000, 100_000]
    for size in sizes:
        doc = document(size)
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "big.orgx"
            native.save(doc, path)
            load_s = min(load_time(path) for _ in range(3))
        structure = doc.scenario().structure
        checker = Checker(structure, doc.profile, doc.council_type)
        check_ms = best(checker.full, 5) * 1000
        layout_ms = best(lambda: layout(structure), 5) * 1000  # noqa: B023
        # Move a mid-level manager (with its branch) under a cousin and back, many times.
        movers = [p for p, layer in structure.walk() if layer == 4 and structure.report_count(p)][:50]
        targets = [p for p, layer in structure.walk() if layer == 3][-50:]
        samples = []
        for mover, target in zip(movers, targets, strict=False):
            if mover in structure.subtree(target) or target in structure.subtree(mover):
                continue
            start = time.perf_counter()
            applied = structure.apply(MovePost(mover, target))
            checker.update(applied.touched)
            samples.append(time.perf_counter() - start)
            back = structure.apply(applied.inverse)
            checker.update(back.touched)
        move_ms = statistics.median(samples) * 1000
        print(f"{size:>7,} {load_s:>8.3f} {check_ms:>9.1f} {layout_ms:>10.1f} {move_ms:>14.3f}")


if __name__ == "__main__":
    main()
