"""HR workbook export and establishment import at 20,000 posts.

Run: python -m benchmarks.bench_xlsx
Targets on a 2-core machine: export ≤ 3 s, import ≤ 3 s.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from benchmarks.generate import document
from orgdesigner.formats import xlsx


def main() -> None:
    doc = document(20_000)
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "hr.xlsx"
        start = time.perf_counter()
        xlsx.export_workbook(doc, out)
        export_s = time.perf_counter() - start
        size = out.stat().st_size
        start = time.perf_counter()
        result = xlsx.import_establishment(out)
        import_s = time.perf_counter() - start
    print(f"posts {len(doc.scenario().structure):,}: workbook {size / 1e6:.1f} MB")
    print(f"export (all sheets)   {export_s:.2f} s")
    print(f"import (Establishment sheet) {import_s:.2f} s  ({len(result.document.scenario().structure):,} posts)")


if __name__ == "__main__":
    main()
