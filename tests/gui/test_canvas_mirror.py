"""The canvas re-lays out only the branches an edit touched; it must always equal a full layout."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QRectF
from pytestqt.qtbot import QtBot

from orgdesigner.gui.canvas import ChartScene, ChartView
from orgdesigner.gui.document import DocumentController
from orgdesigner.model.blocks import BLOCK_POSTS
from orgdesigner.model.document import Document, Scenario
from orgdesigner.model.edits import AddPost, MovePost
from orgdesigner.model.layout import LayoutOptions, layout
from orgdesigner.model.post import Post
from orgdesigner.model.structure import Structure
from orgdesigner.render.card import connector_path
from tests.gui import drawn_edits


def _start() -> Structure:
    s = Structure()
    s.apply(AddPost(Post("ce", "CE")))
    for d in range(3):
        s.apply(AddPost(Post(f"d{d}", f"Director {d}"), "ce"))
        for m in range(3):
            s.apply(AddPost(Post(f"d{d}m{m}", "Manager"), f"d{d}"))
    return s


def _assert_blocks_hold_their_children(scene: ChartScene) -> None:
    """Frames skip a block that is out of view with all its children: nothing may stick out of it."""
    for branch, block in scene.blocks.items():
        for child in block.childItems():
            painted = child.mapRectToParent(child.boundingRect())
            assert block.rect().contains(painted), (branch, child, painted, block.rect())


def _assert_mirrors(scene: ChartScene) -> None:
    _assert_blocks_hold_their_children(scene)
    structure = scene.controller.structure
    full = layout(structure, LayoutOptions(collapsed=scene.controller.folded))
    expected = full.positions
    drawn = {p: (i.scenePos().x(), i.scenePos().y()) for p, i in scene.items_by_id.items() if i.scene() is scene}
    assert drawn == expected
    assert set(scene.items_by_id) == set(expected)
    # every manager's lines to its reports are drawn, where the whole chart's would be
    lines = {m: line for m, line in scene.cards.connectors.items() if line.scene() is scene}
    folded = scene.controller.folded
    managers = {m: structure.reports_of(m) for m in expected if m not in folded and structure.reports_of(m)}
    assert set(lines) == set(managers)
    for manager, line in lines.items():
        assert line.sceneTransform().map(line.path()) == connector_path(full, manager, managers[manager]), manager


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_scene_equals_a_full_layout_after_any_edits(qtbot: QtBot, data: st.DataObject) -> None:
    controller = DocumentController(Document("T", scenarios=[Scenario("Proposed", _start())]))
    # blocks of a post or two are cut at deeper layers, as a 100,000-post council's are
    scene = ChartScene(controller, block_posts=data.draw(st.sampled_from([BLOCK_POSTS, 2, 1])))
    for counter in range(data.draw(st.integers(1, 15))):
        kind = data.draw(st.sampled_from([*drawn_edits.STRUCTURE_KINDS, "collapse", "far", "near"]))
        if drawn_edits.make(controller, data, kind, counter):
            pass
        elif kind == "collapse":
            ids = sorted(controller.structure.post_ids())
            if ids:
                controller.fold(data.draw(st.sampled_from(ids)))
        elif kind == "far":
            scene.set_overview(True)  # zoomed out: edits may leave branches' cards to be made later
        elif kind == "near":
            scene.set_overview(False)
        assert (
            scene.current_layout.positions
            == layout(controller.structure, LayoutOptions(collapsed=scene.controller.folded)).positions
        )
        if not scene.overview.isVisible():
            _assert_mirrors(scene)
    scene.set_overview(False)
    _assert_mirrors(scene)


def test_a_large_generated_structure_keeps_every_card_and_line_inside_its_block(qtbot: QtBot) -> None:
    """Wide spans are stacked, deep branches are long: the shapes a council's chart really has."""
    from benchmarks.generate import document

    controller = DocumentController(document(1_500))
    scene = ChartScene(controller)
    assert len(scene.blocks) > 10
    assert any(scene.cache.layouts[b].stacked for b in scene.blocks)
    _assert_mirrors(scene)


def test_a_large_file_shows_the_cards_on_screen_at_once_and_the_rest_of_their_branch_when_idle(
    qtbot: QtBot,
) -> None:
    """A large council's branch holds more cards than a screen: those on screen are there at once,
    in place with their lines, the rest when the program is idle; an edit meanwhile leaves every
    card and line made where a full layout puts it."""
    from benchmarks.generate import document

    controller = DocumentController(document(2_500))
    scene = ChartScene(controller)
    view = ChartView(scene)
    qtbot.addWidget(view)
    view.resize(420, 300)
    view.show()
    qtbot.waitExposed(view)
    big = max(scene.blocks, key=lambda b: scene.cache.layouts[b].width)
    view.centre_on_post(big)  # zooms in to read: the branch's cards on screen are made now
    opts = scene.layout_options
    seen = view.mapToScene(view.viewport().rect()).boundingRect()
    full = layout(controller.structure)
    on_screen = {
        p for p, (x, y) in full.positions.items() if QRectF(x, y, opts.card_width, opts.card_height).intersects(seen)
    }
    assert big in on_screen and on_screen <= set(scene.items_by_id)
    branch = list(scene.cache.layouts[big].positions)
    assert not set(branch) <= set(scene.items_by_id)  # the rest of the branch waits
    lines = scene.cards.connectors
    assert all(m in lines for m in on_screen if m in branch and controller.structure.report_count(m))
    structure = controller.structure
    managers = [p for p in branch if structure.report_count(p) and p != big]
    leaf = next(p for p in reversed(branch) if not structure.report_count(p) and structure.manager_of(p) != managers[0])
    controller.perform(MovePost(leaf, managers[0]))
    qtbot.waitUntil(lambda: not scene.making_cards)
    assert set(scene.cache.layouts[big].positions) <= set(scene.items_by_id)
    full = layout(controller.structure)
    drawn = {p: (i.scenePos().x(), i.scenePos().y()) for p, i in scene.items_by_id.items() if i.scene() is scene}
    assert all(full.positions[p] == xy for p, xy in drawn.items())
    for manager, line in scene.cards.connectors.items():
        if line.scene() is scene:
            assert line.sceneTransform().map(line.path()) == connector_path(
                full, manager, structure.reports_of(manager)
            ), manager
