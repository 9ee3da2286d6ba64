"""People in posts: holders round-trip through the .orgx file, older files still open, and keys
this version does not know are written back rather than dropped."""

from __future__ import annotations

import json
from collections.abc import Mapping

import pytest

from orgdesigner.formats import native
from orgdesigner.model.edits import UpdatePost
from orgdesigner.model.errors import EditRefused, FileProblem
from orgdesigner.model.post import Holder


def _file(post: Mapping[str, object], **top: object) -> str:
    scenario = {"name": "Current", "posts": [{"id": "CE", "title": "Chief Executive"}, post], "staff_groups": []}
    data = {"schema_version": 1, "organisation": "Test", "scenarios": [scenario], **top}
    return json.dumps(data)


def test_a_job_share_is_two_holders_with_their_own_fte_and_hr_fields_after_a_save() -> None:
    post = {
        "id": "HR",
        "title": "Head of HR",
        "reports_to": "CE",
        "professional_body": "CIPD",
        "effective_date": "2011-04-01",
        "delete_when_vacated": True,
        "reselect": True,
        "establishment": "EST-042",
        "holders": [
            {
                "name": "Ann",
                "fte": 0.6,
                "person_id": "E1",
                "date_of_birth": "1970-02-03",
                "lgps_member": True,
                "protected_pension_age": 55,
            },
            {"name": "Bo", "fte": 0.4, "salary": 61000, "service_start": "2001-09-01", "notice_weeks": 12},
        ],
    }
    document = native.loads(native.dumps(native.loads(_file(post))))
    hr = document.scenario().structure.post("HR")
    assert hr.holders == (
        Holder(
            name="Ann", fte=0.6, person_id="E1", date_of_birth="1970-02-03", lgps_member=True, protected_pension_age=55
        ),
        Holder(name="Bo", fte=0.4, salary=61000, service_start="2001-09-01", notice_weeks=12),
    )
    assert hr.incumbent == "Ann / Bo"
    assert (hr.professional_body, hr.effective_date, hr.establishment) == ("CIPD", "2011-04-01", "EST-042")
    assert hr.delete_when_vacated and hr.reselect


def test_an_older_file_with_an_incumbent_opens_with_that_person_as_the_holder() -> None:
    document = native.loads(_file({"id": "HR", "title": "Head of HR", "reports_to": "CE", "incumbent": "Ann"}))
    hr = document.scenario().structure.post("HR")
    assert hr.holders == (Holder(name="Ann", fte=1.0),)
    assert "incumbent" not in native.dumps(document)


def test_unknown_keys_everywhere_are_written_back_on_save() -> None:
    post = {"id": "S151", "title": "Finance", "reports_to": "CE", "qualification": "CIPFA", "holders": [{"x": [1]}]}
    text = _file(post, custodian={"name": "HR"}, profile={"future_limit": 3})
    data = json.loads(text)
    data["scenarios"][0]["phase_plan"] = {"p": 1}
    data["scenarios"][0]["staff_groups"] = [{"id": "g", "manager_id": "CE", "title": "Staff", "band": "B"}]
    saved = json.loads(native.dumps(native.loads(json.dumps(data))))
    assert saved["custodian"] == {"name": "HR"}
    assert saved["profile"]["future_limit"] == 3
    scenario = saved["scenarios"][0]
    assert scenario["phase_plan"] == {"p": 1}
    assert scenario["staff_groups"][0]["band"] == "B"
    finance = next(p for p in scenario["posts"] if p["id"] == "S151")
    assert finance["qualification"] == "CIPFA"
    assert finance["holders"] == [{"x": [1]}]


@pytest.mark.parametrize(
    ("holder", "message"),
    [
        ({"fte": "full"}, "holders[0].fte: expected a number"),
        ({"fte": 0}, "FTE must be more than 0"),
        ({"date_of_birth": "3rd May"}, "date of birth '3rd May' is not a date"),
        ({"lgps_member": "yes"}, "lgps_member: expected true, false or null"),
        ({"notice_weeks": -1}, "notice must be between 0 and 104 weeks"),
        ({"notice_weeks": 500}, "notice must be between 0 and 104 weeks"),
        ({"strain_cost": 2e7}, "strain cost must be between £0 and £10m"),
    ],
)
def test_a_bad_holder_field_is_named(holder: dict[str, object], message: str) -> None:
    with pytest.raises(FileProblem, match="HR") as info:
        native.loads(_file({"id": "HR", "title": "Head of HR", "reports_to": "CE", "holders": [holder]}))
    assert message in str(info.value)


@pytest.mark.parametrize("key", ["salary", "notice_weeks", "strain_cost", "protected_pension_age", "fte"])
def test_a_holder_number_too_big_for_a_float_is_refused_on_opening_not_saved_as_infinity(key: str) -> None:
    """JSON's 1e400 reads as infinity: kept, it would be saved as a file that cannot be opened again."""
    text = _file({"id": "HR", "title": "Head of HR", "reports_to": "CE", "holders": [{"name": "Ann", key: 1}]})
    text = text.replace(f'"{key}": 1', f'"{key}": 1e400')
    with pytest.raises(FileProblem, match=rf"holders\[0\]\.{key}: inf is not a number this program can hold"):
        native.loads(text)


def test_editing_the_incumbent_names_the_holders_and_undo_puts_their_hr_fields_back() -> None:
    post = {"id": "HR", "title": "Head of HR", "reports_to": "CE", "holders": [{"name": "Ann", "person_id": "E1"}]}
    structure = native.loads(_file(post)).scenario().structure
    inverse = structure.apply(UpdatePost("HR", {"incumbent": "Ann Smith"})).inverse
    assert structure.post("HR").holders == (Holder(name="Ann Smith", person_id="E1"),)
    structure.apply(UpdatePost("HR", {"incumbent": "Ann / Bo"}))
    assert [h.fte for h in structure.post("HR").holders] == [0.5, 0.5]
    structure.apply(inverse)
    assert structure.post("HR").holders == (Holder(name="Ann", person_id="E1"),)
    with pytest.raises(EditRefused, match="service date"):
        structure.apply(UpdatePost("HR", {"holders": [{"name": "Ann", "service_start": "soon"}]}))
