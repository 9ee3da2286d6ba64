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
from orgdesigner.formats.post_records import import_record, kind_of, read_posts, shown
from orgdesigner.model.builder import build_structure
from orgdesigner.model.bulk import collector_paused
from orgdesigner.model.document import Document, Scenario
from orgdesigner.model.errors import EditRefused, FileProblem
from orgdesigner.model.post import Holder, Post, Side, StaffGroup
from orgdesigner.model.profile import CouncilType, RulesProfile
from orgdesigner.model.structure import Structure
from orgdesigner.model.validation import validate_group

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
            raise FileProblem(f"{where}: expected an object, found {kind_of(data)}.")
        self.data = data
        self.where = where

    def _get(self, key: str, default: Any, kinds: tuple[type, ...], label: str) -> Any:
        value = self.data.get(key, default)
        if value is None and default is None:
            return None
        if isinstance(value, bool) and bool not in kinds:
            raise FileProblem(f"{self.where}.{key}: expected {label}, found {json.dumps(value)}.")
        if not isinstance(value, kinds):
            raise FileProblem(f"{self.where}.{key}: expected {label}, found {kind_of(value)} {shown(value)}.")
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
        """The list as read, not a copy: a 100,000-post file's posts are not copied again."""
        value: list[Any] = self._get(key, [], (list,), "a list")
        return value

    def choice(self, key: str, enum: Callable[[str], Any], default: Any) -> Any:
        raw = self.data.get(key)
        if raw is None:
            return default
        try:
            return enum(raw)
        except (ValueError, TypeError):
            allowed = ", ".join(str(getattr(e, "value", e)) for e in enum)  # type: ignore[attr-defined]
            raise FileProblem(f"{self.where}.{key}: '{raw}' is not one of {allowed}.") from None


_GROUP_KEYS = frozenset(StaffGroup.__dataclass_fields__) - {"extra"}
_SCENARIO_KEYS = frozenset({"name", "notes", "targets", "posts", "staff_groups", *PLAN_KEYS})
_DOCUMENT_KEYS = frozenset(
    {"format", "schema_version", "organisation", "council_type", "notes", "profile", "scenarios"}
)


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
        import_record=import_record(r.data.get("import_record", {}), where),
    )
    try:
        validate_group(group)
    except EditRefused as exc:
        raise FileProblem(f"{where}: {exc}") from None
    return group


def loads(text: str, source: str = "the file", problems: list[str] | None = None) -> Document:
    """Parse a .orgx document; `problems` collects what was repaired on the way (never dropped)."""
    return _document(safe_io.loads_json(text, source, _WHAT), source, problems)


@collector_paused(lasting=True)
def load(path: Path, problems: list[str] | None = None) -> Document:
    path = Path(path)
    return _document(_parsed(path), str(path), problems)


_WHAT = "an orgdesigner file"


def _parsed(path: Path) -> Any:
    """The file's JSON. Its bytes go before the parse and its text when the parse ends, so at
    100,000 posts neither 30 MB copy is alive while the posts are made (the peak of a load)."""
    raw = safe_io.read_input(path, "orgx")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FileProblem(f"{path} is not an orgdesigner file (not UTF-8 text at byte {exc.start}).") from None
    if safe_io.json_depth_exceeds(raw):
        raise FileProblem(safe_io.too_deep(str(path), _WHAT))
    del raw
    return safe_io.parse_checked_json(text, str(path), _WHAT)


def _document(data: Any, source: str, problems: list[str] | None) -> Document:
    """The document in parsed JSON `data`, every field checked; each scenario's post list is
    emptied as it is read (see read_posts)."""
    problems = problems if problems is not None else []
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
            records = read_posts(sr.items("posts"), where)
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
