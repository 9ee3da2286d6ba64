"""Opening a chart pays only for what it shows: the workbook libraries load when a workbook is
read or written, not when the window opens (each costs ~0.1 s and 10-20 MB)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from orgdesigner import resources

CHILD = """
import sys
from orgdesigner.__main__ import main
code = main(["screenshot", sys.argv[1], "-o", sys.argv[2], "--size", "900x600"])
print(code, " ".join(m for m in ("openpyxl", "xlsxwriter", "lxml") if m in sys.modules))
"""


def test_opening_a_chart_in_the_window_loads_no_workbook_library(tmp_path: Path) -> None:
    png = tmp_path / "window.png"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path)}
    source = str(resources.template("cheshire-east-2013"))
    result = subprocess.run(
        [sys.executable, "-c", CHILD, source, str(png)], capture_output=True, text=True, timeout=120, env=env
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1].split() == ["0"], result.stdout  # the exit code, no library
    assert png.stat().st_size > 0
