"""Tidy tree layout, O(n), pure Python, shared by the canvas, PDF, SVG and PNG.

Each subtree gets a block as wide as its children's blocks side by side; a manager is centred over
its block, so no two cards overlap and parents sit over their reports. When every report of a
manager is a leaf (the last tier of a wide span), the reports are stacked in columns under the
manager instead of a row: a 15-report team leader stays a few cards wide and readable.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
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


def branches(structure: Structure, options: LayoutOptions) -> list[str]:
    """The blocks a chart is composed of: each report of a top post, and each holding-area post."""
    out = [k for root in structure.roots() if root not in options.collapsed for k in structure.reports_of(root)]
    out.extend(structure.holding())
    return out


def branch_layout(structure: Structure, branch: str, options: LayoutOptions) -> Layout:
    """One branch laid out on its own, top-left at (0, 0). The canvas caches these per branch."""
    result = Layout(options)
    result.width = _place_tree(structure, branch, 0.0, 0.0, options, result)
    return result


@dataclass
class Composition:
    """Where each branch block and each top post goes; cheap to recompute after any edit."""

    branch_origin: dict[str, tuple[float, float]] = field(default_factory=dict)
    tops: dict[str, tuple[float, float]] = field(default_factory=dict)
    width: float = 0.0
    holding_x: float | None = None


def compose(structure: Structure, options: LayoutOptions, blocks: dict[str, Layout]) -> Composition:
    """Place top posts over their branches, left to right, then the holding area after a gap."""
    cw, gap = options.card_width, options.h_gap
    row = options.card_height + options.v_gap
    comp = Composition()
    x = 0.0
    for root in structure.roots():
        kids = () if root in options.collapsed else structure.reports_of(root)
        if not kids:
            comp.tops[root] = (x, 0.0)
            x += cw + gap
            continue
        total = sum(blocks[k].width for k in kids) + gap * (len(kids) - 1)
        w = max(cw, total)
        bx = x + (w - total) / 2
        centres = []
        for k in kids:
            comp.branch_origin[k] = (bx, row)
            centres.append(bx + blocks[k].positions[k][0] + cw / 2)
            bx += blocks[k].width + gap
        left = (centres[0] + centres[-1]) / 2 - cw / 2
        comp.tops[root] = (min(max(left, x), x + w - cw), 0.0)
        x += w + gap
    held = list(structure.holding())
    if held:
        x += options.holding_gap - gap if structure.roots() else 0.0
        comp.holding_x = x
        for root in held:
            comp.branch_origin[root] = (x, 0.0)
            x += blocks[root].width + gap
    comp.width = max(0.0, x - gap)
    return comp


def layout(structure: Structure, options: LayoutOptions | None = None) -> Layout:
    """The whole chart: top posts over their branches, then the holding area after a gap.

    Composed from per-branch layouts, so the canvas can re-lay out only the branches an edit
    touched and get exactly the same picture.
    """
    opts = options or LayoutOptions()
    blocks = {b: branch_layout(structure, b, opts) for b in branches(structure, opts)}
    comp = compose(structure, opts, blocks)
    result = Layout(opts)
    result.positions.update(comp.tops)
    bottom = opts.card_height if comp.tops else 0.0
    for branch, (bx, by) in comp.branch_origin.items():
        block = blocks[branch]
        for post_id, (x, y) in block.positions.items():
            result.positions[post_id] = (bx + x, by + y)
        result.stacked |= block.stacked
        bottom = max(bottom, by + block.height)
    result.width = comp.width
    result.height = bottom
    result.holding_x = comp.holding_x
    return result


def forest_layout(roots: Sequence[str], reports: Mapping[str, Sequence[str]], options: LayoutOptions) -> Layout:
    """Lay out any forest given as report lists (e.g. the part of a chart one printed page shows)."""
    result = Layout(options)
    x = 0.0
    for root in roots:
        x += _place_tree(reports, root, x, 0.0, options, result) + options.h_gap
    result.width = max(0.0, x - options.h_gap)
    return result


def _place_tree(
    structure: Structure | Mapping[str, Sequence[str]],
    root: str,
    x0: float,
    y0: float,
    opts: LayoutOptions,
    out: Layout,
) -> float:
    """Place one tree with its left edge at x0; return its width.

    Runs on every edit of a 20,000-post structure, so it reads the report lists directly and keeps
    everything in locals: two passes, no recursion (a council can be 1,000 wide and 30 deep).
    """
    cw, ch, gap = opts.card_width, opts.card_height, opts.h_gap
    reports: Mapping[str, Sequence[str]] = structure._children if isinstance(structure, Structure) else structure
    collapsed = opts.collapsed
    no_kids: Sequence[str] = ()
    kids_of: dict[str, Sequence[str]] = {}
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
        # A folded branch is not a leaf: its card carries a count and must stay in the row.
        if stack_leaves and len(kids) >= stack_min and all(not kids_of[k] and k not in collapsed for k in kids):
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
    out.height = max(out.height, bottom - y0)
    return width[root]
