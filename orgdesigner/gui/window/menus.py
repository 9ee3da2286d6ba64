"""The window's menus and toolbars: every item names its action and calls one verb.

Actions are kept by name (`window.actions_by_name["Export PDF"]`), so tests and other panels
address them without knowing the menu's order.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMenu, QToolButton

from orgdesigner.gui.canvas import legend_label
from orgdesigner.model.profile import CouncilType

if TYPE_CHECKING:
    from orgdesigner.gui.main_window import MainWindow

MENUS = ("&File", "&Edit", "&View", "S&cenario", "&Tools", "&Help")
TOOLBAR = ("New from template", "Open", "Save", "Undo", "Redo", "Add report", "Delete post", "Fit to window")

Shortcut = QKeySequence | QKeySequence.StandardKey | str | None


class Menus:
    """Builds the menu bar and toolbars of a window and keeps its actions by name."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        bar = window.menuBar()
        self.menus: dict[str, QMenu] = {name: bar.addMenu(name) for name in MENUS}
        self.actions_by_name: dict[str, QAction] = {}
        self._file_menu()
        self._edit_menu()
        self._view_menu()
        self._scenario_tools_help_menus()
        self._toolbars()

    def add(
        self, menu: str, text: str, slot: Callable[[], object], shortcut: Shortcut = None, tip: str = ""
    ) -> QAction:
        """One menu item; its name is its text without the '&' and the trailing '…'."""
        action = QAction(text, self.window)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setStatusTip(tip or text.replace("&", "").rstrip("…"))
        action.triggered.connect(lambda _checked=False: slot())
        self.menus[menu].addAction(action)
        self.actions_by_name[text.replace("&", "").rstrip("…")] = action
        return action

    def _file_menu(self) -> None:
        w, f, S = self.window, "&File", QKeySequence.StandardKey  # noqa: N806
        files, exports = w.files, w.exports
        self.add(f, "&New from template…", files.new_from_template, S.New)
        blank = self.menus[f].addMenu("New &blank")
        for kind in CouncilType:
            action = blank.addAction(kind.label)
            action.triggered.connect(lambda _c=False, k=kind: files.new_blank(k))
        self.add(f, "&Open…", files.open_dialog, S.Open)
        files.recent_menu = self.menus[f].addMenu("Open &recent")
        files.fill_recent()
        self.add(f, "&Save", files.save, S.Save)
        self.add(f, "Save &as…", files.save_as, S.SaveAs)
        self.add(f, "&Import organogram…", w.imports.import_organogram_dialog)
        self.add(
            f,
            "Import &establishment list…",
            w.imports.import_establishment_dialog,
            tip="Import posts from an HR spreadsheet (.xlsx or .csv)",
        )
        self.add(f, "&Export to Excel for HR…", exports.export_excel_dialog)
        self.add(f, "Export organogram &CSVs…", exports.export_organogram_dialog)
        self.add(f, "Export &Transparency Code data…", exports.export_transparency_dialog)
        self.menus[f].addSeparator()
        self.add(f, "&Print…", w.printing.print_preview, S.Print, "Print the chart for a Cabinet pack, with preview")
        self.add(f, "Export &PDF…", exports.export_pdf_dialog)
        self.add(f, "Export S&VG…", lambda: exports.export_picture_dialog("svg"))
        self.add(f, "Export P&NG…", lambda: exports.export_picture_dialog("png"))
        self.menus[f].addSeparator()
        self.add(f, "&Quit", w.close, S.Quit)

    def _edit_menu(self) -> None:
        w, e, S = self.window, "&Edit", QKeySequence.StandardKey  # noqa: N806
        stack, editing = w.controller.undo_stack, w.editing
        undo = stack.createUndoAction(w, "&Undo")
        undo.setShortcut(S.Undo)
        redo = stack.createRedoAction(w, "&Redo")
        redo.setShortcut(S.Redo)
        self.menus[e].addAction(undo)
        self.menus[e].addAction(redo)
        self.actions_by_name["Undo"], self.actions_by_name["Redo"] = undo, redo
        self.menus[e].addSeparator()
        self.add(e, "Add &report", editing.add_report, "Ins", "Add a post reporting to the selected post")
        self.add(e, "Add staff &group", lambda: editing.add_from_palette("staff_group"))
        self.add(e, "Edit &title", editing.edit_title, "F2")
        self.add(e, "Cu&t branch", editing.cut, S.Cut)
        self.add(e, "&Copy branch", editing.copy, S.Copy)
        self.add(e, "&Paste branch", editing.paste, S.Paste)
        self.add(e, "&Delete post…", editing.delete, S.Delete)
        self.add(e, "Move to &holding area", editing.to_holding)

    def _view_menu(self) -> None:
        w, v, S = self.window, "&View", QKeySequence.StandardKey  # noqa: N806
        self.add(v, "Zoom &in", lambda: w.view.zoom(1.25), S.ZoomIn)
        self.add(v, "Zoom &out", lambda: w.view.zoom(0.8), S.ZoomOut)
        self.add(v, "&Fit to window", w.view.fit_all, "Ctrl+0")
        self.add(v, "Co&llapse or expand branch", w.editing.toggle_branch, "Ctrl+Space")
        self.add(v, "&Expand all", w.controller.expand_all)
        self.add(v, "Next &scenario", w.editing.next_scenario, "Ctrl+Tab")
        self.menus[v].addSeparator()
        for dock in w.docks.values():
            self.menus[v].addAction(dock.toggleViewAction())

    def _scenario_tools_help_menus(self) -> None:
        w, editing, S = self.window, self.window.editing, QKeySequence.StandardKey  # noqa: N806
        sc, t = "S&cenario", "&Tools"
        self.add(sc, "&Duplicate scenario…", editing.duplicate_scenario, tip="Start a proposal from this scenario")
        self.add(sc, "&Rename scenario…", editing.rename_scenario)
        self.add(sc, "De&lete scenario", editing.delete_scenario)
        self.add(sc, "&Compare scenarios", w.show_comparison, "Ctrl+Shift+C")
        self.add(t, "&Rules profile…", editing.edit_rules)
        self.add(t, "Show &findings", w.focus_findings, "F8")
        self.add(t, "&Find post", w.focus_search, S.Find)
        self.add("&Help", "&About orgdesigner", w.about)

    def _toolbars(self) -> None:
        w = self.window
        toolbar = w.addToolBar("Main")
        toolbar.setObjectName("Main")
        for name in TOOLBAR:
            if name in ("Undo", "Redo"):
                toolbar.addWidget(_short_button(self.actions_by_name[name], name))
            else:
                toolbar.addAction(self.actions_by_name[name])
        toolbar.addWidget(QLabel(" Scenario: "))
        toolbar.addWidget(w.scenario_box)
        w.addToolBarBreak()
        key = w.addToolBar("Legend")
        key.setObjectName("Legend")
        key.addWidget(legend_label())
        self.menus["&View"].addAction(key.toggleViewAction())


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
