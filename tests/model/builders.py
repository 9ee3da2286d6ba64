"""Small structures for tests, built through edits as users would build them."""

from __future__ import annotations

from typing import Any

from orgdesigner.model.edits import AddDottedLine, AddPost
from orgdesigner.model.post import Post, Role, Side
from orgdesigner.model.structure import Structure


def post(post_id: str, title: str | None = None, **fields: Any) -> Post:
    return Post(id=post_id, title=post_id.upper() if title is None else title, **fields)


def tree(spec: dict[str, list[str]], root: str = "ce", **root_fields: Any) -> Structure:
    """Build a structure from {manager: [reports]}; every post gets default fields."""
    s = Structure()
    s.apply(AddPost(post(root, **root_fields)))
    todo = [root]
    while todo:
        manager = todo.pop(0)
        for child in spec.get(manager, []):
            s.apply(AddPost(post(child), manager))
            todo.append(child)
    return s


def council() -> Structure:
    """A lawful small unitary: every required role held once, spans of 5."""
    s = Structure()
    ce_roles = frozenset({Role.HEAD_OF_PAID_SERVICE, Role.RETURNING_OFFICER})
    s.apply(AddPost(post("ce", "Chief Executive", roles=ce_roles)))
    roles = {
        "fin": {Role.CHIEF_FINANCE_OFFICER},
        "law": {Role.MONITORING_OFFICER},
        "kids": {Role.CHILDRENS_SERVICES, Role.CALDICOTT_GUARDIAN},
        "adults": {Role.ADULT_SOCIAL_SERVICES},
        "health": {Role.PUBLIC_HEALTH, Role.SCRUTINY_OFFICER},
    }
    for pid, held in roles.items():
        body = "CIPFA" if pid == "fin" else ""
        s.apply(AddPost(post(pid, roles=frozenset(held), professional_body=body), "ce"))
    for pid in ("fin", "law", "kids", "adults", "health"):
        for n in range(5):
            s.apply(AddPost(post(f"{pid}{n}", side=Side.COMMISSIONING), pid))
    s.apply(AddPost(post("dpo", roles=frozenset({Role.DATA_PROTECTION, Role.ELECTORAL_REGISTRATION})), "law0"))
    s.apply(AddDottedLine("dpo", "ce"))  # UK GDPR art. 38(3): a line to the top
    return s
