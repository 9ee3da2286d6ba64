"""What the command line prints: never a terminal escape from a file, never a traceback from a closed pipe.

Titles and names come from files other people wrote: a title holding ESC [ 2 J, a bell or a carriage
return must not clear or rewrite the user's terminal, and a lone surrogate must not stop the output.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import sys
from collections.abc import Iterator
from typing import TextIO, cast

# C0 controls but tab and newline, DEL, C1 controls (CSI is \x9b), lone surrogates, bidi overrides.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069]")


def escape_controls(text: str) -> str:
    r"""`text` with every control character shown as \uXXXX (valid inside JSON strings too)."""
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


class SafeText(io.TextIOBase):
    """A text stream that escapes control characters before they reach the terminal or pipe."""

    def __init__(self, stream: TextIO) -> None:
        super().__init__()
        self.stream = stream

    def write(self, text: str) -> int:
        self.stream.write(escape_controls(text))
        return len(text)

    def flush(self) -> None:
        self.stream.flush()

    def writable(self) -> bool:
        return True


def safe(stream: TextIO) -> TextIO:
    return stream if isinstance(stream, SafeText) else cast(TextIO, SafeText(stream))


@contextlib.contextmanager
def safe_stderr() -> Iterator[None]:
    """While inside, messages on stderr (notes, errors) are escaped like the output."""
    original = sys.stderr
    sys.stderr = safe(original)
    try:
        yield
    finally:
        sys.stderr = original


def silence_stdout() -> None:
    """The reader closed the pipe (`| head`): send what is left to nowhere, so exit is quiet."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
