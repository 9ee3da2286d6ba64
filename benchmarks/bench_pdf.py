"""PDF of a 20,000-post structure, paginated by branch (A3 landscape).

Run: QT_QPA_PLATFORM=offscreen python -m benchmarks.bench_pdf [POSTS]
Target on a 2-core machine: ≤ 10 s.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QGuiApplication

from benchmarks.generate import document
from orgdesigner.render.pages import PackPainter, PrintOptions, write_pdf


def main() -> None:
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    app = QGuiApplication.instance() or QGuiApplication([])
    doc = document(size)
    options = PrintOptions(paper="A3")
    start = time.perf_counter()
    pages = len(PackPainter(doc, options).pages)
    plan_s = time.perf_counter() - start
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "big.pdf"
        start = time.perf_counter()
        report = write_pdf(doc, str(out), options)
        total_s = time.perf_counter() - start
        size_mb = out.stat().st_size / 1e6
    print(f"posts {size:,}: {report.pages:,} pages ({pages:,} chart pages), {size_mb:.1f} MB")
    print(f"page planning   {plan_s:.2f} s")
    print(f"PDF written     {total_s:.2f} s (planning included)")
    del app


if __name__ == "__main__":
    main()
