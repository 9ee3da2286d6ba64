"""The `consultation` command's contract: its JSON keys, exit codes and the HR file it reads."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from orgdesigner.cli import run
from orgdesigner.formats import native
from tests.model.test_consultation import council


def consult(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    code = run(["consultation", *args], out)
    return code, out.getvalue()


@pytest.mark.parametrize(
    "extra, message",
    [
        (("--today", "5/1/2026"), "--today must be a date"),
        (("--map", "m.json"), "--map goes with --equality"),
        (("--equality", "missing.csv"), "missing.csv does not exist"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], extra: tuple[str, ...], message: str
) -> None:
    path = tmp_path / "c.orgx"
    native.save(council({1: 3}), path)
    code, _ = consult(str(path), "--from", "Current", "--to", "Proposed", *extra)
    err = capsys.readouterr().err
    assert code == 2 and message in err and err.count("\n") == 1


def test_hr_file_by_mapping_gives_counts_and_names_missing_columns(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "c.orgx"
    native.save(council({1: 3}), path)
    hr = tmp_path / "hr.csv"
    hr.write_text("Emp No,Gender\n1,Female\n2,female\n")
    mapping = tmp_path / "map.json"
    mapping.write_text(json.dumps({"person_id": "Emp No", "sex": "Gender"}))
    code, text = consult(
        str(path),
        "--from",
        "Current",
        "--to",
        "Proposed",
        "--equality",
        str(hr),
        "--map",
        str(mapping),
        "--format",
        "json",
    )
    assert code == 0
    sexes = json.loads(text)["equality"]["sex"]
    assert [c["category"] for c in sexes] == ["Female", "Not recorded"]
    bad = tmp_path / "bad.csv"
    bad.write_text("Name,Gender\nA,Female\n")
    code, _ = consult(str(path), "--from", "Current", "--to", "Proposed", "--equality", str(bad))
    assert code == 2 and "no column of employee numbers" in capsys.readouterr().err
