"""The chart as branch blocks, kept across edits: after each edit it says what moved, appeared, went.

A chart is composed of blocks (each post of one layer, each holding-area post) laid out on their
own, and the few posts above them placed over the blocks. The layer is layout.BLOCK_LAYER, or a
deeper one when its branches would hold more than `block_posts` posts on average (a 100,000-post
council: ~1,850 a branch in layer 3, ~240 in layer 4). After an edit only the blocks that hold
touched posts are laid out again (a few hundred posts); the others at most move. A view (the
canvas) asks `update()` after each edit and acts on the answer: it re-makes the relaid blocks'
cards, moves the moved ones and drops what went. Pure Python, so a property test holds it equal to `layout()`.
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass

from orgdesigner.model.bulk import collector_paused
from orgdesigner.model.layout import BLOCK_LAYER, Layout, LayoutOptions, branch_layout, branches, compose
from orgdesigner.model.structure import Structure

Point = tuple[float, float]

TOP = ""
"""The block name of the posts above the blocks (top posts and their direct reports)."""

BLOCK_POSTS = 500
"""Posts a block holds on average at most, where a deeper layer has posts enough to share them."""


@dataclass(frozen=True)
class BlockChange:
    """What one update changed, block by block (a block is named by the post at its head).

    appeared: blocks new to the chart; went: blocks no longer in it;
    relaid: blocks kept whose inside was laid out again (cards may have moved within them);
    moved: blocks kept whose origin on the chart changed;
    tops: posts above the blocks that are new there or moved; tops_went: posts no longer above them;
    posts_went: posts drawn before and drawn nowhere now (deleted, or folded away);
    everything: the whole chart was laid out again (first use, new card sizes, another structure).
    """

    appeared: frozenset[str]
    went: frozenset[str]
    relaid: frozenset[str]
    moved: frozenset[str]
    tops: frozenset[str]
    tops_went: frozenset[str]
    posts_went: frozenset[str]
    everything: bool = False

    @property
    def nothing(self) -> bool:
        return not (
            self.appeared or self.went or self.relaid or self.moved or self.tops or self.tops_went or self.posts_went
        )


class BlockCache:
    """Block layouts, block origins and top posts' places for one structure, kept up to date."""

    def __init__(self, options: LayoutOptions | None = None, block_posts: int = BLOCK_POSTS) -> None:
        self.options = options or LayoutOptions()
        self.block_posts = block_posts
        self._layer = BLOCK_LAYER
        self._layouts: dict[str, Layout] = {}
        self._origins: dict[str, Point] = {}
        self._tops: dict[str, Point] = {}
        self._block_of: dict[str, str] = {}  # drawn post -> its block (TOP for the posts above)
        self._stacked_tops: frozenset[str] = frozenset()
        self._width = 0.0
        self._height = 0.0
        self._holding_x: float | None = None
        self._fresh = True

    # ---- reading -----------------------------------------------------------------------------------
    @property
    def layouts(self) -> Mapping[str, Layout]:
        """Each block's own layout, top-left at (0, 0)."""
        return self._layouts

    @property
    def origins(self) -> Mapping[str, Point]:
        """Where each block's top-left corner is on the chart."""
        return self._origins

    @property
    def tops(self) -> Mapping[str, Point]:
        """The posts above the blocks, at their places on the chart."""
        return self._tops

    @property
    def block_layer(self) -> int:
        """The layer whose posts head the blocks (chosen from the structure's size when everything
        is laid out again; kept while edits follow, so blocks keep their names: a chart grown large
        by pasting keeps its larger blocks, a little slower, until it is shown afresh)."""
        return self._layer

    @property
    def stacked_tops(self) -> frozenset[str]:
        return self._stacked_tops

    @property
    def size(self) -> Point:
        return (self._width, self._height)

    @property
    def holding_x(self) -> float | None:
        return self._holding_x

    def block_of(self, post_id: str) -> str | None:
        """The block a post is drawn in (TOP above the blocks); None if it is not drawn."""
        return self._block_of.get(post_id)

    def position(self, post_id: str) -> Point | None:
        """A post's card's top-left corner on the chart; None if it is not drawn."""
        block = self._block_of.get(post_id)
        if block is None:
            return None
        if block == TOP:
            return self._tops[post_id]
        bx, by = self._origins[block]
        x, y = self._layouts[block].positions[post_id]
        return (bx + x, by + y)

    def whole(self) -> Layout:
        """The whole chart as one layout: equal to `layout(structure, options)`."""
        lay = Layout(self.options, positions=dict(self._tops), stacked=set(self._stacked_tops))
        for block, (bx, by) in self._origins.items():
            inner = self._layouts[block]
            lay.positions.update({p: (bx + x, by + y) for p, (x, y) in inner.positions.items()})
            lay.stacked |= inner.stacked
        lay.width, lay.height, lay.holding_x = self._width, self._height, self._holding_x
        return lay

    # ---- keeping up --------------------------------------------------------------------------------
    def update(
        self, structure: Structure, touched: frozenset[str] | None, options: LayoutOptions | None = None
    ) -> BlockChange:
        """Follow one edit (`touched`: the posts it touched, as `Applied.touched` names them; None:
        anything may have changed, e.g. another scenario is shown). New `options` that differ only
        in what is folded lay out again just the blocks holding the folded or unfolded posts."""
        options = options or self.options
        everything = touched is None or self._fresh
        if not everything and options != self.options:
            folds = self.options.collapsed ^ options.collapsed
            if options != dataclasses.replace(self.options, collapsed=options.collapsed):
                everything = True
            else:
                touched = frozenset(touched or ()) | folds
        self.options = options
        self._fresh = False
        if everything:
            self._layer = choose_block_layer(structure, self.block_posts)
        wanted = branches(structure, options, self._layer)
        wanted_set = set(wanted)
        if everything or touched is None:
            dirty = wanted_set | set(self._layouts)
        else:
            dirty = {b for p in touched if (b := self._block_of.get(p))}
            dirty |= _blocks_of(structure, touched, self._layer)
            dirty |= wanted_set ^ set(self._layouts)
        dirty.discard(TOP)

        before_blocks = set(self._layouts)
        before_origins = dict(self._origins)
        before_tops = dict(self._tops)
        drawn_before = {p for b in dirty if b in self._layouts for p in self._layouts[b].positions}
        drawn_before |= before_tops.keys()

        for block in dirty:
            old = self._layouts.pop(block, None)
            if old is not None:
                for post_id in old.positions:
                    if self._block_of.get(post_id) == block:
                        del self._block_of[post_id]
        for post_id in before_tops:
            if self._block_of.get(post_id) == TOP:
                del self._block_of[post_id]
        # The whole chart at once is a bulk job like reading the file: 100,000 posts make ~200,000
        # lasting objects, and the collector would walk the whole document meanwhile (~0.4 s).
        with collector_paused(lasting=True) if everything else contextlib.nullcontext():
            for block in dirty & wanted_set:
                lay = branch_layout(structure, block, options)
                self._layouts[block] = lay
                self._block_of.update(dict.fromkeys(lay.positions, block))

        comp = compose(structure, options, self._layouts)
        self._origins = comp.branch_origin
        self._tops = comp.tops
        self._block_of.update(dict.fromkeys(comp.tops, TOP))
        self._stacked_tops = frozenset(comp.stacked)
        self._width, self._height, self._holding_x = comp.width, comp.height, comp.holding_x

        kept = before_blocks & wanted_set
        return BlockChange(
            appeared=frozenset(wanted_set - before_blocks),
            went=frozenset(before_blocks - wanted_set),
            relaid=frozenset(dirty & kept),
            moved=frozenset(b for b in kept if before_origins.get(b) != self._origins[b]),
            tops=frozenset(p for p, xy in self._tops.items() if before_tops.get(p) != xy),
            tops_went=frozenset(before_tops.keys() - self._tops.keys()),
            posts_went=frozenset(p for p in drawn_before if p not in self._block_of),
            everything=everything,
        )


def choose_block_layer(structure: Structure, most: int) -> int:
    """The shallowest layer, BLOCK_LAYER or deeper, whose branches hold `most` posts or fewer on
    average (or the deepest layer with posts). Reads only the posts above that layer."""
    level = list(structure.roots())
    above = 0
    for _ in range(1, BLOCK_LAYER):
        above += len(level)
        level = [k for n in level for k in structure.reports_of(n)]
    layer = BLOCK_LAYER
    while level and len(structure) - above > most * len(level):
        below = [k for n in level for k in structure.reports_of(n)]
        if not below:
            break
        above += len(level)
        level, layer = below, layer + 1
    return layer


def _blocks_of(structure: Structure, posts: frozenset[str], layer: int) -> set[str]:
    """The blocks the posts (those still in the structure) belong in now: each one's ancestor in
    `layer`, or its holding-area root; TOP for the posts above the blocks. An edit touches a whole
    branch (a few hundred posts): each post's layer and block are worked out once, from its
    manager's."""
    known: dict[str, tuple[int, str]] = {}  # post -> (its layer, its block)
    out: set[str] = set()
    for post_id in posts:
        if post_id not in structure:
            continue
        chain: list[str] = []
        up: str | None = post_id
        while up is not None and up not in known:
            chain.append(up)
            up = structure.manager_of(up)
        if up is None:  # the chain ends at a top post or a holding-area post: its own block
            root = chain.pop()
            known[root] = (1, root if structure.is_held(root) or layer == 1 else TOP)
            up = root
        depth, block = known[up]
        for below in reversed(chain):
            depth += 1
            if block == TOP and depth == layer:
                block = below
            known[below] = (depth, block)
        out.add(known[post_id][1])
    return out
