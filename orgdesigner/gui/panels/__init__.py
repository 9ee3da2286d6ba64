"""The dock panels: palette, properties, findings, outline, metrics, comparison. Each mirrors the
controller and changes the model only through the controller's verbs."""

from orgdesigner.gui.panels.comparison import ComparisonPanel
from orgdesigner.gui.panels.findings import FindingsPanel
from orgdesigner.gui.panels.metrics import MetricsPanel
from orgdesigner.gui.panels.outline import OutlinePanel
from orgdesigner.gui.panels.outline_model import OutlineModel
from orgdesigner.gui.panels.palette import PaletteList
from orgdesigner.gui.panels.properties import MULTI_FIELDS, PropertiesPanel

__all__ = [
    "MULTI_FIELDS",
    "ComparisonPanel",
    "FindingsPanel",
    "MetricsPanel",
    "OutlineModel",
    "OutlinePanel",
    "PaletteList",
    "PropertiesPanel",
]
