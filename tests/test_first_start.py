"""The first start on a real desktop: Qt's platform plugin is tried in a child process, and when it cannot
load the user is told what to install and sees the findings instead of a crash."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from orgdesigner import qtcheck

LDD_DEBIAN_12 = """\
\tlinux-vdso.so.1 (0x00007ffd)
\tlibQt6XcbQpa.so.6 => /opt/PySide6/Qt/lib/libQt6XcbQpa.so.6 (0x00007f)
\tlibxcb-cursor.so.0 => /lib/x86_64-linux-gnu/libxcb-cursor.so.0 (0x00007f)
\tlibxcb-icccm.so.4 => not found
\tlibxcb-keysyms.so.1 => not found
\tlibxcb-icccm.so.4 => not found
\tlibxcb-xinerama.so.0 => not found
\tlibweird.so.9 => not found
"""


def test_missing_libraries_are_read_from_ldd_once_each_in_order() -> None:
    missing = qtcheck.missing_libraries(LDD_DEBIAN_12)
    assert missing == ["libxcb-icccm.so.4", "libxcb-keysyms.so.1", "libxcb-xinerama.so.0", "libweird.so.9"]


def test_advice_names_the_exact_apt_line_and_libraries_it_cannot_map(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("shutil.which", lambda name: "/usr/bin/apt-get" if name == "apt-get" else None)
    verdict = qtcheck.Verdict(False, "xcb", qtcheck.missing_libraries(LDD_DEBIAN_12))
    text = verdict.advice()
    assert "apt-get install -y libxcb-icccm4 libxcb-keysyms1 libxcb-xinerama0" in text
    assert "libweird.so.9" in text
    assert "xcb" in text


def test_without_apt_the_packages_are_named_for_other_systems(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("shutil.which", lambda name: None)
    text = qtcheck.Verdict(False, "xcb", ["libxcb-icccm.so.4"]).advice()
    assert "apt-get" not in text
    assert "libxcb-icccm4" in text and "libxcb-icccm.so.4" in text


def test_every_library_the_readme_lists_is_one_the_check_knows() -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    for package in set(qtcheck.DEBIAN_PACKAGES.values()):
        assert package in readme, f"README does not list {package}"


def test_a_platform_that_cannot_load_falls_back_to_the_findings() -> None:
    """Qt aborts a process whose platform plugin cannot load; the app asks a child first and carries on."""
    env = {**os.environ, "QT_QPA_PLATFORM": "no-such-platform", "DISPLAY": ":0"}
    env.pop("ORGDESIGNER_QT_CHECKED", None)
    done = subprocess.run(
        [sys.executable, "-m", "orgdesigner"], capture_output=True, text=True, env=env, timeout=120, check=False
    )
    assert "Traceback" not in done.stderr
    assert "platform plugin 'no-such-platform' does not load" in done.stderr
    assert "showing the findings instead" in done.stderr
    assert "statutory" in done.stdout  # the template's findings, printed
    assert done.returncode in (0, 1)  # as `validate` exits: 1 when the structure has errors


def test_offscreen_needs_no_check() -> None:
    env_platform = os.environ.get("QT_QPA_PLATFORM")
    assert env_platform == "offscreen"
    assert qtcheck.check().ok
