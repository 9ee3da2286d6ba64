"""Tidy tree layout, O(n), pure Python, shared by the canvas, PDF, SVG and PNG.

Each subtree gets a block as wide as its children's blocks side by side; a manager is centred over
its block, so no two cards overlap and parents sit over their reports. When every report of a
manager is a leaf (the last tier of a wide span), the reports are stacked in columns under the
manager instead of a row: a 15-report team leader stays a few cards wide and readable.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from orgdesigner.model.structure import Structure


@dataclass(frozen=True)
class LayoutOptions:
    card_width: float = 200.0
    card_height: float = 84.0
    h_gap: float = 24.0
    v_gap: float = 56.0
    stack_leaves: bool = True
    stack_min: int = 3
    stack_rows: int = 8
    stack_gap: float = 12.0
    stack_indent: float = 28.0
    holding_gap: float = 160.0
    collapsed: frozenset[str] = frozenset()


@dataclass
class Layout:
    """Top-left corner of each visible post's card, and which managers have stacked reports."""

    options: LayoutOptions
    positions: dict[str, tuple[float, float]] = field(default_factory=dict)
    stacked: set[str] = field(default_factory=set)
    width: float = 0.0
    height: float = 0.0
    holding_x: float | None = None

    def centre_bottom(self, post_id: str) -> tuple[float, float]:
        x, y = self.positions[post_id]
        return (x + self.options.card_width / 2, y + self.options.card_height)

    def centre_top(self, post_id: str) -> tuple[float, float]:
        x, y = self.positions[post_id]
        return (x + self.options.card_width / 2, y)


def layout(structure: Structure, options: LayoutOptions | None = None) -> Layout:
    """Lay out the placed trees left to right, then the holding area after a gap."""
    opts = options or LayoutOptions()
    result = Layout(opts)
    x = 0.0
    for root in structure.roots():
        x += _place_tree(structure, root, x, 0.0, opts, result) + opts.h_gap
    held = list(structure.holding())
    if held:
        x += opts.holding_gap - opts.h_gap if structure.roots() else 0.0
        result.holding_x = x
        for root in held:
            x += _place_tree(structure, root, x, 0.0, opts, result) + opts.h_gap
    result.width = max(0.0, x - opts.h_gap)
    return result


def _place_tree(structure: Structure, root: str, x0: float, y0: float, opts: LayoutOptions, out: Layout) -> float:
    """Place one tree with its left edge at x0; return its width.

    Runs on every edit of a 20,000-post structure, so it reads the report lists directly and keeps
    everything in locals: two passes, no recursion (a council can be 1,000 wide and 30 deep).
    """
    cw, ch, gap = opts.card_width, opts.card_height, opts.h_gap
    reports = structure._children
    collapsed = opts.collapsed
    no_kids: list[str] = []
    kids_of: dict[str, list[str]] = {}
    order: list[str] = []
    stack = [root]
    while stack:
        node = stack.pop()
        order.append(node)
        kids = no_kids if node in collapsed else reports[node]
        kids_of[node] = kids
        stack.extend(kids)

    width: dict[str, float] = {}
    offset: dict[str, float] = {}  # the card's left edge within its block
    stacked: dict[str, int] = {}  # manager -> number of columns its stacked reports use
    stack_leaves, stack_min, stack_rows, indent = opts.stack_leaves, opts.stack_min, opts.stack_rows, opts.stack_indent
    for node in reversed(order):
        kids = kids_of[node]
        if not kids:
            width[node] = cw
            offset[node] = 0.0
            continue
        if stack_leaves and len(kids) >= stack_min and all(not kids_of[k] for k in kids):
            columns = -(-len(kids) // stack_rows)
            stacked[node] = columns
            w = max(cw, indent + columns * cw + (columns - 1) * gap)
            width[node] = w
            offset[node] = (w - cw) / 2
            continue
        total = gap * (len(kids) - 1)
        for k in kids:
            total += width[k]
        w = cw if total < cw else total
        width[node] = w
        # Centre the manager over its first and last reports' cards, as a tidy tree does.
        shift = (w - total) / 2
        first = shift + offset[kids[0]]
        last = shift + total - width[kids[-1]] + offset[kids[-1]]
        centre = (first + last) / 2
        offset[node] = 0.0 if centre < 0 else (w - cw if centre > w - cw else centre)

    positions = out.positions
    row = ch + opts.v_gap
    half_gap = opts.v_gap / 2
    stack_step = ch + opts.stack_gap
    bottom = y0
    todo: list[tuple[str, float, float]] = [(root, x0, y0)]
    while todo:
        node, left, y = todo.pop()
        w = width[node]
        positions[node] = (left + offset[node], y)
        if y + ch > bottom:
            bottom = y + ch
        kids = kids_of[node]
        if not kids:
            continue
        if node in stacked:
            out.stacked.add(node)
            columns = stacked[node]
            block = indent + columns * cw + (columns - 1) * gap
            start = left + (w - block) / 2 + indent
            for i, kid in enumerate(kids):
                col, r = divmod(i, stack_rows)
                ky = y + ch + half_gap + r * stack_step
                positions[kid] = (start + col * (cw + gap), ky)
                if ky + ch > bottom:
                    bottom = ky + ch
            continue
        total = gap * (len(kids) - 1)
        for k in kids:
            total += width[k]
        cursor = left + (w - total) / 2
        for kid in kids:
            todo.append((kid, cursor, y + row))
            cursor += width[kid] + gap
    out.height = max(out.height, bottom)
    return width[root]
