"""Autosave recovery files and lock files, so work survives a crash and shared drives warn users."""

from __future__ import annotations

import contextlib
import getpass
import hashlib
import json
import os
import socket
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QStandardPaths

from orgdesigner.formats import native
from orgdesigner.model.document import Document


def _recovery_dir() -> Path:
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    folder = Path(base or Path.home() / ".orgdesigner") / "recovery"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def recovery_path(path: Path | None) -> Path:
    """One recovery file per document (by its path; untitled documents share one)."""
    key = str(path.resolve()) if path else "untitled"
    return _recovery_dir() / f"{hashlib.sha1(key.encode()).hexdigest()[:16]}.orgx"


def write_recovery(document: Document, path: Path | None) -> Path:
    target = recovery_path(path)
    native.save(document, target)
    meta = {"original": str(path) if path else None, "saved": datetime.now().isoformat(timespec="seconds")}
    target.with_suffix(".json").write_text(json.dumps(meta), encoding="utf-8")
    return target


def pending_recovery(path: Path | None) -> Path | None:
    """A recovery file newer than the document on disk: the program stopped with unsaved work."""
    target = recovery_path(path)
    if not target.exists():
        return None
    if path is not None and path.exists() and path.stat().st_mtime >= target.stat().st_mtime:
        return None
    return target


def discard_recovery(path: Path | None) -> None:
    target = recovery_path(path)
    for file in (target, target.with_suffix(".json")):
        with contextlib.suppress(OSError):
            file.unlink()


def lock_path(path: Path) -> Path:
    return path.with_name(f".~lock.{path.name}#")


def who_has_lock(path: Path) -> str | None:
    """Who else has the file open (from its lock file), or None if nobody, or only us."""
    lock = lock_path(path)
    try:
        data = json.loads(lock.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if (
        data.get("user") == getpass.getuser()
        and data.get("host") == socket.gethostname()
        and data.get("pid") == os.getpid()
    ):
        return None
    return f"{data.get('user', 'someone')} on {data.get('host', 'another computer')} (since {data.get('since', '?')})"


def take_lock(path: Path) -> None:
    info = {
        "user": getpass.getuser(),
        "host": socket.gethostname(),
        "pid": os.getpid(),
        "since": datetime.now().isoformat(timespec="minutes"),
    }
    with contextlib.suppress(OSError):
        lock_path(path).write_text(json.dumps(info), encoding="utf-8")


def release_lock(path: Path) -> None:
    with contextlib.suppress(OSError):
        lock = lock_path(path)
        data = json.loads(lock.read_text(encoding="utf-8"))
        if data.get("pid") == os.getpid() and data.get("host") == socket.gethostname():
            lock.unlink()
