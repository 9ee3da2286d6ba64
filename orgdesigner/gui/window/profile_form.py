"""Editors for the settings of a rules profile, one per setting, made from the setting's type.

A new setting added to the profile (or to its finance policy) appears in the rules dialog without
a change here: numbers get spin boxes (rates as percentages), switches check boxes, lists and tables
a line of text ("a, b" or "key: value; key: value"). Each editor reads its value back with the type
the profile holds and says which setting is wrong when it cannot.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QCheckBox, QComboBox, QDoubleSpinBox, QLineEdit, QSpinBox, QWidget

LABELS: dict[str, str] = {
    "min_span": "Minimum span",
    "max_span": "Warn above span",
    "max_layers": "Maximum layers",
    "core_share_max": "Core share limit",
    "split_exempt_layers": "Layers a line may cross the split",
    "pay_bands": "Pay bands (layer: floor-ceiling)",
    "package_threshold": "Packages for full Council from (£)",
    "ni_rate": "Employer NI rate",
    "ni_threshold": "NI threshold a year (£)",
    "lgps_rate": "LGPS employer rate",
    "levy_rate": "Apprenticeship levy rate",
    "levy_allowance": "Levy allowance (£)",
    "phase1_threshold": "Selection phase 1 from (£)",
    "phase2_threshold": "Selection phase 2 from (£)",
    "accountancy_bodies": "Accountancy bodies for the s151 officer",
    "consultation_notice_weeks": "Notice assumed (weeks)",
    "equality_min_count": "Smallest equality count shown",
    "appointed_by": "Who appoints (kind: body; …)",
    "management_basis": "A management post is",
    "management_pay_threshold": "… paid from (£, full-time)",
    "cfo_reports_to_hops": "Warn when the CFO does not report to the chief executive (CIPFA 2010)",
    "dcs_first_tier": "Warn when the DCS is not a first-tier officer (guidance)",
    "week_pay_caps": "Week's pay caps (from date: £; …)",
    "actual_pay": "Redundancy pay on actual weekly pay (SI 2006/2914 reg. 5)",
    "multiplier": "Statutory weeks multiplied by (reg. 6)",
    "max_weeks": "At most weeks' pay",
    "minimum_pension_ages": "Minimum pension ages (from date: age; …)",
    "strain_factors": "Strain factors (age: multiple of pay; …)",
    "pay_in_lieu_of_notice": "Pay in lieu of notice",
    "pay_protection_months": "Pay protection (months)",
    "pay_protection_taper": "Pay protection tapers",
    "turnover_rate": "Natural turnover a year",
}
CHOICES: dict[str, list[tuple[str, str]]] = {
    "management_basis": [
        ("reports", "a post with post reports or staff under it"),
        ("pay", "a post paid at or above the threshold below"),
    ],
}
_PERCENT = ("_rate", "core_share_max")
SKIPPED = frozenset({"extra", "finance"})
"""Not settings a user edits here: keys kept from newer files, and the finance policy (its own form)."""


class Invalid(ValueError):
    """A setting's text cannot be read: the message names the setting."""


def label(name: str) -> str:
    return LABELS.get(name, name.replace("_", " ").capitalize())


def _pairs_text(value: Any) -> str:
    items = value.items() if isinstance(value, dict) else value
    return "; ".join(f"{k}: {_number_text(v)}" for k, v in items)


def _number_text(value: Any) -> str:
    if isinstance(value, tuple | list):
        return "-".join(_number_text(v) for v in value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _parse_pairs(text: str, key: Callable[[str], Any], value: Callable[[str], Any]) -> list[tuple[Any, Any]]:
    out = []
    for part in filter(None, (p.strip() for p in text.split(";"))):
        k, sep, v = part.partition(":")
        if not sep:
            raise ValueError(part)
        out.append((key(k.strip()), value(v.strip())))
    return out


def _amount(text: str) -> float:
    return float(text.replace("£", "").replace(",", ""))


def _band(text: str) -> tuple[float, float]:
    low, sep, high = text.partition("-")
    if not sep:
        raise ValueError(text)
    return _amount(low), _amount(high)


class Editor:
    """One setting's widget, and how its value is read back."""

    def __init__(self, name: str, value: Any) -> None:
        self.name = name
        self.kind = type(value)
        self.widget: QWidget
        self.percent = isinstance(value, float) and name.endswith(_PERCENT)
        if name in CHOICES:
            box = QComboBox()
            for data, text in CHOICES[name]:
                box.addItem(text, data)
            box.setCurrentIndex(max(0, box.findData(value)))
            self.widget = box
        elif isinstance(value, bool):
            check = QCheckBox()
            check.setChecked(value)
            self.widget = check
        elif isinstance(value, int):
            spin = QSpinBox()
            spin.setRange(0, 1_000_000)
            spin.setValue(value)
            self.widget = spin
        elif isinstance(value, float):
            double = QDoubleSpinBox()
            if self.percent:
                double.setRange(0, 100)
                double.setDecimals(2)
                double.setSuffix(" %")
                double.setValue(value * 100)
            else:
                double.setRange(0, 1e9)
                double.setDecimals(2)
                double.setGroupSeparatorShown(True)
                double.setValue(value)
            self.widget = double
        else:
            line = QLineEdit(self._text(value))
            self.widget = line
        self.widget.setObjectName(f"setting_{name}")
        self.widget.setAccessibleName(label(name))

    def _text(self, value: Any) -> str:
        if isinstance(value, tuple) and all(isinstance(v, str) for v in value):
            return ", ".join(value)
        return _pairs_text(value)

    def value(self, current: Any) -> Any:
        """The setting as the profile holds it; `current` gives the shape of a table."""
        w = self.widget
        if isinstance(w, QComboBox):
            return w.currentData()
        if isinstance(w, QCheckBox):
            return w.isChecked()
        if isinstance(w, QSpinBox):
            return w.value()
        if isinstance(w, QDoubleSpinBox):
            return w.value() / 100 if self.percent else w.value()
        assert isinstance(w, QLineEdit)
        text = w.text()
        try:
            return self._parse(text, current)
        except (ValueError, TypeError):
            raise Invalid(
                f"{label(self.name)}: '{text}' cannot be read; write it as {self._example(current)}."
            ) from None

    def _parse(self, text: str, current: Any) -> Any:
        if self.name == "pay_bands":
            return dict(_parse_pairs(text, int, _band))
        if isinstance(current, dict):
            return dict(_parse_pairs(text, str, str))
        if isinstance(current, tuple) and all(isinstance(v, str) for v in current):
            return tuple(p.strip() for p in text.split(",") if p.strip())
        if isinstance(current, tuple) and current:
            first_key = current[0][0]
            return tuple(_parse_pairs(text, type(first_key), _amount))
        return tuple(p.strip() for p in text.split(",") if p.strip())

    def _example(self, current: Any) -> str:
        if self.name == "pay_bands":
            return "'2: 110000-130000; 3: 70000-90000'"
        if isinstance(current, tuple) and current and not all(isinstance(v, str) for v in current):
            return f"'{_pairs_text(current[:2])}'"
        if isinstance(current, dict):
            return "'chief officer: Appointments Committee; …'"
        return "'ICAEW, CIPFA'"


def editors(settings: Any) -> list[Editor]:
    """An editor for each setting of a profile (or finance policy) dataclass."""
    return [Editor(f.name, getattr(settings, f.name)) for f in dataclasses.fields(settings) if f.name not in SKIPPED]


def read(settings: Any, made: list[Editor]) -> Any:
    """A copy of `settings` with each editor's value (Invalid names the first that cannot be read)."""
    return dataclasses.replace(settings, **{e.name: e.value(getattr(settings, e.name)) for e in made})
