"""Tidy tree layout, O(n), pure Python, shared by the canvas, PDF, SVG and PNG.

Each subtree gets a block as wide as its children's blocks side by side; a manager is centred over
its block, so no two cards overlap and parents sit over their reports. When every report of a
manager is a leaf (the last tier of a wide span), the reports are stacked in columns under the
manager instead of a row: a 15-report team leader stays a few cards wide and readable.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import product

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


BLOCK_LAYER = 3
"""Blocks are the branches rooted in this layer (or a deeper one in a very large structure, see
`model.blocks`): an edit re-lays out one or two of them (a few hundred cards in a large council),
and the tiers above are placed over the blocks."""


def branches(structure: Structure, options: LayoutOptions, block_layer: int = BLOCK_LAYER) -> list[str]:
    """The blocks a chart is composed of: each post of `block_layer`, and each holding-area post."""
    out: list[str] = []
    stack = [(root, 1) for root in reversed(structure.roots())]
    while stack:
        post_id, layer = stack.pop()
        if layer == block_layer:
            out.append(post_id)
        elif post_id not in options.collapsed:
            stack.extend((k, layer + 1) for k in reversed(structure.reports_of(post_id)))
    out.extend(structure.holding())
    return out


def branch_layout(structure: Structure, branch: str, options: LayoutOptions) -> Layout:
    """One branch laid out on its own, top-left at (0, 0). The canvas caches these per branch."""
    result = Layout(options)
    result.width = _place_tree(structure, branch, 0.0, 0.0, options, result)
    return result


@dataclass
class Composition:
    """Where each block and each post above the blocks goes; cheap to recompute after any edit."""

    branch_origin: dict[str, tuple[float, float]] = field(default_factory=dict)
    tops: dict[str, tuple[float, float]] = field(default_factory=dict)
    stacked: set[str] = field(default_factory=set)
    width: float = 0.0
    height: float = 0.0
    holding_x: float | None = None


def compose(structure: Structure, options: LayoutOptions, blocks: Mapping[str, Layout]) -> Composition:
    """Lay out the tiers above the blocks as a tidy tree whose leaves are the blocks, left to right,
    then the holding area after a gap."""
    comp = Composition()
    top = Layout(options)
    x = 0.0
    for root in structure.roots():
        x += _place_tree(structure, root, x, 0.0, options, top, blocks, comp.branch_origin) + options.h_gap
    comp.tops = top.positions
    comp.stacked = top.stacked
    comp.height = top.height
    held = list(structure.holding())
    if held:
        x += options.holding_gap - options.h_gap if structure.roots() else 0.0
        comp.holding_x = x
        for root in held:
            comp.branch_origin[root] = (x, 0.0)
            comp.height = max(comp.height, blocks[root].height)
            x += blocks[root].width + options.h_gap
    comp.width = max(0.0, x - options.h_gap)
    return comp


def layout(structure: Structure, options: LayoutOptions | None = None) -> Layout:
    """The whole chart: top posts over their branches, then the holding area after a gap.

    One pass over the whole forest. The canvas composes the same picture from per-branch layouts
    (branch_layout, compose) so that an edit re-lays out only the branches it touched; the card
    sizes and gaps are whole and half points, so both sums come out exactly equal (tests hold it).
    """
    opts = options or LayoutOptions()
    result = forest_layout(structure.roots(), structure, opts)
    held = list(structure.holding())
    if held:
        x = result.width + opts.holding_gap if structure.roots() else 0.0
        result.holding_x = x
        for root in held:
            x += _place_tree(structure, root, x, 0.0, opts, result) + opts.h_gap
        result.width = x - opts.h_gap
    return result


def forest_layout(
    roots: Sequence[str], reports: Structure | Mapping[str, Sequence[str]], options: LayoutOptions
) -> Layout:
    """Lay out a forest: a structure's, or one given as report lists (e.g. the part of a chart one
    printed page shows)."""
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
    atoms: Mapping[str, Layout] | None = None,
    atom_origins: dict[str, tuple[float, float]] | None = None,
) -> float:
    """Place one tree with its left edge at x0; return its width.

    Runs on every edit of a 20,000-post structure, so it reads the report lists directly and keeps
    everything in locals: two passes, no recursion (a council can be 1,000 wide and 30 deep).
    """
    cw, ch, gap = opts.card_width, opts.card_height, opts.h_gap
    reports: Mapping[str, Sequence[str]] = structure._children if isinstance(structure, Structure) else structure
    collapsed = opts.collapsed
    # Atoms are blocks laid out already (the canvas's branches): placed whole, never descended.
    atoms = atoms or {}
    origins = atom_origins if atom_origins is not None else {}
    no_kids: Sequence[str] = ()
    kids_of: Mapping[str, Sequence[str]]
    order: list[str] = []
    stack = [root]
    if collapsed or atoms:
        shown: dict[str, Sequence[str]] = {}
        while stack:
            node = stack.pop()
            order.append(node)
            kids = no_kids if node in collapsed or node in atoms else reports[node]
            shown[node] = kids
            stack.extend(kids)
        kids_of = shown
        managers_up = [n for n in reversed(order) if shown[n] or n in atoms]
    else:  # nothing folded or pre-laid: every report is shown (a branch block, most of the time)
        # Managers level by level in comprehensions, never a Python step per card: most cards are
        # leaves, whose width and offset are the defaults below (100,000 posts in ~0.1 s).
        level, levels = (stack if reports[root] else []), []
        while level:
            levels.append(level)
            level = [k for n in level for k in reports[n] if reports[k]]
        managers_up = [n for level in reversed(levels) for n in level]
        kids_of = reports

    def leafy(n: str) -> bool:
        """A leaf for stacking: no reports shown, not folded, and (for an atom) a single card."""
        return not kids_of[n] and n not in collapsed and (n not in atoms or len(atoms[n].positions) == 1)

    def all_leaves(kids: Sequence[str]) -> bool:
        if kids_of is reports:  # nothing folded or pre-laid: a leaf is a post without reports
            return not any(map(reports.__getitem__, kids))
        return all(map(leafy, kids))

    # every card starts as a lone leaf: a card's width, its left edge at 0 within its space
    # a leaf is a card wide, its left edge at 0 within its space: only managers are entered here
    width: dict[str, float] = {}
    offset: dict[str, float] = {}  # the card's left edge within its block
    stacked: dict[str, int] = {}  # manager -> number of columns its stacked reports use
    stack_leaves, stack_min, stack_rows, indent = opts.stack_leaves, opts.stack_min, opts.stack_rows, opts.stack_indent
    for node in managers_up:  # reports before their managers
        kids = kids_of[node]
        if node in atoms:
            width[node] = atoms[node].width
            offset[node] = atoms[node].positions[node][0]
            continue
        if not kids:
            continue
        # A folded branch is not a leaf: its card carries a count and must stay in the row.
        if stack_leaves and len(kids) >= stack_min and all_leaves(kids):
            columns = -(-len(kids) // stack_rows)
            stacked[node] = columns
            w = max(cw, indent + columns * cw + (columns - 1) * gap)
            width[node] = w
            offset[node] = (w - cw) / 2
            continue
        total = gap * (len(kids) - 1)
        for k in kids:
            total += width.get(k, cw)
        w = cw if total < cw else total
        width[node] = w
        # Centre the manager over its first and last reports' cards, as a tidy tree does.
        shift = (w - total) / 2
        first = shift + offset.get(kids[0], 0.0)
        last = shift + total - width.get(kids[-1], cw) + offset.get(kids[-1], 0.0)
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
        w = width.get(node, cw)
        if node in atoms:
            origins[node] = (left, y)
            if y + atoms[node].height > bottom:
                bottom = y + atoms[node].height
            continue
        positions[node] = (left + offset.get(node, 0.0), y)
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
            # column by column, top to bottom: the grid's corners in the order the reports take them
            ys = [y + ch + half_gap + r * stack_step for r in range(min(stack_rows, len(kids)))]
            grid = zip(kids, product([start + c * (cw + gap) for c in range(columns)], ys), strict=False)
            if atoms:
                for kid, corner in grid:
                    (origins if kid in atoms else positions)[kid] = corner
            else:
                positions.update(grid)
            if ys[-1] + ch > bottom:
                bottom = ys[-1] + ch
            continue
        total = gap * (len(kids) - 1)
        for k in kids:
            total += width.get(k, cw)
        cursor = left + (w - total) / 2
        for kid in kids:
            todo.append((kid, cursor, y + row))
            cursor += width.get(kid, cw) + gap
    out.height = max(out.height, bottom - y0)
    return width.get(root, cw)
