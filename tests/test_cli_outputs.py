"""Outputs on the command line: never over an input, never half-written, pictures within their limits."""

from __future__ import annotations

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
