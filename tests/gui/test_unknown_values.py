"""An imported value the file format cannot hold is shown in the window as not known, with its source text."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from PySide6.QtWidgets import QDoubleSpinBox
from pytestqt.qtbot import QtBot

from orgdesigner.formats import native
from orgdesigner.formats.organogram import import_organogram
from orgdesigner.gui.main_window import MainWindow

SENIOR = [
    "Post Unique Reference", "Name", "Grade (or equivalent)", "Job Title", "Reports to Senior Post", "FTE",
    "Actual Pay Floor (£)", "Actual Pay Ceiling (£)",
]  # fmt: skip


def _findings(w: MainWindow) -> list[str]:
    out: list[str] = []
    for i in range(w.findings.topLevelItemCount()):
        group = w.findings.topLevelItem(i)
        assert group is not None
        out += [child.text(0) for j in range(group.childCount()) if (child := group.child(j)) is not None]
    return out


def test_an_out_of_range_import_opens_with_a_finding_and_not_known_fields(qtbot: QtBot, tmp_path: Path) -> None:
    buffer = io.StringIO(newline="")
    csv.writer(buffer).writerows(
        [SENIOR, ["CE", "Ann", "SCS3", "Chief Executive", "XX", "1", "150000", "150000"],
         ["D1", "Bob", "SCS2", "Director of Place", "CE", "1e9", "NaN", "25,000,000"]]
    )  # fmt: skip
    (tmp_path / "senior.csv").write_text(buffer.getvalue(), encoding="utf-8")
    document, _report = import_organogram(tmp_path / "senior.csv")
    native.save(document, tmp_path / "imported.orgx")  # the import's only copy must open again
    w = MainWindow(native.load(tmp_path / "imported.orgx"), tmp_path / "imported.orgx")
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: any("'1e9'" in text for text in _findings(w)))
    [shown] = [text for text in _findings(w) if "'1e9'" in text]
    assert "Director of Place" in shown and "'NaN'" in shown and "'25,000,000'" in shown
    w.controller.select(["D1"])
    fte = w.properties.fields["fte"]
    assert isinstance(fte, QDoubleSpinBox)
    assert fte.text() == "not known"
    w.metrics.recompute()
    assert "1.0 FTE + 1 post not known" in w.metrics.summary_text()
    w.close()
