"""The Edit, View, Scenario and Tools menus' work: ask what the controller's verbs need, then call them.

Nothing here changes the model itself: it asks the user (which post, keep the reports, a name) and
hands the answer to one of the controller's verbs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QDialog, QInputDialog, QLineEdit, QMessageBox

from orgdesigner.gui.window.rules import RulesDialog

if TYPE_CHECKING:
    from orgdesigner.gui.main_window import MainWindow


class EditActions:
    """Menu and keyboard commands that act on the selected post or the scenario shown."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.controller = window.controller

    def need_selection(self) -> str | None:
        current = self.controller.current()
        if current is None:
            self.window.statusBar().showMessage("Select a post first (click it, or use the outline).", 6000)
        return current

    # ---- posts -------------------------------------------------------------------------------------------
    def add_from_palette(self, key: str) -> None:
        added = self.controller.add_from_template(key, self.controller.current())
        if added is not None:
            self.bring_into_view(added)

    def add_report(self) -> None:
        manager = self.need_selection()
        added = self.controller.add_from_template("manager", manager) if manager is not None else None
        if added is not None:
            self.bring_into_view(added)
            self.edit_title()

    def bring_into_view(self, post_id: str) -> None:
        """A new post is selected and shown: once the chart has made its card, scroll it into view."""
        QTimer.singleShot(0, lambda: self.window.view.show_post(post_id))

    def edit_title(self) -> None:
        if self.need_selection() is None:
            return
        dock = self.window.dock("Properties")
        dock.show()
        dock.raise_()
        title = self.window.properties.fields["title"]
        assert isinstance(title, QLineEdit)
        title.setFocus()
        title.selectAll()

    def cut(self) -> None:
        current = self.need_selection()
        if current:
            self.controller.cut(current)

    def copy(self) -> None:
        current = self.need_selection()
        if current:
            self.controller.copy(current)

    def paste(self) -> None:
        self.controller.paste(self.controller.current())

    def delete(self) -> None:
        """Delete the selected post, asking first whether its reports stay (move up) or go with it."""
        current = self.need_selection()
        if current is None:
            return
        structure = self.controller.structure
        keep = True
        if structure.report_count(current) or structure.groups_under(current):
            box = QMessageBox(self.window)
            box.setWindowTitle("Delete post")
            box.setText(f"Delete '{structure.post(current).title}'?")
            box.setInformativeText(f"It has {len(structure.subtree(current)) - 1} posts below it.")
            keep_button = box.addButton("Keep reports (move them up)", QMessageBox.ButtonRole.AcceptRole)
            branch_button = box.addButton("Delete branch", QMessageBox.ButtonRole.DestructiveRole)
            box.addButton(QMessageBox.StandardButton.Cancel)
            box.exec()
            if box.clickedButton() not in (keep_button, branch_button):
                return
            keep = box.clickedButton() is keep_button
        self.controller.delete(current, keep_reports=keep)

    def to_holding(self) -> None:
        current = self.need_selection()
        if current:
            self.controller.park(current)

    def toggle_branch(self) -> None:
        current = self.need_selection()
        if current:
            self.controller.fold(current)

    def show_posts(self, post_ids: list[str]) -> None:
        """Go to these posts (a finding's): unfold what hides them, select them, centre the first."""
        present = [p for p in post_ids if p in self.controller.structure]
        if not present:
            return
        self.controller.unfold_to(present)
        self.controller.select(present)
        self.window.view.centre_on_post(present[0])

    # ---- scenarios and rules -----------------------------------------------------------------------------
    def next_scenario(self) -> None:
        names = [s.name for s in self.controller.document.scenarios]
        i = names.index(self.controller.scenario_name)
        self.controller.show_scenario(names[(i + 1) % len(names)])

    def duplicate_scenario(self) -> None:
        name, ok = QInputDialog.getText(
            self.window,
            "Duplicate scenario",
            "Name of the new scenario:",
            text=f"{self.controller.scenario_name} (copy)",
        )
        if ok:
            self.controller.duplicate_scenario(name.strip())

    def rename_scenario(self) -> None:
        name, ok = QInputDialog.getText(self.window, "Rename scenario", "New name:", text=self.controller.scenario_name)
        if ok:
            self.controller.rename_scenario(name.strip())

    def delete_scenario(self) -> None:
        answer = QMessageBox.question(
            self.window,
            "Delete scenario",
            f"Delete the scenario '{self.controller.scenario_name}'? (Undo brings it back.)",
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.controller.delete_scenario()

    def edit_rules(self) -> None:
        document = self.controller.document
        dialog = RulesDialog(document.profile, document.council_type, self.window)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.controller.set_rules(dialog.profile, dialog.council_type())
