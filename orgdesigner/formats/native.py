"""The .orgx file: JSON in UTF-8 with a schema_version, documented in docs/file-format.md.

Saving is atomic (a temporary file beside the target, fsynced, then renamed over it), so a failed
save leaves the old file as it was. Loading validates every field and names the place of the
first thing wrong; reporting lines that cannot be honoured (an unknown manager, a loop) put the
post in the holding area rather than dropping it.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Container, Iterable, Iterator
from pathlib import Path
from typing import Any

from orgdesigner.formats import safe_io
from orgdesigner.formats.plan import PLAN_KEYS, plan_to_dict, read_plan
from orgdesigner.model.builder import build_structure
from orgdesigner.model.bulk import collector_paused
from orgdesigner.model.document import Document, Scenario
from orgdesigner.model.errors import EditRefused, FileProblem
from orgdesigner.model.post import Employment, Holder, Post, Role, Side, StaffGroup, Status, people_named
from orgdesigner.model.profile import CouncilType, RulesProfile
from orgdesigner.model.structure import Structure
from orgdesigner.model.validation import validate_group, validate_post

SCHEMA_VERSION = 1
FORMAT_NAME = "orgdesigner"


# ---- writing --------------------------------------------------------------------------------------


def post_to_dict(structure: Structure, post: Post) -> dict[str, Any]:
    data: dict[str, Any] = {"id": post.id, "title": post.title}
    manager = structure.manager_of(post.id)
    data["reports_to"] = manager
    if structure.is_held(post.id):
        data["holding_reason"] = structure.holding_reason(post.id)
    dotted = sorted(structure.dotted_managers(post.id))
    if dotted:
        data["dotted"] = dotted
    defaults = Post(id="", title="")
    for name in Post.__dataclass_fields__:
        if name in ("id", "title"):
            continue
        value = getattr(post, name)
        if value == getattr(defaults, name):
            continue
        if name == "roles":
            value = sorted(r.value for r in value)
        elif name == "holders":
            value = [holder_to_dict(h) for h in value]
        elif name == "extra":
            continue
        elif name == "import_record":
            value = dict(value)
        elif hasattr(value, "value"):
            value = value.value
        data[name] = value
    _write_extra(data, post.extra)
    return data


_HOLDER_DEFAULTS = Holder()


def holder_to_dict(holder: Holder) -> dict[str, Any]:
    """A holder's non-default fields, then any keys this version did not know."""
    data: dict[str, Any] = {}
    for name in Holder.__dataclass_fields__:
        value = getattr(holder, name)
        if name != "extra" and value != getattr(_HOLDER_DEFAULTS, name):
            data[name] = value
    _write_extra(data, holder.extra)
    return data


def _write_extra(data: dict[str, Any], extra: Iterable[tuple[str, str]]) -> None:
    """Put back keys a newer version (or another tool) wrote, unless a known key now has the name."""
    for key, text in extra:
        data.setdefault(key, json.loads(text))


def _extra(raw: dict[str, Any], known: Container[str]) -> tuple[tuple[str, str], ...]:
    """Keys of `raw` this version does not know, kept as JSON text so they go back out unchanged."""
    return tuple((k, json.dumps(v, ensure_ascii=False)) for k, v in raw.items() if k not in known)


def group_to_dict(group: StaffGroup) -> dict[str, Any]:
    data: dict[str, Any] = {"id": group.id, "manager_id": group.manager_id, "title": group.title}
    defaults = StaffGroup(id="", manager_id=None, title="")
    for name in StaffGroup.__dataclass_fields__:
        if name in data or name == "extra":
            continue
        value = getattr(group, name)
        if name == "import_record" and value:
            data[name] = dict(value)
        elif value != getattr(defaults, name):
            data[name] = value.value if hasattr(value, "value") else value
    _write_extra(data, group.extra)
    return data


def structure_order(structure: Structure) -> Iterator[str]:
    """Posts top-down (pre-order), placed trees first, then the holding area: loads back in order."""
    for post_id, _layer in structure.walk():
        yield post_id
    for held in structure.holding():
        yield from structure.subtree(held)


def scenario_to_dict(scenario: Scenario) -> dict[str, Any]:
    structure = scenario.structure
    data: dict[str, Any] = {
        "name": scenario.name,
        "notes": scenario.notes,
        "targets": dict(scenario.targets),
        **plan_to_dict(scenario),
        "posts": [post_to_dict(structure, structure.post(i)) for i in structure_order(structure)],
        "staff_groups": [
            group_to_dict(g) for manager in [*structure_order(structure), None] for g in structure.groups_under(manager)
        ],
    }
    for key, value in scenario.extra.items():
        data.setdefault(key, value)
    return data


def document_to_dict(document: Document) -> dict[str, Any]:
    data: dict[str, Any] = {
        "format": FORMAT_NAME,
        "schema_version": SCHEMA_VERSION,
        "organisation": document.organisation,
        "council_type": document.council_type.value,
        "notes": document.notes,
        "profile": document.profile.to_dict(),
        "scenarios": [scenario_to_dict(s) for s in document.scenarios],
    }
    for key, value in document.extra.items():
        data.setdefault(key, value)
    return data


def dumps(document: Document) -> str:
    return json.dumps(document_to_dict(document), ensure_ascii=False, indent=1) + "\n"


def atomic_write(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that either the whole new file or the old one is there afterwards."""
    safe_io.write_output(path, data, verb="save")


def save(document: Document, path: Path) -> None:
    # A lone surrogate (pasted from a broken source) cannot be UTF-8: it is kept as '?' rather than
    # failing the save and losing the work.
    safe_io.write_output(Path(path), dumps(document).encode("utf-8", errors="replace"), verb="save")


# ---- reading --------------------------------------------------------------------------------------


class _Reader:
    """Typed access to one JSON object, naming its place in any message."""

    def __init__(self, data: Any, where: str) -> None:
        if not isinstance(data, dict):
            raise FileProblem(f"{where}: expected an object, found {_kind(data)}.")
        self.data = data
        self.where = where

    def _get(self, key: str, default: Any, kinds: tuple[type, ...], label: str) -> Any:
        value = self.data.get(key, default)
        if value is None and default is None:
            return None
        if isinstance(value, bool) and bool not in kinds:
            raise FileProblem(f"{self.where}.{key}: expected {label}, found {json.dumps(value)}.")
        if not isinstance(value, kinds):
            raise FileProblem(f"{self.where}.{key}: expected {label}, found {_kind(value)} {_show(value)}.")
        return value

    def text(self, key: str, default: str | None = "") -> Any:
        return self._get(key, default, (str,), "text")

    def number(self, key: str, default: float | None) -> Any:
        value = self._get(key, default, (int, float), "a number")
        if value is not None and not math.isfinite(value):
            raise FileProblem(f"{self.where}.{key}: {value} is not a number this program can hold.")
        return None if value is None else float(value)

    def integer(self, key: str, default: int | None) -> Any:
        return self._get(key, default, (int,), "a whole number")

    def boolean(self, key: str, default: bool) -> bool:
        return bool(self._get(key, default, (bool,), "true or false"))

    def items(self, key: str) -> list[Any]:
        return list(self._get(key, [], (list,), "a list"))

    def choice(self, key: str, enum: Callable[[str], Any], default: Any) -> Any:
        raw = self.data.get(key)
        if raw is None:
            return default
        try:
            return enum(raw)
        except (ValueError, TypeError):
            allowed = ", ".join(str(getattr(e, "value", e)) for e in enum)  # type: ignore[attr-defined]
            raise FileProblem(f"{self.where}.{key}: '{raw}' is not one of {allowed}.") from None


def _kind(value: Any) -> str:
    return {dict: "an object", list: "a list", str: "text", bool: "true/false", type(None): "null"}.get(
        type(value), "a number"
    )


def _show(value: Any) -> str:
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


def _read_post(raw: Any, where: str) -> tuple[Post, str | None, list[str], str | None]:
    """One post record. Table-driven over the keys present (saves leave defaults out), text
    fields first: a 20,000-post file must load in well under a second."""
    if type(raw) is not dict:
        raise FileProblem(f"{where}: expected an object, found {_kind(raw)}.")
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
            found = f"{_kind(value)} {_show(value)}"
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
                    f"{where} (id '{post_id}').roles: {_show(value)} holds a role that is not one of {allowed}."
                ) from None
        elif name == "holders":
            value = tuple([_read_holder(h, where, post_id, i) for i, h in enumerate(value)])
        elif name == "import_record":
            value = _import_record(value, f"{where} (id '{post_id}')")
        values[name] = value
    if extra:
        values["extra"] = tuple(extra)
    incumbent = raw.get("incumbent")
    if incumbent is not None and "holders" not in raw:  # a file from before holders
        if type(incumbent) is not str:
            raise FileProblem(f"{where} (id '{post_id}').incumbent: expected text, found {_kind(incumbent)}.")
        values["holders"] = people_named(incumbent, values.get("fte", 1.0))
    post = Post(id=post_id, **values)
    try:
        validate_post(post)
    except EditRefused as exc:
        raise FileProblem(f"{where} (id '{post_id}'): {exc}") from None
    manager, dotted, reason = raw.get("reports_to"), raw.get("dotted", []), raw.get("holding_reason")
    for key, value in (("reports_to", manager), ("holding_reason", reason)):
        if value is not None and type(value) is not str:
            raise FileProblem(f"{where} (id '{post_id}').{key}: expected text, found {_kind(value)} {_show(value)}.")
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
        raise FileProblem(f"{where}: expected an object, found {_kind(raw)}.")
    values: dict[str, Any] = {}
    extra: list[tuple[str, str]] = []
    for key, value in raw.items():
        spec = _HOLDER_SPEC.get(key)
        if spec is None:
            extra.append((key, json.dumps(value, ensure_ascii=False)))
            continue
        kinds, nullable, label = spec
        if type(value) in kinds:
            values[key] = float(value) if kinds is _NUMBER else value
        elif value is None and nullable:
            continue
        else:
            where = f"{post_where} (id '{post_id}').holders[{index}]"
            raise FileProblem(f"{where}.{key}: expected {label}, found {_kind(value)} {_show(value)}.")
    if extra:
        values["extra"] = tuple(extra)
    return Holder(**values)


_GROUP_KEYS = frozenset(StaffGroup.__dataclass_fields__) - {"extra"}
_SCENARIO_KEYS = frozenset({"name", "notes", "targets", "posts", "staff_groups", *PLAN_KEYS})
_DOCUMENT_KEYS = frozenset(
    {"format", "schema_version", "organisation", "council_type", "notes", "profile", "scenarios"}
)


def _import_record(raw: Any, where: str) -> tuple[tuple[str, str], ...]:
    """{field: text as the source had it}: values an import could not accept (private)."""
    if type(raw) is not dict or not all(type(v) is str for v in raw.values()):
        raise FileProblem(f"{where}.import_record: expected an object of field names to texts.")
    return tuple(raw.items())


def _read_group(raw: Any, where: str) -> StaffGroup:
    r = _Reader(raw, where)
    group_id = r.text("id", None)
    if not group_id:
        raise FileProblem(f"{where}.id: every staff group needs an id.")
    side_raw = r.data.get("side")
    fte_unknown = "fte" in r.data and r.data["fte"] is None
    group = StaffGroup(
        id=group_id,
        manager_id=r.text("manager_id", None),
        title=r.text("title"),
        grade=r.text("grade"),
        pay_floor=r.number("pay_floor", None),
        pay_ceiling=r.number("pay_ceiling", None),
        fte=None if fte_unknown else r.number("fte", 1.0),
        headcount=r.integer("headcount", None),
        side=None if side_raw is None else r.choice("side", Side, None),
        direct=r.boolean("direct", False),
        notes=r.text("notes"),
        establishment=r.text("establishment"),
        extra=_extra(r.data, _GROUP_KEYS),
        import_record=_import_record(r.data.get("import_record", {}), where),
    )
    try:
        validate_group(group)
    except EditRefused as exc:
        raise FileProblem(f"{where}: {exc}") from None
    return group


def loads(text: str, source: str = "the file", problems: list[str] | None = None) -> Document:
    """Parse a .orgx document; `problems` collects what was repaired on the way (never dropped)."""
    problems = problems if problems is not None else []
    data = safe_io.loads_json(text, source, "an orgdesigner file")
    if not isinstance(data, dict) or "schema_version" not in data:
        raise FileProblem(f"{source} is not an orgdesigner file (it has no schema_version).")
    root = _Reader(data, "file")
    version = root.integer("schema_version", None)
    if version is None or version < 1:
        raise FileProblem(f"{source}: schema_version must be a whole number from 1.")
    if version > SCHEMA_VERSION:
        raise FileProblem(
            f"{source} was saved by a newer orgdesigner (file schema {version}); this version reads up to "
            f"{SCHEMA_VERSION}. Update orgdesigner to open it."
        )
    try:
        council_type = root.choice("council_type", CouncilType, CouncilType.UNITARY)
        profile_raw = data.get("profile", {})
        if not isinstance(profile_raw, dict):
            raise FileProblem("file.profile: expected an object.")
        document = Document(
            organisation=root.text("organisation") or "Untitled council",
            council_type=council_type,
            profile=RulesProfile.from_dict(profile_raw, "file.profile"),
            notes=root.text("notes"),
        )
        document.extra = {k: v for k, v in data.items() if k not in _DOCUMENT_KEYS}
        names: set[str] = set()
        for s_index, raw in enumerate(root.items("scenarios")):
            where = f"scenarios[{s_index}]"
            sr = _Reader(raw, where)
            name = sr.text("name") or f"Scenario {s_index + 1}"
            if name in names:
                raise FileProblem(f"{where}.name: two scenarios are called '{name}'.")
            names.add(name)
            records = [_read_post(p, f"{where}.posts[{i}]") for i, p in enumerate(sr.items("posts"))]
            groups = [_read_group(g, f"{where}.staff_groups[{i}]") for i, g in enumerate(sr.items("staff_groups"))]
            structure = build_structure(records, groups, problems, f"{name}: ")
            targets_raw = sr.data.get("targets", {})
            if not isinstance(targets_raw, dict) or not all(
                isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v)
                for v in targets_raw.values()
            ):
                raise FileProblem(f"{where}.targets: expected an object of numbers.")
            targets = {str(k): float(v) for k, v in targets_raw.items()}
            scenario = Scenario(name, structure, sr.text("notes"), targets)
            scenario.extra = {k: v for k, v in sr.data.items() if k not in _SCENARIO_KEYS}
            document.scenarios.append(scenario)
            read_plan(scenario, sr.data, where)
    except FileProblem as exc:
        raise FileProblem(f"{source}: {exc}") from None
    if not document.scenarios:
        raise FileProblem(f"{source} holds no scenarios: there is nothing to open.")
    return document


@collector_paused()
def load(path: Path, problems: list[str] | None = None) -> Document:
    path = Path(path)
    raw = safe_io.read_input(path, "orgx")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FileProblem(f"{path} is not an orgdesigner file (not UTF-8 text at byte {exc.start}).") from None
    return loads(text, str(path), problems)
