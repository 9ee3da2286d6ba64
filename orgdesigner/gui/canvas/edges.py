"""Rectangles as four plain numbers, for the scene's per-frame tests over hundreds of blocks.

A QRectF per block per frame costs more than the test itself; tuples of floats do not.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF

Edges = tuple[float, float, float, float]
"""A rectangle as (left, top, right, bottom)."""


def edges_of(rect: QRectF | None) -> Edges | None:
    """A Qt rectangle (or none) in plain numbers."""
    return None if rect is None else (rect.left(), rect.top(), rect.right(), rect.bottom())


def overlap(a: Edges, b: Edges) -> bool:
    """Whether two rectangles overlap (as QRectF.intersects: touching edges do not)."""
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def contains(outer: Edges, inner: Edges) -> bool:
    """Whether one rectangle lies wholly inside another (touching edges do)."""
    return outer[0] <= inner[0] and outer[1] <= inner[1] and inner[2] <= outer[2] and inner[3] <= outer[3]


def union(a: Edges, b: Edges) -> Edges:
    """The smallest rectangle holding both."""
    return (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))


def grown(e: Edges, dx: float, dy: float) -> Edges:
    """A rectangle wider by `dx` and taller by `dy` on each side."""
    return (e[0] - dx, e[1] - dy, e[2] + dx, e[3] + dy)


def moved(e: Edges, dx: float, dy: float) -> Edges:
    """A rectangle shifted by (dx, dy): `moved(e, -ox, -oy)` puts it in a block's own coordinates."""
    return (e[0] + dx, e[1] + dy, e[2] + dx, e[3] + dy)
