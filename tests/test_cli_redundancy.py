"""`orgdesigner redundancy`: HR's calculator on the command line, JSON keys users script against."""

from __future__ import annotations

import json

from tests.test_cli import run


def test_redundancy_json_keys_and_the_issue_example() -> None:
    result = run("redundancy", "--age", "50", "--service", "25", "--salary", "52000", "--date", "2025-06-01",
                 "--format", "json")  # fmt: skip
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data == {"weeks": 24.5, "week_pay": 1000.0, "statutory": 17615.5, "discretionary": 0.0, "total": 17615.5}


def test_redundancy_on_actual_pay_with_a_multiplier() -> None:
    args = ("redundancy", "--age", "50", "--service", "25", "--salary", "52000", "--date", "2025-06-01")
    actual = json.loads(run(*args, "--actual-pay", "--format", "json").stdout)
    assert actual["total"] == 24500.0 and actual["discretionary"] == 24500.0 - 17615.5
    doubled = json.loads(run(*args, "--actual-pay", "--multiplier", "2", "--format", "json").stdout)
    assert doubled["total"] == 49000.0
    text = run(*args).stdout
    assert "£17,615.50" in text and "24.5" in text


def test_redundancy_bad_input_is_one_line_and_exit_2() -> None:
    result = run("redundancy", "--age", "20", "--service", "25", "--salary", "30000")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "not possible at age 20" in result.stderr
    bad_date = run("redundancy", "--age", "50", "--service", "5", "--salary", "30000", "--date", "1/6/25")
    assert bad_date.returncode == 2 and "YYYY-MM-DD" in bad_date.stderr
