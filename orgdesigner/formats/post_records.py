"""Reading an .orgx file's post records (and their holders) into posts, checking every field.

A 100,000-post file must open in under a second, so the common record takes a fast path:
its keys are all known and each value has the JSON type its field wants, checked by a reader
compiled for that order of keys (a saved file uses a handful of orders; see "the fast path"
below). Anything else (a null, an int for a float, an old file's `incumbent`, an unknown key, a
wrong value) takes the field-by-field path, which names the place of the first thing wrong; the
two paths build equal posts from a valid record (tests/formats/test_post_records.py).
"""

from __future__ import annotations

import dataclasses
import json
import math
import sys
from collections.abc import Callable
from typing import Any

from orgdesigner.model.builder import PostRecord
from orgdesigner.model.errors import EditRefused, FileProblem
from orgdesigner.model.post import Employment, Holder, Post, Role, Side, Status, people_named
from orgdesigner.model.validation import validate_post


def kind_of(value: Any) -> str:
    """What a JSON value is, in a message's words."""
    return {dict: "an object", list: "a list", str: "text", bool: "true/false", type(None): "null"}.get(
        type(value), "a number"
    )


def shown(value: Any) -> str:
    """A JSON value as a message quotes it, cut short."""
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) < 40 else text[:37] + "…"


_TEXT = (str,)
_NUMBER = (int, float)
# field -> (accepted JSON types, default, label); enums and roles are converted after the type check
_POST_FIELDS: dict[str, tuple[tuple[type, ...], Any, str]] = {
    "title": (_TEXT, "", "text"),
    "grade": (_TEXT, "", "text"),
    "pay_floor": (_NUMBER, None, "a number"),
    "pay_ceiling": (_NUMBER, None, "a number"),
    "fte": (_NUMBER, 1.0, "a number"),
    "side": (_TEXT, Side.COMMISSIONING, "text"),
    "transition_end": (_TEXT, None, "text"),
    "function": (_TEXT, "", "text"),
    "team": (_TEXT, "", "text"),
    "roles": ((list,), frozenset(), "a list"),
    "status": (_TEXT, Status.FILLED, "text"),
    "employment": (_TEXT, Employment.PERMANENT, "text"),
    "holders": ((list,), (), "a list"),
    "employer": (_TEXT, "", "text"),
    "share": (_NUMBER, 1.0, "a number"),
    "notes": (_TEXT, "", "text"),
    "assistant": ((bool,), False, "true or false"),
    "role_justification": (_TEXT, "", "text"),
    "source_ref": (_TEXT, "", "text"),
    "professional_body": (_TEXT, "", "text"),
    "effective_date": (_TEXT, None, "text"),
    "delete_when_vacated": ((bool,), False, "true or false"),
    "reselect": ((bool,), False, "true or false"),
    "establishment": (_TEXT, "", "text"),
    "import_record": ((dict,), (), "an object of texts"),
}
_NULLABLE = frozenset({"fte"})
"""Fields whose null means "not known" (an import's out-of-range value) rather than the default."""
_POST_LINE_KEYS = frozenset({"id", "reports_to", "dotted", "holding_reason", "incumbent"})
"""Keys of a post record read outside the field table (`incumbent`: files before holders)."""
_ENUMS: dict[str, Any] = {"side": Side, "status": Status, "employment": Employment}


def read_posts(raw_posts: list[Any], where: str) -> list[PostRecord]:
    """Every post record of a scenario's list, in order. The list is emptied as it is read, so
    each record's parsed JSON is freed once its post is made (the peak memory of a large load)."""
    records: list[PostRecord] = []
    append = records.append
    for i in range(len(raw_posts)):
        raw = raw_posts[i]
        raw_posts[i] = None
        record = (_READERS.get(keys := tuple(raw)) or _reader(keys))(raw) if type(raw) is dict else None
        append(record if record is not None else read_post(raw, f"{where}.posts[{i}]"))
    raw_posts.clear()
    return records


def read_post(raw: Any, where: str) -> tuple[Post, str | None, list[str], str | None]:
    """One post record, field by field over the keys present (saves leave defaults out), naming
    the first thing wrong."""
    if type(raw) is not dict:
        raise FileProblem(f"{where}: expected an object, found {kind_of(raw)}.")
    post_id = raw.get("id")
    if type(post_id) is not str or not post_id:
        raise FileProblem(f"{where}.id: every post needs an id (text).")
    values: dict[str, Any] = {}
    extra: list[tuple[str, str]] = []
    for name, value in raw.items():
        spec = _POST_FIELDS.get(name)
        if spec is None:
            if name not in _POST_LINE_KEYS:  # a key from a newer version or another tool: kept
                extra.append((name, json.dumps(value, ensure_ascii=False)))
            continue
        kinds, default, label = spec
        if kinds is _TEXT and type(value) is str and name not in _ENUMS:
            values[name] = value  # most fields: plain text
            continue
        if value is None and default is None:
            continue
        if value is None and name in _NULLABLE:
            values[name] = None
            continue
        if type(value) not in kinds:
            found = f"{kind_of(value)} {shown(value)}"
            raise FileProblem(f"{where} (id '{post_id}').{name}: expected {label}, found {found}.")
        if kinds is _NUMBER:
            value = float(value)
            if not math.isfinite(value):
                raise FileProblem(f"{where} (id '{post_id}').{name}: {value} is not a number this program can hold.")
        elif name in _ENUMS:
            try:
                value = _ENUMS[name](value)
            except ValueError:
                allowed = ", ".join(e.value for e in _ENUMS[name])
                raise FileProblem(f"{where} (id '{post_id}').{name}: '{value}' is not one of {allowed}.") from None
        elif name == "roles":
            try:
                value = frozenset(Role(x) for x in value)
            except (ValueError, TypeError):
                allowed = ", ".join(role.value for role in Role)
                raise FileProblem(
                    f"{where} (id '{post_id}').roles: {shown(value)} holds a role that is not one of {allowed}."
                ) from None
        elif name == "holders":
            value = tuple([_read_holder(h, where, post_id, i) for i, h in enumerate(value)])
        elif name == "import_record":
            value = import_record(value, f"{where} (id '{post_id}')")
        values[name] = value
    if extra:
        values["extra"] = tuple(extra)
    incumbent = raw.get("incumbent")
    if incumbent is not None and "holders" not in raw:  # a file from before holders
        if type(incumbent) is not str:
            raise FileProblem(f"{where} (id '{post_id}').incumbent: expected text, found {kind_of(incumbent)}.")
        values["holders"] = people_named(incumbent, values.get("fte", 1.0))
    values.setdefault("title", "")  # a hand-made record may leave it out: the post shows its id
    post = Post(id=post_id, **values)
    try:
        validate_post(post)
    except EditRefused as exc:
        raise FileProblem(f"{where} (id '{post_id}'): {exc}") from None
    manager, dotted, reason = raw.get("reports_to"), raw.get("dotted", []), raw.get("holding_reason")
    for key, value in (("reports_to", manager), ("holding_reason", reason)):
        if value is not None and type(value) is not str:
            raise FileProblem(f"{where} (id '{post_id}').{key}: expected text, found {kind_of(value)} {shown(value)}.")
    if type(dotted) is not list or not all(type(d) is str for d in dotted):
        raise FileProblem(f"{where} (id '{post_id}').dotted: expected a list of post ids.")
    return post, manager, list(dotted), reason


_HOLDER_SPEC: dict[str, tuple[tuple[type, ...], bool, str]] = {
    "name": (_TEXT, False, "text"),
    "fte": (_NUMBER, False, "a number"),
    "person_id": (_TEXT, False, "text"),
    "salary": (_NUMBER, True, "a number or null"),
    "date_of_birth": (_TEXT, True, "text or null"),
    "service_start": (_TEXT, True, "text or null"),
    "lgps_member": ((bool,), True, "true, false or null"),
    "notice_weeks": (_NUMBER, True, "a number or null"),
    "strain_cost": (_NUMBER, True, "a number or null"),
    "protected_pension_age": (_NUMBER, True, "a number or null"),
    "professional_body": (_TEXT, False, "text"),
}
"""A holder's keys: accepted JSON types, whether null is allowed, and what to say when it is wrong."""


def _read_holder(raw: Any, post_where: str, post_id: str, index: int) -> Holder:
    """One holder, over the keys it holds (one post in a 20,000-post file has one or two); its
    place in the file is spelt out only for a message."""
    if type(raw) is not dict:
        where = f"{post_where} (id '{post_id}').holders[{index}]"
        raise FileProblem(f"{where}: expected an object, found {kind_of(raw)}.")
    values: dict[str, Any] = {}
    extra: list[tuple[str, str]] = []
    for key, value in raw.items():
        spec = _HOLDER_SPEC.get(key)
        if spec is None:
            extra.append((key, json.dumps(value, ensure_ascii=False)))
            continue
        kinds, nullable, label = spec
        if type(value) in kinds and kinds is _NUMBER and not math.isfinite(value):
            where = f"{post_where} (id '{post_id}').holders[{index}]"
            raise FileProblem(f"{where}.{key}: {value} is not a number this program can hold.")
        if type(value) in kinds:
            values[key] = float(value) if kinds is _NUMBER else value
        elif value is None and nullable:
            continue
        else:
            where = f"{post_where} (id '{post_id}').holders[{index}]"
            raise FileProblem(f"{where}.{key}: expected {label}, found {kind_of(value)} {shown(value)}.")
    if extra:
        values["extra"] = tuple(extra)
    return Holder(**values)


def import_record(raw: Any, where: str) -> tuple[tuple[str, str], ...]:
    """{field: text as the source had it}: values an import could not accept (private)."""
    if type(raw) is not dict or not all(type(v) is str for v in raw.values()):
        raise FileProblem(f"{where}.import_record: expected an object of field names to texts.")
    return tuple(raw.items())


# ---- the fast path --------------------------------------------------------------------------------
#
# A reader is compiled for each order of keys met (a saved file uses a handful): it unpacks the
# record's values into locals, checks their types in one expression and calls Post with keywords,
# so a post costs ~4 us where a loop over its fields costs ~5.5 (at 100,000 posts, 0.15 s). Only
# known keys (the names below, never a file's text) go into the source.

_JSON_TYPE: dict[tuple[type, ...], type] = {_TEXT: str, _NUMBER: float}
"""The one JSON type a field's value has in a saved file (a saved number is always a float)."""
_FAST_TYPES: dict[str, type] = {
    name: _JSON_TYPE.get(kinds, kinds[0])
    for name, (kinds, _default, _label) in _POST_FIELDS.items()
    if name != "import_record"
}
_FAST_TYPES.update({"id": str, "reports_to": str, "holding_reason": str, "dotted": list})
_SHARED = frozenset({"grade", "function", "team", "employer", "professional_body"})
"""Text fields whose few values repeat across posts: one string each instead of one a post."""
_HOLDER_TYPES: dict[str, type] = {
    key: _JSON_TYPE.get(kinds, kinds[0]) for key, (kinds, _null, _label) in _HOLDER_SPEC.items()
}
_HOLDER_SHAPES: dict[tuple[str, ...], tuple[type, ...] | None] = {}
_MAX_SHAPES = 512
"""Key orders remembered; a file with more (hand-made) reads the rest field by field."""

PostReader = Callable[[dict[str, Any]], PostRecord | None]


def _not_fast(_raw: dict[str, Any]) -> None:
    return None


_READERS: dict[tuple[str, ...], PostReader] = {}


def _reader(keys: tuple[str, ...]) -> PostReader:
    """The fast reader of records with these keys in this order (made once); `_not_fast` when a
    key is not one the fast path knows, or when too many orders have been met."""
    if keys in _READERS:
        return _READERS[keys]
    if len(_READERS) >= _MAX_SHAPES or not _all_known(keys):
        return _not_fast  # not remembered: records with unknown keys do not use up the orders
    reader = _READERS[keys] = _compiled(keys)
    return reader


def _all_known(keys: tuple[str, ...]) -> bool:
    return "id" in keys and all(key in _FAST_TYPES for key in keys)


def _compiled(keys: tuple[str, ...]) -> PostReader:
    """Compile the reader for one order of known keys; each check that fails returns None."""
    if not _all_known(keys):  # the source is made of these names: nothing from a file may reach it
        return _not_fast
    names = [f"v{n}" for n in range(len(keys))]
    wrong_type = " or ".join(f"type({v}) is not {_FAST_TYPES[k].__name__}" for v, k in zip(names, keys, strict=True))
    code = ["def read(raw):", f"    {', '.join(names)}, = raw.values()", f"    if {wrong_type}:", "        return None"]
    line = {"reports_to": "None", "holding_reason": "None", "dotted": "()"}
    arguments: dict[str, str] = {}
    for v, key in zip(names, keys, strict=True):
        if key in line:
            line[key] = v
            if key == "dotted":
                code += [f"    if any(type(d) is not str for d in {v}):", "        return None"]
            continue
        if key == "id":
            code += [f"    if not {v}:", "        return None"]
        elif key in _ENUMS:
            code += [f"    {v} = {key}_members.get({v})", f"    if {v} is None:", "        return None"]
        elif key in _SHARED:
            v = f"intern({v})"
        elif key == "roles":
            code += ["    try:", f"        {v} = frozenset(map(roles.__getitem__, {v}))"]
            code += ["    except (KeyError, TypeError):", "        return None"]
        elif key == "holders":  # one holder known in its keys and their types: the common case, inline
            code += [f"    if len({v}) == 1 and type(h := {v}[0]) is dict and "]
            code[-1] += "holder_types.get(tuple(h)) == tuple(map(type, h.values())):"
            code += [f"        {v} = (Holder(**h),)", "    else:", f"        {v} = holders_of({v})"]
            code += [f"        if {v} is None:", "            return None"]
        arguments[key] = v
    scope: dict[str, Any] = {}
    for field in dataclasses.fields(Post):  # every field in order: a call by position costs ~half
        if field.name not in arguments:
            if field.default_factory is not dataclasses.MISSING:
                scope[f"{field.name}_made"] = field.default_factory
                arguments[field.name] = f"{field.name}_made()"
            else:
                missing = field.default is dataclasses.MISSING  # a title: the table's "" when missing
                if missing and field.name not in _POST_FIELDS:
                    return _not_fast  # a required field this reader has no default for: field by field
                scope[f"{field.name}_default"] = _POST_FIELDS[field.name][1] if missing else field.default
                arguments[field.name] = f"{field.name}_default"
    positional = ", ".join(arguments[field.name] for field in dataclasses.fields(Post))
    code += [f"    post = Post({positional})", "    try:", "        validate_post(post)"]
    code += ["    except EditRefused:", "        return None"]  # every number is range-checked there
    code += [f"    return post, {line['reports_to']}, {line['dotted']}, {line['holding_reason']}"]
    scope |= {
        **{f"{name}_members": dict(enum._value2member_map_) for name, enum in _ENUMS.items()},
        "roles": {role.value: role for role in Role},
        "holder_types": _HOLDER_SHAPES,
        "holders_of": _holders,
        "intern": sys.intern,
        "Post": Post,
        "Holder": Holder,
        "validate_post": validate_post,
        "EditRefused": EditRefused,
    }
    exec("\n".join(code), scope)  # the source is made of the known keys above alone
    reader: PostReader = scope["read"]
    return reader


def _holders(raws: list[Any]) -> tuple[Holder, ...] | None:
    """Holders whose keys are all known, each value of its JSON type; None otherwise."""
    holders = []
    for raw in raws:
        if type(raw) is not dict:
            return None
        keys = tuple(raw)
        if keys not in _HOLDER_SHAPES:
            known = all(k in _HOLDER_TYPES for k in keys)
            if len(_HOLDER_SHAPES) >= _MAX_SHAPES:
                return None
            _HOLDER_SHAPES[keys] = tuple(_HOLDER_TYPES[k] for k in keys) if known else None
        if _HOLDER_SHAPES[keys] != tuple(map(type, raw.values())):
            return None
        holders.append(Holder(**raw))
    return tuple(holders)
