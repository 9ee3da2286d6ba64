"""The main window: canvas in the middle, panels around it, menus that all do something real.

The window only assembles: the controller holds the document and its verbs, `gui/window/` holds
the work behind the menus (files, imports, exports, printing, editing, rules), and docks are kept
by name so a panel added later (`add_panel`) needs no index.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import QComboBox, QDockWidget, QLabel, QMainWindow, QMessageBox, QUndoView, QWidget

from orgdesigner import __version__
from orgdesigner.gui.canvas import ChartScene, ChartView
from orgdesigner.gui.consultation import ConsultationPanel
from orgdesigner.gui.document import DocumentController
from orgdesigner.gui.panels import (
    ComparisonPanel,
    FindingsPanel,
    MetricsPanel,
    OutlinePanel,
    PaletteList,
    PropertiesPanel,
)
from orgdesigner.gui.savings import SavingsPanel
from orgdesigner.gui.window import access, desktop
from orgdesigner.gui.window.background import Background
from orgdesigner.gui.window.editing import EditActions
from orgdesigner.gui.window.exports import ExportActions
from orgdesigner.gui.window.file_actions import FileActions
from orgdesigner.gui.window.imports import ImportActions
from orgdesigner.gui.window.menus import Menus
from orgdesigner.gui.window.printing import PrintActions
from orgdesigner.model.document import Document
from orgdesigner.model.rules import Severity

LEFT, RIGHT = Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea
BOTTOM = Qt.DockWidgetArea.BottomDockWidgetArea


class FirstFrame(QObject):
    """A large file is checked just after the chart's first frame, so the window shows at once
    (the overview it opens on shows no finding markers); the controller's own timer is the fallback."""

    def __init__(self, controller: DocumentController, viewport: QWidget) -> None:
        super().__init__(viewport)
        self.controller = controller
        viewport.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and isinstance(watched, QWidget):
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self.controller.finish_first_check)
        return False


class MainWindow(QMainWindow):
    """One open document. Parts: `files`, `imports`, `exports`, `printing`, `editing`, `menu_bar`;
    long work runs through `background` (a worker thread with progress and Cancel)."""

    def __init__(self, document: Document, path: Path | None = None, restore_layout: bool = True) -> None:
        super().__init__()
        self.settings = QSettings("orgdesigner", "orgdesigner")
        self.controller: DocumentController = DocumentController(document, path, self)
        self.scene = ChartScene(self.controller, self)
        self.view = ChartView(self.scene, self)
        self.setCentralWidget(self.view)
        if self.controller.check_pending:
            FirstFrame(self.controller, self.view.viewport())
        self.docks: dict[str, QDockWidget] = {}
        self._build_docks()
        desktop.arrange_docks(self)
        self.background = Background(self)
        self.files = FileActions(self, self.settings)
        self.imports = ImportActions(self.files)
        self.printing = PrintActions(self)
        self.exports = ExportActions(self, self.printing)
        self.editing = EditActions(self)
        self.menu_bar = Menus(self)
        self.menus = self.menu_bar.menus
        self.actions_by_name: dict[str, QAction] = self.menu_bar.actions_by_name
        self._wire()
        self.statusBar().showMessage("Ready")
        self.counts = QLabel()
        # A fixed size: a label that resized with its text would re-lay out the window on every edit.
        widest = self.counts.fontMetrics().horizontalAdvance("99999 errors · 99999 warnings · 99999 notes")
        self.counts.setFixedSize(widest + 8, self.counts.sizeHint().height())
        self.counts.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.statusBar().addPermanentWidget(self.counts)
        self.update_title()
        self._update_counts()
        desktop.restore(self, restore_layout)
        self.view.fit_soon()
        access.name_controls(self)
        access.set_focus_order(self)
        access.describe_selection(self)

    # ---- construction ------------------------------------------------------------------------------
    def add_panel(
        self, name: str, widget: QWidget, area: Qt.DockWidgetArea, tab_with: str | None = None
    ) -> QDockWidget:
        """Put a panel in a dock called `name` (its title, and its key in `docks` and saved layouts)."""
        dock = QDockWidget(name, self)
        dock.setObjectName(name.replace(" ", "_"))
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        if tab_with is not None:
            self.tabifyDockWidget(self.docks[tab_with], dock)
        self.docks[name] = dock
        return dock

    def dock(self, name: str) -> QDockWidget:
        return self.docks[name]

    def _build_docks(self) -> None:
        self.palette_list = PaletteList()
        self.outline = OutlinePanel(self.controller)
        self.properties = PropertiesPanel(self.controller)
        self.findings = FindingsPanel(self.controller)
        self.metrics = MetricsPanel(self.controller)
        self.comparison = ComparisonPanel(self.controller)
        self.history = QUndoView(self.controller.undo_stack)
        self.history.setEmptyLabel("Opened")
        self.add_panel("Palette", self.palette_list, LEFT)
        self.add_panel("Outline", self.outline, LEFT)
        self.add_panel("Properties", self.properties, RIGHT)
        self.add_panel("Findings", self.findings, BOTTOM)
        self.add_panel("Metrics", self.metrics, RIGHT, tab_with="Properties")
        self.add_panel("History", self.history, RIGHT, tab_with="Metrics")
        self.add_panel("Comparison", self.comparison, RIGHT, tab_with="History")
        self.consultation = ConsultationPanel(self.controller)
        self.add_panel("Consultation", self.consultation, RIGHT, tab_with="Comparison")
        self.savings = SavingsPanel(self.controller)
        self.add_panel("Savings", self.savings, RIGHT, tab_with="Consultation")
        self.dock("Properties").raise_()
        self.scenario_box = QComboBox()
        self.scenario_box.setToolTip("Scenario shown")
        self._fill_scenarios()

    def _wire(self) -> None:
        c = self.controller
        c.undo_stack.cleanChanged.connect(self.update_title)
        c.undo_stack.indexChanged.connect(self.update_title)
        c.message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        c.findingsChanged.connect(self._update_counts)
        c.selectionChanged.connect(lambda: access.describe_selection(self))
        c.findingsChanged.connect(lambda *_args: access.describe_selection(self))
        self.findings.findingChosen.connect(self.editing.show_posts)
        self.outline.postChosen.connect(self.view.centre_on_post)
        self.palette_list.templateChosen.connect(self.editing.add_from_palette)
        self.view.postActivated.connect(lambda _p: self.editing.edit_title())
        self.scenario_box.activated.connect(lambda _i: c.show_scenario(self.scenario_box.currentText()))
        c.scenarioChanged.connect(self._fill_scenarios)

    # ---- what the window shows ---------------------------------------------------------------------
    def update_title(self, *_signal_args: object) -> None:
        actions = getattr(self, "files", None)  # not yet there while the window is being built
        read_only = " [read-only]" if actions is not None and actions.read_only else ""
        self.setWindowTitle(self.controller.title() + read_only)
        self.setWindowModified(self.controller.is_dirty())

    def _update_counts(self) -> None:
        counts = self.controller.checker.counts()
        self.counts.setText(
            f"{counts[Severity.ERROR]} errors · {counts[Severity.WARNING]} warnings · {counts[Severity.INFO]} notes"
        )

    def _fill_scenarios(self) -> None:
        self.scenario_box.blockSignals(True)
        self.scenario_box.clear()
        for scenario in self.controller.document.scenarios:
            self.scenario_box.addItem(scenario.name)
        self.scenario_box.setCurrentText(self.controller.scenario_name)
        self.scenario_box.blockSignals(False)

    def document_replaced(self) -> None:
        """Another document is open: scenarios, title and a fitted chart follow."""
        self._fill_scenarios()
        self.update_title()
        self.view.fit_soon()

    def focus_findings(self) -> None:
        self.dock("Findings").show()
        self.findings.setFocus()

    def focus_search(self) -> None:
        self.dock("Outline").show()
        self.outline.search.setFocus()
        self.outline.search.selectAll()

    def show_comparison(self) -> None:
        dock = self.dock("Comparison")
        dock.show()
        dock.raise_()
        self.comparison.fill()

    def about(self) -> None:
        QMessageBox.about(
            self,
            "About orgdesigner",
            f"orgdesigner {__version__}\nDesign a council's management structure, checked live.",
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.files.maybe_save():
            event.ignore()
            return
        self.background.stop()
        desktop.remember(self)
        self.files.closing()
        event.accept()
