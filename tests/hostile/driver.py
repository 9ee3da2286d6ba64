"""Run many orgdesigner commands in one process and report each one's exit code and messages as JSON.

Starting Python and Qt for every command of every hostile input would take minutes; here one process
runs a whole list, each command under an alarm, so a hang is reported (and the calling test's own
timeout is the backstop for a hang the alarm cannot interrupt). Usage: python -m tests.hostile.driver SPEC.json
"""

from __future__ import annotations

import io
import json
import signal
import sys
import time
from pathlib import Path
from types import FrameType

from orgdesigner import cli

ALARM_SECONDS = 40


class Hung(BaseException):
    """Raised by the alarm: BaseException, so the command's own error handling cannot swallow it."""


def _alarm(_signum: int, _frame: FrameType | None) -> None:
    raise Hung


def main() -> int:
    commands: list[list[str]] = json.loads(Path(sys.argv[1]).read_text())
    signal.signal(signal.SIGALRM, _alarm)
    results = []
    for argv in commands:
        out, err = io.StringIO(), io.StringIO()
        saved = sys.stderr
        sys.stderr = err
        start = time.perf_counter()
        signal.alarm(ALARM_SECONDS)
        try:
            code: int | str = cli.run(argv, out=out)
        except Hung:
            code = "hung"
        finally:
            signal.alarm(0)
            sys.stderr = saved
        results.append(
            {"argv": argv, "code": code, "stderr": err.getvalue(), "stdout": out.getvalue()[:2000],
             "seconds": round(time.perf_counter() - start, 2)}
        )  # fmt: skip
    sys.stdout.write(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
