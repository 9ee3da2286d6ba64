"""Spans, layers, the commissioner/provider split, the core share and pay: the council's policy."""

from __future__ import annotations

from collections.abc import Collection

from orgdesigner.model.post import Post, Side
from orgdesigner.model.rules.base import Context, Finding, Rule, Severity

NONE: list[Finding] = []


def _span(ctx: Context, post: Post) -> list[Finding]:
    structure = ctx.structure
    if not structure.report_count(post.id) and not structure.has_groups(post.id):
        return NONE
    span = structure.span(post.id)
    if span == 0:
        return NONE
    profile = ctx.profile
    if span < profile.min_span:
        if structure.manager_of(post.id) is None and not structure.is_held(post.id):
            # The top post has no neighbour to merge with: widen it from below instead.
            advice = (
                "as the top post it has no neighbour to combine with; bring posts from the tier below up to "
                "report to it, or remove a management tier below it."
            )
        else:
            advice = "merge it with a neighbouring post, give it more reports, or move its reports up."
        return [
            Finding(
                "span.min",
                Severity.WARNING,
                (post.id,),
                f"'{post.title}' has {span} direct report{'s' if span != 1 else ''}, fewer than the minimum "
                f"span of {profile.min_span}: {advice}",
            )
        ]
    if span > profile.max_span:
        return [
            Finding(
                "span.max",
                Severity.WARNING,
                (post.id,),
                f"'{post.title}' has {span} direct reports, more than {profile.max_span}: "
                "consider a team leader tier or splitting the team.",
            )
        ]
    return NONE


def _layers(ctx: Context, post: Post) -> list[Finding]:
    layer = ctx.layer(post.id)
    if layer is not None and layer > ctx.profile.max_layers:
        return [
            Finding(
                "layers.max",
                Severity.WARNING,
                (post.id,),
                f"'{post.title}' is in layer {layer}, below the maximum of {ctx.profile.max_layers} layers "
                "from the chief executive: remove a management tier above it.",
            )
        ]
    return NONE


def _split(ctx: Context, post: Post) -> list[Finding]:
    if post.side is Side.TRANSITIONAL:
        if not post.transition_end:
            return [
                Finding(
                    "split.transitional",
                    Severity.WARNING,
                    (post.id,),
                    f"'{post.title}' holds commissioning and provider roles for now but has no end date: "
                    "record when it moves to one side.",
                )
            ]
        return NONE
    manager_id = ctx.structure.manager_of(post.id)
    if manager_id is None:
        return NONE
    manager = ctx.structure.post(manager_id)
    # most lines stay on one side: decide that first, it is the cheapest test
    if manager.side is post.side or manager.side is Side.TRANSITIONAL or manager.side.in_core == post.side.in_core:
        return NONE
    layer = ctx.layer(post.id)
    if layer is None or layer <= ctx.profile.split_exempt_layers:
        return NONE
    return [
        Finding(
            "split.crossing",
            Severity.WARNING,
            (post.id, manager_id),
            f"'{post.title}' ({post.side.label}) reports to '{manager.title}' ({manager.side.label}): below the "
            "top tier a solid line should not cross the commissioner/provider split. Move it to its own "
            "side, or mark one of them transitional with an end date.",
        )
    ]


def _span_candidates(ctx: Context) -> list[str]:
    """Managers with too few or too many reports, and those with staff groups or assistants (which
    change the span): all the rule can flag, in one pass over the report lists, none looked up."""
    structure = ctx.structure
    low, high = ctx.profile.min_span, ctx.profile.max_span
    out = dict.fromkeys(p for p, kids in structure.reports_by_post().items() if kids and not low <= len(kids) <= high)
    out.update(dict.fromkeys(g.manager_id for g in structure.staff_groups() if g.manager_id is not None))
    out.update(dict.fromkeys(m for a in structure.assistants() if (m := structure.manager_of(a)) is not None))
    return list(out)


def _split_candidates(ctx: Context) -> list[str]:
    """Transitional posts, and posts on another side from their manager: all the rule can flag."""
    posts = ctx.structure.posts_by_id()
    transitional = Side.TRANSITIONAL
    return [
        post.id
        for post, m in ctx.structure.posts_with_managers()
        if (side := post.side) is transitional or (m is not None and posts[m].side is not side)
    ]


def _pay_candidates(ctx: Context) -> Collection[str]:
    """Without pay bands, only packages at or over the threshold are flagged."""
    if ctx.profile.pay_bands:
        ctx.prime_every_layer()  # each post's band is its layer's
        return list(ctx.structure.post_ids())
    threshold = ctx.profile.package_threshold
    return [
        p.id
        for p in ctx.structure
        if (top := p.pay_ceiling if p.pay_ceiling is not None else p.pay_floor) is not None and top >= threshold
    ]


def _pay(ctx: Context, post: Post) -> list[Finding]:
    profile = ctx.profile
    found = NONE
    top = post.pay_ceiling if post.pay_ceiling is not None else post.pay_floor
    if top is not None and top >= profile.package_threshold:
        found = [
            Finding(
                "pay.package",
                Severity.INFO,
                (post.id,),
                f"'{post.title}' is paid up to £{top:,.0f}, at or over £{profile.package_threshold:,.0f}: "
                "guidance asks full Council to vote on such packages.",
            )
        ]
    if not profile.pay_bands or post.salary is None:
        return found
    layer = ctx.layer(post.id)
    band = profile.pay_bands.get(layer) if layer is not None else None
    if band is not None and not (band[0] <= post.salary <= band[1]):
        return [
            *found,
            Finding(
                "pay.band",
                Severity.WARNING,
                (post.id,),
                f"'{post.title}' (£{post.salary:,.0f}) is outside the layer {layer} band "
                f"£{band[0]:,.0f}–£{band[1]:,.0f}: regrade it or record why.",
            ),
        ]
    return found


def _core_share(ctx: Context) -> list[Finding]:
    by_side = ctx.structure.fte_units_by_side()
    total = sum(by_side.values())
    if total <= 0:
        return NONE
    core = sum(units for side, units in by_side.items() if side is not None and side.in_core)
    share = core / total
    limit = ctx.profile.core_share_max
    if share > limit + 1e-12:
        return [
            Finding(
                "core.share",
                Severity.WARNING,
                (),
                f"The commissioning core (with corporate support and transitional posts) is {share:.1%} of "
                f"all FTE ({core / 10_000:,.2f} of {total / 10_000:,.2f}), over the {limit:.0%} limit: "
                "move delivery teams to providers, or add the provider workforce as staff groups.",
            )
        ]
    return NONE


STRUCTURAL_RULES = (
    Rule(
        "span",
        "Each manager has at least the minimum and at most the maximum span of control.",
        "policy",
        per_post=_span,
        only=_span_candidates,
    ),
    Rule(
        "layers",
        "No post is more layers below the chief executive than the maximum.",
        "policy",
        per_post=_layers,
        only=lambda ctx: ctx.deeper_than(ctx.profile.max_layers),
    ),
    Rule(
        "split",
        "Below the top tier no solid line crosses the commissioner/provider split; "
        "transitional posts have an end date.",
        "policy",
        per_post=_split,
        only=_split_candidates,
    ),
    Rule(
        "pay",
        "Salaries sit in their layer's band; packages over the threshold are flagged.",
        "policy",
        per_post=_pay,
        only=_pay_candidates,
    ),
    Rule(
        "core",
        "The commissioning core is at most its share of all FTE, staff groups included.",
        "policy",
        whole=_core_share,
    ),
)
