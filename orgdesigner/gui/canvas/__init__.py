"""The chart canvas, as orange-canvas-core builds one: items, a scene that mirrors the model, a
view, and the user's gestures as objects.

- `items`: cards, branch blocks, the far-zoom overview, a dragged card's ghost (paint only)
- `cards`, `decor`: making and moving the cards and lines; side bands, dotted lines, holding area
- `scene`: mirrors the structure through the model's block cache after each edit
- `view`: zoom and pan; hands mouse and key events to `interactions`' gestures, which call the
  controller's verbs (one undoable action per gesture)
"""

from orgdesigner.gui.canvas.items import PostItem
from orgdesigner.gui.canvas.scene import ChartScene
from orgdesigner.gui.canvas.view import OVERVIEW_BELOW, PALETTE_MIME, ChartView, legend_label

__all__ = ["OVERVIEW_BELOW", "PALETTE_MIME", "ChartScene", "ChartView", "PostItem", "legend_label"]
