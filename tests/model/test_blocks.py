"""The block cache answers what moved, appeared and went after each edit; it must always equal a
full layout, and its answer must equal the difference between the charts before and after."""

from __future__ import annotations

import dataclasses

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orgdesigner.model.blocks import BLOCK_POSTS, TOP, BlockCache
from orgdesigner.model.edits import AddPost, MovePost
from orgdesigner.model.errors import EditRefused
from orgdesigner.model.layout import LayoutOptions, layout
from orgdesigner.model.post import Post
from orgdesigner.model.structure import Structure
from tests.model.test_properties import _draw_edit


def _chart(cache: BlockCache) -> tuple[dict[str, dict[str, tuple[float, float]]], dict[str, object], dict[str, object]]:
    inside = {b: dict(lay.positions) for b, lay in cache.layouts.items()}
    return inside, dict(cache.origins), dict(cache.tops)


def _start() -> Structure:
    s = Structure()
    s.apply(AddPost(Post("ce", "Chief Executive")))
    for d in range(2):
        s.apply(AddPost(Post(f"d{d}", "Director"), "ce"))
        for h in range(2):
            s.apply(AddPost(Post(f"d{d}h{h}", "Head"), f"d{d}"))
            s.apply(AddPost(Post(f"d{d}h{h}m", "Manager"), f"d{d}h{h}"))
    return s


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_block_cache_equals_a_full_layout_and_reports_exactly_what_changed(data: st.DataObject) -> None:
    s = _start()
    options = LayoutOptions()
    # blocks of a few posts are cut at deeper layers, as a 100,000-post council's are
    cache = BlockCache(options, block_posts=data.draw(st.sampled_from([BLOCK_POSTS, 2, 1])))
    first = cache.update(s, None)
    assert first.everything and first.appeared == set(cache.layouts)
    counter = [0]
    for _ in range(data.draw(st.integers(1, 30))):
        before_inside, before_origins, before_tops = _chart(cache)
        drawn_before = {p for lay in before_inside.values() for p in lay} | set(before_tops)
        kind = data.draw(st.sampled_from(["edit", "edit", "edit", "fold", "cards"]))
        touched: frozenset[str] | None = frozenset()
        if kind == "edit":
            try:
                touched = s.apply(_draw_edit(data, s, counter)).touched
            except EditRefused:
                continue
        elif kind == "fold" and len(s):
            post_id = data.draw(st.sampled_from(sorted(s.post_ids())))
            options = dataclasses.replace(options, collapsed=options.collapsed ^ {post_id})
        else:
            options = dataclasses.replace(options, card_width=data.draw(st.sampled_from([200.0, 150.0])))
        change = cache.update(s, touched, options)

        full = layout(s, options)
        whole = cache.whole()
        assert whole.positions == full.positions
        assert (whole.width, whole.height, whole.holding_x, whole.stacked) == (
            full.width,
            full.height,
            full.holding_x,
            full.stacked,
        )
        assert all(cache.position(p) == xy for p, xy in full.positions.items())
        assert all(cache.block_of(p) is None for p in s.post_ids() if p not in full.positions)

        inside, origins, tops = _chart(cache)
        assert change.appeared == inside.keys() - before_inside.keys()
        assert change.went == before_inside.keys() - inside.keys()
        kept = inside.keys() & before_inside.keys()
        assert {b for b in kept if inside[b] != before_inside[b]} <= change.relaid <= kept
        assert change.moved == {b for b in kept if origins[b] != before_origins[b]}
        assert change.tops == {p for p, xy in tops.items() if before_tops.get(p) != xy}
        assert change.tops_went == before_tops.keys() - tops.keys()
        assert change.posts_went == drawn_before - set(full.positions)
        assert all(cache.block_of(p) == TOP for p in tops)
        assert all(s.layer(b) == cache.block_layer for b in inside if s.is_placed(b))


def test_a_large_structure_is_cut_into_blocks_of_a_few_hundred_posts() -> None:
    """A council whose layer-3 branches hold thousands of posts is cut a layer deeper, so an edit
    lays out again a few hundred posts; the chart is the same."""
    from benchmarks.generate import document

    s = document(3_000).scenario().structure
    shallow, deep = BlockCache(), BlockCache(block_posts=20)
    shallow.update(s, None)
    deep.update(s, None)
    assert (shallow.block_layer, deep.block_layer) == (3, 4)
    assert len(s) / len(shallow.layouts) > 20 >= len(s) / len(deep.layouts)
    assert deep.whole().positions == shallow.whole().positions == layout(s).positions
    mover = next(p for p, layer in s.walk() if layer == 4 and s.report_count(p))
    target = next(p for p, layer in s.walk() if layer == 3 and p != s.manager_of(mover))
    change = deep.update(s, s.apply(MovePost(mover, target)).touched)
    assert change.relaid == {mover}  # the moved branch keeps its block: only it is laid out again
    assert deep.whole().positions == layout(s).positions
