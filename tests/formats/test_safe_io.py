"""The one write path and the one read path: nothing half-written, nothing read without a bound."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from orgdesigner import resources
from orgdesigner.formats import native, safe_io
from orgdesigner.model.errors import FileProblem


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp") or ".tmp." in p.name)


def test_a_write_replaces_the_whole_file(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_bytes(b"old")
    safe_io.write_output(target, b"new contents")
    assert target.read_bytes() == b"new contents"
    assert _leftovers(tmp_path) == []


def test_a_failed_write_leaves_the_previous_file_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "report.xlsx"
    target.write_bytes(b"the previous workbook")

    def disk_full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(FileProblem) as caught:
        safe_io.write_output(target, b"x" * 10_000)
    message = str(caught.value)
    assert "\n" not in message and "No space left" in message and "previous file is unchanged" in message
    assert target.read_bytes() == b"the previous workbook"
    assert _leftovers(tmp_path) == []


def test_a_writer_that_fails_half_way_leaves_the_previous_file(tmp_path: Path) -> None:
    target = tmp_path / "chart.pdf"
    target.write_bytes(b"previous pdf")
    with pytest.raises(RuntimeError), safe_io.output_path(target) as temp:
        temp.write_bytes(b"half a pdf")
        raise RuntimeError("painting failed")
    assert target.read_bytes() == b"previous pdf"
    assert _leftovers(tmp_path) == []


def test_a_writer_that_writes_nothing_leaves_no_empty_file(tmp_path: Path) -> None:
    target = tmp_path / "chart.svg"
    with pytest.raises(FileProblem, match="nothing was written"), safe_io.output_path(target):
        pass
    assert not target.exists()
    assert _leftovers(tmp_path) == []


def test_writing_over_an_input_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "a.orgx"
    source.write_bytes(b"precious")
    with safe_io.protected_inputs([str(source)]):
        with pytest.raises(FileProblem, match="also an input"):
            safe_io.write_output(tmp_path / "." / "a.orgx", b"overwritten")
        safe_io.write_output(tmp_path / "b.orgx", b"fine")
    assert source.read_bytes() == b"precious"
    safe_io.write_output(source, b"allowed once the command is over")


def test_a_saved_file_keeps_the_permissions_of_the_one_it_replaces(tmp_path: Path) -> None:
    target = tmp_path / "shared.orgx"
    target.write_bytes(b"x")
    target.chmod(0o640)
    safe_io.write_output(target, b"y")
    assert target.stat().st_mode & 0o777 == 0o640


def test_special_files_are_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "x.orgx"
    os.mkfifo(fifo)
    with pytest.raises(FileProblem, match="pipe"):
        native.load(fifo)
    with pytest.raises(FileProblem, match="device"):
        safe_io.read_input("/dev/zero", "csv")
    with pytest.raises(FileProblem, match="folder"):
        native.load(tmp_path)


def test_a_file_over_its_size_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    sparse = tmp_path / "big.orgx"
    with sparse.open("wb") as handle:
        handle.truncate(2 * 1024**3)  # 2 GB of nothing, costing no disk
    with pytest.raises(FileProblem, match="over the 256 MB limit"):
        native.load(sparse)


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        ('{"schema_version": 1, "x": ' + "[" * 100_000 + "]" * 100_000 + "}", "nest more than 64 deep"),
        ('{"schema_version": 1' + ', "n": 1' + "0" * 5000 + "}", "5,001 digits"),
        ('{"schema_version": 1, "n": NaN}', "NaN"),
        ('{"schema_version": 1, "n": -Infinity}', "Infinity"),
    ],
)
def test_hostile_json_is_refused_with_a_message(text: str, wanted: str) -> None:
    with pytest.raises(FileProblem, match=wanted):
        native.loads(text, "x.orgx")


def test_brackets_inside_text_do_not_count_as_nesting() -> None:
    document = native.load(resources.template("blank-district"))
    document.notes = "[[[[{{{{" * 20 + '\\"' + "]]]]" * 30
    document.organisation = 'Quoted "name" \\ with a backslash'
    again = native.loads(native.dumps(document))
    assert again.notes == document.notes and again.organisation == document.organisation


def test_a_number_too_large_to_hold_names_the_field() -> None:
    document = native.load(resources.template("blank-district"))
    text = native.dumps(document)
    first_id = document.scenario().structure.roots()[0]
    marker = f'"id": "{first_id}",'
    assert marker in text
    with pytest.raises(FileProblem, match=r"\.fte: inf is not a number"):
        native.loads(text.replace(marker, marker + ' "fte": 1e999,', 1))


def test_a_pdf_cut_short_is_not_put_in_place(tmp_path: Path) -> None:
    target = tmp_path / "pack.pdf"
    target.write_bytes(b"%PDF-1.4 the previous pack %%EOF")
    with pytest.raises(FileProblem, match="cut short"), safe_io.output_path(target, complete=safe_io.pdf_complete) as t:
        t.write_bytes(b"%PDF-1.4 half of a pack, the disk full")
    assert target.read_bytes() == b"%PDF-1.4 the previous pack %%EOF"
    assert _leftovers(tmp_path) == []
