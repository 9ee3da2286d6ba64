"""The restructure's own commands: `consultation` (what the law asks before the first letter) and
`redundancy` (HR's calculator for the cost of change). Wired in by `cli.build_parser`, which
imports this module when it builds the parser, as it does the picture commands.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from orgdesigner.cli_kit import EXIT_FINDINGS, EXIT_OK, UsageError, load_document, write_text_or_json


def cmd_consultation(args: argparse.Namespace, out: TextIO) -> int:
    """s.188 consultation, HR1 dates, members' appointments and the equality analysis (exit 1: too late)."""
    import datetime as dt

    from orgdesigner.model.consultation.analysis import analyse

    try:
        today = dt.date.fromisoformat(args.today) if args.today else dt.date.today()
    except ValueError:
        raise UsageError(f"--today must be a date written YYYY-MM-DD, not '{args.today}'") from None
    if args.map and not args.equality:
        raise UsageError("--map goes with --equality HR_FILE")
    hr = None
    if args.equality:
        from orgdesigner.formats.hr_equality import read_characteristics

        hr = read_characteristics(Path(args.equality), Path(args.map) if args.map else None)
    document = load_document(args.file)
    result = analyse(document, args.from_name, args.to_name, today, hr)
    del hr  # special category data: only the counts go on
    if args.pdf:
        from orgdesigner.cli_pictures import gui_app

        app = gui_app()
        from orgdesigner.render.consultation_pdf import PdfHeading, write_consultation_pdf

        heading = PdfHeading(document.organisation, args.marking, args.appendix or "")
        titles = write_consultation_pdf(result, Path(args.pdf), heading)
        sys.stderr.write(f"Wrote {args.pdf}: {len(titles)} pages\n")
        del app
    write_text_or_json(result.as_dict(), result.summary(), args.format, out)
    return EXIT_FINDINGS if result.errors() else EXIT_OK


def cmd_redundancy(args: argparse.Namespace, out: TextIO) -> int:
    """HR's redundancy calculator: the statutory table, the cap on the date, the council's discretion."""
    import dataclasses
    from datetime import date

    from orgdesigner.model.finance.policy import FinancePolicy
    from orgdesigner.model.finance.redundancy import redundancy_pay
    from orgdesigner.model.finance.years import parse_date

    if args.multiplier < 1:
        raise UsageError(f"--multiplier must be 1 or more, not {args.multiplier:g}")
    if args.salary < 0 or args.service < 0 or args.age < 0:
        raise UsageError("--age, --service and --salary cannot be negative")
    leaving = parse_date(args.date, "--date") if args.date else date.today()
    policy = dataclasses.replace(FinancePolicy(), actual_pay=args.actual_pay, multiplier=args.multiplier)
    pay = redundancy_pay(int(args.age), int(args.service), args.salary, leaving, policy)
    basis = "actual pay" if args.actual_pay else f"week's pay capped at £{pay.cap:,.2f}"
    text = (
        f"Redundancy pay on {leaving.isoformat()}: age {int(args.age)}, {int(args.service)} complete years' service,"
        f" salary £{args.salary:,.2f}\n"
        f"  weeks          {pay.weeks:g}\n"
        f"  week's pay     £{pay.week_pay:,.2f}\n"
        f"  statutory      £{pay.statutory:,.2f} (cap £{pay.cap:,.2f} a week)\n"
        f"  discretionary  £{pay.discretionary:,.2f} ({basis}, weeks × {args.multiplier:g},"
        f" at most {policy.max_weeks:g} weeks)\n"
        f"  total          £{pay.total:,.2f}\n"
    )
    write_text_or_json(pay.as_dict(), text, args.format, out)
    return EXIT_OK
