"""The Savings panel as a user meets it: bars by financial year that follow every edit."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from orgdesigner import resources
from orgdesigner.formats import native
from orgdesigner.gui.main_window import MainWindow
from orgdesigner.model.edits import RemovePost
from tests.gui.window_kit import opened


@pytest.fixture
def window(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> Iterator[MainWindow]:
    document = native.load(resources.template("cheshire-east-2013"))
    w = opened(qtbot, monkeypatch, document, size=None, restore_layout=False)
    w.dock("Savings").show()
    w.dock("Savings").raise_()
    yield w
    w.controller.undo_stack.setClean()


def heights(window: MainWindow) -> list[float]:
    return [saving.height() for _year, saving, _one_off, _net in window.savings.chart.bars()]


def test_the_panel_shows_each_financial_year_of_the_template(window: MainWindow, qtbot: QtBot) -> None:
    panel = window.savings
    qtbot.waitUntil(lambda: panel.profile is not None)
    assert [year for year, *_ in panel.chart.bars()] == ["2013/14", "2014/15", "2015/16"]
    assert all(h > 0 for h in heights(window))
    assert "Full-year effect £" in panel.headline.text() and "expected values" in panel.headline.text()
    assert "2013/14: saving £" in panel.chart.toolTip()
    assert panel.year1.text() == "2013/14" and panel.horizon.value() == 3


def test_editing_a_post_moves_the_bars(window: MainWindow, qtbot: QtBot) -> None:
    panel = window.savings
    qtbot.waitUntil(lambda: panel.profile is not None)
    before = heights(window)
    window.controller.show_scenario("Proposed")
    # The new Director of Strategic Commissioning is not appointed after all: Year 1 saves more.
    assert window.controller.perform(RemovePost("DSC", keep_reports=True))
    qtbot.waitUntil(lambda: heights(window) != before)
    assert heights(window)[0] > before[0]
    window.controller.undo_stack.undo()
    qtbot.waitUntil(lambda: heights(window) == before)


def test_horizon_and_one_off_lines_are_undoable_edits(window: MainWindow, qtbot: QtBot) -> None:
    panel = window.savings
    qtbot.waitUntil(lambda: panel.profile is not None)
    panel.horizon.setValue(4)
    qtbot.waitUntil(lambda: len(panel.chart.bars()) == 4)
    assert window.controller.document.scenario("Proposed").horizon == 4
    panel.add_line.click()
    qtbot.waitUntil(lambda: panel.one_offs.rowCount() == 1)
    item = panel.one_offs.item(0, 1)
    assert item is not None
    total = panel.profile.one_off_total if panel.profile else 0.0
    item.setText("80,000")
    qtbot.waitUntil(lambda: panel.profile is not None and panel.profile.one_off_total == total + 80_000)
    window.controller.undo_stack.undo()
    window.controller.undo_stack.undo()
    window.controller.undo_stack.undo()
    qtbot.waitUntil(lambda: len(panel.chart.bars()) == 3 and panel.one_offs.rowCount() == 0)


def test_properties_take_the_holders_hr_data_as_undoable_edits(window: MainWindow, qtbot: QtBot) -> None:
    window.controller.show_scenario("Current")
    post_id = next(p.id for p in window.controller.structure if p.holders)
    window.controller.select([post_id])
    fields = window.properties.person_fields.fields
    born = fields["date_of_birth"]
    assert isinstance(born, QLineEdit)
    born.setText("1961-02-03")
    born.editingFinished.emit()
    assert window.controller.structure.post(post_id).holders[0].date_of_birth == "1961-02-03"
    born.setText("3rd Feb")
    born.editingFinished.emit()
    assert "YYYY-MM-DD" in window.properties.person_fields.error.text()
    assert window.controller.structure.post(post_id).holders[0].date_of_birth == "1961-02-03"
    window.controller.undo_stack.undo()
    assert window.controller.structure.post(post_id).holders[0].date_of_birth != "1961-02-03"
