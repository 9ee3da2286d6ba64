"""Every post field survives a save and a load, whatever order a file lists its keys in and
whether its numbers are written as 3 or 3.0 (a hand-made or another tool's file): records read
by the fast path and by the field-by-field path make the same posts."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orgdesigner.formats import native
from orgdesigner.model.builder import PostRecord, build_structure
from orgdesigner.model.document import Document, Scenario
from orgdesigner.model.post import Employment, Holder, Post, Role, Side, Status
from orgdesigner.model.profile import CouncilType, RulesProfile

texts = st.text(max_size=8)
dates = st.none() | st.dates().map(lambda d: d.isoformat())
money = st.floats(0, 10_000_000).map(round)
maybe = st.none()

holders = st.builds(
    Holder,
    name=texts,
    fte=st.floats(0.1, 5),
    person_id=texts,
    salary=maybe | money,
    date_of_birth=dates,
    service_start=dates,
    lgps_member=maybe | st.booleans(),
    notice_weeks=maybe | st.floats(0, 52),
    strain_cost=maybe | money,
    protected_pension_age=maybe | st.floats(50, 75),
    professional_body=texts,
)


@st.composite
def posts(draw: st.DrawFn, post_id: str) -> Post:
    floor, ceiling = sorted(draw(st.tuples(maybe | money, maybe | money)), key=lambda v: -1 if v is None else v)
    if floor is None:
        floor, ceiling = ceiling, None  # a pay given once is a floor with no ceiling, or a spot salary
    return draw(
        st.builds(
            Post,
            id=st.just(post_id),
            title=texts,
            grade=st.sampled_from(["", "G4", "Chief Officer"]),
            pay_floor=st.just(floor),
            pay_ceiling=st.just(ceiling) | st.just(floor),
            fte=maybe | st.floats(0.1, 5),
            side=st.sampled_from(Side),
            transition_end=dates,
            function=st.sampled_from(["", "Adults", "Place"]),
            team=texts,
            roles=st.frozensets(st.sampled_from(Role), max_size=2),
            status=st.sampled_from(Status),
            employment=st.sampled_from(Employment),
            holders=st.lists(holders, max_size=2).map(tuple),
            employer=texts,
            share=st.floats(0.1, 1),
            notes=texts,
            assistant=st.booleans(),
            role_justification=texts,
            source_ref=texts,
            professional_body=texts,
            effective_date=dates,
            delete_when_vacated=st.booleans(),
            reselect=st.booleans(),
            establishment=texts,
        )
    )


def _as_another_tool_writes(value: Any) -> Any:
    """Whole numbers written without a decimal point, as a hand-made or another tool's file may."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, list):
        return [_as_another_tool_writes(v) for v in value]
    if isinstance(value, dict):
        return {k: _as_another_tool_writes(v) for k, v in value.items()}
    return value


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_every_post_field_loads_back_whatever_the_key_order_or_number_style(data: st.DataObject) -> None:
    drawn = [data.draw(posts(f"P{n}")) for n in range(data.draw(st.integers(1, 6)))]
    records: list[PostRecord] = [(Post("ce", "Chief Executive"), None, (), None)]
    records += [(post, "ce", ["ce"] if n % 3 == 2 else [], None) for n, post in enumerate(drawn)]
    structure = build_structure(records, [], [])
    document = Document("Round Trip Council", CouncilType.UNITARY, RulesProfile(), [Scenario("Now", structure)])
    saved = json.loads(native.dumps(document))
    for record in saved["scenarios"][0]["posts"]:
        keys = data.draw(st.permutations(list(record)))
        reordered = {key: record[key] for key in keys}
        record.clear()
        record.update(_as_another_tool_writes(reordered) if data.draw(st.booleans()) else reordered)
    for text in (native.dumps(document), json.dumps(saved)):
        loaded = native.loads(text).scenario("Now").structure
        assert loaded.snapshot() == structure.snapshot()
