"""What a post, a holder or a staff group may hold: the checks every edit and every reader apply.

Kept apart from the edits so that readers (formats/) and edits share one set of ranges: whatever an
import writes, the loader reads back.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from orgdesigner.model.errors import EditRefused
from orgdesigner.model.post import Employment, Holder, Post, Role, Side, StaffGroup, Status


def coerce_post_fields(changes: dict[str, Any]) -> dict[str, Any]:
    """Accept plain values (strings from a form or a file) for enum and set fields."""
    out = dict(changes)
    converters: dict[str, Any] = {
        "side": Side,
        "status": Status,
        "employment": Employment,
        "roles": lambda v: frozenset(Role(r) for r in v),
        "holders": lambda v: tuple(h if isinstance(h, Holder) else Holder(**h) for h in v),
    }
    for name, convert in converters.items():
        if name in out and out[name] is not None:
            try:
                out[name] = convert(out[name])
            except (ValueError, TypeError) as exc:
                raise EditRefused(f"'{out[name]}' is not a valid {name.replace('_', ' ')}: {exc}") from None
    return out


def _check_date(name: str, label: str, value: str | None) -> None:
    if value:
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            raise EditRefused(f"'{name}': the {label} '{value}' is not a date (use YYYY-MM-DD).") from None


# The ranges a post or staff group can hold. Importers turn values outside them into "not known"
# (formats/import_values.py), so whatever an import writes, the loader reads back.
FTE_MAX = 5.0
GROUP_FTE_MAX = 100_000.0
PAY_MAX = 10_000_000.0
NOTICE_MAX = 104.0
"""Weeks of contractual notice (two years: well past any council contract; the window offers 52)."""


def validate_holder(name: str, holder: Holder) -> None:
    """Refuse a person's values no HR record can hold; `name` is the post's, for the message.

    The common holder passes a few comparisons without building any text: a 100,000-post file
    runs this for every holder it reads."""
    if (
        0 < holder.fte <= 5
        and (holder.salary is None or 0 <= holder.salary <= 10_000_000)
        and (holder.notice_weeks is None or 0 <= holder.notice_weeks <= NOTICE_MAX)
        and (holder.strain_cost is None or 0 <= holder.strain_cost <= PAY_MAX)
        and (holder.protected_pension_age is None or 50 <= holder.protected_pension_age <= 75)
        and not holder.date_of_birth
        and not holder.service_start
    ):
        return
    who = f"{name}' holder '{holder.name or holder.person_id or '?'}"
    if not (0 < holder.fte <= 5):
        raise EditRefused(f"'{who}': a person's FTE must be more than 0 and at most 5, not {holder.fte}.")
    if holder.salary is not None and not (0 <= holder.salary <= 10_000_000):
        raise EditRefused(f"'{who}': the salary must be between £0 and £10m, not {holder.salary}.")
    if holder.notice_weeks is not None and not (0 <= holder.notice_weeks <= NOTICE_MAX):
        raise EditRefused(f"'{who}': notice must be between 0 and 104 weeks, not {holder.notice_weeks}.")
    if holder.strain_cost is not None and not (0 <= holder.strain_cost <= PAY_MAX):
        raise EditRefused(f"'{who}': the strain cost must be between £0 and £10m, not {holder.strain_cost}.")
    age = holder.protected_pension_age
    if age is not None and not (50 <= age <= 75):
        raise EditRefused(f"'{who}': a protected pension age must be between 50 and 75, not {age}.")
    _check_date(who, "date of birth", holder.date_of_birth)
    _check_date(who, "continuous service date", holder.service_start)


def validate_post(post: Post) -> None:
    """Refuse values no council establishment can hold, with the reason."""
    name = post.title or post.id
    if not post.id.strip():
        raise EditRefused("A post needs an id.")
    if post.fte is not None and not (0 < post.fte <= FTE_MAX):
        raise EditRefused(f"'{name}': FTE must be more than 0 and at most 5 (a job share), not {post.fte}.")
    floor, ceiling = post.pay_floor, post.pay_ceiling
    for label, value in (("pay floor", floor), ("pay ceiling", ceiling)):
        if value is not None and not (0 <= value <= PAY_MAX):
            raise EditRefused(f"'{name}': the {label} must be between £0 and £10m, not {value}.")
    if floor is not None and ceiling is not None and floor > ceiling:
        raise EditRefused(f"'{name}': the pay floor (£{floor:,.0f}) is above the ceiling (£{ceiling:,.0f}).")
    if not (0 < post.share <= 1):
        raise EditRefused(f"'{name}': this council's share of a shared post must be over 0 and at most 1.")
    if post.transition_end:
        _check_date(name, "transition end date", post.transition_end)
    if post.effective_date:
        _check_date(name, "effective date", post.effective_date)
    for holder in post.holders:
        validate_holder(name, holder)


def validate_group(group: StaffGroup) -> None:
    if group.fte is not None and not (0 <= group.fte <= GROUP_FTE_MAX):
        raise EditRefused(f"Staff group '{group.title}': FTE must be between 0 and 100,000, not {group.fte}.")
    if group.headcount is not None and group.headcount < 0:
        raise EditRefused(f"Staff group '{group.title}': headcount cannot be negative.")
    for label, value in (("pay floor", group.pay_floor), ("pay ceiling", group.pay_ceiling)):
        if value is not None and not (0 <= value <= PAY_MAX):
            raise EditRefused(f"Staff group '{group.title}': the {label} must be between £0 and £10m, not {value}.")
    if group.pay_floor is not None and group.pay_ceiling is not None and group.pay_floor > group.pay_ceiling:
        raise EditRefused(f"Staff group '{group.title}': the pay floor is above the ceiling.")
