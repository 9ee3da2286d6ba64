"""Entry point: `orgdesigner` opens the window; `orgdesigner COMMAND …` runs a command."""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    import os

    if os.environ.get("ORGDESIGNER_QT_PROBE"):  # the bundled app asked, in a child, whether Qt can start
        from orgdesigner.qtcheck import probe

        return probe()
    from orgdesigner.cli import run

    return run(list(sys.argv[1:] if argv is None else argv))


if __name__ == "__main__":
    sys.exit(main())
