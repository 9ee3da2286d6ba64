"""The one way files go in and out: bounded reads and atomic writes.

Every output is written to a temporary file in the target's folder, flushed, fsynced and renamed
over the target, and the folder is fsynced: afterwards either the whole new file or the old one is
there, never a fragment, and no temporary file is left behind. A command's own inputs are never
overwritten (`protected_inputs`). Every input is read only if it is a regular file within the size
limit for its kind, so a FIFO, a device or a sparse 2 GB file gives a message rather than a hang or
an exhausted memory. JSON is checked for nesting depth, huge integers and NaN/Infinity before any
of it reaches the model.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import stat
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from orgdesigner.model.errors import FileProblem

MB = 1024 * 1024
# Largest input accepted, by kind (documented in README.md, "Limits"). A 20,000-post .orgx is
# about 8 MB and its establishment list about 3 MB; the limits leave room for ten times that.
SIZE_LIMITS: dict[str, int] = {
    "orgx": 256 * MB,
    "csv": 128 * MB,
    "xlsx": 128 * MB,
    "map": 1 * MB,
    "profile": 1 * MB,
}
MAX_JSON_DEPTH = 64  # an .orgx needs 6 levels; a mapping file 1
MAX_INT_DIGITS = 18  # whole numbers past this (about 10^18) are refused, not turned into infinity

_KIND_NAMES = {
    stat.S_IFIFO: "a pipe (FIFO)",
    stat.S_IFCHR: "a device",
    stat.S_IFBLK: "a device",
    stat.S_IFSOCK: "a socket",
    stat.S_IFDIR: "a folder",
}

# ---- inputs ---------------------------------------------------------------------------------------

_protected: list[Path] = []


@contextlib.contextmanager
def protected_inputs(paths: Iterable[str | Path | None]) -> Iterator[None]:
    """While inside, no output may be written over any of `paths` (a command's own inputs)."""
    added = [Path(p) for p in paths if p]
    _protected.extend(added)
    try:
        yield
    finally:
        for path in added:
            _protected.remove(path)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.samefile(b)
    except OSError:
        return a.resolve() == b.resolve()


def refuse_input_as_output(target: Path) -> None:
    """Writing over an input of the same command would destroy it: refuse with a message."""
    for source in _protected:
        if _same_file(source, target):
            raise FileProblem(
                f"{target} is also an input of this command; writing over it would destroy it. "
                "Choose another output name."
            )


def read_input(path: str | Path, kind: str) -> bytes:
    """The bytes of a regular file no larger than the limit for `kind`; a FileProblem otherwise.

    The file is checked with os.stat before it is opened, and opened with O_NONBLOCK, so a FIFO
    or device never blocks; it is checked again on the open handle in case it was swapped.
    """
    path = Path(path)
    limit = SIZE_LIMITS[kind]
    check_input(path, kind)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise FileProblem(f"Could not read {path}: {exc.strerror or exc}.") from None
    try:
        info = os.fstat(fd)
        _check_regular(path, info, limit)
        with os.fdopen(fd, "rb", closefd=False) as handle:
            # read(n) sets aside n bytes first: ask for the file's size, not the limit's (256 MB for
            # an .orgx), and read on within the limit only if the file grew meanwhile.
            data = handle.read(info.st_size + 1)
            if len(data) > info.st_size:
                data += handle.read(limit + 1 - len(data))
    except OSError as exc:
        raise FileProblem(f"Could not read {path}: {exc.strerror or exc}.") from None
    finally:
        os.close(fd)
    if len(data) > limit:
        raise FileProblem(_too_large(path, len(data), limit))
    return data


def check_input(path: str | Path, kind: str) -> None:
    """For readers that open the file themselves (zip archives): regular and within the limit."""
    path = Path(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise FileProblem(f"{path} does not exist.") from None
    except OSError as exc:
        raise FileProblem(f"Could not read {path}: {exc.strerror or exc}.") from None
    _check_regular(path, info, SIZE_LIMITS[kind])


def _check_regular(path: Path, info: os.stat_result, limit: int) -> None:
    if not stat.S_ISREG(info.st_mode):
        what = _KIND_NAMES.get(stat.S_IFMT(info.st_mode), "not a regular file")
        raise FileProblem(f"{path} is {what}, not a file that can be read; give the path of a saved file.")
    if info.st_size > limit:
        raise FileProblem(_too_large(path, info.st_size, limit))


def _too_large(path: Path, size: int, limit: int) -> str:
    return (
        f"{path} is {size / MB:,.0f} MB, over the {limit // MB:,} MB limit for this kind of file; "
        "it is refused as damaged or not what was meant."
    )


_KEEP = b'[]{}"'
_DELETE = bytes(b for b in range(256) if b not in _KEEP)
_ONE_KIND = bytes.maketrans(b"{}", b"[]")
_STRING = re.compile(rb'"[^"]*"')


def json_depth_exceeds(text: str | bytes, limit: int = MAX_JSON_DEPTH) -> bool:
    """Whether JSON `text` nests arrays/objects more than `limit` deep (brackets in strings do not count).

    Byte-level passes in C (a 100,000-post file takes ~40 ms): escaped backslashes and quotes go
    first, then everything but brackets and quotes (objects' braces become brackets: only the
    depth matters here, and the parser refuses a mismatched pair), then the strings, then
    innermost pairs level by level.
    """
    raw = text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text
    if b"\\" in raw:
        raw = raw.replace(b"\\\\", b"").replace(b'\\"', b"")
    brackets = raw.translate(_ONE_KIND, _DELETE).replace(b'""', b"")
    if b'"' in brackets:  # strings holding brackets
        brackets = _STRING.sub(b"", brackets)
    for _level in range(limit):
        if not brackets:
            return False
        inner = brackets.replace(b"[]", b"")
        if len(inner) == len(brackets):
            return False  # unbalanced: the parser will say where
        brackets = inner
    return bool(brackets)


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number this program accepts")


def _bounded_int(text: str) -> int:
    digits = len(text.lstrip("-"))
    if digits > MAX_INT_DIGITS:
        raise ValueError(f"a whole number of {digits:,} digits is too large")
    return int(text)


def loads_json(text: str, source: str, what: str = "valid JSON", depth: int = MAX_JSON_DEPTH) -> Any:
    """Parse JSON text, refusing deep nesting, NaN/Infinity and whole numbers too large to hold.

    A decimal too large for a float (1e999) becomes infinity here: readers of numbers refuse it
    with the field's place (a hook per float would cost 30 ms on a 20,000-post file).
    """
    if json_depth_exceeds(text, depth):
        raise FileProblem(too_deep(source, what, depth))
    return parse_checked_json(text, source, what)


def too_deep(source: str, what: str, depth: int = MAX_JSON_DEPTH) -> str:
    return f"{source} is damaged or not {what}: lists or objects nest more than {depth} deep."


def parse_checked_json(text: str, source: str, what: str = "valid JSON") -> Any:
    """As `loads_json`, for text whose depth the caller has checked (on the bytes it was decoded
    from: re-encoding 30 MB of text to check it costs ~0.1 s)."""
    try:
        data = json.loads(text, parse_int=_bounded_int, parse_constant=_refuse_constant)
    except json.JSONDecodeError as exc:
        raise FileProblem(
            f"{source} is damaged or not {what}: {exc.msg} at line {exc.lineno}, column {exc.colno}."
        ) from None
    except (ValueError, RecursionError) as exc:
        raise FileProblem(f"{source} is damaged or not {what}: {exc}.") from None
    if _SURROGATE_ESCAPE.search(text):  # rare: only a \\udXXX escape in the text makes a lone surrogate
        data = _without_lone_surrogates(data)
    return data


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _without_lone_surrogates(data: Any) -> Any:
    """Half a character (a lone surrogate) cannot be written as UTF-8 by any writer: shown as U+FFFD."""
    if isinstance(data, str):
        return _LONE_SURROGATE.sub("\ufffd", data)
    if isinstance(data, list):
        return [_without_lone_surrogates(item) for item in data]
    if isinstance(data, dict):
        return {_without_lone_surrogates(k): _without_lone_surrogates(v) for k, v in data.items()}
    return data


# ---- outputs --------------------------------------------------------------------------------------


def _read_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_UMASK = _read_umask()  # once, at import: setting it to read it is not safe while worker threads write


def _mode_for(target: Path) -> int:
    """A replaced file keeps its permissions; a new one gets the usual ones (not mkstemp's 0600)."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        return 0o666 & ~_UMASK


def _fsync_folder(folder: Path) -> None:
    if not hasattr(os, "O_DIRECTORY"):
        return  # Windows: a rename is durable without it (and a folder cannot be opened)
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _write_problem(target: Path, exc: BaseException, verb: str = "write") -> FileProblem:
    reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
    folder = target.parent if str(target.parent) else Path()
    if not folder.is_dir():
        reason = f"the folder {folder} does not exist"
    return FileProblem(f"Could not {verb} {target}: {' '.join(reason.split())}. The previous file is unchanged.")


@contextlib.contextmanager
def output_path(
    target: str | Path,
    require_content: bool = True,
    verb: str = "write",
    complete: Callable[[Path], bool] | None = None,
) -> Iterator[Path]:
    """A temporary path beside `target` for a writer that wants a file name (Qt, openpyxl).

    On a clean exit the temporary file is fsynced and renamed over `target`; on any error it is
    removed and the previous `target` is left as it was. An empty result is refused when
    `require_content` (a writer that failed silently must not leave a 0-byte file), and so is one
    that `complete` says is cut short (Qt's PDF writer does not report a full disk).
    """
    target = Path(target)
    refuse_input_as_output(target)
    folder = target.parent if str(target.parent) else Path()
    if target.is_dir():
        raise FileProblem(f"Could not write {target}: it is a folder. Give a file name.")
    try:
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp" + target.suffix, dir=folder)
        os.close(fd)
    except OSError as exc:
        raise _write_problem(target, exc, verb) from None
    temp = Path(name)
    try:
        yield temp
        if require_content and temp.stat().st_size == 0:
            raise FileProblem(f"Could not {verb} {target}: nothing was written. The previous file is unchanged.")
        if complete is not None and not complete(temp):
            raise FileProblem(
                f"Could not {verb} {target}: the file was cut short (is the disk full?). "
                "The previous file is unchanged."
            )
        with temp.open("rb+") as handle:
            os.fsync(handle.fileno())
        os.chmod(temp, _mode_for(target))
        os.replace(temp, target)
        _fsync_folder(folder)
    except OSError as exc:
        raise _write_problem(target, exc, verb) from None
    finally:
        with contextlib.suppress(OSError):
            temp.unlink()


def write_output(target: str | Path, data: bytes, verb: str = "write") -> None:
    """Write `data` to `target` atomically (see module docstring); a FileProblem if it cannot be."""
    target = Path(target)
    with output_path(target, require_content=False, verb=verb) as temp:
        try:
            with temp.open("wb") as handle:
                handle.write(data)
                handle.flush()
        except OSError as exc:
            raise _write_problem(target, exc, verb) from None


def write_text(target: str | Path, text: str, encoding: str = "utf-8") -> None:
    """Text written atomically; characters the encoding cannot hold (lone surrogates) become '?'."""
    write_output(target, text.encode(encoding, errors="replace"))


def pdf_complete(path: Path) -> bool:
    """A PDF ends with its %%EOF marker: one cut short by a full disk does not."""
    with path.open("rb") as handle:
        handle.seek(max(0, path.stat().st_size - 1024))
        return b"%%EOF" in handle.read()
