"""Can Qt open a window here? Asked in a child process, because Qt aborts the whole process when its
platform plugin cannot load, and names only one missing library (often not the one that is missing).

`python -m orgdesigner.qtcheck` exits 0 when a window can open, 3 when it cannot (after printing
what to install), so `scripts/run` can fall back to printing the findings instead of crashing.
Imports no Qt itself: this module must run where Qt cannot.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

EXIT_NO_WINDOW = 3

# The libraries Qt's xcb (X11) and wayland plugins need beyond a minimal Debian/Ubuntu system, by the
# file name the dynamic loader looks for, with the Debian/Ubuntu package that provides each.
DEBIAN_PACKAGES: dict[str, str] = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-xinerama.so.0": "libxcb-xinerama0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-xinput.so.0": "libxcb-xinput0",
    "libxcb-glx.so.0": "libxcb-glx0",
    "libxcb.so.1": "libxcb1",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libX11.so.6": "libx11-6",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libOpenGL.so.0": "libopengl0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libICE.so.6": "libice6",
    "libSM.so.6": "libsm6",
    "libwayland-client.so.0": "libwayland-client0",
    "libwayland-cursor.so.0": "libwayland-cursor0",
    "libwayland-egl.so.1": "libwayland-egl1",
}
"""Every package a Debian 12 desktop needs for the window (the README lists the same set)."""


@dataclass
class Verdict:
    """What the child process found: whether a window can open, and if not, what is missing."""

    ok: bool
    platform: str
    missing: list[str] = field(default_factory=list)
    qt_message: str = ""

    def advice(self) -> str:
        """The lines a user reads on the terminal: what failed and the exact command that fixes it."""
        if self.ok:
            return f"Qt's {self.platform} platform plugin loads: the window can open."
        lines = [f"orgdesigner: Qt cannot open a window here (platform plugin '{self.platform}' does not load)."]
        packages = sorted({DEBIAN_PACKAGES[name] for name in self.missing if name in DEBIAN_PACKAGES})
        unknown = sorted(name for name in self.missing if name not in DEBIAN_PACKAGES)
        if self.missing:
            lines.append(f"Missing libraries: {', '.join(self.missing)}.")
        if packages and shutil.which("apt-get"):
            sudo = "" if hasattr(os, "geteuid") and os.geteuid() == 0 else "sudo "
            lines.append(f"Install them with:  {sudo}apt-get install -y {' '.join(packages)}")
        elif packages:
            lines.append(f"On Debian or Ubuntu they come in: {' '.join(packages)}. Install your system's equivalents.")
        if unknown:
            lines.append(f"Install the packages of your system that provide: {', '.join(unknown)}.")
        if not self.missing and self.qt_message:
            lines.append(f"Qt said: {self.qt_message}")
        return "\n".join(lines)


_PROBE = "from orgdesigner.qtcheck import probe; probe()"
PROBE_VARIABLE = "ORGDESIGNER_QT_PROBE"
"""Set in the child's environment: the bundled app, started with it, only starts Qt's GUI and exits."""


def probe() -> int:
    """In the child: start Qt's GUI (Qt aborts this process if its platform plugin cannot load)."""
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication(["orgdesigner-check"])
    del app
    return 0


def has_display() -> bool:
    """A window system to open a window on (Linux only: elsewhere there always is one)."""
    if sys.platform != "linux":
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY") or os.environ.get("QT_QPA_PLATFORM"))


def platform_name() -> str:
    """The platform Qt will try: QT_QPA_PLATFORM if set, else wayland on a Wayland-only session, else xcb."""
    chosen = os.environ.get("QT_QPA_PLATFORM", "").split(":")[0].split(";")[0].strip()
    if chosen:
        return chosen
    if sys.platform != "linux":
        return "native"
    if os.environ.get("WAYLAND_DISPLAY") and not os.environ.get("DISPLAY"):
        return "wayland"
    return "xcb"


def plugin_path(platform: str) -> Path | None:
    """The platform plugin's shared library inside the installed PySide6, found without importing Qt."""
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return None
    base = Path(next(iter(spec.submodule_search_locations))) / "Qt" / "plugins" / "platforms"
    name = {"xcb": "libqxcb.so", "wayland": "libqwayland.so"}.get(platform, f"libq{platform}.so")
    path = base / name
    return path if path.exists() else None


def missing_libraries(ldd_output: str) -> list[str]:
    """Library names `ldd` reports as 'not found', in the order it lists them, each once."""
    seen: dict[str, None] = {}
    for match in re.finditer(r"^\s*(\S+)\s+=>\s+not found", ldd_output, re.MULTILINE):
        seen.setdefault(match.group(1), None)
    return list(seen)


def _ldd(path: Path) -> str:
    if not shutil.which("ldd"):
        return ""
    try:
        done = subprocess.run(["ldd", str(path)], capture_output=True, text=True, timeout=20, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return done.stdout


def check(timeout: float = 30.0) -> Verdict:
    """Start Qt's GUI in a child process with this environment; diagnose what is missing if it fails."""
    platform = platform_name()
    if sys.platform != "linux" or platform in ("offscreen", "minimal"):
        return Verdict(True, platform)
    # A bundled app has no Python to run `-c` with: it runs itself, and main() sees PROBE_VARIABLE.
    command = [sys.executable] if getattr(sys, "frozen", False) else [sys.executable, "-c", _PROBE]
    try:
        done = subprocess.run(
            command,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
            env={**os.environ, PROBE_VARIABLE: "1"},
        )
    except subprocess.TimeoutExpired:
        return Verdict(False, platform, qt_message=f"Qt did not start within {timeout:.0f} s.")
    except OSError as exc:
        return Verdict(False, platform, qt_message=str(exc))
    if done.returncode == 0:
        return Verdict(True, platform)
    plugin = plugin_path(platform)
    missing = missing_libraries(_ldd(plugin)) if plugin else []
    said = [line.strip() for line in done.stderr.splitlines() if line.strip()]
    message = " ".join(said[:2])[:300]
    return Verdict(False, platform, missing, message)


def main() -> int:
    verdict = check()
    stream = sys.stdout if verdict.ok else sys.stderr
    stream.write(verdict.advice() + "\n")
    return 0 if verdict.ok else EXIT_NO_WINDOW


if __name__ == "__main__":
    sys.exit(main())
