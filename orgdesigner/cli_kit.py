"""What every command-line command shares: the exit codes users script against, the usage error,
opening a file and writing a result as text or JSON. The commands live in cli.py and, beside it,
cli_pictures.py and cli_change.py, which all take these from here.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TextIO

from orgdesigner.formats import native
from orgdesigner.model.document import Document
from orgdesigner.model.errors import OrgError

EXIT_OK, EXIT_FINDINGS, EXIT_BAD_INPUT = 0, 1, 2


class UsageError(OrgError):
    """The command line itself is wrong (unknown option, missing argument)."""


def load_document(path: str, problems: list[str] | None = None) -> Document:
    return native.load(Path(path), problems)


def write_text_or_json(data: object, text: str, fmt: str, out: TextIO) -> None:
    if fmt == "json":
        json.dump(data, out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        out.write(text)
