"""The HR workbook's cost-of-change sheets: "Savings profile" (live formulas) and "Exit costs".

The savings profile is a small model Finance can work with: each change's full-year saving and
effective date feed its part-year effect in each financial year by formula, the one-off lines feed
each year's one-off costs, and two rates at the top (the share of savings achieved, a contingency on
one-off costs) move every total. Each formula also stores the value it computes, so previews and
Protected View show the figures. Posts deleted when vacated save as their holders leave: those cells
hold the expected values, not a formula.

"Exit costs" is HR's: each displaced person's age, service, route (job fit, ring-fence, redundancy)
and package. It is personal data, so it is left out when names are (`--no-names`).
"""

from __future__ import annotations

from datetime import date

from orgdesigner.formats.cells import Formula
from orgdesigner.formats.sheet_kit import COUNT, MONEY, Book, column_letter
from orgdesigner.model.compare import compare
from orgdesigner.model.finance.savings import Change, SavingsProfile, vacated_share
from orgdesigner.model.finance.years import part_year, year_label

PERCENT = "0%"
DATE = "dd/mm/yyyy"
_EPOCH = date(1899, 12, 30)


def _profile(book: Book) -> SavingsProfile | None:
    document, scenario = book.document, book.scenario
    if len(document.scenarios) < 2 or scenario is document.scenarios[0]:
        return None
    return compare(document, document.scenarios[0].name, scenario.name, phases=False).finance


def _serial(day: date) -> int:
    return (day - _EPOCH).days


def savings_profile(book: Book) -> None:
    """The savings profile sheet: changes by year with live formulas, one-off lines, net and cumulative."""
    profile = _profile(book)
    if profile is None:
        return
    ws = book.sheet("Savings profile")
    f = book.formats
    bold, money, bold_money = f.get(bold=True), f.get(MONEY), f.get(MONEY, bold=True)
    years = [y.year for y in profile.years]
    first_year = profile.year1
    book.write(ws, 0, 0, f"Savings profile: {book.document.scenarios[0].name} → {book.scenario.name}", bold)
    book.write(ws, 1, 0, "Expected values; part-year effects from each change's effective date.")
    book.write(ws, 2, 0, "Share of savings achieved")
    book.write(ws, 2, 1, 1.0, f.get(PERCENT))
    book.write(ws, 3, 0, "Contingency on one-off costs")
    book.write(ws, 3, 1, 0.0, f.get(PERCENT))
    header = 5
    first_year_col = 5
    for c, text in enumerate(["Post ID", "Change", "Kind", "Effective", "Full-year saving (£)", *years]):
        book.write(ws, header, c, text, f.get(header=True))
    row = header + 1
    top = row
    for change in profile.changes:
        book.write(ws, row, 0, change.post_id)
        book.write(ws, row, 1, change.title)
        book.write(ws, row, 2, change.kind + (" (when vacated)" if change.when_vacated else ""))
        when = change.effective
        book.write(ws, row, 3, Formula(f"=DATE({when.year},{when.month},{when.day})", _serial(when)), f.get(DATE))
        book.write(ws, row, 4, round(change.saving, 2), money)
        for n in range(len(years)):
            start = first_year + n
            share = part_year(when, start)
            if change.when_vacated:
                book.write(ws, row, first_year_col + n, round(_vacated(profile, change, n), 2), money)
                continue
            d, e = f"$D{row + 1}", f"$E{row + 1}"
            text = (
                f"={e}*MAX(0,MIN(1,(DATE({start + 1},4,1)-MAX({d},DATE({start},4,1)))"
                f"/(DATE({start + 1},4,1)-DATE({start},4,1))))"
            )
            book.write(ws, row, first_year_col + n, Formula(text, round(change.saving * share, 2)), money)
        row += 1
    last = max(row - 1, top)
    row += 1
    saving_row = row
    book.write(ws, row, 0, "Saving (part-year effects)", bold)
    for n, year in enumerate(profile.years):
        col = column_letter(first_year_col + n)
        value = round(year.saving, 2)
        book.write(
            ws, row, first_year_col + n, Formula(f"=SUM({col}{top + 1}:{col}{last + 1})*$B$3", value), bold_money
        )
    row += 2
    book.write(ws, row, 0, "One-off costs", bold)
    book.write(ws, row, 3, "Year", bold)
    book.write(ws, row, 4, "Amount (£)", bold)
    row += 1
    lines_top = row
    for label, amount, year_text in _one_off_rows(profile):
        book.write(ws, row, 1, label)
        book.write(ws, row, 3, year_text)
        book.write(ws, row, 4, amount, money)
        row += 1
    lines_last = max(row - 1, lines_top)
    row += 1
    one_off_row = row
    book.write(ws, row, 0, "One-off costs", bold)
    for n, year in enumerate(profile.years):
        years_range, amounts = f"$D${lines_top + 1}:$D${lines_last + 1}", f"$E${lines_top + 1}:$E${lines_last + 1}"
        text = f'=SUMIF({years_range},"{year.year}",{amounts})*(1+$B$4)'
        book.write(ws, row, first_year_col + n, Formula(text, round(year.one_off, 2)), bold_money)
    row += 1
    book.write(ws, row, 0, "Net saving", bold)
    for n, year in enumerate(profile.years):
        col = column_letter(first_year_col + n)
        formula = Formula(f"={col}{saving_row + 1}-{col}{one_off_row + 1}", round(year.net, 2))
        book.write(ws, row, first_year_col + n, formula, bold_money)
    net_row = row
    row += 1
    book.write(ws, row, 0, "Cumulative net saving", bold)
    for n, year in enumerate(profile.years):
        col = column_letter(first_year_col + n)
        text = (
            f"={col}{net_row + 1}"
            if n == 0
            else f"={column_letter(first_year_col + n - 1)}{row + 1}+{col}{net_row + 1}"
        )
        book.write(ws, row, first_year_col + n, Formula(text, round(year.cumulative_net, 2)), bold_money)
    row += 2
    payback = "never" if profile.payback_months is None else f"{profile.payback_months} months"
    facts: list[tuple[str, float | None, object]] = [
        ("Full-year effect (£)", profile.full_year, money),
        (f"Payback (as worked out: {payback})", None, None),
        ("Expected redundancies", profile.redundancies, f.get("0.0")),
        ("Expected leaving through turnover", profile.turnover_exits, f.get("0.0")),
        ("Expected redeployed", profile.redeployed, f.get("0.0")),
        ("Displaced people without HR data (not costed)", profile.people_without_data, f.get(COUNT)),
    ]
    for label, figure, fmt in facts:
        book.write(ws, row, 0, label)
        if figure is not None:
            book.write(ws, row, 4, figure, fmt)
        row += 1
    if profile.strain_estimated:
        book.write(ws, row, 0, "Pension strain includes estimates from the profile's factor table: ask the fund.")
    ws.set_column(0, 0, 34)
    ws.set_column(1, 1, 40)
    ws.set_column(2, 3, 14)
    ws.set_column(4, first_year_col + len(years), 16)
    ws.freeze_panes(header + 1, 2)


def _vacated(profile: SavingsProfile, change: Change, n: int) -> float:
    """A post deleted when vacated: its expected saving in year n, at the turnover rate used."""
    return change.saving * vacated_share(change.effective, profile.year1 + n, profile.turnover_rate)


def _one_off_rows(profile: SavingsProfile) -> list[tuple[str, float, str]]:
    return [(label, amount, year_label(year)) for label, amount, year in profile.one_off_by_year]


def exit_costs(book: Book) -> None:
    """Each displaced person's route and package: personal data, left out without names."""
    if not book.names:
        return
    profile = _profile(book)
    if profile is None or not profile.people:
        return
    headers = [
        "Post ID", "Post", "Postholder", "Employee number", "Date of birth", "Continuous service from",
        "Leaving", "Age", "Years", "Route", "Chance of redundancy", "Redundancy pay (£)", "Pay in lieu of notice (£)",
        "Pension strain (£)", "Strain", "Package (£)", "Expected cost (£)",
    ]  # fmt: skip
    money = {h: MONEY for h in headers if h.endswith("(£)")}
    sheet = book.table("Exit costs", headers, {**money, "Chance of redundancy": PERCENT})
    for o in profile.people:
        e, p = o.exit, o.person
        sheet.add([
            p.post_id, o.post_title, p.name, p.person_id,
            p.date_of_birth.isoformat() if p.date_of_birth else "not known",
            p.service_start.isoformat() if p.service_start else "not known",
            o.leaving.isoformat(), e.age if e else "", e.years if e else "", o.route, round(o.redundant, 4),
            e.redundancy.total if e else "", e.notice if e else "", e.strain if e else "",
            ("estimate" if e.strain_estimated else "fund's figure") if e and e.strain else "",
            e.total if e else "", o.expected_cost,
        ])  # fmt: skip
    sheet.close("ExitCosts")
