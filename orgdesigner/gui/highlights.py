"""Posts lit on the chart, kept as named layers so one writer never wipes another's.

The manager chain of the selected post, the comparison's changed posts, the outline search's
matches and a drag's drop target are separate layers: ending a drag clears the drop target only.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable

from PySide6.QtCore import QObject, Signal


class Layer(enum.Enum):
    MANAGER_CHAIN = "manager chain"
    COMPARISON = "comparison"
    SEARCH = "search"
    DROP_TARGET = "drop target"


class Highlights(QObject):
    """The lit posts by layer; a card is lit when any layer holds it.

    Signals:
        changed(frozenset): the posts whose lit state may have changed.
    """

    changed = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._layers: dict[Layer, frozenset[str]] = dict.fromkeys(Layer, frozenset())
        self._lit: frozenset[str] = frozenset()

    def set(self, layer: Layer, post_ids: Iterable[str]) -> None:
        wanted = frozenset(post_ids)
        old = self._layers[layer]
        if wanted == old:
            return
        self._layers[layer] = wanted
        self._lit = frozenset().union(*self._layers.values())
        self.changed.emit(old ^ wanted)

    def clear(self, layer: Layer) -> None:
        self.set(layer, ())

    def layer(self, layer: Layer) -> frozenset[str]:
        return self._layers[layer]

    def lit(self) -> frozenset[str]:
        """Every lit post, whatever the layer."""
        return self._lit

    def __contains__(self, post_id: object) -> bool:
        return post_id in self._lit
