"""The model never imports Qt: it runs from the command line and in tests without a display."""

from __future__ import annotations

import subprocess
import sys

CHILD = """
import importlib.abc, sys
class NoQt(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in ('PySide6', 'shiboken6'):
            raise ImportError('Qt is not allowed in the model: ' + name)
        return None
sys.meta_path.insert(0, NoQt())
import pkgutil, orgdesigner.model
for info in pkgutil.walk_packages(orgdesigner.model.__path__, 'orgdesigner.model.'):
    __import__(info.name)
import orgdesigner.formats.native, orgdesigner.formats.organogram, orgdesigner.cli
print('ok')
"""


def test_model_formats_and_cli_import_without_qt() -> None:
    result = subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_import_linter_contracts_hold() -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command())",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "broken" not in result.stdout.lower() or "0 broken" in result.stdout.lower()
