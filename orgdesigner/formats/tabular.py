"""Reading spreadsheets-as-text: encodings, header spellings and the numbers people type.

Shared by the organogram and establishment importers, which both meet files saved by hand.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from orgdesigner.formats import safe_io
from orgdesigner.model.errors import FileProblem


def decode(raw: bytes, source: str) -> tuple[str, str]:
    """Text of a CSV saved as UTF-8 (with or without BOM) or Windows-1252, and which it was."""
    try:
        return raw.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252"), "cp1252"
    except UnicodeDecodeError as exc:
        raise FileProblem(
            f"{source}: the text is neither UTF-8 nor Windows-1252 (byte {exc.start}); save it as CSV UTF-8."
        ) from None


def read_bytes(path: Path, kind: str = "csv") -> bytes:
    """A regular file within the size limit for its kind (see safe_io.SIZE_LIMITS)."""
    return safe_io.read_input(path, kind)


def header_key(text: str) -> str:
    """'Actual Pay Floor (£)' and 'actual pay floor' compare equal; so do other spellings of a header."""
    text = text.replace("\ufeff", "").replace("\u00a3", "").replace("\u00c2", "")
    text = re.sub(r"\(.*?\)", " ", text.lower())
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


@dataclass
class Table:
    """Rows of a CSV with the physical line each began on (for messages)."""

    source: str
    header: list[str]
    rows: list[tuple[int, list[str]]]
    encoding: str


def read_csv(raw: bytes, source: str) -> Table:
    text, encoding = decode(raw, source)
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    header: list[str] | None = None
    rows: list[tuple[int, list[str]]] = []
    try:
        start = 1
        for record in reader:
            if header is None:
                if any(cell.strip() for cell in record):
                    header = record
                start = reader.line_num + 1
                continue
            if any(cell.strip() for cell in record):
                rows.append((start, record))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise FileProblem(f"{source} line {reader.line_num}: the CSV is damaged ({exc}).") from None
    if header is None:
        raise FileProblem(f"{source} is empty: there is no header row.")
    return Table(source, header, rows, encoding)


def find_columns(header: list[str], aliases: dict[str, tuple[str, ...]]) -> dict[str, int]:
    """Map field names to column indexes by header spelling; unnamed columns are ignored."""
    keys = [header_key(h) for h in header]
    found: dict[str, int] = {}
    for name, spellings in aliases.items():
        for spelling in spellings:
            wanted = header_key(spelling)
            if wanted in keys:
                found[name] = keys.index(wanted)
                break
    return found


BLANKS = frozenset({"", "n/d", "nd", "n/a", "na", "not disclosed", "-", "none", "null", "nil"})


class BadNumber(ValueError):
    """A cell that should hold a number does not."""


def number(cell: str) -> float | None:
    """A number as people type it (£80,000, 0.5, blank or N/D for none)."""
    text = cell.strip()
    if text.lower() in BLANKS:
        return None
    cleaned = re.sub(r"[£$,\s\u00a3\u00c2]", "", text)
    if cleaned.endswith("%"):
        raise BadNumber(text)
    try:
        return float(cleaned)
    except ValueError:
        raise BadNumber(text) from None


def cell(row: list[str], columns: dict[str, int], name: str) -> str:
    index = columns.get(name)
    if index is None or index >= len(row):
        return ""
    return row[index].strip()
