"""The rules profile dialog: span and layer limits, core share, pay bands, council type."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from orgdesigner.model.errors import OrgError
from orgdesigner.model.profile import CouncilType, RulesProfile


class RulesDialog(QDialog):
    """The rules profile: span and layer limits, core share, pay bands, council type."""

    def __init__(self, profile: RulesProfile, council_type: CouncilType, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Rules profile")
        form = QFormLayout(self)
        self.min_span = QSpinBox()
        self.min_span.setRange(0, 50)
        self.min_span.setValue(profile.min_span)
        self.max_span = QSpinBox()
        self.max_span.setRange(1, 200)
        self.max_span.setValue(profile.max_span)
        self.max_layers = QSpinBox()
        self.max_layers.setRange(1, 30)
        self.max_layers.setValue(profile.max_layers)
        self.core = QDoubleSpinBox()
        self.core.setRange(1, 100)
        self.core.setSuffix(" %")
        self.core.setValue(profile.core_share_max * 100)
        self.council = QComboBox()
        for kind in CouncilType:
            self.council.addItem(kind.label, kind.value)
        self.council.setCurrentIndex(self.council.findData(council_type.value))
        self.bands = QLineEdit("; ".join(f"{k}: {int(v[0])}-{int(v[1])}" for k, v in sorted(profile.pay_bands.items())))
        self.bands.setPlaceholderText("layer: floor-ceiling; e.g. 2: 110000-130000; 3: 70000-90000")
        form.addRow("Minimum span", self.min_span)
        form.addRow("Warn above span", self.max_span)
        form.addRow("Maximum layers", self.max_layers)
        form.addRow("Core share limit", self.core)
        form.addRow("Council type", self.council)
        form.addRow("Pay bands", self.bands)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020")
        form.addRow(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.profile = profile

    def _accept(self) -> None:
        try:
            bands: dict[int, tuple[float, float]] = {}
            for part in filter(None, (p.strip() for p in self.bands.text().split(";"))):
                layer, _, rng = part.partition(":")
                low, _, high = rng.replace("£", "").replace(",", "").partition("-")
                bands[int(layer)] = (float(low), float(high))
        except ValueError:
            self.error.setText("Write pay bands as 'layer: floor-ceiling', separated by ';'.")
            return
        profile = replace(
            self.profile,
            min_span=self.min_span.value(),
            max_span=self.max_span.value(),
            max_layers=self.max_layers.value(),
            core_share_max=self.core.value() / 100,
            pay_bands=bands,
        )
        try:
            profile.validate()
        except OrgError as exc:
            self.error.setText(str(exc))
            return
        self.profile = profile
        self.accept()

    def council_type(self) -> CouncilType:
        return CouncilType(self.council.currentData())
