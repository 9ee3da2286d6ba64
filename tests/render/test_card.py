"""Card titles: wrapped at words to a fixed number of lines, and never cut without a "…"."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFontMetricsF, QGuiApplication

from orgdesigner.render.card import ELLIPSIS, chart_font, title_lines


@pytest.fixture(autouse=True)
def _app(qapp: QGuiApplication) -> QGuiApplication:
    """pytest-qt's application (a QApplication), whichever test runs first."""
    return qapp


LONG = "Corporate Support Manager: Commercial Strategy, Business Innovation and Performance"


@pytest.mark.parametrize("lines", [1, 2, 3])
def test_a_long_title_fills_its_lines_and_ends_with_an_ellipsis(lines: int) -> None:
    font = chart_font("DejaVu Sans", 8, True)
    wrapped = title_lines(LONG, font, 170, lines)
    assert len(wrapped) == lines
    assert wrapped[-1].endswith(ELLIPSIS)
    metrics = QFontMetricsF(font)
    assert all(metrics.horizontalAdvance(line) <= 170.5 for line in wrapped)
    # what is shown is the start of the title, word for word
    shown = " ".join(wrapped)[: -len(ELLIPSIS)]
    assert LONG.startswith(shown.rstrip())


def test_a_title_that_fits_is_wrapped_at_words_and_not_marked() -> None:
    font = chart_font("DejaVu Sans", 8, True)
    wrapped = title_lines("Head of Service: Safeguarding of Vulnerable Children", font, 170, 3)
    assert " ".join(wrapped) == "Head of Service: Safeguarding of Vulnerable Children"
    assert not any(ELLIPSIS in line for line in wrapped)
    assert title_lines("Chief Executive", font, 170, 2) == ("Chief Executive",)
