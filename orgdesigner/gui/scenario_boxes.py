"""The From/To scenario choosers the comparison, savings and consultation panels share."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QComboBox


def refill(from_box: QComboBox, to_box: QComboBox, names: Sequence[str]) -> None:
    """Offer the file's scenarios again after one was added, renamed or deleted, keeping each box's
    choice where it still exists (else the first scenario as From, the last as To), without the
    boxes announcing a change of their own."""
    for box, default in ((from_box, names[0]), (to_box, names[-1])):
        keep = box.currentText()
        box.blockSignals(True)
        box.clear()
        box.addItems(list(names))
        box.setCurrentText(keep if keep in names else default)
        box.blockSignals(False)
