"""Where the program's resources (templates, icons) are, from a source tree, a wheel or a bundle."""

from __future__ import annotations

import sys
from pathlib import Path

from orgdesigner.model.errors import OrgError


def resources_dir() -> Path:
    here = Path(__file__).resolve().parent
    candidates = [here / "resources", here.parent / "resources"]
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        candidates.insert(0, Path(bundle) / "resources")
    for candidate in candidates:
        if (candidate / "templates").is_dir():
            return candidate
    raise OrgError("The program's resources folder is missing; reinstall orgdesigner.")


def templates() -> dict[str, Path]:
    """Template name -> file, sorted by name."""
    folder = resources_dir() / "templates"
    return {p.stem: p for p in sorted(folder.glob("*.orgx"))}


def template(name: str) -> Path:
    found = templates()
    if name not in found:
        raise OrgError(f"There is no template '{name}'; choose one of: {', '.join(found)}.")
    return found[name]
