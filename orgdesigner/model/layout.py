"""Tidy tree layout, O(n), pure Python, shared by the canvas, PDF, SVG and PNG.

Each subtree gets a block as wide as its children's blocks side by side; a manager is centred over
its block, so no two cards overlap and parents sit over their reports. When every report of a
manager is a leaf (the last tier of a wide span), the reports are stacked in columns under the
manager instead of a row: a 15-report team leader stays a few cards wide and readable.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from itertools import chain, compress, product

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

    Stacked teams are found for the whole chart at once and their reports placed in bulk: a Python
    step per manager, not per post (100,000 posts are ~13,000 managers). The canvas composes the
    same picture from per-branch layouts (branch_layout, compose) so that an edit re-lays out only
    the branches it touched; the card sizes and gaps are whole and half points, so both sums come
    out exactly equal (tests hold it).
    """
    opts = options or LayoutOptions()
    # With every report shown, the stacked teams are found for the whole chart at once.
    place: Callable[[str, float, float, LayoutOptions, Layout], float] = (
        partial(_place_tree, structure) if opts.collapsed else partial(_place_whole, _Teams(structure, opts))
    )
    result = Layout(opts)
    x = 0.0
    for root in structure.roots():
        x += place(root, x, 0.0, opts, result) + opts.h_gap
    result.width = max(0.0, x - opts.h_gap)
    held = list(structure.holding())
    if held:
        x = result.width + opts.holding_gap if structure.roots() else 0.0
        result.holding_x = x
        for root in held:
            x += place(root, x, 0.0, opts, result) + opts.h_gap
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


class _Stacks:
    """Where stacked reports go: a grid under their manager, columns of up to `stack_rows` cards
    filled column by column, top to bottom. A team's corners are gathered here and all the teams'
    cards placed in one update at the end (`place`): one call for 86,000 cards, not one a team."""

    def __init__(self, opts: LayoutOptions) -> None:
        self._card_height = opts.card_height
        self._half_gap = opts.v_gap / 2
        self._row_step = opts.card_height + opts.stack_gap
        self._column_step = opts.card_width + opts.h_gap
        self._rows = opts.stack_rows
        self._row_tops: dict[float, list[float]] = {}  # by the manager's top: one list a tier
        self._column_steps: dict[int, list[float]] = {}  # by the number of columns
        self._kids: list[Sequence[str]] = []  # the stacked reports, team by team
        self._corners: list[tuple[float, float]] = []  # and their cards' top-left corners

    def grid(self, count: int, start: float, y: float) -> tuple[list[float], list[float]]:
        """The columns' left edges and the rows' tops of `count` reports stacked under a manager
        whose card's top is at `y`, the first column's left edge at `start`."""
        ys = self._row_tops.get(y)
        if ys is None:
            ch, half_gap, step = self._card_height, self._half_gap, self._row_step
            ys = self._row_tops[y] = [y + ch + half_gap + r * step for r in range(self._rows)]
        if count < self._rows:
            ys = ys[:count]
        columns = -(-count // self._rows)
        steps = self._column_steps.get(columns)
        if steps is None:
            steps = self._column_steps[columns] = [c * self._column_step for c in range(columns)]
        return [start + step for step in steps], ys

    def add(self, kids: Sequence[str], start: float, y: float) -> float:
        """Stack a team's reports (placed by `place`); returns the stack's bottom edge."""
        xs, ys = self.grid(len(kids), start, y)
        self._kids.append(kids)
        corners = self._corners
        corners.extend(product(xs, ys))
        spare = len(xs) * len(ys) - len(kids)  # the corners the last column leaves empty
        if spare:
            del corners[-spare:]
        return ys[-1] + self._card_height

    def place(self, positions: dict[str, tuple[float, float]]) -> None:
        positions.update(zip(chain.from_iterable(self._kids), self._corners, strict=True))


class _Teams:
    """A whole chart's stacked teams (managers whose reports are all leaves, enough of them to
    stack) and the width of every manager's block, worked out for all its trees at once: the
    placing walk then stops at a team and stacks its reports in one step, never visiting
    them one by one (most of 100,000 posts are such leaves)."""

    def __init__(self, structure: Structure, opts: LayoutOptions) -> None:
        reports = structure.reports_by_post()
        manager_of = structure.manager_by_post()
        self.reports = reports
        self.width: dict[str, float] = {}  # managers only: a leaf is a card wide
        self.offset: dict[str, float] = {}  # the manager's card's left edge within its block
        self.teams: dict[str, tuple[Sequence[str], float, float]] = {}
        """Each team's reports, its card's left edge and its stack's left padding in its block."""
        cw, gap, indent, rows = opts.card_width, opts.h_gap, opts.stack_indent, opts.stack_rows
        managers = list(compress(reports.keys(), reports.values()))
        above_managers = set(map(manager_of.__getitem__, managers))
        least = opts.stack_min if opts.stack_leaves else len(structure) + 1
        shapes: dict[int, tuple[float, float, float]] = {}  # by number of reports
        others: list[str] = []  # the managers that are not teams
        for manager in managers:
            kids = reports[manager]
            if manager in above_managers or len(kids) < least:
                others.append(manager)
                continue
            shape = shapes.get(len(kids))
            if shape is None:
                columns = -(-len(kids) // rows)
                block = indent + columns * cw + (columns - 1) * gap
                w = max(cw, block)
                shape = shapes[len(kids)] = (w, (w - cw) / 2, (w - block) / 2)
            w, card, pad = shape
            self.width[manager] = w
            self.offset[manager] = card
            self.teams[manager] = (kids, card, pad)
        self._widen(others, manager_of, opts)

    def _widen(self, others: list[str], manager_of: Mapping[str, str | None], opts: LayoutOptions) -> None:
        """Each other manager's block is as wide as its reports' side by side, its card centred
        over its first and last reports' cards, as in _place_tree: reports first."""
        depth: dict[str, int] = {}
        for manager in others:  # a manager's own manager is one of the others too (it has reports)
            path = [manager]
            above = manager_of[manager]
            while above is not None and above not in depth:
                path.append(above)
                above = manager_of[above]
            at = 0 if above is None else depth[above]
            for node in reversed(path):
                at += 1
                depth[node] = at
        others.sort(key=depth.__getitem__, reverse=True)
        cw, gap = opts.card_width, opts.h_gap
        reports, width, offset = self.reports, self.width, self.offset
        for node in others:
            kids = reports[node]
            total = gap * (len(kids) - 1)
            for k in kids:
                total += width.get(k, cw)
            w = cw if total < cw else total
            width[node] = w
            shift = (w - total) / 2
            first = shift + offset.get(kids[0], 0.0)
            last = shift + total - width.get(kids[-1], cw) + offset.get(kids[-1], 0.0)
            centre = (first + last) / 2
            offset[node] = 0.0 if centre < 0 else (w - cw if centre > w - cw else centre)


def _place_whole(teams: _Teams, root: str, x0: float, y0: float, opts: LayoutOptions, out: Layout) -> float:
    """_place_tree for a tree of a whole chart with nothing folded: the same places, with each
    stacked team's reports placed in one update."""
    cw, ch, gap = opts.card_width, opts.card_height, opts.h_gap
    reports, team_of, width, offset = teams.reports, teams.teams, teams.width, teams.offset
    positions = out.positions
    stacked = out.stacked
    row = ch + opts.v_gap
    indent = opts.stack_indent
    stacks = _Stacks(opts)
    stack = stacks.add
    bottom = y0
    todo: list[tuple[str, float, float]] = [(root, x0, y0)]
    while todo:
        node, left, y = todo.pop()
        if y + ch > bottom:
            bottom = y + ch
        team = team_of.get(node)
        if team is not None:
            kids, card, pad = team
            positions[node] = (left + card, y)
            stacked.add(node)
            low = stack(kids, left + pad + indent, y)
            if low > bottom:
                bottom = low
            continue
        w = width.get(node, cw)
        positions[node] = (left + offset.get(node, 0.0), y)
        kids = reports[node]
        if not kids:
            continue
        total = gap * (len(kids) - 1)
        for k in kids:
            total += width.get(k, cw)
        cursor = left + (w - total) / 2
        for kid in kids:
            todo.append((kid, cursor, y + row))
            cursor += width.get(kid, cw) + gap
    stacks.place(positions)
    out.height = max(out.height, bottom - y0)
    return width.get(root, cw)


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
    everything in locals: two passes (the blocks' widths, reports first; then the places, from
    the top), no recursion (a council can be 1,000 wide and 30 deep).
    """
    cw, ch, gap = opts.card_width, opts.card_height, opts.h_gap
    reports: Mapping[str, Sequence[str]] = structure._children if isinstance(structure, Structure) else structure
    # Atoms are blocks laid out already (the canvas's branches): placed whole, never descended.
    atoms = atoms or {}
    origins = atom_origins if atom_origins is not None else {}
    kids_of, managers_up, above = _shown(structure, reports, root, opts.collapsed, atoms)
    width, offset, stacked = _blocks(kids_of, managers_up, above, reports, atoms, opts)

    positions = out.positions
    row = ch + opts.v_gap
    indent = opts.stack_indent
    stacks = _Stacks(opts)
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
            if atoms:  # an atom among the reports is placed whole: its block's origin goes there
                xs, ys = stacks.grid(len(kids), start, y)
                for kid, corner in zip(kids, product(xs, ys), strict=False):
                    (origins if kid in atoms else positions)[kid] = corner
                low = ys[-1] + ch
            else:
                low = stacks.add(kids, start, y)
            if low > bottom:
                bottom = low
            continue
        total = gap * (len(kids) - 1)
        for k in kids:
            total += width.get(k, cw)
        cursor = left + (w - total) / 2
        for kid in kids:
            todo.append((kid, cursor, y + row))
            cursor += width.get(kid, cw) + gap
    stacks.place(positions)
    out.height = max(out.height, bottom - y0)
    return width.get(root, cw)


def _shown(
    structure: Structure | Mapping[str, Sequence[str]],
    reports: Mapping[str, Sequence[str]],
    root: str,
    collapsed: frozenset[str],
    atoms: Mapping[str, Layout],
) -> tuple[Mapping[str, Sequence[str]], list[str], set[str | None] | None]:
    """The first pass of _place_tree: each shown post's shown reports, the managers (and atoms)
    with reports before their managers, and (when known) the managers with a manager among
    their reports."""
    no_kids: Sequence[str] = ()
    stack = [root]
    if collapsed or atoms:
        shown: dict[str, Sequence[str]] = {}
        order: list[str] = []
        while stack:
            node = stack.pop()
            order.append(node)
            kids = no_kids if node in collapsed or node in atoms else reports[node]
            shown[node] = kids
            stack.extend(kids)
        return shown, [n for n in reversed(order) if shown[n] or n in atoms], None
    # Nothing folded or pre-laid: every report is shown (a branch block, most of the time).
    # Managers level by level in comprehensions, never a Python step per card: most cards are
    # leaves, whose width and offset are _blocks' defaults (100,000 posts in ~0.1 s).
    level, levels = (stack if reports[root] else []), []
    while level:
        levels.append(level)
        level = [k for n in level for k in reports[n] if reports[k]]
    managers_up = [n for level in reversed(levels) for n in level]
    above: set[str | None] | None = None
    if isinstance(structure, Structure):  # each manager's own manager: no look-up per leaf
        above = set(map(structure.manager_by_post().__getitem__, chain.from_iterable(levels[1:])))
    return reports, managers_up, above


def _blocks(
    kids_of: Mapping[str, Sequence[str]],
    managers_up: list[str],
    above: set[str | None] | None,
    reports: Mapping[str, Sequence[str]],
    atoms: Mapping[str, Layout],
    opts: LayoutOptions,
) -> tuple[dict[str, float], dict[str, float], dict[str, int]]:
    """The second pass of _place_tree: each manager's block width, its card's left edge within
    its block, and the stacked teams' numbers of columns. A leaf is a card wide, its left edge
    at 0 within its space: only managers (and atoms) are entered."""
    cw, gap, collapsed = opts.card_width, opts.h_gap, opts.collapsed

    def leafy(n: str) -> bool:
        """A leaf for stacking: no reports shown, not folded, and (for an atom) a single card."""
        return not kids_of[n] and n not in collapsed and (n not in atoms or len(atoms[n].positions) == 1)

    def all_leaves(node: str, kids: Sequence[str]) -> bool:
        if above is not None:
            return node not in above
        if kids_of is reports:  # nothing folded or pre-laid: a leaf is a post without reports
            return not any(map(reports.__getitem__, kids))
        return all(map(leafy, kids))

    width: dict[str, float] = {}
    offset: dict[str, float] = {}
    stacked: dict[str, int] = {}
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
        if stack_leaves and len(kids) >= stack_min and all_leaves(node, kids):
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
    return width, offset, stacked
