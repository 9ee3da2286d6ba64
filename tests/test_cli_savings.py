"""`compare` gains the cost of change: the JSON keys scripts read, and the text a council officer reads."""

from __future__ import annotations

import json
from pathlib import Path

from tests.test_cli import run


def test_compare_json_has_the_savings_profile(tmp_path: Path) -> None:
    ce = tmp_path / "ce.orgx"
    assert run("new", "--template", "cheshire-east-2013", "-o", str(ce)).returncode == 0
    result = run("compare", str(ce), "--from", "Current", "--to", "Proposed", "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    years = data["financial_years"]
    assert [y["year"] for y in years] == ["2013/14", "2014/15", "2015/16"]
    assert all(set(y) == {"year", "saving", "one_off", "net", "cumulative_net"} for y in years)
    assert years[-1]["saving"] == data["annual_saving"]  # every change is in force by Year 3
    assert data["one_off_total"] == round(sum(y["one_off"] for y in years), 2) > 0
    assert years[0]["net"] == round(years[0]["saving"] - years[0]["one_off"], 2)
    assert years[-1]["cumulative_net"] == round(sum(y["net"] for y in years), 2)
    assert isinstance(data["payback_months"], int) and data["payback_months"] > 0
    bands = data["exit_packages"]
    assert bands[0]["band"] == {"from": 0, "to": 20_000}
    assert sum(b["count"] for b in bands) == data["redundancies"] > 0
    assert {"redundancies", "turnover_exits"} <= set(data)
    targets = {t["name"]: t for t in data["targets"]}
    assert targets["saving_year_3"]["achieved"] == years[2]["saving"]


def test_a_file_without_person_data_opens_and_says_how_many_lack_it(tmp_path: Path) -> None:
    ce = tmp_path / "ce.orgx"
    assert run("new", "--template", "cheshire-east-2013", "-o", str(ce)).returncode == 0
    data = json.loads(ce.read_text(encoding="utf-8"))
    for scenario in data["scenarios"]:
        for post in scenario["posts"]:
            post.pop("holders", None)
    old = tmp_path / "old.orgx"
    old.write_text(json.dumps(data), encoding="utf-8")
    text = run("compare", str(old), "--from", "Current", "--to", "Proposed")
    assert text.returncode == 0, text.stderr
    assert "savings profile" in text.stdout and "2013/14" in text.stdout
    assert "lack HR data" in text.stdout
    figures = json.loads(run("compare", str(old), "--from", "Current", "--to", "Proposed", "--format", "json").stdout)
    assert figures["people_without_data"] > 0 and figures["one_off_total"] < 10_000  # pay protection only
