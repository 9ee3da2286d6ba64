"""What Qt's PDF writer cannot say: the document's language.

Qt writes the title and author, but no /Lang in the catalog, and a screen reader then reads the
pack in its default voice. The language is added as a PDF incremental update (ISO 32000-1 §7.5.6):
a new copy of the catalog appended with its own cross-reference section, so nothing Qt wrote moves.
"""

from __future__ import annotations

import re
from pathlib import Path

from orgdesigner.model.errors import FileProblem

_LANGUAGE = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*")


def check_language(language: str) -> str:
    """A BCP 47 language tag (en-GB, cy), or a message saying what is expected."""
    if not _LANGUAGE.fullmatch(language):
        raise FileProblem(f"'{language}' is not a language tag such as en-GB or cy.")
    return language


def set_language(path: Path, language: str) -> None:
    """Give the PDF at `path` the natural language `language` (a BCP 47 tag such as en-GB)."""
    check_language(language)
    data = path.read_bytes()
    trailer_at = data.rfind(b"trailer")
    startxref = re.search(rb"startxref\s+(\d+)", data[trailer_at:])
    root = re.search(rb"/Root\s+(\d+)\s+(\d+)\s+R", data[trailer_at:])
    size = re.search(rb"/Size\s+(\d+)", data[trailer_at:])
    if trailer_at < 0 or startxref is None or root is None or size is None:
        raise FileProblem(f"Could not finish {path}: the PDF written has no trailer to extend.")
    number, generation = int(root.group(1)), int(root.group(2))
    copies = list(re.finditer(rb"(?<![0-9])%d %d obj\s*<<(.*?)>>\s*endobj" % (number, generation), data, re.S))
    if not copies:
        raise FileProblem(f"Could not finish {path}: the PDF written has no catalog.")
    catalog = copies[-1]  # the last copy is the one in force
    body = re.sub(rb"/Lang\s*\([^)]*\)", b"", catalog.group(1))
    extra = [m.group(0) for key in (rb"/Info", rb"/ID") if (m := _entry(data[trailer_at:], key))]
    update = bytearray(b"" if data.endswith(b"\n") else b"\n")
    offset = len(data) + len(update)
    update += b"%d %d obj\n<<%s/Lang (%s)\n>>\nendobj\n" % (number, generation, body.rstrip(), language.encode())
    xref_at = len(data) + len(update)
    update += b"xref\n%d 1\n%010d %05d n \n" % (number, offset, generation)
    update += b"trailer\n<<\n/Size %s\n/Root %d %d R\n" % (size.group(1), number, generation)
    for entry in extra:
        update += entry + b"\n"
    update += b"/Prev %s\n>>\nstartxref\n%d\n%%%%EOF\n" % (startxref.group(1), xref_at)
    with path.open("ab") as handle:
        handle.write(update)


def _entry(trailer: bytes, key: bytes) -> re.Match[bytes] | None:
    if key == b"/ID":
        return re.search(rb"/ID\s*\[[^\]]*\]", trailer)
    return re.search(re.escape(key) + rb"\s+\d+\s+\d+\s+R", trailer)
