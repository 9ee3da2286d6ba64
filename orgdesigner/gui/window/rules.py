"""The rules profile dialog: every setting of the profile and its finance policy, with the council
type. Accepting it is one undoable change (DocumentController.set_rules), saved in the file."""

from __future__ import annotations

import dataclasses

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from orgdesigner.gui.window.profile_form import Editor, Invalid, editors, label, read
from orgdesigner.model.errors import OrgError
from orgdesigner.model.profile import CouncilType, RulesProfile

PAGES: list[tuple[str, tuple[str, ...]]] = [
    (
        "Structure",
        ("min_span", "max_span", "max_layers", "core_share_max", "split_exempt_layers", "pay_bands"),
    ),
    ("Figures", ("management_basis", "management_pay_threshold")),
    (
        "Pay and on-costs",
        ("ni_rate", "ni_threshold", "lgps_rate", "levy_rate", "levy_allowance", "package_threshold"),
    ),
    ("Law and guidance", ("accountancy_bodies", "cfo_reports_to_hops", "dcs_first_tier")),
    ("Selection and consultation", ("phase1_threshold", "phase2_threshold")),
]
"""Where each setting goes; settings not named here (added later) go on the last page."""


class RulesDialog(QDialog):
    """Every rules setting on a page of its kind; the council type on the first."""

    def __init__(self, profile: RulesProfile, council_type: CouncilType, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Rules profile")
        self.profile = profile
        self._editors = editors(profile)
        self._finance = editors(profile.finance)
        by_name = {e.name: e for e in self._editors}
        layout = QVBoxLayout(self)
        tabs = QTabWidget()
        layout.addWidget(tabs)
        self.council = QComboBox()
        for kind in CouncilType:
            self.council.addItem(kind.label, kind.value)
        self.council.setCurrentIndex(self.council.findData(council_type.value))
        placed: set[str] = set()
        for n, (title, names) in enumerate(PAGES):
            chosen = [by_name[name] for name in names if name in by_name]
            if n == len(PAGES) - 1:  # settings this dialog does not name yet
                chosen += [e for e in self._editors if e.name not in placed and e.name not in names]
            placed.update(e.name for e in chosen)
            form = self._page(tabs, title, chosen)
            if n == 0:
                form.insertRow(0, "Council type", self.council)
        self._page(tabs, "Cost of change", self._finance)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _page(self, tabs: QTabWidget, title: str, chosen: list[Editor]) -> QFormLayout:
        page = QWidget()
        form = QFormLayout(page)
        for editor in chosen:
            form.addRow(label(editor.name), editor.widget)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(page)
        tabs.addTab(scroll, title)
        return form

    def editor(self, name: str) -> QWidget:
        """The widget of one setting (tests and accessibility tools find it by name too)."""
        return next(e.widget for e in [*self._editors, *self._finance] if e.name == name)

    def _accept(self) -> None:
        try:
            profile = read(self.profile, self._editors)
            profile = dataclasses.replace(profile, finance=read(self.profile.finance, self._finance))
            profile.validate()
            profile.finance.validate()
        except (Invalid, OrgError) as exc:
            self.error.setText(str(exc))
            return
        self.profile = profile
        self.accept()

    def council_type(self) -> CouncilType:
        return CouncilType(self.council.currentData())
