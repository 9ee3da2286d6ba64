"""The `consultation` command's contract: its JSON keys, exit codes and the HR file it reads."""

from __future__ import annotations

import io
import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from orgdesigner.cli import run
from orgdesigner.formats import native
from tests.model.test_consultation import TODAY, _phase, council


def consult(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    code = run(["consultation", *args], out)
    return code, out.getvalue()


def test_contract_keys_and_exit_0_with_time_enough(tmp_path: Path) -> None:
    path = tmp_path / "c.orgx"
    native.save(council({1: 20}, phases=[_phase(1, date_after(40))]), path)
    code, text = consult(
        str(path), "--from", "Current", "--to", "Proposed", "--today", TODAY.isoformat(), "--format", "json"
    )
    assert code == 0
    data = json.loads(text)
    assert {"at_risk", "phases", "member_appointments", "protected_dismissals", "equality"} <= set(data)
    assert data["at_risk"] == 20
    phase = data["phases"][0]
    assert {"phase", "first_dismissal", "at_risk", "consultation_days", "consult_by", "hr1_by", "enough_time"} <= set(
        phase
    )
    assert phase["first_dismissal"] == date_after(40).isoformat()


def test_exit_1_when_a_future_phase_leaves_too_little_time(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "c.orgx"
    native.save(council({1: 20}, phases=[_phase(1, date_after(10))]), path)
    code, text = consult(str(path), "--from", "Current", "--to", "Proposed", "--today", TODAY.isoformat())
    assert code == 1
    assert "TOO LITTLE TIME" in text and "ERROR: Phase 1" in text


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


def date_after(days: int) -> date:
    return TODAY + timedelta(days=days)
