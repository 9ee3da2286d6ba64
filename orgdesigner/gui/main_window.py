"""The main window: canvas in the middle, panels around it, menus that all do something real."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import shiboken6
from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDockWidget,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QSpinBox,
    QToolButton,
    QUndoView,
    QWidget,
)

from orgdesigner import __version__, resources
from orgdesigner.formats import native, xlsx
from orgdesigner.formats.organogram import import_organogram
from orgdesigner.gui import files
from orgdesigner.gui.canvas import ChartScene, ChartView, legend_label
from orgdesigner.gui.clipboard import copy_branch_edit
from orgdesigner.gui.dialogs import MappingDialog, PrintOptionsDialog, default_export_name, progress_dialog
from orgdesigner.gui.document import DocumentController
from orgdesigner.gui.panels import (
    ComparisonPanel,
    FindingsPanel,
    MetricsPanel,
    OutlinePanel,
    PaletteList,
    PropertiesPanel,
)
from orgdesigner.gui.templates import edit_for
from orgdesigner.model.document import Document
from orgdesigner.model.edits import MovePost, RemovePost
from orgdesigner.model.errors import OrgError
from orgdesigner.model.profile import CouncilType, RulesProfile
from orgdesigner.model.rules import Severity
from orgdesigner.render.chart import write_png, write_svg
from orgdesigner.render.pages import PackPainter, PrintOptions, page_layout, write_pdf

AUTOSAVE_MS = 60_000
MAX_RECENT = 8


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


class MainWindow(QMainWindow):
    def __init__(self, document: Document, path: Path | None = None, restore_layout: bool = True) -> None:
        super().__init__()
        self.settings = QSettings("orgdesigner", "orgdesigner")
        self.controller: DocumentController = DocumentController(document, path, self)
        self._clip: tuple[str, str] | None = None  # ("cut" | "copy", post id)
        self._progress: xlsx.Progress = lambda _percent, _what: None
        self.scene = ChartScene(self.controller, self)
        self.view = ChartView(self.scene, self)
        self.setCentralWidget(self.view)
        self._build_docks()
        self._build_actions()
        self._wire()
        self.statusBar().showMessage("Ready")
        self.counts = QLabel()
        # A fixed size: a label that resized with its text would re-lay out the window on every edit.
        widest = self.counts.fontMetrics().horizontalAdvance("99999 errors · 99999 warnings · 99999 notes")
        self.counts.setFixedSize(widest + 8, self.counts.sizeHint().height())
        self.counts.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.statusBar().addPermanentWidget(self.counts)
        self._update_title()
        self._update_counts()
        self.autosave = QTimer(self)
        self.autosave.setInterval(AUTOSAVE_MS)
        self.autosave.timeout.connect(self.write_recovery)
        self.autosave.start()
        geometry = self.settings.value("window/geometry") if restore_layout else None
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            self.resize(1400, 900)
        state = self.settings.value("window/state") if restore_layout else None
        if isinstance(state, QByteArray):
            self.restoreState(state)
        if path is not None:
            files.take_lock(path)
        QTimer.singleShot(0, self.view.fit_all)

    # ---- construction ------------------------------------------------------------------------------
    def _dock(self, title: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(title.replace(" ", "_"))
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _build_docks(self) -> None:
        left, right = Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea
        self.palette_list = PaletteList()
        self.outline = OutlinePanel(self.controller)
        self.properties = PropertiesPanel(self.controller)
        self.findings = FindingsPanel(self.controller)
        self.metrics = MetricsPanel(self.controller)
        self.comparison = ComparisonPanel(self.controller)
        self.history = QUndoView(self.controller.undo_stack)
        self.history.setEmptyLabel("Opened")
        self.docks = [
            self._dock("Palette", self.palette_list, left),
            self._dock("Outline", self.outline, left),
            self._dock("Properties", self.properties, right),
            self._dock("Findings", self.findings, Qt.DockWidgetArea.BottomDockWidgetArea),
            self._dock("Metrics", self.metrics, right),
            self._dock("History", self.history, right),
            self._dock("Comparison", self.comparison, right),
        ]
        self.tabifyDockWidget(self.docks[5], self.docks[6])
        self.tabifyDockWidget(self.docks[2], self.docks[4])
        self.tabifyDockWidget(self.docks[4], self.docks[5])
        self.docks[2].raise_()
        self.scenario_box = QComboBox()
        self.scenario_box.setToolTip("Scenario shown")
        self._fill_scenarios()

    def _action(
        self,
        menu_name: str,
        text: str,
        slot: object,
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
        tip: str = "",
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setStatusTip(tip or text.replace("&", "").rstrip("…"))
        action.triggered.connect(slot)
        self.menus[menu_name].addAction(action)
        self.actions_by_name[text.replace("&", "").rstrip("…")] = action
        return action

    def _build_actions(self) -> None:
        bar = self.menuBar()
        self.menus = {name: bar.addMenu(name) for name in ("&File", "&Edit", "&View", "S&cenario", "&Tools", "&Help")}
        self.actions_by_name: dict[str, QAction] = {}
        S = QKeySequence.StandardKey  # noqa: N806
        f = "&File"
        self._action(f, "&New from template…", self.new_from_template, S.New)
        self.blank_menu = self.menus[f].addMenu("New &blank")
        for kind in CouncilType:
            action = self.blank_menu.addAction(kind.label)
            action.triggered.connect(lambda _c=False, k=kind: self.new_blank(k))
        self._action(f, "&Open…", self.open_dialog, S.Open)
        self.recent_menu = self.menus[f].addMenu("Open &recent")
        self._fill_recent()
        self._action(f, "&Save", self.save, S.Save)
        self._action(f, "Save &as…", self.save_as, S.SaveAs)
        self._action(f, "&Import organogram…", self.import_organogram_dialog)
        self._action(
            f,
            "Import &establishment list…",
            self.import_establishment_dialog,
            tip="Import posts from an HR spreadsheet (.xlsx or .csv)",
        )
        self._action(f, "&Export to Excel for HR…", self.export_excel_dialog)
        self._action(f, "Export organogram &CSVs…", self.export_organogram_dialog)
        self._action(f, "Export &Transparency Code data…", self.export_transparency_dialog)
        self.menus[f].addSeparator()
        self._action(f, "&Print…", self.print_preview, S.Print, "Print the chart for a Cabinet pack, with preview")
        self._action(f, "Export &PDF…", self.export_pdf_dialog)
        self._action(f, "Export S&VG…", lambda: self.export_picture_dialog("svg"))
        self._action(f, "Export P&NG…", lambda: self.export_picture_dialog("png"))
        self.menus[f].addSeparator()
        self._action(f, "&Quit", self.close, S.Quit)
        e = "&Edit"
        undo = self.controller.undo_stack.createUndoAction(self, "&Undo")
        undo.setShortcut(S.Undo)
        redo = self.controller.undo_stack.createRedoAction(self, "&Redo")
        redo.setShortcut(S.Redo)
        self.menus[e].addAction(undo)
        self.menus[e].addAction(redo)
        self.actions_by_name["Undo"], self.actions_by_name["Redo"] = undo, redo
        self.menus[e].addSeparator()
        self._action(e, "Add &report", self.add_report, "Ins", "Add a post reporting to the selected post")
        self._action(e, "Add staff &group", lambda: self.add_from_palette("staff_group"))
        self._action(e, "Edit &title", self.edit_title, "F2")
        self._action(e, "Cu&t branch", self.cut, S.Cut)
        self._action(e, "&Copy branch", self.copy, S.Copy)
        self._action(e, "&Paste branch", self.paste, S.Paste)
        self._action(e, "&Delete post…", self.delete, S.Delete)
        self._action(e, "Move to &holding area", self.to_holding)
        v = "&View"
        self._action(v, "Zoom &in", lambda: self.view.zoom(1.25), S.ZoomIn)
        self._action(v, "Zoom &out", lambda: self.view.zoom(0.8), S.ZoomOut)
        self._action(v, "&Fit to window", self.view.fit_all, "Ctrl+0")
        self._action(v, "Co&llapse or expand branch", self.toggle_branch, "Ctrl+Space")
        self._action(v, "&Expand all", self.expand_all)
        self._action(v, "Next &scenario", self.next_scenario, "Ctrl+Tab")
        self.menus[v].addSeparator()
        for dock in self.docks:
            self.menus[v].addAction(dock.toggleViewAction())
        sc = "S&cenario"
        self._action(sc, "&Duplicate scenario…", self.duplicate_scenario, tip="Start a proposal from this scenario")
        self._action(sc, "&Rename scenario…", self.rename_scenario)
        self._action(sc, "De&lete scenario", self.delete_scenario)
        self._action(sc, "&Compare scenarios", self.show_comparison, "Ctrl+Shift+C")
        t = "&Tools"
        self._action(t, "&Rules profile…", self.edit_rules)
        self._action(t, "Show &findings", self.focus_findings, "F8")
        self._action(t, "&Find post", self.focus_search, S.Find)
        h = "&Help"
        self._action(h, "&About orgdesigner", self.about)
        toolbar = self.addToolBar("Main")
        toolbar.setObjectName("Main")
        for name in ("New from template", "Open", "Save", "Undo", "Redo", "Add report", "Delete post", "Fit to window"):
            if name in ("Undo", "Redo"):
                toolbar.addWidget(_short_button(self.actions_by_name[name], name))
            else:
                toolbar.addAction(self.actions_by_name[name])
        toolbar.addWidget(QLabel(" Scenario: "))
        toolbar.addWidget(self.scenario_box)
        self.addToolBarBreak()
        key = self.addToolBar("Legend")
        key.setObjectName("Legend")
        key.addWidget(legend_label())
        self.menus["&View"].addAction(key.toggleViewAction())

    def _wire(self) -> None:
        c = self.controller
        c.undo_stack.cleanChanged.connect(self._update_title)
        c.undo_stack.indexChanged.connect(self._update_title)
        c.message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        c.findingsChanged.connect(self._update_counts)
        c.selectionChanged.connect(self._highlight_chain)
        self.findings.findingChosen.connect(self.show_posts)
        self.comparison.highlight.connect(lambda ids: self.scene.set_highlight(set(ids)))
        self.outline.postChosen.connect(self.view.centre_on_post)
        self.palette_list.templateChosen.connect(self.add_from_palette)
        self.view.postActivated.connect(lambda _p: self.edit_title())
        self.scenario_box.activated.connect(lambda _i: c.show_scenario(self.scenario_box.currentText()))
        c.scenarioChanged.connect(self._fill_scenarios)

    # ---- helpers -----------------------------------------------------------------------------------
    def _update_title(self, *_signal_args: object) -> None:
        self.setWindowTitle(self.controller.title())
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

    def _highlight_chain(self) -> None:
        current = self.controller.current()
        structure = self.controller.structure
        chain = set(structure.ancestors(current)) if current and current in structure else set()
        self.scene.set_highlight(chain)

    def show_posts(self, post_ids: list[str]) -> None:
        present = [p for p in post_ids if p in self.controller.structure]
        if not present:
            return
        for p in present:
            for manager in self.controller.structure.ancestors(p):
                self.scene.collapsed.discard(manager)
        self.scene.refresh(frozenset(present))
        self.controller.select(present)
        self.view.centre_on_post(present[0])

    def _need_selection(self) -> str | None:
        current = self.controller.current()
        if current is None:
            self.statusBar().showMessage("Select a post first (click it, or use the outline).", 6000)
        return current

    def focus_findings(self) -> None:
        self.docks[3].show()
        self.findings.setFocus()

    def focus_search(self) -> None:
        self.docks[1].show()
        self.outline.search.setFocus()
        self.outline.search.selectAll()

    # ---- editing -----------------------------------------------------------------------------------
    def add_from_palette(self, key: str) -> None:
        self.view.add_from_template(key, self.controller.current())

    def add_report(self) -> None:
        manager = self._need_selection()
        if manager is None:
            return
        edit = edit_for("manager", self.controller.structure, manager)
        if self.controller.perform(edit):
            self.controller.select([edit.post.id])  # type: ignore[attr-defined]
            self.edit_title()

    def edit_title(self) -> None:
        if self._need_selection() is None:
            return
        self.docks[2].show()
        self.docks[2].raise_()
        title = self.properties.fields["title"]
        title.setFocus()
        title.selectAll()  # type: ignore[attr-defined]

    def cut(self) -> None:
        current = self._need_selection()
        if current:
            self._clip = ("cut", current)
            self.statusBar().showMessage(
                f"Cut '{self.controller.structure.post(current).title}': select its new manager and paste.", 8000
            )

    def copy(self) -> None:
        current = self._need_selection()
        if current:
            self._clip = ("copy", current)
            self.statusBar().showMessage("Copied the branch: select where it goes and paste.", 6000)

    def paste(self) -> None:
        if self._clip is None:
            self.statusBar().showMessage("Nothing to paste: cut or copy a post first.", 6000)
            return
        kind, source = self._clip
        structure = self.controller.structure
        if source not in structure:
            self._clip = None
            self.statusBar().showMessage("The cut or copied post is no longer there.", 6000)
            return
        target = self.controller.current()
        if kind == "cut":
            if self.controller.perform(
                MovePost(source, target, holding_reason=None if target else "pasted at the top")
            ):
                self._clip = None
        else:
            self.controller.perform(copy_branch_edit(structure, source, target))

    def delete(self) -> None:
        current = self._need_selection()
        if current is None:
            return
        structure = self.controller.structure
        post = structure.post(current)
        keep = True
        if structure.report_count(current) or structure.groups_under(current):
            box = QMessageBox(self)
            box.setWindowTitle("Delete post")
            box.setText(f"Delete '{post.title}'?")
            box.setInformativeText(f"It has {len(structure.subtree(current)) - 1} posts below it.")
            keep_button = box.addButton("Keep reports (move them up)", QMessageBox.ButtonRole.AcceptRole)
            branch_button = box.addButton("Delete branch", QMessageBox.ButtonRole.DestructiveRole)
            box.addButton(QMessageBox.StandardButton.Cancel)
            box.exec()
            if box.clickedButton() not in (keep_button, branch_button):
                return
            keep = box.clickedButton() is keep_button
        manager = structure.manager_of(current)
        if self.controller.perform(RemovePost(current, keep_reports=keep)):
            self.controller.select([manager] if manager else [])

    def to_holding(self) -> None:
        current = self._need_selection()
        if current:
            self.controller.perform(MovePost(current, None, holding_reason="moved to the holding area"))

    def toggle_branch(self) -> None:
        current = self._need_selection()
        if current:
            self.scene.toggle_collapsed(current)

    def expand_all(self) -> None:
        self.scene.collapsed.clear()
        self.scene.refresh(None)

    def next_scenario(self) -> None:
        names = [s.name for s in self.controller.document.scenarios]
        i = names.index(self.controller.scenario_name)
        self.controller.show_scenario(names[(i + 1) % len(names)])

    def duplicate_scenario(self) -> None:
        name, ok = QInputDialog.getText(
            self, "Duplicate scenario", "Name of the new scenario:", text=f"{self.controller.scenario_name} (copy)"
        )
        if ok:
            self.controller.duplicate_scenario(name.strip())

    def rename_scenario(self) -> None:
        name, ok = QInputDialog.getText(self, "Rename scenario", "New name:", text=self.controller.scenario_name)
        if ok:
            self.controller.rename_scenario(name.strip())

    def delete_scenario(self) -> None:
        answer = QMessageBox.question(
            self, "Delete scenario", f"Delete the scenario '{self.controller.scenario_name}'? (Undo brings it back.)"
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.controller.delete_scenario()

    def show_comparison(self) -> None:
        self.docks[6].show()
        self.docks[6].raise_()
        self.comparison.fill()

    def edit_rules(self) -> None:
        dialog = RulesDialog(self.controller.document.profile, self.controller.document.council_type, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.controller.set_rules(dialog.profile, dialog.council_type())

    # ---- files -------------------------------------------------------------------------------------
    def maybe_save(self) -> bool:
        """Ask before losing changes; False means the user cancelled."""
        if not self.controller.is_dirty():
            return True
        answer = QMessageBox.question(
            self,
            "Unsaved changes",
            "Save the changes to this structure first?",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def replace_document(self, document: Document, path: Path | None) -> None:
        old_path = self.controller.path
        if old_path:
            files.release_lock(old_path)
        files.discard_recovery(old_path)
        self.controller.undo_stack.clear()
        self.controller.document = document
        self.controller.path = path
        self.controller.show_scenario(document.scenario().name)
        self.controller.undo_stack.setClean()
        self.scene.collapsed.clear()
        self._fill_scenarios()
        self._update_title()
        if path:
            files.take_lock(path)
            self._remember(path)
        QTimer.singleShot(0, self.view.fit_all)

    def open_path(self, path: Path) -> bool:
        holder = files.who_has_lock(path)
        if holder is not None:
            answer = QMessageBox.warning(
                self,
                "File in use",
                f"{path.name} is open by {holder}.\n\nOpen it anyway? Changes may clash.",
                QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Open:
                return False
        problems: list[str] = []
        try:
            document = native.load(path, problems)
        except OrgError as exc:
            QMessageBox.critical(self, "Cannot open file", str(exc))
            return False
        self.replace_document(document, path)
        if problems:
            QMessageBox.information(self, "Opened with repairs", "\n".join(problems[:30]))
        self.offer_recovery()
        return True

    def open_dialog(self) -> None:
        if not self.maybe_save():
            return
        name, _ = QFileDialog.getOpenFileName(self, "Open structure", self._last_dir(), "Structures (*.orgx)")
        if name:
            self.open_path(Path(name))

    def new_from_template(self) -> None:
        if not self.maybe_save():
            return
        names = list(resources.templates())
        name, ok = QInputDialog.getItem(self, "New from template", "Template:", names, 0, False)
        if ok and name:
            self.replace_document(native.load(resources.template(name)), None)

    def new_blank(self, kind: CouncilType) -> None:
        if self.maybe_save():
            self.replace_document(native.load(resources.template(f"blank-{kind.value.replace('_', '-')}")), None)

    def save(self) -> bool:
        if self.controller.path is None:
            return self.save_as()
        return self._save_to(self.controller.path)

    def save_as(self) -> bool:
        name, _ = QFileDialog.getSaveFileName(self, "Save structure", self._last_dir(), "Structures (*.orgx)")
        if not name:
            return False
        path = Path(name) if name.endswith(".orgx") else Path(name + ".orgx")
        old = self.controller.path
        if self._save_to(path):
            if old and old != path:
                files.release_lock(old)
            files.take_lock(path)
            return True
        return False

    def _save_to(self, path: Path) -> bool:
        try:
            self.controller.save(path)
        except OrgError as exc:
            QMessageBox.critical(self, "Could not save", str(exc))
            return False
        files.discard_recovery(path)
        self._remember(path)
        self._update_title()
        self.statusBar().showMessage(f"Saved {path}", 5000)
        return True

    def import_organogram_dialog(self) -> None:
        if not self.maybe_save():
            return
        senior, _ = QFileDialog.getOpenFileName(self, "Senior organogram CSV", self._last_dir(), "CSV (*.csv)")
        if not senior:
            return
        junior, _ = QFileDialog.getOpenFileName(
            self, "Junior organogram CSV (optional: Cancel to skip)", str(Path(senior).parent), "CSV (*.csv)"
        )
        try:
            document, report = import_organogram(Path(senior), Path(junior) if junior else None)
        except OrgError as exc:
            QMessageBox.critical(self, "Cannot import", str(exc))
            return
        self.replace_document(document, None)
        notes = report.left_out + report.problems
        if notes:
            QMessageBox.information(
                self,
                "Imported with notes",
                "\n".join(notes[:40]) + (f"\n… and {len(notes) - 40} more" if len(notes) > 40 else ""),
            )

    def import_establishment_dialog(self) -> None:
        if not self.maybe_save():
            return
        name, _ = QFileDialog.getOpenFileName(
            self, "Establishment list", self._last_dir(), "Spreadsheets (*.xlsx *.csv)"
        )
        if not name:
            return
        try:
            table = xlsx.read_table(Path(name))
            dialog = MappingDialog(table, self)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
            result = xlsx.import_establishment(Path(name), dialog.mapping(), table)
        except OrgError as exc:
            QMessageBox.critical(self, "Cannot import", str(exc))
            return
        self.replace_document(result.document, None)
        if result.problems:
            QMessageBox.information(
                self,
                "Imported with notes",
                "\n".join(result.problems[:40])
                + (f"\n… and {len(result.problems) - 40} more" if len(result.problems) > 40 else ""),
            )

    def _ask_names(self) -> bool | None:
        box = QMessageBox(self)
        box.setWindowTitle("Names of postholders")
        box.setText("Include postholders' names? They are personal data.")
        include = box.addButton("Include names", QMessageBox.ButtonRole.AcceptRole)
        leave = box.addButton("Leave names out", QMessageBox.ButtonRole.RejectRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        clicked = box.clickedButton()
        return True if clicked is include else (False if clicked is leave else None)

    def _export_path(self, title: str, suffix: str, kind: str) -> Path | None:
        """Ask where an export goes (beside the open file by default); None if cancelled."""
        name, _ = QFileDialog.getSaveFileName(
            self, title, default_export_name(self.controller.path, suffix), f"{kind} (*{Path(suffix).suffix})"
        )
        return Path(name) if name else None

    def _export(self, write: Callable[[], str], busy: str | None = None) -> None:
        """Run an export (with a progress bar when `busy` names it); report the result or the problem."""
        dialog = None
        if busy is not None:
            dialog, self._progress = progress_dialog(self, busy)
        try:
            done = write()
        except OrgError as exc:
            QMessageBox.critical(self, "Could not export", str(exc))
            return
        finally:
            if dialog is not None:
                dialog.close()
            self._progress = lambda _percent, _what: None
        self.statusBar().showMessage(done, 6000)

    def export_excel_dialog(self) -> None:
        path = self._export_path("Export to Excel for HR", ".xlsx", "Excel")
        names = self._ask_names() if path else None
        if path is None or names is None:
            return
        document, scenario = self.controller.document, self.controller.scenario_name

        def write() -> str:
            xlsx.export_workbook(document, path, scenario, names, self._progress)
            return f"Exported {path}"

        self._export(write, "Exporting")

    def export_organogram_dialog(self) -> None:
        senior = self._export_path("Senior organogram CSV (the junior file is saved beside it)", "-senior.csv", "CSV")
        names = self._ask_names() if senior else None
        if senior is None or names is None:
            return
        junior = senior.with_name(senior.stem.removesuffix("-senior") + "-junior.csv")
        document, scenario = self.controller.document, self.controller.scenario_name

        def write() -> str:
            xlsx.export_organogram(document, senior, junior, scenario, names)
            return f"Exported {senior.name} and {junior.name}"

        self._export(write)

    def export_transparency_dialog(self) -> None:
        path = self._export_path("Transparency Code data", "-transparency.csv", "CSV")
        if path is None:
            return
        document, scenario = self.controller.document, self.controller.scenario_name

        def write() -> str:
            xlsx.export_transparency(document, path, scenario)
            return f"Exported {path}"

        self._export(write)

    def print_options(self) -> PrintOptions | None:
        """Ask what a Cabinet pack needs printed on each page (names withheld unless chosen)."""
        dialog = PrintOptionsDialog(self.controller.document, self.controller.scenario_name, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.options()

    def print_preview(self) -> None:
        options = self.print_options()
        if options is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
        printer.setResolution(96)
        printer.setPageLayout(page_layout(options))
        preview = QPrintPreviewDialog(printer, self)
        preview.paintRequested.connect(lambda device: self._paint_pack(device, options))
        preview.exec()

    def _paint_pack(self, device: QPrinter, options: PrintOptions) -> None:
        device.setResolution(96)
        try:
            PackPainter(self.controller.document, options).paint(device)
        except OrgError as exc:
            QMessageBox.critical(self, "Cannot print", str(exc))

    def export_pdf_dialog(self) -> None:
        options = self.print_options()
        path = self._export_path("Export PDF", ".pdf", "PDF") if options else None
        if options is None or path is None:
            return
        document = self.controller.document

        def write() -> str:
            report = write_pdf(
                document,
                str(path),
                options,
                lambda page, total: self._progress(100 * page // max(total, 1), f"page {page} of {total}"),
            )
            return f"Exported {path}: {report.pages} pages"

        self._export(write, "Writing the PDF")

    def export_picture_dialog(self, kind: str) -> None:
        path = self._export_path(f"Export {kind.upper()}", f".{kind}", kind.upper())
        if path is None:
            return
        branch = self.controller.current()
        if branch is not None:
            answer = QMessageBox.question(
                self, "Whole chart or branch", "Export only the selected post's branch? (No: the whole chart)"
            )
            branch = branch if answer == QMessageBox.StandardButton.Yes else None
        structure, organisation = self.controller.structure, self.controller.document.organisation

        def write() -> str:
            if kind == "svg":
                write_svg(structure, path, branch, False, organisation)
            else:
                write_png(structure, path, 1.0, branch, False)
            return f"Exported {path}"

        self._export(write)

    def write_recovery(self) -> None:
        if self.controller.is_dirty():
            try:
                files.write_recovery(self.controller.document, self.controller.path)
            except OrgError:
                self.statusBar().showMessage("Autosave failed: save your work.", 8000)

    def offer_recovery(self) -> bool:
        """After a crash, offer the autosaved copy of this document."""
        recovered = files.pending_recovery(self.controller.path)
        if recovered is None:
            return False
        answer = QMessageBox.question(
            self,
            "Recover unsaved work",
            "orgdesigner stopped before your last changes were saved. Recover them from the autosave?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            files.discard_recovery(self.controller.path)
            return False
        try:
            document = native.load(recovered)
        except OrgError as exc:
            QMessageBox.critical(self, "Cannot recover", str(exc))
            return False
        path = self.controller.path
        self.replace_document(document, path)
        # The recovered work is not on disk yet: mark it unsaved.
        self.controller.undo_stack.resetClean()
        self._update_title()
        return True

    def _remember(self, path: Path) -> None:
        recent = [str(path)] + [p for p in self._recent() if p != str(path)]
        self.settings.setValue("files/recent", recent[:MAX_RECENT])
        self.settings.setValue("files/last_dir", str(path.parent))
        self._fill_recent()

    def _recent(self) -> list[str]:
        value = self.settings.value("files/recent", [])
        return [str(v) for v in value] if isinstance(value, list) else ([str(value)] if value else [])

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        recent = self._recent()
        for name in recent:
            action = self.recent_menu.addAction(name)
            action.triggered.connect(lambda _c=False, n=name: self.maybe_save() and self.open_path(Path(n)))
        self.recent_menu.setEnabled(bool(recent))

    def _last_dir(self) -> str:
        return str(self.settings.value("files/last_dir", str(Path.home())))

    def about(self) -> None:
        QMessageBox.about(
            self,
            "About orgdesigner",
            f"orgdesigner {__version__}\nDesign a council's management structure, checked live.",
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.maybe_save():
            event.ignore()
            return
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        files.discard_recovery(self.controller.path)
        if self.controller.path:
            files.release_lock(self.controller.path)
        self.autosave.stop()
        event.accept()


def _short_button(action: QAction, label: str) -> QToolButton:
    """A toolbar button with a short, steady label for an action whose text says what it will do
    ("Undo Move 'X' under 'Y'", kept in the menu and the tooltip): a label that grew with every
    edit would re-lay out the whole window after each drag."""
    button = QToolButton()
    button.setText(label)
    button.setObjectName(f"{label} button")
    button.clicked.connect(action.trigger)

    def follow() -> None:
        if shiboken6.isValid(action) and shiboken6.isValid(button):  # not while the window closes
            button.setEnabled(action.isEnabled())
            button.setToolTip(action.text().replace("&", ""))

    action.changed.connect(follow)
    follow()
    return button
