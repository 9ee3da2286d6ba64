"""The one write path's cost at 20,000 posts: save, HR workbook, organogram CSVs and PDF, each written
through safe_io (temporary file beside the target, fsync, rename, folder fsync) and, for comparison,
straight into the target as the program wrote before (no temporary file, no fsync, no rename).

Run: QT_QPA_PLATFORM=offscreen python -m benchmarks.bench_write [POSTS] [RUNS]
Target: the safe path within 10% of the direct one (median of RUNS, default 5, the two taken in turn).
"""

from __future__ import annotations

import contextlib
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QGuiApplication

from benchmarks.generate import document
from orgdesigner.formats import native, safe_io
from orgdesigner.formats.hr_workbook import export_workbook
from orgdesigner.formats.organogram import export_organogram
from orgdesigner.model.document import Document
from orgdesigner.render.pages import PrintOptions, write_pdf


@contextlib.contextmanager
def _direct_output_path(
    target: str | Path, require_content: bool = True, verb: str = "write", complete: object = None
) -> Iterator[Path]:
    yield Path(target)


def _direct_write_output(target: str | Path, data: bytes, verb: str = "write") -> None:
    Path(target).write_bytes(data)


@contextlib.contextmanager
def direct_writes() -> Iterator[None]:
    """Bypass the safe path: write into the target in place, as before it existed."""
    saved = safe_io.output_path, safe_io.write_output
    safe_io.output_path, safe_io.write_output = _direct_output_path, _direct_write_output
    try:
        yield
    finally:
        safe_io.output_path, safe_io.write_output = saved


def jobs(doc: Document, folder: Path) -> dict[str, Callable[[], object]]:
    return {
        "save (.orgx)": lambda: native.save(doc, folder / "s.orgx"),
        "export --xlsx": lambda: export_workbook(doc, folder / "hr.xlsx", None, True),
        "export organogram CSVs": lambda: export_organogram(doc, folder / "senior.csv", folder / "junior.csv"),
        "pdf (A3)": lambda: write_pdf(doc, str(folder / "chart.pdf"), PrintOptions(paper="A3")),
    }


def write_path_alone(folder: Path, runs: int) -> None:
    """The write path's own cost, without the (noisy) work of making the file: the same bytes
    written in place, and through safe_io. On a shared machine this is the steadier figure."""
    for mb in (1, 10):
        data = os.urandom(mb * 1024 * 1024)
        target = folder / f"payload-{mb}.bin"
        direct, safe = [], []
        for _ in range(max(runs, 9)):
            start = time.perf_counter()
            target.write_bytes(data)
            direct.append(time.perf_counter() - start)
            start = time.perf_counter()
            safe_io.write_output(target, data)
            safe.append(time.perf_counter() - start)
        d, s = statistics.median(direct) * 1000, statistics.median(safe) * 1000
        print(f"write path alone, {mb:2} MB   direct {d:7.1f} ms  safe {s:7.1f} ms   +{s - d:.1f} ms")


def main() -> None:
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    app = QGuiApplication.instance() or QGuiApplication([])
    doc = document(size)
    times: dict[tuple[str, str], list[float]] = {}
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        write_path_alone(folder, runs)
        work = jobs(doc, folder)
        for job in work.values():  # warm up: first-use costs (fonts, imports) are not the write path's
            job()
        for _ in range(runs):
            for mode in ("direct", "safe"):
                with direct_writes() if mode == "direct" else contextlib.nullcontext():
                    for label, job in work.items():
                        start = time.perf_counter()
                        job()
                        times.setdefault((label, mode), []).append(time.perf_counter() - start)
    print(f"posts {size:,}, median of {runs} runs (direct = written in place, safe = temp file, fsync, rename)")
    for label in work:
        direct = statistics.median(times[(label, "direct")])
        safe = statistics.median(times[(label, "safe")])
        print(f"{label:24} direct {direct:7.3f} s   safe {safe:7.3f} s   {100 * (safe / direct - 1):+5.1f}%")
    del app


if __name__ == "__main__":
    main()
