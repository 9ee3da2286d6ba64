"""Paints one post card and the lines between cards on any QPainter.

The canvas, PDF, SVG, PNG and printer all call these functions, so a chart looks the same on the
screen and in a Cabinet pack. Nothing here knows about widgets.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPen,
    QTextLayout,
    QTextOption,
)

from orgdesigner.model.layout import Layout
from orgdesigner.model.post import Post, Side, StaffGroup, Status

SIDE_COLOURS: dict[Side, QColor] = {
    Side.COMMISSIONING: QColor("#1f5fa8"),
    Side.CORPORATE_SUPPORT: QColor("#6a4c9c"),
    Side.PROVIDER: QColor("#2e7d4f"),
    Side.TRANSITIONAL: QColor("#b26a00"),
}


def _tint(colour: QColor, amount: float = 0.12) -> QColor:
    """The side's colour washed out towards white, for bands behind cards."""
    return QColor(
        round(255 - (255 - colour.red()) * amount),
        round(255 - (255 - colour.green()) * amount),
        round(255 - (255 - colour.blue()) * amount),
    )


SIDE_TINTS: dict[Side, QColor] = {side: _tint(c) for side, c in SIDE_COLOURS.items()}
STATUS_MARKS: dict[Status, tuple[str, QColor]] = {
    Status.VACANT: ("VACANT", QColor("#7a7a7a")),
    Status.NEW: ("NEW", QColor("#0a7d32")),
    Status.TO_BE_DELETED: ("TO BE DELETED", QColor("#b00020")),
}
FINDING_COLOURS = {"error": QColor("#c62828"), "warning": QColor("#ef8f00"), "info": QColor("#1976d2")}
LINE_COLOUR = QColor("#4d4d4d")


@dataclass(frozen=True)
class CardStyle:
    """What a card shows. Names are personal data: public outputs leave them out."""

    show_names: bool = True
    show_pay: bool = True
    pay_as_grade: bool = False
    font_family: str = "DejaVu Sans"
    title_pt: float = 8.0
    detail_pt: float = 7.0
    title_lines: int = 2  # a longer title wraps to this many lines and ends with "…" (printed cards allow 3)


@functools.lru_cache(maxsize=64)
def chart_font(family: str, size: float, bold: bool = False) -> QFont:
    """A font for charts. Ligatures off, so 'Officer' stays searchable text in a PDF, not 'Oﬃcer'.

    Cached: a chart paints thousands of cards with the same three or four fonts.
    """
    font = QFont(family)
    font.setPointSizeF(size)
    font.setBold(bold)
    font.setFeature(QFont.Tag("liga"), 0)
    return font


def _font(style: CardStyle, size: float, bold: bool = False) -> QFont:
    return chart_font(style.font_family, size, bold)


ELLIPSIS = "\u2026"


def title_lines(title: str, font: QFont, width: float, max_lines: int) -> tuple[str, ...]:
    """The title wrapped at word boundaries into at most `max_lines` lines of `width`; when it still
    does not fit, the last line ends with "…" so the cut is never silent (the full title is in the
    card's tooltip, the Properties panel and the accessible HTML).

    Measured at 96 dpi, the unit of every device a chart is painted on (screen, PDF writer, image)."""
    return _title_lines(title, font.family(), font.pointSizeF(), font.bold(), round(width, 1), max_lines)


@functools.lru_cache(maxsize=8192)
def _title_lines(title: str, family: str, size: float, bold: bool, width: float, max_lines: int) -> tuple[str, ...]:
    # Cached on the text, font and width: a chart paints thousands of cards whose titles repeat.
    font = chart_font(family, size, bold)
    layout = QTextLayout(title, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    spans: list[tuple[int, int]] = []
    layout.beginLayout()
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        spans.append((line.textStart(), line.textLength()))
    layout.endLayout()
    if len(spans) <= max_lines:
        return tuple(title[start : start + length].strip() for start, length in spans)
    kept = [title[start : start + length].strip() for start, length in spans[: max_lines - 1]]
    rest = " ".join(title[spans[max_lines - 1][0] :].split())
    metrics = QFontMetricsF(font)
    last = metrics.elidedText(rest, Qt.TextElideMode.ElideRight, width)
    while not last.endswith(ELLIPSIS) and last:  # the rest fitted once spaces were squeezed: still mark the cut
        last = metrics.elidedText(last[:-1] + ELLIPSIS, Qt.TextElideMode.ElideRight, width)
        if not last.endswith(ELLIPSIS):
            last = last[:-1]
    return (*kept, last or ELLIPSIS)


def card_title(post: Post) -> str:
    return post.title or f"(untitled {post.id})"


def detail_lines(post: Post, groups: tuple[StaffGroup, ...], style: CardStyle) -> list[str]:
    """The small lines under the title, in order of importance."""
    lines: list[str] = []
    pay = post.pay_text()
    if style.pay_as_grade or not pay:
        pay = post.grade
    elif post.grade and style.show_pay:
        pay = f"{post.grade} · {pay}"
    if style.show_pay and pay:
        lines.append(pay)
    extras: list[str] = []
    if post.fte is None:
        extras.append("FTE not known")
    elif post.fte < 1:
        extras.append(f"{post.fte:g} FTE")
    elif post.fte > 1:
        extras.append(f"{post.fte:g} FTE (job share)")
    if post.employer or post.share < 1:
        extras.append(f"shared {post.share:.0%}" + (f" with {post.employer}" if post.employer else ""))
    if extras:
        lines.append(" · ".join(extras))
    if style.show_names and post.incumbent and post.status is not Status.VACANT:
        lines.append(post.incumbent)
    if groups:
        fte = sum(g.fte for g in groups if g.fte is not None)
        lines.append(f"+ {len(groups)} staff group{'s' if len(groups) != 1 else ''} · {fte:,.1f} FTE")
    return lines


def paint_card(
    painter: QPainter,
    rect: QRectF,
    post: Post,
    groups: tuple[StaffGroup, ...] = (),
    style: CardStyle | None = None,
    *,
    detail: float = 1.0,
    selected: bool = False,
    highlighted: bool = False,
    finding: str | None = None,
    collapsed: int = 0,
) -> None:
    """Paint one card. `detail` is the zoom: below 0.4 no text, below 0.12 a flat box."""
    style = style or CardStyle()
    colour = SIDE_COLOURS[post.side]
    if detail < 0.12:
        painter.fillRect(rect, colour)
        return
    painter.setPen(_border_pen(post.side, selected, highlighted, post.status is Status.VACANT))
    painter.setBrush(_WHITE)
    painter.drawRoundedRect(rect, 6, 6)
    painter.fillRect(QRectF(rect.left() + 1, rect.top() + 1, rect.width() - 2, 5), colour)
    if finding:
        paint_finding_mark(painter, QPointF(rect.right() - 9, rect.top() + 15), finding)
    if detail < 0.4:
        return

    # Fonts are measured at 96 dpi (every device a chart is painted on), once per font and text.
    left, top, width = rect.left() + 8, rect.top() + 10, rect.width() - 16
    right = left + width
    painter.setPen(_TITLE_TEXT)
    title_font = _font(style, style.title_pt, bold=True)
    painter.setFont(title_font)
    spacing = _metrics(style.font_family, style.title_pt, True).lineSpacing()
    title_h = spacing * style.title_lines + 1
    title_w = width - (12 if finding else 0)
    lines = title_lines(card_title(post), title_font, title_w, style.title_lines)
    flags = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    for i, text in enumerate(lines):
        painter.drawText(QRectF(left, top + i * spacing, title_w + 2, spacing + 1), flags, text)
    if post.status is Status.TO_BE_DELETED:
        painter.setPen(QPen(STATUS_MARKS[Status.TO_BE_DELETED][1], 1.5))
        y = top + _metrics(style.font_family, style.title_pt, True).height() / 2 + 1
        painter.drawLine(QPointF(left, y), QPointF(left + title_w, y))

    painter.setFont(_font(style, style.detail_pt))
    painter.setPen(_DETAIL_TEXT)
    y = top + title_h + 1
    line_h = _metrics(style.font_family, style.detail_pt, False).height()
    for line in detail_lines(post, groups, style)[:3]:
        if y + line_h > rect.bottom() - 16:
            break
        text = _elided(line, style.font_family, style.detail_pt, int(width))
        painter.drawText(QRectF(left, y, width, line_h), int(Qt.AlignmentFlag.AlignLeft), text)
        y += line_h

    # Badges along the bottom: statutory roles, status, collapsed count.
    badges: list[tuple[str, QColor]] = [(r.short, _ROLE_BADGE) for r in sorted(post.roles)]
    if post.status in STATUS_MARKS:
        badges.append(STATUS_MARKS[post.status])
    if post.assistant:
        badges.append(("PA", _PA_BADGE))
    if collapsed:
        badges.append((f"+{collapsed}", _COUNT_BADGE))
    if not badges:
        return
    painter.setFont(_font(style, style.detail_pt, bold=True))
    badge_metrics = _metrics(style.font_family, style.detail_pt, True)
    x = left
    badge_h = badge_metrics.height() + 2
    for text, fill in badges:
        w = badge_metrics.horizontalAdvance(text) + 8
        if x + w > right:
            break
        badge = QRectF(x, rect.bottom() - badge_h - 4, w, badge_h)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(fill)
        painter.drawRoundedRect(badge, 3, 3)
        painter.setPen(_BADGE_TEXT)
        painter.drawText(badge, int(Qt.AlignmentFlag.AlignCenter), text)
        x += w + 4


_WHITE = QBrush(QColor("#ffffff"))
_TITLE_TEXT, _DETAIL_TEXT, _BADGE_TEXT = QColor("#111111"), QColor("#333333"), QColor("#ffffff")
_ROLE_BADGE, _PA_BADGE, _COUNT_BADGE = QColor("#37474f"), QColor("#8d6e63"), QColor("#455a64")


@functools.lru_cache(maxsize=64)
def _border_pen(side: Side, selected: bool, highlighted: bool, vacant: bool) -> QPen:
    pen = QPen(QColor("#ff9800") if highlighted else (QColor("#000000") if selected else SIDE_COLOURS[side]))
    pen.setWidthF(3.0 if (selected or highlighted) else 1.2)
    if vacant:
        pen.setStyle(Qt.PenStyle.DashLine)
    return pen


@functools.lru_cache(maxsize=64)
def _metrics(family: str, size: float, bold: bool) -> QFontMetricsF:
    return QFontMetricsF(chart_font(family, size, bold))


@functools.lru_cache(maxsize=8192)
def _elided(text: str, family: str, size: float, width: int) -> str:
    return _metrics(family, size, False).elidedText(text, Qt.TextElideMode.ElideRight, width)


def paint_finding_mark(painter: QPainter, centre: QPointF, severity: str, radius: float = 5.0) -> None:
    """A finding's mark: its shape says the severity as well as its colour (a circle for an error,
    a triangle for a warning, a square for a note), so colour is never the only signal."""
    painter.save()
    painter.setPen(QPen(QColor("#000000"), 0.6))
    painter.setBrush(FINDING_COLOURS.get(severity, QColor("#000000")))
    if severity == "warning":
        r = radius * 1.2
        triangle = QPainterPath()
        triangle.moveTo(centre.x(), centre.y() - r)
        triangle.lineTo(centre.x() + r, centre.y() + r * 0.8)
        triangle.lineTo(centre.x() - r, centre.y() + r * 0.8)
        triangle.closeSubpath()
        painter.drawPath(triangle)
    elif severity == "info":
        painter.drawRect(QRectF(centre.x() - radius * 0.9, centre.y() - radius * 0.9, radius * 1.8, radius * 1.8))
    else:
        painter.drawEllipse(centre, radius, radius)
    painter.restore()


def connector_path(layout: Layout, manager: str, reports: list[str] | tuple[str, ...]) -> QPainterPath:
    """Elbow lines from a manager to its visible reports (a comb when the reports are stacked)."""
    path = QPainterPath()
    visible = [r for r in reports if r in layout.positions]
    if manager not in layout.positions or not visible:
        return path
    opts = layout.options
    mx, my = layout.centre_bottom(manager)
    if manager in layout.stacked:
        columns: dict[float, list[str]] = {}
        for r in visible:
            columns.setdefault(layout.positions[r][0], []).append(r)
        trunk_y = my + opts.v_gap / 4
        path.moveTo(mx, my)
        path.lineTo(mx, trunk_y)
        for left, members in columns.items():
            spine_x = left - opts.stack_indent / 2
            last_y = layout.positions[members[-1]][1] + opts.card_height / 2
            path.moveTo(mx, trunk_y)
            path.lineTo(spine_x, trunk_y)
            path.lineTo(spine_x, last_y)
            for r in members:
                cy = layout.positions[r][1] + opts.card_height / 2
                path.moveTo(spine_x, cy)
                path.lineTo(left, cy)
        return path
    bus_y = my + opts.v_gap / 2
    path.moveTo(mx, my)
    path.lineTo(mx, bus_y)
    xs = [layout.centre_top(r)[0] for r in visible]
    path.moveTo(min([*xs, mx]), bus_y)
    path.lineTo(max([*xs, mx]), bus_y)
    for r in visible:
        rx, ry = layout.centre_top(r)
        path.moveTo(rx, bus_y)
        path.lineTo(rx, ry)
    return path


def dotted_path(layout: Layout, post_id: str, manager_id: str) -> QPainterPath:
    path = QPainterPath()
    if post_id not in layout.positions or manager_id not in layout.positions:
        return path
    opts = layout.options
    px, py = layout.positions[post_id]
    mx, my = layout.positions[manager_id]
    start = QPointF(mx + opts.card_width, my + opts.card_height / 2)
    end = QPointF(px + opts.card_width, py + opts.card_height / 2)
    if px < mx:
        start = QPointF(mx, my + opts.card_height / 2)
        end = QPointF(px + opts.card_width, py + opts.card_height / 2)
    path.moveTo(start)
    bend = max(start.x(), end.x()) + 30 if px >= mx else (start.x() + end.x()) / 2
    path.cubicTo(QPointF(bend, start.y()), QPointF(bend, end.y()), end)
    return path


def line_pen(dotted: bool = False) -> QPen:
    pen = QPen(LINE_COLOUR if not dotted else QColor("#7b1fa2"))
    pen.setWidthF(1.3)
    pen.setCosmetic(False)
    if dotted:
        pen.setStyle(Qt.PenStyle.DashLine)
    return pen
