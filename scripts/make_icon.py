"""Draws the app icon (resources/icons/orgdesigner.png and .svg): three tiers of cards in the side colours.

Run: QT_QPA_PLATFORM=offscreen python scripts/make_icon.py
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QPen
from PySide6.QtSvg import QSvgGenerator

OUT = Path(__file__).resolve().parent.parent / "resources" / "icons"


def draw(painter: QPainter) -> None:
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor("#f7f7f5"))
    painter.setPen(QPen(QColor("#1f5fa8"), 8))
    painter.drawRoundedRect(QRectF(8, 8, 240, 240), 36, 36)
    painter.setPen(QPen(QColor("#4d4d4d"), 6))
    painter.drawLine(128, 78, 128, 104)
    painter.drawLine(64, 104, 192, 104)
    for x in (64, 128, 192):
        painter.drawLine(x, 104, x, 128)
    painter.setPen(QPen(QColor("#ffffff"), 0))
    cards = [(96, 34, "#1f5fa8"), (36, 128, "#1f5fa8"), (100, 128, "#6a4c9c"), (164, 128, "#2e7d4f")]
    for x, y, colour in cards:
        painter.setBrush(QColor(colour))
        painter.drawRoundedRect(QRectF(x, y, 56 if y > 100 else 64, 44), 8, 8)
    painter.setBrush(QColor("#2e7d4f"))
    for x in (40, 104, 168):
        painter.drawRoundedRect(QRectF(x, 188, 48, 30), 6, 6)


def main() -> None:
    app = QGuiApplication.instance() or QGuiApplication([])
    OUT.mkdir(parents=True, exist_ok=True)
    image = QImage(256, 256, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0)
    painter = QPainter(image)
    draw(painter)
    painter.end()
    image.save(str(OUT / "orgdesigner.png"))
    svg = QSvgGenerator()
    svg.setFileName(str(OUT / "orgdesigner.svg"))
    svg.setSize(QSize(256, 256))
    svg.setViewBox(QRectF(0, 0, 256, 256))
    painter = QPainter(svg)
    draw(painter)
    painter.end()
    del app
    print(f"icons written to {OUT}")


if __name__ == "__main__":
    main()
