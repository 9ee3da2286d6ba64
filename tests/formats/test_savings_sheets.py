"""The HR workbook's Savings profile (live formulas that also hold their values) and Exit costs sheets."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from orgdesigner import resources
from orgdesigner.formats import native
from orgdesigner.formats.hr_workbook import export_workbook
from orgdesigner.model.compare import compare


def test_savings_profile_sheet_has_live_formulas_holding_their_values(tmp_path: Path) -> None:
    document = native.load(resources.template("cheltenham-2011"))
    path = tmp_path / "hr.xlsx"
    export_workbook(document, path, "Proposed")
    finance = compare(document, "Current", "Proposed").finance
    assert finance is not None
    formulas = openpyxl.load_workbook(path)["Savings profile"]
    values = openpyxl.load_workbook(path, data_only=True)["Savings profile"]
    labels = {values.cell(r, 1).value: r for r in range(1, values.max_row + 1)}
    saving_row, one_off_row = labels["Saving (part-year effects)"], labels["One-off costs"]
    header = next(r for r in range(1, 10) if values.cell(r, 1).value == "Post ID")
    years = [values.cell(header, c).value for c in range(6, 6 + len(finance.years))]
    assert years == [y.year for y in finance.years] == ["2011/12", "2012/13", "2013/14"]
    for n, year in enumerate(finance.years):
        assert str(formulas.cell(saving_row, 6 + n).value).startswith("=SUM(")
        assert values.cell(saving_row, 6 + n).value == year.saving
        assert values.cell(one_off_row, 6 + n).value == year.one_off
    assert "$B$3" in str(formulas.cell(saving_row, 6).value)  # the share of savings achieved moves every total
    assert values.cell(3, 2).value == 1.0


def test_exit_costs_are_personal_data_left_out_without_names(tmp_path: Path) -> None:
    document = native.load(resources.template("cheshire-east-2013"))
    with_names, without = tmp_path / "hr.xlsx", tmp_path / "public.xlsx"
    export_workbook(document, with_names, "Proposed")
    export_workbook(document, without, "Proposed", names=False)
    sheet = openpyxl.load_workbook(with_names, data_only=True)["Exit costs"]
    header = [c.value for c in sheet[1]]
    assert "Date of birth" in header and "Package (£)" in header
    assert sheet.max_row > 5
    assert "Exit costs" not in openpyxl.load_workbook(without).sheetnames
    assert "Savings profile" in openpyxl.load_workbook(without).sheetnames
