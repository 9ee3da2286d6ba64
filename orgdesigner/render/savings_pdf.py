"""The Cabinet pack's "Cost of change" page: the savings profile and the exit packages by band.

It follows the summary page when the file compares two scenarios. Only figures appear here, never a
person's data: exit packages are counted by the statement of accounts' bands, as the accounts
disclose them, and expected numbers of people are given as such.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter

from orgdesigner.model.finance.savings import SavingsProfile

TextFn = Callable[[QPainter, QRectF, str, float, bool, Qt.AlignmentFlag], None]
SAVING, ONE_OFF = QColor("#1f5fa8"), QColor("#c0392b")
_LEFT, _RIGHT, _CENTRE = Qt.AlignmentFlag.AlignLeft, Qt.AlignmentFlag.AlignRight, Qt.AlignmentFlag.AlignHCenter
ROW = 17.0


def _money(value: float) -> str:
    return f"-£{-value:,.0f}" if value < 0 else f"£{value:,.0f}"


def paint_cost_of_change(
    painter: QPainter, rect: QRectF, profile: SavingsProfile, paint_text: TextFn, threshold: float, title: str
) -> None:
    """The years' figures and chart on the left half, one-off costs and exit packages on the right."""

    def text(on: QPainter, area: QRectF, words: str, size: float, bold: bool, align: Qt.AlignmentFlag) -> None:
        on.setPen(QColor("#000000"))
        paint_text(on, area, words, size, bold, align)

    half = (rect.width() - 24) / 2
    left = QRectF(rect.left(), rect.top(), half, rect.height())
    right = QRectF(rect.left() + half + 24, rect.top(), half, rect.height())
    text(painter, QRectF(left.left(), left.top(), left.width(), 20), title, 11, True, _LEFT)
    text(painter, QRectF(left.left(), left.top() + 20, left.width(), 16), "Part-year effects; expected values.", 8,
         False, _LEFT)  # fmt: skip
    y = left.top() + 40
    columns = ["Year", "Saving", "One-off", "Net", "Cumulative"]
    widths = [0.24, 0.19, 0.19, 0.19, 0.19]
    y = _table(painter, text, left, y, columns, widths, [
        [yr.year, _money(yr.saving), _money(yr.one_off), _money(yr.net), _money(yr.cumulative_net)]
        for yr in profile.years
    ])  # fmt: skip
    payback = "never" if profile.payback_months is None else f"{profile.payback_months} months"
    for line in (
        f"Full-year effect {_money(profile.full_year)}; one-off costs {_money(profile.one_off_total)};",
        f"payback {payback}.",
        f"Expected: {profile.redundancies:g} redundancies, {profile.turnover_exits:g} leaving through",
        f"natural turnover, {profile.redeployed:g} redeployed (expected values).",
    ):
        text(painter, QRectF(left.left(), y + 4, left.width(), ROW), line, 8.5, False, _LEFT)
        y += ROW + 2
    _chart(painter, text, QRectF(left.left(), y + 14, left.width(), left.bottom() - y - 14), profile)
    y = right.top()
    text(painter, QRectF(right.left(), y, right.width(), 20), "One-off costs", 11, True, _LEFT)
    y = _table(painter, text, right, y + 24, ["Line", "Amount"], [0.7, 0.3], [
        [label, _money(amount)] for label, amount in profile.one_off_lines
    ])  # fmt: skip
    y += 14
    text(painter, QRectF(right.left(), y, right.width(), 20), "Exit packages (statement of accounts bands)", 11, True,
         _LEFT)  # fmt: skip
    rows = [[band.label, f"{band.count:g}", _money(band.cost)] for band in profile.exit_packages]
    y = _table(painter, text, right, y + 24, ["Cost band", "Number", "Total cost"], [0.45, 0.2, 0.35], rows)
    notes = ["Numbers are expected values: a ring-fence of two for one", "post counts half a package each."]
    if profile.council_packages:
        notes.append(f"{profile.council_packages} package(s) of {_money(threshold)} or more go to full Council.")
    if profile.strain_estimated:
        notes.append("Pension strain includes estimates; the pension fund's actuary gives the figures.")
    if profile.people_without_data:
        notes.append(f"{profile.people_without_data} displaced people have no HR data: their costs are not included.")
    for note in notes:
        text(painter, QRectF(right.left(), y + 4, right.width(), ROW), note, 7.5, False, _LEFT)
        y += ROW


def _table(
    painter: QPainter, text: TextFn, area: QRectF, y: float, headers: list[str], widths: list[float],
    rows: list[list[str]],
) -> float:  # fmt: skip
    """A simple ruled table; returns the y below it."""
    for cells, bold in ((headers, True), *((row, False) for row in rows)):
        x = area.left()
        for n, (cell, share) in enumerate(zip(cells, widths, strict=True)):
            width = area.width() * share
            align = _LEFT if n == 0 else _RIGHT
            text(painter, QRectF(x + 2, y, width - 6, ROW), cell, 8.5, bold, align)
            x += width
        y += ROW
        painter.setPen(QColor("#cccccc"))
        painter.drawLine(round(area.left()), round(y), round(area.right()), round(y))
    return y


def _chart(painter: QPainter, text: TextFn, area: QRectF, profile: SavingsProfile) -> None:
    """Saving bars above the axis and one-off bars below it, by financial year."""
    if area.height() < 60 or not profile.years:
        return
    text(painter, QRectF(area.left(), area.top(), area.width(), 16), "Savings and one-off costs by year", 9, True,
         _LEFT)  # fmt: skip
    top, bottom = area.top() + 22, area.bottom() - 18
    high = max(max(y.saving for y in profile.years), 0.0)
    low = max(max(y.one_off for y in profile.years), max(-y.saving for y in profile.years), 0.0)
    scale = (bottom - top) / ((high + low) or 1.0)
    axis = top + high * scale
    slot = area.width() / len(profile.years)
    for n, year in enumerate(profile.years):
        x = area.left() + n * slot + slot * 0.15
        width = slot * 0.7
        up = QRectF(x, axis - max(year.saving, 0) * scale, width * 0.5, abs(year.saving) * scale)
        if year.saving < 0:
            up = QRectF(x, axis, width * 0.5, -year.saving * scale)
        painter.fillRect(up, SAVING)
        painter.fillRect(QRectF(x + width * 0.5, axis, width * 0.5, year.one_off * scale), ONE_OFF)
        text(painter, QRectF(x - 10, bottom + 2, width + 20, 14), year.year, 8, False, _CENTRE)
    painter.setPen(QColor("#555555"))
    painter.drawLine(round(area.left()), round(axis), round(area.right()), round(axis))
    painter.fillRect(QRectF(area.right() - 150, area.top() + 4, 10, 8), SAVING)
    text(painter, QRectF(area.right() - 136, area.top(), 60, 14), "saving", 7.5, False, _LEFT)
    painter.fillRect(QRectF(area.right() - 80, area.top() + 4, 10, 8), ONE_OFF)
    text(painter, QRectF(area.right() - 66, area.top(), 66, 14), "one-off", 7.5, False, _LEFT)
