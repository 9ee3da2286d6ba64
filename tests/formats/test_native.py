"""The .orgx file: damaged or foreign files get one clear message; saving never loses the old file."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from orgdesigner import resources
from orgdesigner.formats import native
from orgdesigner.model.errors import FileProblem


def _template() -> dict[str, object]:
    data: dict[str, object] = json.loads(resources.template("cheshire-east-2013").read_text(encoding="utf-8"))
    return data


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{not json", "damaged or not an orgdesigner file: Expecting property name"),
        ('{"hello": 1}', "not an orgdesigner file (it has no schema_version)"),
        ('{"schema_version": 99, "scenarios": []}', "newer orgdesigner (file schema 99)"),
        ('{"schema_version": 1, "scenarios": []}', "holds no scenarios"),
        (
            '{"schema_version": 1, "council_type": "parish", "scenarios": []}',
            "council_type: 'parish' is not one of",
        ),
    ],
)
def test_damaged_and_foreign_files_name_the_problem(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "bad.orgx"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FileProblem) as info:
        native.load(path)
    assert str(path) in str(info.value)
    assert message in str(info.value)


def test_a_bad_field_is_named_with_its_place(tmp_path: Path) -> None:
    data = _template()
    data["scenarios"][0]["posts"][3]["fte"] = "lots"  # type: ignore[index]
    path = tmp_path / "ce.orgx"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(FileProblem, match=r"scenarios\[0\]\.posts\[3\] \(id 'HOS-P1'\)\.fte: expected a number"):
        native.load(path)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("title", 5, ".title: expected text, found a number 5."),
        ("side", "elsewhere", ".side: 'elsewhere' is not one of commissioning"),
        ("roles", ["king"], '.roles: ["king"] holds a role that is not one of'),
        ("reports_to", 7, ".reports_to: expected text, found a number 7."),
        ("dotted", "CE", ".dotted: expected a list of post ids."),
        ("fte", 9, ": "),  # a value no post can have: refused with the reason
    ],
)
def test_each_kind_of_bad_post_field_is_named(tmp_path: Path, field: str, value: object, message: str) -> None:
    data = _template()
    data["scenarios"][0]["posts"][3][field] = value  # type: ignore[index]
    path = tmp_path / "ce.orgx"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(FileProblem) as info:
        native.load(path)
    assert "scenarios[0].posts[3] (id 'HOS-P1')" + message in str(info.value)


def test_unknown_manager_and_loops_go_to_the_holding_area(tmp_path: Path) -> None:
    data = _template()
    posts = data["scenarios"][0]["posts"]  # type: ignore[index]
    posts[1]["reports_to"] = "NOBODY"
    posts.append({"id": "L1", "title": "Loop one", "reports_to": "L2"})
    posts.append({"id": "L2", "title": "Loop two", "reports_to": "L1"})
    path = tmp_path / "ce.orgx"
    path.write_text(json.dumps(data), encoding="utf-8")
    problems: list[str] = []
    s = native.load(path, problems).scenarios[0].structure
    assert "NOBODY" in s.holding_reason(posts[1]["id"])
    assert {"L1", "L2"} <= set(s.post_ids())
    assert any("reporting loop" in p for p in problems)


def test_failed_save_leaves_the_old_file_intact(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    document = native.load(resources.template("cheshire-east-2013"))
    path = tmp_path / "ce.orgx"
    native.save(document, path)
    before = path.read_bytes()
    document.organisation = "Changed"

    def broken_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(FileProblem, match=r"No space left on device\. The previous file is unchanged"):
        native.save(document, path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["ce.orgx"]  # no temporary file left behind


def test_save_into_a_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    document = native.load(resources.template("blank-district"))
    with pytest.raises(FileProblem, match="Could not save"):
        native.save(document, tmp_path / "no" / "such" / "x.orgx")


def test_a_post_without_a_title_opens_untitled(tmp_path: Path) -> None:
    """A hand-made file may leave a post's title out (once a crash with a traceback)."""
    posts = [{"id": "ce"}, {"id": "a", "reports_to": "ce", "title": "Director", "pay_floor": 90000}]
    path = tmp_path / "untitled.orgx"
    path.write_text(json.dumps({"schema_version": 1, "scenarios": [{"name": "Now", "posts": posts}]}))
    structure = native.load(path).scenario("Now").structure
    assert [(p.id, p.title) for p in structure] == [("ce", ""), ("a", "Director")]
