"""Starting the window, and rendering it offscreen for screenshots."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QBuffer, QCoreApplication, QEventLoop, QIODevice, QSize, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from orgdesigner import resources
from orgdesigner.formats import native, safe_io
from orgdesigner.model.errors import OrgError


def application() -> QApplication:
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    QCoreApplication.setOrganizationName("orgdesigner")
    QCoreApplication.setApplicationName("orgdesigner")
    app = QApplication(sys.argv[:1])
    icon = resources.resources_dir() / "icons" / "orgdesigner.png"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    app.setDesktopFileName("orgdesigner")
    from orgdesigner.gui.window.access import apply_theme

    apply_theme(app)  # ORGDESIGNER_THEME=dark|light|high-contrast; otherwise the system's palette
    return app


def _install_error_dialog() -> None:
    """A defect of ours shows a dialog and writes the details to a file, never a bare traceback."""

    def hook(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
        import tempfile
        import traceback

        with tempfile.NamedTemporaryFile("w", prefix="orgdesigner-crash-", suffix=".txt", delete=False) as handle:
            traceback.print_exception(kind, error, trace, file=handle)
        QMessageBox.critical(
            None,
            "Something went wrong",
            f"orgdesigner met a problem it did not expect ({kind.__name__}: {error}).\n\n"
            f"Your work is autosaved every minute. Details are in {handle.name}; please send that file to "
            "the maintainers.",
        )

    sys.excepthook = hook


def run_window(argv: Sequence[str]) -> int:
    """`orgdesigner [FILE]`: open the window on FILE, or on the Cheshire East template."""
    from orgdesigner.gui import files
    from orgdesigner.gui.main_window import MainWindow
    from orgdesigner.gui.window.file_actions import ask_about_lock

    app = application()
    _install_error_dialog()
    path = Path(argv[0]) if argv else None
    source = path or resources.template("cheshire-east-2013")
    problems: list[str] = []
    try:
        document = native.load(source, problems)
    except OrgError as exc:
        QMessageBox.critical(None, "Cannot open file", str(exc))
        raise
    choice = "edit"
    holder = files.lock_holder(path) if path else None
    if path and holder is not None and not holder.stale:
        choice = ask_about_lock(None, path, holder) or ""
        if not choice:
            return 0
    window = MainWindow(document, path)  # a live lock held elsewhere: it opens read-only
    if path and choice == "edit" and holder is not None and not holder.stale:
        window.files.take_over_lock(path)
    window.show()
    window.files.offer_recovery()
    return app.exec()


SETTLE_MS = 600
"""How long a screenshot waits after showing the window: longer than any panel's refresh delay."""


def screenshot(file: Path | None, output: Path, size: QSize) -> None:
    """Render the main window with FILE open, offscreen, to a PNG."""
    from orgdesigner.gui.main_window import MainWindow

    app = application()
    source = file or resources.template("cheshire-east-2013")
    document = native.load(source)
    window = MainWindow(document, None, restore_layout=False)  # the same picture whoever runs it
    window.resize(size)
    window.show()
    settle = QEventLoop()  # let panels that wait for a quiet moment (findings, comparison) fill in
    QTimer.singleShot(SETTLE_MS, settle.quit)
    settle.exec()
    window.view.fit_first()
    app.processEvents()
    image = window.grab()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise OrgError(f"Could not write the screenshot to {output}: the picture could not be encoded.")
    safe_io.write_output(output, bytes(buffer.data().data()))
    window.controller.undo_stack.setClean()
    window.close()
