"""Window figures for a generated structure of 20,000 posts, or as many as given (offscreen).

Run: QT_QPA_PLATFORM=offscreen python -m benchmarks.bench_gui [POSTS]   (e.g. 100000)
Prints the file's read time within the open, and times 120 drags (layer-4 managers onto layer-3
managers taken in turn).
At 100,000 posts the targets are open ≤ 1.5 s, drag-move ≤ 16 ms median and ≤ 50 ms at the 95th
percentile, peak memory ≤ 350 MB (the file is made in another process).
Targets on a 2-core machine: open ≤ 0.8 s, edit-to-updated-view ≤ 30 ms, pan frame ≤ 5 ms,
fit-all frame ≤ 120 ms, memory ≤ 400 MB.
"""

from __future__ import annotations

import itertools
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp()  # a first start: no window layout remembered


from orgdesigner.formats import native
from orgdesigner.gui.app import application
from orgdesigner.model.edits import MovePost

DRAGS = 120


def frame(view: object) -> float:
    """Time one synchronous repaint of the view's viewport: what a screen frame costs."""
    from PySide6.QtWidgets import QGraphicsView

    assert isinstance(view, QGraphicsView)
    start = time.perf_counter()
    view.viewport().repaint()
    return time.perf_counter() - start


def main() -> None:
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    app = application()
    from PySide6.QtCore import QEvent, QObject

    from orgdesigner.gui.main_window import MainWindow

    class FirstPaint(QObject):
        """Notes when the chart's first frame starts; the frame's own cost is measured below."""

        at: float | None = None

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and self.at is None:
                self.at = time.perf_counter()
            return False

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "big.orgx"
        # made and saved in another process: this one's peak memory is what opening the file costs
        make = "from benchmarks.generate import document; from orgdesigner.formats import native; "
        make += f"native.save(document({size}), {str(path)!r})"
        subprocess.run([sys.executable, "-c", make], check=True, cwd=Path(__file__).resolve().parent.parent)
        start = time.perf_counter()
        document = native.load(path)
        read_s = time.perf_counter() - start
        read_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        window = MainWindow(document, None)
        painted = FirstPaint()
        window.view.viewport().installEventFilter(painted)
        window.resize(1400, 900)
        window.show()
        while painted.at is None or window.controller.check_pending:
            app.processEvents()
        checked_s = time.perf_counter() - start
        first = frame(window.view)  # the first frame again: what it cost
        assert painted.at is not None
        open_s = painted.at - start + first
        window.view.viewport().removeEventFilter(painted)
    view = window.view
    controller = window.controller
    structure = controller.structure

    opening = [frame(view) for _ in range(5)]  # the view a file opens at (readable, top centred)
    start = time.perf_counter()
    view.fit_all()  # the whole chart: the first zoom out makes the overview
    app.processEvents()
    zoom_out = time.perf_counter() - start
    fit = [frame(view) for _ in range(5)]
    # zoom in to 100% on the busiest part of the chart: the first branch's cards
    first_branch = structure.reports_of(structure.roots()[0])[0]
    start = time.perf_counter()
    view.centre_on_post(structure.reports_of(first_branch)[0])
    app.processEvents()
    zoom_in = time.perf_counter() - start

    def pan(steps: int) -> list[float]:
        """Pan frames as a user causes them: the scroll bar moves, Qt scrolls the pixels already
        drawn and paints the strip that came into view."""
        times = []
        for _ in range(steps):
            begin = time.perf_counter()
            view.horizontalScrollBar().setValue(view.horizontalScrollBar().value() + 40)
            app.processEvents()
            times.append(time.perf_counter() - begin)
        return times

    first_pans = pan(20)  # straight after zooming in, while branches near the view are made
    while window.scene.making_cards:
        app.processEvents()
    pans = pan(20)
    long_pan = sorted(pan(400))  # 16,000 px: across many branches
    repaints = [frame(view) for _ in range(5)]

    # Managers of layer 4 dragged onto the layer-3 managers in turn (a council has ~50 of those, so
    # they are taken again from the first): 120 drags, a mover already under its target skipped.
    movers = [p for p, layer in structure.walk() if layer == 4 and structure.report_count(p)]
    targets = [p for p, layer in structure.walk() if layer == 3]
    edits: list[float] = []
    for mover, target in zip(movers, itertools.cycle(targets), strict=False):
        if len(edits) == DRAGS:
            break
        if target in structure.subtree(mover) or structure.manager_of(mover) == target:
            continue
        start = time.perf_counter()
        controller.perform(MovePost(mover, target))  # model edit + incremental check + layout + scene update
        app.processEvents()
        edits.append(time.perf_counter() - start)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"posts                      {size:,}")
    print(f"open to first paint        {open_s:.3f} s   (first frame {first * 1000:.1f} ms)")
    print(f"  reading the file         {read_s:.3f} s   (the window after it {open_s - read_s:.3f} s)")
    print(f"open to findings shown     {checked_s:.3f} s   (the first check runs just after the first paint)")
    edits.sort()
    p95 = edits[int(len(edits) * 0.95)] * 1000
    print(
        f"drag-move to updated view  {statistics.median(edits) * 1000:.1f} ms median, 95th {p95:.1f} ms, "
        f"max {edits[-1] * 1000:.1f} ms ({len(edits)} drags)"
    )
    print(f"zoom in to 100% (first)    {zoom_in * 1000:.1f} ms (cards are made near the view only)")
    print(f"pan frame (40 px scroll)   {statistics.median(pans) * 1000:.2f} ms median")
    print(
        f"  straight after zoom-in   {statistics.median(first_pans) * 1000:.2f} ms median, "
        f"{max(first_pans) * 1000:.1f} ms max"
    )
    print(
        f"  400 frames, 16,000 px    {statistics.median(long_pan) * 1000:.2f} ms median, "
        f"95th {long_pan[380] * 1000:.1f} ms, max {long_pan[-1] * 1000:.1f} ms"
    )
    print(f"full viewport repaint      {statistics.median(repaints) * 1000:.2f} ms median")
    print(f"opening view frame         {statistics.median(opening) * 1000:.1f} ms median")
    print(f"first zoom out to fit all  {zoom_out * 1000:.1f} ms (the overview is made then)")
    print(f"fit-all frame              {statistics.median(fit) * 1000:.1f} ms median")
    print(f"peak memory (RSS)          {rss_mb:.0f} MB   ({read_mb:.0f} MB when the file was read)")
    controller.undo_stack.setClean()
    window.close()


if __name__ == "__main__":
    main()
