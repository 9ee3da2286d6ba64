"""An establishment list's HR columns reach the postholders: dates, LGPS, notice, strain, plan fields."""

from __future__ import annotations

from pathlib import Path

from orgdesigner.formats.establishment import import_establishment


def test_hr_columns_are_read_into_holders_and_bad_values_are_named(tmp_path: Path) -> None:
    csv = tmp_path / "establishment.csv"
    csv.write_text(
        "Post ID,Job Title,Reports To,Salary,Incumbent,Employee Number,Date of Birth,Continuous Service Date,"
        "LGPS,Notice (weeks),Strain Cost,Effective Date,Delete When Vacated\n"
        "CE,Chief Executive,,150000,A Person,E1,1962-05-01,01/04/1990,Yes,12,81000,,\n"
        "AD,Assistant Director,CE,70000,B Person,E2,31/13/1970,1995-09-01,maybe,lots,,2011-04-01,yes\n"
        "V,Vacant post,CE,40000,,,,,,,,,\n",
        encoding="utf-8",
    )
    result = import_establishment(csv)
    s = result.document.scenario().structure
    ce = s.post("CE").holders[0]
    assert (ce.name, ce.person_id, ce.date_of_birth, ce.service_start) == ("A Person", "E1", "1962-05-01", "1990-04-01")
    assert (ce.lgps_member, ce.notice_weeks, ce.strain_cost) == (True, 12.0, 81_000.0)
    ad = s.post("AD")
    assert ad.effective_date == "2011-04-01" and ad.delete_when_vacated
    assert ad.holders[0].date_of_birth is None and ad.holders[0].service_start == "1995-09-01"
    notes = "\n".join(result.problems)
    assert "row 3 column G (date of birth): '31/13/1970' is not a date" in notes
    assert "row 3 column I (lgps member): 'maybe' is not yes or no" in notes
    assert "row 3 column J (notice weeks): 'lots' is not a number" in notes
    assert s.post("V").holders == () or s.post("V").holders[0].date_of_birth is None
