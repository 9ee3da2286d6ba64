"""The accessible version of a Cabinet pack's chart: one HTML page with headings and nested lists.

Qt's PDF writer cannot tag a PDF, so a screen reader cannot follow a printed chart's boxes and
lines. Published packs fall under the Public Sector Bodies Accessibility Regulations 2018, so each
PDF goes out with this page beside it: the same posts, the same details and the same names withheld
(the card's own detail lines are used), the top tiers as headings a reader can jump between and
each team as a list under its manager. Statutory roles are spelled out; status is said in words.
"""

from __future__ import annotations

import datetime as dt
from html import escape
from pathlib import Path

from orgdesigner.formats import safe_io
from orgdesigner.model.document import Document
from orgdesigner.model.post import Post, Status
from orgdesigner.model.structure import Structure
from orgdesigner.render.card import CardStyle, card_title, detail_lines
from orgdesigner.render.pages import PrintOptions, pack_title
from orgdesigner.render.pdfmeta import check_language
from orgdesigner.render.summary import aligned, summary_figures

HEADING_TIERS = 3  # tiers 1-3 with a team get a heading (h2-h4); deeper teams are nested lists

STYLE = """
body { font-family: system-ui, "DejaVu Sans", Arial, sans-serif; line-height: 1.45; max-width: 60rem;
       margin: 1.5rem auto; padding: 0 1rem; color: CanvasText; background: Canvas; }
ul { padding-left: 1.4rem; } li { margin: 0.25rem 0; }
.post-title { font-weight: bold; } .details { display: block; }
table { border-collapse: collapse; margin: 0.5rem 0 1rem; }
th, td { border: 1px solid GrayText; padding: 0.2rem 0.6rem; text-align: left; }
td.number { text-align: right; }
:root { color-scheme: light dark; }
"""


def pack_html(document: Document, options: PrintOptions) -> str:
    """The whole page as text."""
    scenario = document.scenario(options.scenario)
    structure = scenario.structure
    style = CardStyle(show_names=options.names, pay_as_grade=options.pay_as_grade)
    title = pack_title(document, options)
    out: list[str] = [
        "<!DOCTYPE html>",
        f'<html lang="{check_language(options.language)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{escape(title)}</h1>",
    ]
    meeting = " · ".join(x for x in (options.appendix, options.committee, options.meeting_date) if x)
    if meeting:
        out.append(f"<p>{escape(meeting)}</p>")
    printed = dt.date.today().strftime("%d %B %Y")
    marking = f"{escape(options.marking.upper())} · " if options.marking else ""
    out.append(f"<p>{marking}Scenario: {escape(scenario.name)} · prepared {printed}</p>")
    if not options.names:
        out.append("<p>Postholders' names are withheld.</p>")
    out += ["</header>", "<main>"]
    if options.summary:
        out += _summary(document, options)
    out.append('<h2 id="structure">Structure</h2>' if options.summary else "")
    if options.branch is not None:
        structure.post(options.branch)  # an unknown branch is refused with its id
        roots: list[str] = [options.branch]
        held: list[str] = []
    else:
        roots, held = list(structure.roots()), list(structure.holding())
    level = 3 if options.summary else 2
    for root in roots:
        _section(out, structure, root, level, level + HEADING_TIERS - 1, style)
    if held:
        out.append(f"<h{level}>Holding area (manager not known)</h{level}>")
        out.append("<ul>")
        for post_id in held:
            _item(out, structure, post_id, style, nested=True)
        out.append("</ul>")
    out += ["</main>", "</body>", "</html>", ""]
    return "\n".join(line for line in out if line)


def write_html(document: Document, path: str | Path, options: PrintOptions) -> None:
    safe_io.write_text(path, pack_html(document, options))


def _describe(structure: Structure, post: Post, style: CardStyle) -> str:
    """One post in words: title, then its details, roles and status."""
    parts = [escape(line) for line in detail_lines(post, structure.groups_under(post.id), style)]
    roles = sorted(post.roles)
    if roles:
        named = ", ".join(
            f'<abbr title="{escape(r.label)}">{escape(r.short)}</abbr> ({escape(r.label)})' for r in roles
        )
        parts.append(f"statutory role{'s' if len(roles) > 1 else ''}: {named}")
    if post.status is not Status.FILLED:
        parts.append(escape(post.status.label.lower()))
    if post.assistant:
        parts.append("personal assistant")
    team = len(structure.reports_of(post.id))
    if team:
        parts.append(f"{team} direct report{'s' if team != 1 else ''}")
    details = f'<span class="details">{"; ".join(parts)}</span>' if parts else ""
    return f'<span class="post-title">{escape(card_title(post))}</span>{details}'


def _section(out: list[str], structure: Structure, post_id: str, level: int, deepest: int, style: CardStyle) -> None:
    """A manager near the top: a heading, its details, then its team as a list."""
    post = structure.post(post_id)
    out.append(f'<section aria-labelledby="post-{escape(post_id)}">')
    out.append(f'<h{level} id="post-{escape(post_id)}">{escape(card_title(post))}</h{level}>')
    out.append(f"<p>{_describe(structure, post, style)}</p>")
    kids = structure.reports_of(post_id)
    later: list[str] = []
    if kids:
        out.append(f"<p>Reports to {escape(card_title(post))}:</p>")
        out.append("<ul>")
        for kid in kids:
            own_section = level < deepest and bool(structure.reports_of(kid))
            if own_section:
                later.append(kid)
            _item(out, structure, kid, style, nested=not own_section)
        out.append("</ul>")
    for kid in later:
        _section(out, structure, kid, level + 1, deepest, style)
    out.append("</section>")


def _item(out: list[str], structure: Structure, post_id: str, style: CardStyle, nested: bool) -> None:
    """A post as a list item; with `nested`, its whole team as lists within it."""
    post = structure.post(post_id)
    kids = structure.reports_of(post_id)
    if not nested and kids:
        link = f' <a href="#post-{escape(post_id)}">(team below)</a>'
        out.append(f"<li>{_describe(structure, post, style)}{link}</li>")
        return
    # the team as nested lists, walked with a stack: a chain thousands deep must not exhaust recursion
    stack: list[tuple[bool, str]] = [(True, post_id)]  # (a post to write, its id) or (False, closing tag)
    while stack:
        is_post, value = stack.pop()
        if not is_post:
            out.append(value)
            continue
        out.append(f"<li>{_describe(structure, structure.post(value), style)}")
        stack.append((False, "</li>"))
        kids = structure.reports_of(value)
        if kids:
            out.append("<ul>")
            stack.append((False, "</ul>"))
            stack.extend((True, kid) for kid in reversed(kids))


def _summary(document: Document, options: PrintOptions) -> list[str]:
    figures = summary_figures(document, document.scenario(options.scenario))
    out = ['<h2 id="summary">Summary</h2>', "<table>", "<caption>Key figures</caption>"]
    out += [f'<tr><th scope="row">{escape(k)}</th><td>{escape(v)}</td></tr>' for k, v in figures.rows()]
    out.append("</table>")
    m, before, c = figures.metrics, figures.before, figures.comparison
    names = [figures.scenario] if before is None or c is None else [c.from_name, c.to_name]
    for caption, axis, unit, histograms in (
        ("Managers by span of control", "Direct reports", "managers",
         [m.span_histogram] if before is None else [before.span_histogram, m.span_histogram]),
        ("Posts by layer", "Layer (1 = top)", "posts",
         [m.layer_histogram] if before is None else [before.layer_histogram, m.layer_histogram]),
    ):  # fmt: skip
        out += [f"<table><caption>{escape(caption)}</caption>", f'<tr><th scope="col">{escape(axis)}</th>']
        out += [f'<th scope="col">{escape(n)}: {unit}</th>' for n in names]
        out.append("</tr>")
        for label, values in aligned(histograms):
            cells = "".join(f'<td class="number">{value:,}</td>' for value in values)
            out.append(f'<tr><th scope="row">{escape(label)}</th>{cells}</tr>')
        out.append("</table>")
    return out
