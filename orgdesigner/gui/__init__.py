"""The window: widgets, canvas, panels and undo. The only package with Qt Widgets."""
