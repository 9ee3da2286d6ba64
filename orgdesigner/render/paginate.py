"""Splitting a chart into printed pages that are filled, not one tier to a page.

A page starts from its top card(s) and opens the cards below it one manager at a time, tier by
tier, as long as the page still holds them at full size (text is never printed below the minimum:
a manager whose team does not fit is cut, and its team continues on a later page). The teams cut
from one page that are small enough share a continuation page, side by side. A manager whose direct
reports alone are too wide for a page is split into parts, each under a copy of the manager's card.

Geometry is in 1/96 inch; nothing here paints.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from PySide6.QtCore import QSizeF

from orgdesigner.model.layout import Layout, LayoutOptions, forest_layout
from orgdesigner.model.structure import Structure

PRINT_LAYOUT = LayoutOptions(card_width=190, card_height=112, h_gap=12, v_gap=32, stack_min=2, stack_rows=6,
                             stack_gap=6, stack_indent=20)  # fmt: skip


@dataclass
class PageSpec:
    """What one chart page shows: top cards, the report lists shown, which cards continue elsewhere."""

    tops: list[str]
    reports: dict[str, list[str]]
    cut: list[str]
    parents: list[str] = field(default_factory=list)  # the posts (cut on an earlier page) this page continues
    part: tuple[int, int] | None = None
    number: int = 0
    continued_from: int | None = None
    continued: dict[str, int] = field(default_factory=dict)  # each parent: the page it was cut on
    layout: Layout | None = None

    @property
    def parent(self) -> str | None:
        return self.parents[0] if self.parents else None


def _fits(lay: Layout, area: QSizeF) -> bool:
    return lay.width <= area.width() + 0.5 and lay.height <= area.height() + 0.5


def _capacity(area: QSizeF) -> int:
    """The most cards a page could hold, packed edge to edge: a cheap bound before laying out."""
    o = PRINT_LAYOUT
    across = int((area.width() + o.h_gap) // (o.card_width + o.h_gap))
    down = int((area.height() + o.stack_gap) // (o.card_height + o.stack_gap))
    return max(1, across * down)


def page_layout_of(tops: Sequence[str], reports: dict[str, list[str]], cut: Sequence[str], area: QSizeF) -> Layout:
    """Lay out what a page shows; stacked teams get as many rows as the page has below them."""
    base = replace(PRINT_LAYOUT, collapsed=frozenset(cut))
    step = base.card_height + base.stack_gap
    rows = int((area.height() - base.card_height - base.v_gap / 2 + base.stack_gap) // step)
    lay = forest_layout(tops, reports, replace(base, stack_rows=max(2, rows)))
    if lay.height > area.height() + 0.5 and lay.stacked:
        # Stacks that start lower down get fewer rows (and more columns): retry once with the rows
        # the lowest stack has room for.
        start = max(lay.positions[m][1] for m in lay.stacked) + base.card_height + base.v_gap / 2
        fewer = int((area.height() - start + base.stack_gap) // step)
        if 2 <= fewer < rows:
            lay = forest_layout(tops, reports, replace(base, stack_rows=fewer))
    return lay


class _Planner:
    def __init__(self, structure: Structure, area: QSizeF) -> None:
        self.structure = structure
        self.area = area
        self.capacity = _capacity(area)
        self._sizes: dict[str, int] = {}

    def size(self, post_id: str) -> int:
        """Cards in a post's branch (its own included), counted once."""
        found = self._sizes.get(post_id)
        if found is None:
            found = self._sizes[post_id] = len(self.structure.subtree(post_id))
        return found

    def has_reports(self, post_id: str) -> bool:
        return bool(self.structure.reports_of(post_id))

    def fill(self, tops: list[str], first: dict[str, list[str]] | None = None) -> PageSpec | None:
        """Open cards below the tops, tier by tier, while the page holds them; None when not even the
        tops' own reports fit."""
        structure = self.structure
        reports: dict[str, list[str]] = {t: [] for t in tops}
        if first:
            for manager, kids in first.items():
                reports[manager] = list(kids)
                reports.update((k, []) for k in kids)
        cut = {p for p, kids in reports.items() if not kids and self.has_reports(p)}
        lay = page_layout_of(tops, reports, sorted(cut), self.area)
        if not _fits(lay, self.area):
            return None
        frontier = deque(p for p in _breadth_first(tops, reports) if p in cut)
        opened_tops = first is not None
        while frontier:
            node = frontier.popleft()
            kids = list(structure.reports_of(node))
            if len(reports) + len(kids) > self.capacity:
                if node in tops and not opened_tops:
                    return None
                continue
            trial = dict(reports)
            trial[node] = kids
            trial.update((k, []) for k in kids)
            trial_cut = (cut - {node}) | {k for k in kids if self.has_reports(k)}
            trial_lay = page_layout_of(tops, trial, sorted(trial_cut), self.area)
            if not _fits(trial_lay, self.area):
                if node in tops and not opened_tops:
                    return None  # a page must show at least its top's team
                continue
            reports, cut, lay = trial, trial_cut, trial_lay
            frontier.extend(k for k in kids if k in cut)
        opened_tops = True
        return PageSpec(list(tops), reports, _left_to_right(list(cut), lay), layout=lay)

    def parts(self, top: str) -> list[PageSpec]:
        """A team too wide for one page: consecutive runs of reports, each under the manager's card."""
        kids = list(self.structure.reports_of(top))
        chunks: list[list[str]] = []
        current: list[str] = []
        for kid in kids:
            trial = [*current, kid]
            reports = {top: trial, **{k: [] for k in trial}}
            folded = [k for k in trial if self.has_reports(k)]
            if current and not _fits(page_layout_of([top], reports, folded, self.area), self.area):
                chunks.append(current)
                current = [kid]
            else:
                current = trial
        if current:
            chunks.append(current)
        specs: list[PageSpec] = []
        for i, chunk in enumerate(chunks, start=1):
            spec = self.fill([top], {top: chunk})
            if spec is None:  # a single report wider than the page cannot happen with fixed cards
                reports = {top: chunk, **{k: [] for k in chunk}}
                cut = [k for k in chunk if self.has_reports(k)]
                spec = PageSpec([top], reports, cut, layout=page_layout_of([top], reports, cut, self.area))
            spec.part = (i, len(chunks)) if len(chunks) > 1 else None
            specs.append(spec)
        return specs

    def whole(self, tops: list[str]) -> PageSpec | None:
        """The tops with everything under them, when that fits one page."""
        if sum(self.size(t) for t in tops) > self.capacity:
            return None
        spec = self.fill(tops)
        return spec if spec is not None and not spec.cut else None


def _breadth_first(tops: Sequence[str], reports: dict[str, list[str]]) -> list[str]:
    order: list[str] = []
    queue = deque(tops)
    while queue:
        node = queue.popleft()
        order.append(node)
        queue.extend(reports.get(node, ()))
    return order


def reading_order(tops: Sequence[str], reports: dict[str, list[str]]) -> list[str]:
    """The cards of a page as a reader takes them: each manager, then its team, left to right.
    Painting in this order puts the PDF's text in reading order."""
    order: list[str] = []
    stack = list(reversed(tops))
    while stack:
        node = stack.pop()
        order.append(node)
        stack.extend(reversed(reports.get(node, ())))
    return order


def _left_to_right(cut: list[str], lay: Layout) -> list[str]:
    """Continuation pages follow the order a reader meets the cut cards: left to right, top down."""
    return sorted(cut, key=lambda p: (lay.positions[p][0], lay.positions[p][1]))


def plan_pages(structure: Structure, roots: Sequence[str], area: QSizeF) -> list[PageSpec]:
    """Pages for the given top posts: filled as deep as fits, cut teams continued on later pages,
    small sibling teams sharing a page."""
    planner = _Planner(structure, area)
    pages: list[PageSpec] = []
    queue: deque[tuple[list[str], list[str], PageSpec | None]] = deque()
    for group, spec in _continuations(planner, list(roots)):
        queue.append((group, [], spec))
    while queue:
        tops, parents, planned = queue.popleft()
        specs = [planned] if planned is not None else _plan(planner, tops[0])
        for page in specs:
            page.parents = list(parents)
            pages.append(page)
            queue.extend((group, group, spec) for group, spec in _continuations(planner, page.cut))
    pages = _share_pages(planner, pages)
    for number, page in enumerate(pages, start=1):
        page.number = number
    cut_on = {post_id: page.number for page in pages for post_id in page.cut}
    for page in pages:
        page.continued = {p: cut_on[p] for p in page.parents if p in cut_on}
        if page.parents:
            page.continued_from = cut_on.get(page.parents[0])
    return pages


def _plan(planner: _Planner, top: str) -> list[PageSpec]:
    """The page(s) for one top post: filled as deep as fits, or split into parts."""
    if not planner.has_reports(top):  # a lone card
        reports: dict[str, list[str]] = {top: []}
        return [PageSpec([top], reports, [], layout=page_layout_of([top], reports, [], planner.area))]
    spec = planner.fill([top])
    return [spec] if spec is not None else planner.parts(top)


def _continuations(planner: _Planner, cut: list[str]) -> list[tuple[list[str], PageSpec | None]]:
    """Group the teams continued from one page: runs of neighbouring teams that fit a page whole
    share it (planned already); any other team gets its own page(s), planned later."""
    jobs: list[tuple[list[str], PageSpec | None]] = []
    i = 0
    while i < len(cut):
        group = [cut[i]]
        spec = planner.whole(group)
        if spec is not None:
            j = i + 1
            while j < len(cut) and (bigger := planner.whole([*group, cut[j]])) is not None:
                group.append(cut[j])
                spec = bigger
                j += 1
        jobs.append((group, spec))
        i += len(group)
    return jobs


def _share_pages(planner: _Planner, pages: list[PageSpec], reach: int = 3) -> list[PageSpec]:
    """Whole teams continued from different pages share a page when they fit on it together. Only
    the last few such pages are tried: near in the pack, and linear in the number of pages."""
    kept: list[PageSpec] = []
    open_pages: list[int] = []  # indexes in kept of the last pages holding whole teams
    for page in pages:
        if not (page.parents and not page.cut and page.part is None):
            kept.append(page)
            continue
        cards = sum(planner.size(t) for t in page.tops)
        for i in open_pages[-reach:]:
            earlier = kept[i]
            if sum(planner.size(t) for t in earlier.tops) + cards > planner.capacity:
                continue
            both = planner.whole([*earlier.tops, *page.tops])
            if both is not None:
                both.parents = [*earlier.parents, *page.parents]
                kept[i] = both
                break
        else:
            open_pages.append(len(kept))
            kept.append(page)
    return kept
