"""Data quality: what an import or a careless edit leaves behind."""

from __future__ import annotations

from collections.abc import Collection, Iterator

from orgdesigner.model.post import Post
from orgdesigner.model.rules.base import Context, Finding, Rule, Severity


def _post_data(ctx: Context, post: Post) -> list[Finding]:
    found: list[Finding] = []
    if not post.title.strip():
        found.append(
            Finding(
                "data.title",
                Severity.WARNING,
                (post.id,),
                f"Post '{post.id}' has no job title: give it one so HR and members can recognise it.",
            )
        )
    if post.import_record:
        found.append(_value_finding(f"'{post.title or post.id}'", post.import_record, (post.id,)))
    for group in ctx.structure.groups_under(post.id) if ctx.structure.has_groups(post.id) else ():
        if group.import_record:
            what = f"Staff group '{group.title}' under '{post.title or post.id}'"
            found.append(_value_finding(what, group.import_record, (post.id,)))
    if ctx.structure.is_held(post.id):
        reason = ctx.structure.holding_reason(post.id)
        found.append(
            Finding(
                "data.unplaced",
                Severity.WARNING,
                (post.id,),
                f"'{post.title or post.id}' is in the holding area ({reason}): drag it onto its manager.",
            )
        )
    return found


def _data_candidates(ctx: Context) -> Collection[str]:
    """Posts with no title or an imported record, managers of staff groups with one, held posts."""
    structure = ctx.structure
    out = dict.fromkeys([p.id for p in structure if p.import_record or not p.title.strip()])
    out.update(dict.fromkeys(g.manager_id for g in structure.staff_groups() if g.import_record and g.manager_id))
    out.update(dict.fromkeys(structure.holding()))
    return [p for p in out if p is not None]


def _value_finding(what: str, record: tuple[tuple[str, str], ...], posts: tuple[str, ...]) -> Finding:
    """An imported value that was out of range and is kept as not known: show what the file said."""
    values = "; ".join(f"{field.replace('_', ' ')} '{_short(text)}'" for field, text in record)
    return Finding(
        "data.value",
        Severity.WARNING,
        posts,
        f"{what}: the source file gave {values}, which cannot be right; kept as not known (left out of "
        "totals): type the right value.",
    )


def _short(text: str) -> str:
    return text if len(text) <= 40 else text[:37] + "…"


def _unmanaged_values(ctx: Context) -> Iterator[Finding]:
    """Staff groups with no manager have no post to check them with."""
    for group in ctx.structure.groups_under(None):
        if group.import_record:
            yield _value_finding(f"Staff group '{group.title}'", group.import_record, ())


def _roots(ctx: Context) -> Iterator[Finding]:
    roots = ctx.structure.roots()
    if len(roots) > 1:
        names = ", ".join(f"'{ctx.title(r)}'" for r in roots[:5]) + (" …" if len(roots) > 5 else "")
        yield Finding(
            "data.roots",
            Severity.WARNING,
            tuple(roots),
            f"The structure has {len(roots)} top posts ({names}); a council has one head: put the others "
            "under the chief executive.",
        )


def _duplicates(ctx: Context) -> Iterator[Finding]:
    for ref, ids in sorted(ctx.structure.duplicate_refs().items()):
        yield Finding(
            "data.duplicate_id",
            Severity.ERROR,
            tuple(sorted(ids)),
            f"{len(ids)} posts carry the same post id '{ref}' from the source file: give each its own id, "
            "or remove the copy.",
        )


DATA_RULES = (
    Rule(
        "data.posts", "Every post has a title and a known manager.", "data", per_post=_post_data, only=_data_candidates
    ),
    Rule("data.roots", "The structure has one top post.", "data", whole=_roots),
    Rule("data.value", "Every imported value was usable.", "data", whole=_unmanaged_values),
    Rule("data.duplicate_id", "No two posts share a source post id.", "data", whole=_duplicates),
)
