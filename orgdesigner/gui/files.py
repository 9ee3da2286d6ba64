"""Autosave recovery files and lock files, so work survives a crash and shared drives warn users."""

from __future__ import annotations

import contextlib
import getpass
import hashlib
import json
import os
import socket
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QStandardPaths

from orgdesigner.formats import native, safe_io
from orgdesigner.model.document import Document
from orgdesigner.model.errors import FileProblem


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
    safe_io.write_output(target.with_suffix(".json"), json.dumps(meta).encode("utf-8"))
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


@dataclass(frozen=True)
class LockHolder:
    """Who a lock file says has a document open."""

    user: str
    host: str
    pid: int | None
    since: str

    @property
    def stale(self) -> bool:
        """Left by a process on this computer that is no longer running (a crash): safe to take over.
        A lock from another computer is never stale: its process cannot be seen from here."""
        if self.host != socket.gethostname() or self.pid is None or self.pid == os.getpid():
            return False
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return True
        except OSError:  # exists but belongs to someone else
            return False
        return False

    def describe(self) -> str:
        if self.pid == os.getpid() and self.host == socket.gethostname():
            return f"another orgdesigner window on this computer (since {self.since})"
        return f"{self.user} on {self.host} (since {self.since})"


_HELD: dict[str, int] = {}
"""Documents this process has locked, by resolved path -> the window (id) holding it: a second window
of the same process is told, as a second user would be."""


def _key(path: Path) -> str:
    return str(path.resolve())


def lock_holder(path: Path, owner: object = None) -> LockHolder | None:
    """Who else has the file open, from its lock file; None if nobody, or only `owner` (a window)."""
    lock = lock_path(path)
    try:
        data = json.loads(lock.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict):
        return None
    pid = data.get("pid")
    holder = LockHolder(
        str(data.get("user", "someone")),
        str(data.get("host", "another computer")),
        pid if isinstance(pid, int) and not isinstance(pid, bool) else None,
        str(data.get("since", "?")),
    )
    ours = holder.pid == os.getpid() and holder.host == socket.gethostname()
    if ours and (_HELD.get(_key(path)) in (None, id(owner)) or owner is None):
        return None
    return holder


def who_has_lock(path: Path, owner: object = None) -> str | None:
    """Who else has the file open (from its lock file), or None if nobody, or only us."""
    holder = lock_holder(path, owner)
    return None if holder is None else holder.describe()


def take_lock(path: Path, owner: object = None) -> None:
    info = {
        "user": getpass.getuser(),
        "host": socket.gethostname(),
        "pid": os.getpid(),
        "since": datetime.now().isoformat(timespec="minutes"),
    }
    _HELD[_key(path)] = id(owner)
    with contextlib.suppress(OSError, FileProblem):
        safe_io.write_output(lock_path(path), json.dumps(info).encode("utf-8"))


def release_lock(path: Path, owner: object = None) -> None:
    key = _key(path)
    if _HELD.get(key) not in (None, id(owner)):
        return  # another window of this process holds it
    _HELD.pop(key, None)
    with contextlib.suppress(OSError, ValueError):
        lock = lock_path(path)
        data = json.loads(lock.read_text(encoding="utf-8"))
        if data.get("pid") == os.getpid() and data.get("host") == socket.gethostname():
            lock.unlink()
