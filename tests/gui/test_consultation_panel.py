"""The Consultation panel as a user meets it: at risk, senior appointments, equality from HR's file."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QMessageBox, QTableWidget
from pytestqt.qtbot import QtBot

from orgdesigner import resources
from orgdesigner.formats import native
from orgdesigner.gui import files
from orgdesigner.gui.consultation import PHASE_COLUMNS, STARTED, ConsultationPanel
from orgdesigner.gui.main_window import MainWindow
from orgdesigner.model.edits import UpdatePost
from orgdesigner.model.post import Holder

SECRET = "Zoroastrian-7f3q"


def cell(table: QTableWidget, row: int, column: int) -> str:
    item = table.item(row, column)
    return item.text() if item is not None else ""


@pytest.fixture
def window(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[MainWindow]:
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    document = native.load(resources.template("cheshire-east-2013"))
    current = document.scenario("Current").structure
    for n, post in enumerate(list(current)):
        holder = Holder(name=f"Person {n}", person_id=f"E{n}", date_of_birth=f"{1960 + n}-05-01")
        current.apply(UpdatePost(post.id, {"holders": (holder,)}))
    path = tmp_path / "ce.orgx"
    native.save(document, path)
    w = MainWindow(native.load(path), path)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.controller.undo_stack.setClean()


def test_the_panel_names_people_at_risk_and_who_appoints_the_new_senior_posts(window: MainWindow, qtbot: QtBot) -> None:
    panel = window.consultation
    window.dock("Consultation").show()
    window.dock("Consultation").raise_()
    qtbot.waitUntil(lambda: panel.result is not None)
    assert panel.headline.text().startswith("21 people at risk (Current → Proposed)")
    table = panel.appointments
    kinds = {cell(table, r, 0): cell(table, r, 1) for r in range(table.rowCount())}
    assert kinds["Director of Strategic Commissioning"] == "chief officer"
    assert kinds["Corporate Support Manager: Finance"] == "statutory chief officer"
    assert "Borough Solicitor (monitoring officer)" in panel.protected.text()
    members = PHASE_COLUMNS.index("Members appoint")
    assert cell(panel.phases, 0, members) == "16 senior posts"  # beside the phase's timetable


def test_protected_characteristics_reach_the_panel_as_counts_and_never_a_saved_file(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    panel = window.consultation
    window.dock("Consultation").show()
    window.dock("Consultation").raise_()
    qtbot.waitUntil(lambda: panel.result is not None)
    hr = tmp_path / "hr.csv"
    hr.write_text("Employee Number,Religion or belief,Sex\n" + "".join(f"E{n},{SECRET},Female\n" for n in range(22)))
    assert panel.read_hr_file(hr)
    shown = [cell(panel.equality_table, r, 1) for r in range(panel.equality_table.rowCount())]
    assert SECRET in shown and "Female" in shown
    assert "only the counts are kept" in panel.equality_label.text()
    assert window.files.save()
    assert window.controller.move("HOS-1", "COO")  # unsaved work, so the minute timer writes a recovery copy
    window.files.write_recovery()
    for saved in (window.controller.path, files.recovery_path(window.controller.path)):
        assert saved is not None
        text = saved.read_text(encoding="utf-8")
        assert SECRET not in text and "Female" not in text and "religion" not in text.lower()


def _open(window: MainWindow, qtbot: QtBot) -> ConsultationPanel:
    panel = window.consultation
    window.dock("Consultation").show()
    window.dock("Consultation").raise_()
    qtbot.waitUntil(lambda: panel.result is not None)
    return panel


def test_re_selecting_every_management_post_is_one_undoable_step(window: MainWindow, qtbot: QtBot) -> None:
    panel = _open(window, qtbot)
    assert panel.reselect_all.isChecked()  # the Cheshire East proposal
    panel.reselect_all.click()
    qtbot.waitUntil(lambda: panel.result is not None and panel.result.at_risk == 20)
    assert not window.controller.document.scenario("Proposed").reselect_all
    window.controller.undo_stack.undo()
    qtbot.waitUntil(lambda: panel.result is not None and panel.result.at_risk == 21)
    assert panel.reselect_all.isChecked()


def test_recording_when_consultation_began_counts_from_it(window: MainWindow, qtbot: QtBot) -> None:
    panel = _open(window, qtbot)
    panel.today.setDate(QDate(2013, 2, 4))
    qtbot.waitUntil(lambda: panel.result is not None and panel.result.today == dt.date(2013, 2, 4))
    assert panel.result is not None and panel.result.phases[0].too_little_time
    item = panel.phases.item(0, STARTED)
    assert item is not None
    item.setText("2012-11-01")
    qtbot.waitUntil(lambda: panel.result is not None and not panel.result.phases[0].too_little_time)
    assert window.controller.document.scenario("Proposed").phases[0].consultation_start == "2012-11-01"
    assert "Consultation start for phase 1" in window.controller.undo_stack.undoText()


def test_duplicating_a_proposal_keeps_its_phases_and_re_selection(window: MainWindow) -> None:
    window.controller.show_scenario("Proposed")
    assert window.controller.duplicate_scenario("Proposed B")
    copy = window.controller.document.scenario("Proposed B")
    assert copy.reselect_all and copy.phases[0].effective_date == "2013-04-01"
    assert copy.phases[0] is not window.controller.document.scenario("Proposed").phases[0]


def test_the_panel_writes_the_consultation_pdf_with_the_counts_it_shows(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    panel = _open(window, qtbot)
    hr = tmp_path / "hr.csv"
    hr.write_text("Employee Number,Sex\n" + "".join(f"E{n},Female\n" for n in range(22)))
    assert panel.read_hr_file(hr)
    out = tmp_path / "consultation.pdf"
    assert panel.write_pdf(out)
    if shutil.which("pdftotext") is None:
        pytest.skip("needs poppler-utils (pdftotext) to read the PDF back")
    text = subprocess.run(["pdftotext", "-raw", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert "Collective consultation and HR1" in text and "Female" in text  # HR's counts, as the panel shows
