"""Outputs on the command line: never over an input, never half-written, pictures within their limits."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "orgdesigner", *args], capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "small.orgx"
    assert run("new", "--template", "blank-district", "-o", str(path)).returncode == 0
    return path


@pytest.mark.parametrize(
    "command",
    [
        ["export", "{f}", "--xlsx", "{f}"],
        ["export", "{f}", "--organogram-senior", "{f}"],
        ["pdf", "{f}", "-o", "{f}"],
        ["svg", "{f}", "-o", "{f}"],
        ["png", "{f}", "-o", "{f}"],
    ],
)
def test_an_output_over_the_input_is_refused_and_the_input_kept(small: Path, command: list[str]) -> None:
    before = small.read_bytes()
    result = run(*[part.format(f=small) for part in command])
    assert result.returncode == 2
    assert "also an input" in result.stderr and result.stderr.count("\n") == 1
    assert small.read_bytes() == before


def test_two_exports_to_one_file_are_refused(small: Path, tmp_path: Path) -> None:
    out = tmp_path / "both.csv"
    result = run("export", str(small), "--organogram-senior", str(out), "--transparency", str(out))
    assert result.returncode == 2 and "same file" in result.stderr
    assert not out.exists()


def test_an_export_into_a_missing_folder_says_so_and_leaves_nothing(small: Path, tmp_path: Path) -> None:
    result = run("pdf", str(small), "-o", str(tmp_path / "no" / "chart.pdf"))
    assert result.returncode == 2 and "does not exist" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_screenshot_too_large_is_refused_at_once(small: Path, tmp_path: Path) -> None:
    out = tmp_path / "shot.png"
    result = run("screenshot", str(small), "-o", str(out), "--size", "30000x30000")
    assert result.returncode == 2 and "png --branch" in result.stderr
    assert not out.exists()


def _write_orgx(path: Path, title: str, organisation: str = "Council") -> Path:
    posts = [
        {"id": "A", "title": title, "reports_to": None},
        {"id": "B", "title": "Deputy " + title, "reports_to": "A"},
    ]
    document = {
        "format": "orgdesigner",
        "schema_version": 1,
        "organisation": organisation,
        "scenarios": [{"name": "Current", "posts": posts}],
    }
    path.write_text(json.dumps(document), encoding="utf-8")  # json escapes control characters and surrogates
    return path


def test_terminal_escapes_in_titles_are_shown_not_obeyed(tmp_path: Path) -> None:
    source = _write_orgx(tmp_path / "esc.orgx", "Chief\x1b[2J\x07\r Executive\x9b31m")
    result = run("validate", str(source))
    assert result.returncode in (0, 1)
    assert not any(ch in result.stdout for ch in "\x1b\x07\r\x9b")
    assert "Chief\\u001b[2J\\u0007\\u000d Executive" in result.stdout
    as_json = run("validate", str(source), "--format", "json")
    titles = {p["title"] for f in json.loads(as_json.stdout) for p in f["posts"]}
    assert "Chief\x1b[2J\x07\r Executive\x9b31m" in titles  # JSON keeps the exact text


def test_a_reader_that_stops_early_ends_the_command_quietly(tmp_path: Path) -> None:
    source = tmp_path / "big.orgx"
    # a chain 3,000 deep: a finding per post below layer 7, far more than a pipe holds
    posts = [{"id": f"P{i}", "title": f"Officer {i}", "reports_to": f"P{i - 1}" if i else None} for i in range(3000)]
    source.write_text(json.dumps({"schema_version": 1, "scenarios": [{"name": "S", "posts": posts}]}))
    command = [sys.executable, "-m", "orgdesigner", "validate", str(source), "--format", "json"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
        assert process.stdout is not None and process.stderr is not None
        process.stdout.read(10)
        process.stdout.close()  # what `| head -c 10` does
        stderr = process.stderr.read().decode()
        code = process.wait(timeout=120)
    assert code == 0  # not 1 (the findings): the output was cut short by its reader
    assert stderr == ""


def test_control_characters_and_half_characters_reach_every_writer_safely(tmp_path: Path) -> None:
    from xml.dom import minidom

    source = _write_orgx(tmp_path / "odd.orgx", "Head of \x01\x02 Services \ud800", organisation="Borough \udfff\x03")
    svg = tmp_path / "chart.svg"
    assert run("svg", str(source), "-o", str(svg)).returncode == 0
    minidom.parse(str(svg))  # valid XML: raises if not
    for command in (
        ["pdf", str(source), "-o", str(tmp_path / "chart.pdf")],
        ["png", str(source), "-o", str(tmp_path / "chart.png")],
        [
            "export",
            str(source),
            "--organogram-senior",
            str(tmp_path / "s.csv"),
            "--transparency",
            str(tmp_path / "t.csv"),
        ],
        ["validate", str(source)],
        ["metrics", str(source), "--format", "json"],
    ):
        result = run(*command)
        assert result.returncode in (0, 1), result.stderr
        assert "Traceback" not in result.stderr and "went wrong" not in result.stderr
    assert "Head of" in (tmp_path / "s.csv").read_text(encoding="utf-8-sig")
