"""The spreadsheet jobs under their old names, for callers written before the split.

Each job has its own module: `hr_workbook` (the HR workbook, with its sheets in `hr_sheets` and
the kit they are made with in `sheet_kit`), `establishment` (the establishment import, reading
workbooks through `xlsx_reader`), `organogram` (data.gov.uk returns in and out) and `transparency`
(Transparency Code data). Every cell written goes through `cells`. New code imports those.
"""

from __future__ import annotations

from orgdesigner.formats.cells import FORMULA_START, Formula
from orgdesigner.formats.establishment import (
    FIELD_HEADERS,
    SIDE_WORDS,
    EstablishmentImport,
    column_map,
    import_establishment,
    load_mapping,
    read_table,
)
from orgdesigner.formats.hr_sheets import ESTABLISHMENT_HEADERS
from orgdesigner.formats.hr_workbook import SHEETS, SheetWriter, export_workbook
from orgdesigner.formats.organogram import export_organogram
from orgdesigner.formats.sheet_kit import FTE, MONEY, Progress
from orgdesigner.formats.transparency import export_transparency
from orgdesigner.formats.xlsx_reader import MAX_RATIO, MAX_UNPACKED, RawTable

__all__ = [
    "ESTABLISHMENT_HEADERS",
    "FIELD_HEADERS",
    "FORMULA_START",
    "FTE",
    "MAX_RATIO",
    "MAX_UNPACKED",
    "MONEY",
    "SHEETS",
    "SIDE_WORDS",
    "EstablishmentImport",
    "Formula",
    "Progress",
    "RawTable",
    "SheetWriter",
    "column_map",
    "export_organogram",
    "export_transparency",
    "export_workbook",
    "import_establishment",
    "load_mapping",
    "read_table",
]
