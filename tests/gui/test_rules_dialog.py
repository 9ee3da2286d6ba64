"""The rules dialog: every setting of the profile can be changed there, the change is one undo
step, and it is saved in the file."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QCheckBox, QComboBox, QDialog, QDoubleSpinBox, QLineEdit, QMessageBox
from pytestqt.qtbot import QtBot

from orgdesigner.formats import native
from orgdesigner.gui.main_window import MainWindow
from orgdesigner.gui.window.profile_form import SKIPPED
from orgdesigner.gui.window.rules import RulesDialog
from orgdesigner.model.finance.policy import FinancePolicy
from orgdesigner.model.profile import CouncilType, RulesProfile
from tests.gui.window_kit import small_document


@pytest.fixture
def window(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> Iterator[MainWindow]:
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    w = MainWindow(small_document())
    qtbot.addWidget(w)
    yield w
    w.controller.undo_stack.setClean()


def _answer(monkeypatch: pytest.MonkeyPatch, fill: Callable[[RulesDialog], None]) -> list[str]:
    """Make the dialog, when the window opens it, filled by `fill` and then OK'd; returns its errors."""
    errors: list[str] = []

    def run(dialog: RulesDialog) -> int:
        fill(dialog)
        dialog._accept()
        errors.append(dialog.error.text())
        return dialog.result() or QDialog.DialogCode.Rejected.value

    monkeypatch.setattr(RulesDialog, "exec", run)
    return errors


def test_every_profile_setting_has_an_editor(qtbot: QtBot) -> None:
    dialog = RulesDialog(RulesProfile(), CouncilType.DISTRICT)
    qtbot.addWidget(dialog)
    names = [f.name for f in dataclasses.fields(RulesProfile) if f.name not in SKIPPED]
    names += [f.name for f in dataclasses.fields(FinancePolicy) if f.name not in SKIPPED]
    for name in names:
        assert dialog.editor(name).isEnabled(), name
    assert dialog.council_type() is CouncilType.DISTRICT


def test_changed_settings_are_one_undo_step_and_are_saved(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def fill(d: RulesDialog) -> None:
        ni = d.editor("ni_rate")
        assert isinstance(ni, QDoubleSpinBox)
        ni.setValue(13.8)
        bodies = d.editor("accountancy_bodies")
        assert isinstance(bodies, QLineEdit)
        bodies.setText(bodies.text() + ", CIMA")
        cfo = d.editor("cfo_reports_to_hops")
        assert isinstance(cfo, QCheckBox)
        cfo.setChecked(False)
        basis = d.editor("management_basis")
        assert isinstance(basis, QComboBox)
        basis.setCurrentIndex(basis.findData("pay"))
        caps = d.editor("week_pay_caps")
        assert isinstance(caps, QLineEdit)
        caps.setText("2011-02-01: 400; 2025-04-06: 719")
        d.council.setCurrentIndex(d.council.findData(CouncilType.OTHER_BODY.value))

    errors = _answer(monkeypatch, fill)
    before = window.controller.document.profile
    window.editing.edit_rules()
    assert errors == [""]
    profile = window.controller.document.profile
    assert profile.ni_rate == pytest.approx(0.138)
    assert profile.accountancy_bodies[-1] == "CIMA" and not profile.cfo_reports_to_hops
    assert profile.management_basis == "pay"
    assert profile.finance.week_pay_caps == (("2011-02-01", 400.0), ("2025-04-06", 719.0))
    assert window.controller.document.council_type is CouncilType.OTHER_BODY
    path = tmp_path / "rules.orgx"
    assert window.files.save_to(path)
    saved = native.load(path)
    assert saved.profile == profile and saved.council_type is CouncilType.OTHER_BODY
    window.controller.undo_stack.undo()
    assert window.controller.document.profile == before
    assert window.controller.document.council_type == CouncilType("unitary")


def test_a_setting_that_cannot_be_read_is_named_and_nothing_changes(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fill(d: RulesDialog) -> None:
        bands = d.editor("pay_bands")
        assert isinstance(bands, QLineEdit)
        bands.setText("2: lots")

    errors = _answer(monkeypatch, fill)
    before = dataclasses.replace(window.controller.document.profile)
    window.editing.edit_rules()
    assert errors and errors[0].startswith("Pay bands") and "2: 110000-130000" in errors[0]
    assert window.controller.document.profile == before
    assert window.controller.undo_stack.count() == 0
