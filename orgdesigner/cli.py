"""The command line: one entry point, subcommands, exit codes users can script against.

Exit codes: 0 success; 1 `validate` found errors; 2 the input cannot be read or the command is
wrong (one line on stderr, never a traceback).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn, TextIO

from orgdesigner import __version__, console, resources
from orgdesigner.cli_kit import EXIT_BAD_INPUT, EXIT_FINDINGS, EXIT_OK, UsageError, load_document, write_text_or_json
from orgdesigner.formats import native, safe_io
from orgdesigner.formats.organogram import import_organogram
from orgdesigner.model import metrics as metrics_mod
from orgdesigner.model.compare import compare
from orgdesigner.model.errors import OrgError
from orgdesigner.model.profile import CouncilType
from orgdesigner.model.rules import Severity, check


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see '{self.prog} --help')")


# ---- commands -------------------------------------------------------------------------------------


def cmd_templates(args: argparse.Namespace, out: TextIO) -> int:
    for name, path in resources.templates().items():
        document = native.load(path)
        out.write(f"{name}\t{document.organisation} ({document.council_type.label.lower()})\n")
    return EXIT_OK


def cmd_new(args: argparse.Namespace, out: TextIO) -> int:
    source = resources.template(args.template)
    document = native.load(source)
    target = Path(args.output)
    if target.exists() and not args.force:
        raise OrgError(f"{target} already exists; choose another name or add --force to replace it.")
    native.save(document, target)
    out.write(f"Created {target} from template '{args.template}' ({document.organisation}).\n")
    return EXIT_OK


def cmd_import_organogram(args: argparse.Namespace, out: TextIO) -> int:
    junior = Path(args.junior) if args.junior else None
    document, report = import_organogram(Path(args.senior), junior, CouncilType(args.council_type))
    native.save(document, Path(args.output))
    for line in [*report.left_out, *report.problems]:
        sys.stderr.write(f"note: {line}\n")
    structure = document.scenario().structure
    out.write(
        f"Imported {report.posts} posts and {report.staff_groups} staff groups into {args.output}"
        f" ({len(structure.holding())} unplaced, {len(report.problems) + len(report.left_out)} notes).\n"
    )
    return EXIT_OK


def cmd_validate(args: argparse.Namespace, out: TextIO) -> int:
    document = load_document(args.file)
    scenario = document.scenario(args.scenario)
    structure = scenario.structure
    findings = check(structure, document.profile, document.council_type)
    errors = sum(1 for f in findings if f.severity is Severity.ERROR)

    def posts(ids: Sequence[str]) -> list[dict[str, str]]:
        return [{"id": i, "title": structure.post(i).title if i in structure else ""} for i in ids]

    data = [
        {"rule": f.rule, "severity": f.severity.value, "posts": posts(f.posts), "message": f.message} for f in findings
    ]
    counts = {s: sum(1 for f in findings if f.severity is s) for s in Severity}
    lines = [
        f"{args.file} — scenario '{scenario.name}' ({len(structure)} posts): "
        f"{counts[Severity.ERROR]} errors, {counts[Severity.WARNING]} warnings, {counts[Severity.INFO]} notes\n"
    ]
    lines += [f"{f.severity.value.upper():8} {f.rule:22} {f.message}\n" for f in findings]
    write_text_or_json(data, "".join(lines), args.format, out)
    return EXIT_FINDINGS if errors else EXIT_OK


def cmd_metrics(args: argparse.Namespace, out: TextIO) -> int:
    document = load_document(args.file)
    scenario = document.scenario(args.scenario)
    m = metrics_mod.compute(scenario.structure, document.profile)
    text = (
        f"{document.organisation} — scenario '{scenario.name}'\n"
        f"  posts               {m.posts}\n"
        f"  management posts    {m.management_posts:g} ({m.management_definition}; a shared post counts its share)\n"
        f"  managers with direct reports {m.managers}\n"
        f"  FTE                 {m.fte_total:,.2f}{metrics_mod.not_known(m.fte_unknown)} "
        f"(posts {m.fte_posts:,.2f}, staff groups {m.fte_staff_groups:,.2f})\n"
        f"  layers              {m.layers}\n"
        f"  span min/mean/max   {m.span_min} / {m.span_mean:.2f} / {m.span_max}\n"
        f"  pay bill            £{m.pay_bill:,.0f}{metrics_mod.not_known(m.pay_unknown)}\n"
        f"  with on-costs       £{m.cost_with_oncosts:,.0f} (employer NI £{m.employer_ni:,.0f}, pension "
        f"£{m.employer_pension:,.0f}, apprenticeship levy £{m.apprenticeship_levy:,.0f})\n"
        f"  core share          {m.core_share:.1%} (limit {document.profile.core_share_max:.0%})\n"
        f"  pay multiple        {m.pay_multiple:.2f}\n"
        f"  unplaced posts      {m.unplaced}\n"
    )
    write_text_or_json(m.as_dict(), text, args.format, out)
    return EXIT_OK


def cmd_compare(args: argparse.Namespace, out: TextIO) -> int:
    document = load_document(args.file)
    comparison = compare(document, args.from_name, args.to_name)
    write_text_or_json(comparison.as_dict(), comparison.summary(), args.format, out)
    return EXIT_OK


def cmd_export(args: argparse.Namespace, out: TextIO) -> int:
    from orgdesigner.formats import xlsx

    document = load_document(args.file)
    wrote: list[str] = []
    if not (args.xlsx or args.organogram_senior or args.transparency):
        raise UsageError("say what to export: --xlsx, --organogram-senior (and --organogram-junior) or --transparency")
    if args.organogram_junior and not args.organogram_senior:
        raise UsageError("--organogram-junior goes with --organogram-senior")
    targets = [t for t in (args.xlsx, args.organogram_senior, args.organogram_junior, args.transparency) if t]
    if len({str(Path(t).resolve()) for t in targets}) < len(targets):
        raise UsageError("two exports name the same file; give each its own name")
    if (args.equality or args.map) and not args.xlsx:
        raise UsageError("--equality (and --map) go with --xlsx: they add HR's counts to the workbook's Equality sheet")
    if args.map and not args.equality:
        raise UsageError("--map goes with --equality HR_FILE")
    if args.xlsx:
        sheets = xlsx.SHEETS
        if args.equality:
            from orgdesigner.formats.consultation_sheets import with_hr
            from orgdesigner.formats.hr_equality import read_characteristics

            sheets = with_hr(sheets, read_characteristics(Path(args.equality), Path(args.map) if args.map else None))
        xlsx.export_workbook(document, Path(args.xlsx), args.scenario, names=not args.no_names, sheets=sheets)
        del sheets  # HR's characteristics: only their counts are in the workbook
        wrote.append(args.xlsx)
    if args.organogram_senior:
        junior = Path(args.organogram_junior) if args.organogram_junior else None
        xlsx.export_organogram(document, Path(args.organogram_senior), junior, args.scenario, names=not args.no_names)
        wrote += [args.organogram_senior] + ([args.organogram_junior] if junior else [])
    if args.transparency:
        xlsx.export_transparency(document, Path(args.transparency), args.scenario)
        wrote.append(args.transparency)
    out.write(f"Wrote {', '.join(wrote)}\n")
    return EXIT_OK


def cmd_import(args: argparse.Namespace, out: TextIO) -> int:
    from orgdesigner.formats import xlsx

    mapping = xlsx.load_mapping(Path(args.map)) if args.map else None
    result = xlsx.import_establishment(Path(args.input), mapping)
    result.document.council_type = CouncilType(args.council_type)
    native.save(result.document, Path(args.output))
    for line in result.problems:
        sys.stderr.write(f"note: {line}\n")
    structure = result.document.scenario().structure
    out.write(
        f"Imported {len(structure)} posts from {result.rows} rows into {args.output}"
        f" ({len(structure.holding())} unplaced, {len(result.problems)} notes).\n"
    )
    return EXIT_OK


def cmd_scenarios(args: argparse.Namespace, out: TextIO) -> int:
    document = load_document(args.file)
    for scenario in document.scenarios:
        out.write(f"{scenario.name}\t{len(scenario.structure)} posts\t{scenario.notes}\n")
    return EXIT_OK


# ---- parser ---------------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    from orgdesigner.cli_change import cmd_consultation, cmd_redundancy
    from orgdesigner.cli_pictures import cmd_html, cmd_pdf, cmd_picture, cmd_screenshot

    parser = _Parser(prog="orgdesigner", description="Design a council's management structure.")
    parser.add_argument("--version", action="version", version=f"orgdesigner {__version__}")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser, metavar="COMMAND")

    p = sub.add_parser("templates", help="list the templates")
    p.set_defaults(run=cmd_templates)

    p = sub.add_parser("new", help="create a file from a template")
    p.add_argument("--template", required=True, help="template name (see 'orgdesigner templates')")
    p.add_argument("-o", "--output", required=True, help="the .orgx file to create")
    p.add_argument("--force", action="store_true", help="replace the file if it exists")
    p.set_defaults(run=cmd_new)

    p = sub.add_parser("import-organogram", help="import a data.gov.uk senior (and junior) organogram CSV")
    p.add_argument("senior", help="the senior posts CSV")
    p.add_argument("junior", nargs="?", help="the junior staff CSV (optional)")
    p.add_argument("-o", "--output", required=True, help="the .orgx file to write")
    p.add_argument(
        "--council-type",
        default=CouncilType.OTHER_BODY.value,
        choices=[c.value for c in CouncilType],
        help="the body's type (default other_body: organogram returns mostly come from bodies that are not "
        "councils, which have no council statutory roles)",
    )
    p.set_defaults(run=cmd_import_organogram)

    for name, run, help_text in (
        ("validate", cmd_validate, "check a structure against the rules (exit 1 if errors)"),
        ("metrics", cmd_metrics, "posts, managers, FTE, layers, spans, pay bill, core share"),
    ):
        p = sub.add_parser(name, help=help_text)
        p.add_argument("file", help="an .orgx file")
        p.add_argument("--scenario", help="scenario name (default: the last, usually Proposed)")
        p.add_argument("--format", choices=("text", "json"), default="text")
        p.set_defaults(run=run)
    p = sub.add_parser("compare", help="compare two scenarios: changes, saving, selection phases")
    p.add_argument("file", help="an .orgx file")
    p.add_argument("--from", dest="from_name", required=True, help="the scenario before (e.g. Current)")
    p.add_argument("--to", dest="to_name", required=True, help="the scenario after (e.g. Proposed)")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(run=cmd_compare)

    p = sub.add_parser(
        "consultation", help="who is at risk, s.188 consultation and HR1 dates, senior appointments, equality"
    )
    p.add_argument("file", help="an .orgx file")
    p.add_argument("--from", dest="from_name", required=True, help="the scenario before (e.g. Current)")
    p.add_argument("--to", dest="to_name", required=True, help="the scenario after (e.g. Proposed)")
    p.add_argument("--today", metavar="DATE", help="count from this date where no start is recorded (YYYY-MM-DD)")
    p.add_argument("--equality", metavar="HR_FILE", help="HR's protected characteristics (.csv or .xlsx)")
    p.add_argument("--map", metavar="MAP.json", help="which column of HR_FILE holds which characteristic")
    p.add_argument("--pdf", metavar="OUT.pdf", help="also write the consultation (HR1) and equality pages as a PDF")
    p.add_argument("--appendix", help="appendix label printed on the PDF, e.g. 'Appendix 3'")
    p.add_argument("--marking", default="OFFICIAL", help="protective marking printed on every PDF page")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(run=cmd_consultation)

    p = sub.add_parser("export", help="export for HR (Excel), as organogram CSVs, or as Transparency Code data")
    p.add_argument("file", help="an .orgx file")
    p.add_argument("--xlsx", metavar="OUT.xlsx", help="the HR workbook")
    p.add_argument("--organogram-senior", metavar="OUT.csv", help="data.gov.uk senior posts CSV")
    p.add_argument("--organogram-junior", metavar="OUT.csv", help="data.gov.uk junior staff CSV")
    p.add_argument("--transparency", metavar="OUT.csv", help="Transparency Code chart data (top three tiers)")
    p.add_argument("--scenario", help="scenario name (default: the last)")
    p.add_argument("--no-names", action="store_true", help="leave every postholder's name out")
    p.add_argument("--equality", metavar="HR_FILE", help="HR's protected characteristics for the Equality sheet")
    p.add_argument("--map", metavar="MAP.json", help="which column of HR_FILE holds which characteristic")
    p.set_defaults(run=cmd_export)

    p = sub.add_parser("import", help="import an establishment list (.xlsx or .csv)")
    p.add_argument("input", help="the establishment list")
    p.add_argument("-o", "--output", required=True, help="the .orgx file to write")
    p.add_argument("--map", metavar="MAP.json", help="which column holds which field, for other layouts")
    p.add_argument("--council-type", default="unitary", choices=[c.value for c in CouncilType])
    p.set_defaults(run=cmd_import)

    p = sub.add_parser("pdf", help="print the chart for a Cabinet pack (PDF, paginated by branch)")
    p.add_argument("file", help="an .orgx file")
    p.add_argument("-o", "--output", required=True, help="the PDF to write")
    p.add_argument("--paper", choices=("A4", "A3"), default="A4")
    p.add_argument("--orientation", choices=("landscape", "portrait"), default="landscape")
    _pack_arguments(p)
    p.add_argument("--html", metavar="OUT.html", help="also write the accessible HTML version of the same pack")
    p.set_defaults(run=cmd_pdf)

    p = sub.add_parser("html", help="the pack's chart as accessible HTML (headings and nested lists)")
    p.add_argument("file", help="an .orgx file")
    p.add_argument("-o", "--output", required=True, help="the HTML file to write")
    _pack_arguments(p)
    p.set_defaults(run=cmd_html)

    for name, help_text in (("svg", "the chart as SVG"), ("png", "the chart as PNG")):
        p = sub.add_parser(name, help=help_text)
        p.add_argument("file", help="an .orgx file")
        p.add_argument("-o", "--output", required=True)
        p.add_argument("--scenario", help="scenario name (default: the last)")
        p.add_argument("--branch", metavar="POST_ID", help="only this post's branch")
        p.add_argument("--names", action="store_true", help="show postholders' names (withheld by default)")
        if name == "png":
            p.add_argument("--scale", type=float, default=1.0, help="1 = screen size at 100%% (default)")
        p.set_defaults(run=cmd_picture)

    p = sub.add_parser("redundancy", help="redundancy pay for one person (ERA 1996 s.162 and SI 2006/2914)")
    p.add_argument("--age", type=float, required=True, help="age in complete years on the leaving date")
    p.add_argument("--service", type=float, required=True, help="complete years of continuous service")
    p.add_argument("--salary", type=float, required=True, help="actual annual pay, £")
    p.add_argument("--date", help="leaving date YYYY-MM-DD, for the week's-pay cap in force (default today)")
    p.add_argument("--actual-pay", action="store_true", help="pay on actual weekly pay, not the cap (reg. 5)")
    p.add_argument("--multiplier", type=float, default=1.0, help="multiply the statutory weeks (reg. 6; ≤ 104 weeks)")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(run=cmd_redundancy)

    p = sub.add_parser("scenarios", help="list the scenarios in a file")
    p.add_argument("file", help="an .orgx file")
    p.set_defaults(run=cmd_scenarios)

    p = sub.add_parser("screenshot", help="render the window with FILE open to a PNG (offscreen)")
    p.add_argument("file", help="an .orgx file")
    p.add_argument("-o", "--output", required=True, help="the PNG to write")
    p.add_argument("--size", default="1400x900", help="window size, WIDTHxHEIGHT (default 1400x900)")
    p.set_defaults(run=cmd_screenshot)
    return parser


def _pack_arguments(p: argparse.ArgumentParser) -> None:
    """What a Cabinet pack says, the same for its PDF and its HTML version."""
    p.add_argument("--scenario", help="scenario name (default: the last)")
    p.add_argument("--branch", metavar="POST_ID", help="print only this post's branch")
    p.add_argument("--names", action="store_true", help="show postholders' names (withheld by default)")
    p.add_argument("--grades", action="store_true", help="show grades rather than salaries")
    p.add_argument("--title", help="title at the top of each page")
    p.add_argument("--committee", help="e.g. Cabinet")
    p.add_argument("--date", help="meeting date, as it should be printed")
    p.add_argument("--appendix", help="appendix label, e.g. 'Appendix 2'")
    p.add_argument("--marking", default="OFFICIAL", help="protective marking printed on every page")
    p.add_argument("--summary", action="store_true", help="add a summary page (and the comparison)")
    p.add_argument("--language", default="en-GB", help="the document's language tag (default en-GB; Welsh: cy)")


GuiLauncher = Callable[[Sequence[str]], int]
_INPUT_ARGS = ("file", "input", "senior", "junior", "map", "equality")


def run(argv: Sequence[str], out: TextIO | None = None, gui: GuiLauncher | None = None) -> int:
    """Run one command; returns the exit code. Errors users can meet become one line on stderr.

    Text from files is printed with control characters escaped; a reader that stops reading
    (`| head`) ends the command quietly with exit code 0.
    """
    safe_out = console.safe(out or sys.stdout)
    with console.safe_stderr():
        try:
            code = _run(argv, safe_out, gui)
            safe_out.flush()
            return code
        except BrokenPipeError:
            console.silence_stdout()
            return EXIT_OK


def _run(argv: Sequence[str], out: TextIO, gui: GuiLauncher | None) -> int:
    parser = build_parser()
    try:
        if not argv or (len(argv) == 1 and not argv[0].startswith("-") and argv[0] not in _commands(parser)):
            if gui is not None:
                return gui(argv)
            if not _window_can_open():
                sys.stderr.write("orgdesigner: no window can open here; showing the findings instead.\n")
                return _no_window(argv, out)
            from orgdesigner.gui.app import run_window

            return run_window(argv)
        args = parser.parse_args(list(argv))
        if args.command is None:
            raise UsageError("choose a command (see 'orgdesigner --help')")
        # the files a command reads (FILE, the CSVs, --map, --equality) are safe from its outputs
        inputs = [getattr(args, name, None) for name in _INPUT_ARGS]
        with safe_io.protected_inputs(inputs):
            code: int = args.run(args, out)
        return code
    except OrgError as exc:
        sys.stderr.write(f"orgdesigner: {_one_line(str(exc))}\n")
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        sys.stderr.write("orgdesigner: interrupted\n")
        return EXIT_BAD_INPUT
    except BrokenPipeError:
        raise  # the reader stopped reading: not a defect (see run)
    except Exception as exc:  # a defect of ours: one line for the user, the details in a file to send us
        log = _write_crash_log()
        sys.stderr.write(
            f"orgdesigner: something went wrong inside orgdesigner ({type(exc).__name__}: {exc}); "
            f"details are in {log}. Please send that file to the maintainers.\n"
        )
        return EXIT_BAD_INPUT


def _commands(parser: argparse.ArgumentParser) -> set[str]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return set(action.choices)
    return set()


def _window_can_open() -> bool:
    """A display, and Qt's platform plugin loads (asked in a child process, since Qt aborts the process when
    it cannot). `scripts/run` asks first and says so in ORGDESIGNER_QT_CHECKED, to start no second child."""
    from orgdesigner import qtcheck

    if os.environ.get("ORGDESIGNER_NO_WINDOW") or not qtcheck.has_display():
        return False
    if os.environ.get("ORGDESIGNER_QT_CHECKED"):
        return True
    verdict = qtcheck.check()
    if not verdict.ok:
        sys.stderr.write(verdict.advice() + "\n")
    return verdict.ok


def _no_window(argv: Sequence[str], out: TextIO) -> int:
    """Without a display: show the findings of the file (or the Cheshire East template)."""
    path = argv[0] if argv else str(resources.template("cheshire-east-2013"))
    args = argparse.Namespace(file=path, scenario=None, format="text")
    return cmd_validate(args, out)


def _write_crash_log() -> str:
    import tempfile
    import traceback

    with tempfile.NamedTemporaryFile(
        "w", prefix="orgdesigner-crash-", suffix=".txt", delete=False, encoding="utf-8", errors="backslashreplace"
    ) as handle:
        traceback.print_exc(file=handle)
        return handle.name


def _one_line(text: str) -> str:
    return " ".join(text.split())
