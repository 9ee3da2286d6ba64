"""Hostile inputs, made by the tests themselves: what careless, broken or malicious files look like.

Each maker writes one file (or special file) into a folder and returns its path. The kinds come
from what real returns and real users produce (NaN salaries, job shares past the FTE limit, titles
with terminal escapes) and from what an attacker would try (a FIFO named .orgx, /dev/zero, a
sparse 2 GB file, JSON nested 100,000 deep, integers of thousands of digits).
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

SENIOR = [
    "Post Unique Reference", "Name", "Grade (or equivalent)", "Job Title", "Job/Team Function", "Parent Department",
    "Organisation", "Unit", "Reports to Senior Post", "FTE", "Actual Pay Floor (£)", "Actual Pay Ceiling (£)",
]  # fmt: skip
JUNIOR = [
    "Reporting Senior Post",
    "Generic Job Title",
    "Payscale Minimum (£)",
    "Payscale Maximum (£)",
    "Number of Posts in FTE",
]


def _orgx(posts: list[dict[str, Any]], organisation: str = "Hostile Borough", scenarios: int = 1) -> str:
    names = ["Current", "Proposed"][:scenarios]
    document = {
        "format": "orgdesigner",
        "schema_version": 1,
        "organisation": organisation,
        "scenarios": [{"name": n, "posts": posts} for n in names],
    }
    return json.dumps(document)


def _posts(title: str = "Officer", count: int = 3) -> list[dict[str, Any]]:
    return [{"id": f"P{i}", "title": f"{title} {i}", "reports_to": "P0" if i else None} for i in range(count)]


def _csv(header: list[str], rows: list[list[str]]) -> bytes:
    buffer = io.StringIO(newline="")
    csv.writer(buffer).writerows([header, *rows])
    return buffer.getvalue().encode("utf-8")


def _write(name: str, data: bytes | str) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data)
        return path

    return make


def _fifo(name: str) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / name
        os.mkfifo(path)
        return path

    return make


def _sparse(name: str) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / name
        with path.open("wb") as handle:
            handle.truncate(2 * 1024**3)  # 2 GB that cost no disk
        return path

    return make


def _link(name: str, target: str) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / name
        path.symlink_to(target)
        return path

    return make


def _folder(name: str) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / name
        path.mkdir()
        return path

    return make


def deep_chain(count: int) -> str:
    """Posts each reporting to the one before: a chart `count` cards tall."""
    posts = [{"id": f"P{i}", "title": f"Post {i}", "reports_to": f"P{i - 1}" if i else None} for i in range(count)]
    return _orgx(posts)


_VALID = _orgx(_posts(), scenarios=2)

ORGX: dict[str, Callable[[Path], Path]] = {
    "fifo": _fifo("fifo.orgx"),
    "sparse-2GB": _sparse("sparse.orgx"),
    "dev-zero": _link("zero.orgx", "/dev/zero"),
    "folder": _folder("folder.orgx"),
    "missing": lambda folder: folder / "missing.orgx",
    "empty": _write("empty.orgx", b""),
    "binary": _write("binary.orgx", bytes(range(256)) * 64),
    "latin-1": _write("latin1.orgx", _VALID.replace("Hostile", "Hostile \u00e9").encode("latin-1")),
    "truncated": _write("truncated.orgx", _VALID[: len(_VALID) // 2]),
    "deep-json": _write("deep.orgx", '{"schema_version": 1, "x": ' + "[" * 100_000 + "]" * 100_000 + "}"),
    "huge-int": _write(
        "hugeint.orgx", _VALID.replace('"title": "Officer 1"', '"fte": 1' + "0" * 5000 + ', "title": "x"')
    ),
    "big-int": _write("bigint.orgx", _VALID.replace('"title": "Officer 1"', '"fte": 1' + "0" * 400 + ', "title": "x"')),
    "nan": _write("nan.orgx", _VALID.replace('"title": "Officer 1"', '"fte": NaN, "title": "x"')),
    "infinity": _write("inf.orgx", _VALID.replace('"title": "Officer 1"', '"pay_floor": 1e999, "title": "x"')),
    "out-of-range": _write("range.orgx", _VALID.replace('"title": "Officer 1"', '"pay_floor": -5, "title": "x"')),
    "wrong-types": _write("types.orgx", _VALID.replace('"title": "Officer 1"', '"title": {"a": [1]}, "roles": 7')),
    "not-object": _write("list.orgx", "[1, 2, 3]"),
    "newer-schema": _write("newer.orgx", _VALID.replace('"schema_version": 1', '"schema_version": 99')),
    "loop": _write(
        "loop.orgx",
        _orgx([{"id": "A", "title": "A", "reports_to": "B"}, {"id": "B", "title": "B", "reports_to": "A"}]),
    ),
    "surrogates": _write(
        "surrogate.orgx", _orgx(_posts("Head \ud800 of \udfff"), organisation="Borough \ud83d", scenarios=2)
    ),
    "control-chars": _write(
        "control.orgx",
        _orgx(_posts("Chief\x1b[2J\x07\r\x00\x9b31m"), organisation="=cmd|' /C calc'!A0\x01", scenarios=2),
    ),
    "formula-titles": _write("formula.orgx", _orgx(_posts('=HYPERLINK("http://x","y")'), organisation="@SUM(1+1)")),
    "chain-1500": _write("chain.orgx", deep_chain(1_500)),  # 10,000 deep: test_a_picture_too_large_fails_fast
}

CSV: dict[str, Callable[[Path], Path]] = {
    "csv-fifo": _fifo("fifo.csv"),
    "csv-dev-zero": _link("zero.csv", "/dev/zero"),
    "csv-sparse": _sparse("sparse.csv"),
    "csv-empty": _write("empty.csv", b""),
    "csv-binary": _write("binary.csv", bytes(range(256)) * 64),
    "csv-nul": _write(
        "nul.csv", _csv(SENIOR, [["A", "Ann", "SCS1", "Chief\x00", "", "D", "O", "U", "XX", "1", "1", "2"]])
    ),
    "csv-hostile-numbers": _write(
        "numbers.csv",
        _csv(
            SENIOR,
            [
                ["CE", "Ann", "SCS3", "Chief Executive", "", "D", "O", "U", "XX", "NaN", "Infinity", "1e308"],
                ["D1", "Bob", "SCS2", "Director", "", "D", "O", "U", "CE", "1e9", "-50000", "25,000,000"],
                ["D2", "Cat", "SCS2", "Director", "", "D", "O", "U", "CE", "3", "2,392,628,695", "1" + "0" * 400],
                ["D2", "Dan", "SCS2", "Director", "", "D", "O", "U", "CE", "2.5", "-inf", "nan"],
            ],
        ),
    ),
    "csv-odd-text": _write(
        "odd.csv",
        _csv(
            SENIOR,
            [["CE", "=cmd|' /C calc'!A0", "SCS3", "Chief\x1b[2J\x07", "", "D", "@SUM(1)", "U", "XX", "1", "", ""]],
        ),
    ),
    "csv-no-header-match": _write("wrong.csv", b"a,b,c\n1,2,3\n"),
    "csv-one-huge-line": _write("huge-line.csv", b"Job Title," + b"x" * 3_000_000 + b"\n"),
}
JUNIOR_CSV: dict[str, Callable[[Path], Path]] = {
    "junior-hostile-numbers": _write(
        "junior.csv",
        _csv(
            JUNIOR, [["CE", "Staff", "NaN", "-1", "1e9"], ["CE", "Staff", "5", "4", "-3"], ["ZZ", "x", "", "", "inf"]]
        ),
    ),
}
MAPS: dict[str, Callable[[Path], Path]] = {
    "map-deep": _write("deep-map.json", "[" * 100_000 + "]" * 100_000),
    "map-huge-int": _write("int-map.json", '{"title": 1' + "0" * 5000 + "}"),
    "map-fifo": _fifo("fifo-map.json"),
    "map-not-object": _write("list-map.json", '["title"]'),
}
