"""A large file's first full check, put off until just after the window's first paint.

A large file opens on the chart's overview, which shows no finding markers: the window paints
first and the check (~0.1 s at 20,000 posts) runs straight after, before any click can arrive.
"""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer

from orgdesigner.model.rules import Checker

if TYPE_CHECKING:
    from orgdesigner.gui.document import DocumentController

LARGE_ABOVE = 2_000
"""Posts above which a file is large: it opens on the chart's overview, its cards are made where
the user looks, and its first full check runs just after the window's first paint."""

FALLBACK_MS = 1000
"""Without a chart on screen to say it has painted, the check runs this long after opening."""


class FirstCheck:
    """The one first check of a large file's checker, run once whoever asks first (the window
    after its first paint, or the fallback timer)."""

    def __init__(self, controller: DocumentController, checker: Checker) -> None:
        self._controller = controller
        self._checker: Checker | None = checker
        QTimer.singleShot(FALLBACK_MS, self.finish)

    @property
    def pending(self) -> bool:
        """Not yet run, and the checker is still the one shown (another scenario's was checked whole)."""
        return self._checker is not None and self._checker is self._controller.checker

    def finish(self) -> None:
        """Run the check, once (edits made before it are checked too).

        Then Python's cycle collector walks everything once, while the user reads the first
        frame: the file's and the chart's objects were made with it paused (`model.bulk`), and
        its first full walk of them (~0.3 s at 100,000 posts) would otherwise fall on a later drag.
        """
        if self.pending:
            controller = self._controller
            controller.checker.full()
            controller.findingsChanged.emit()
            controller.checkedAll.emit()
            gc.collect()
        self._checker = None
