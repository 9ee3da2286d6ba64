"""The commands that draw: `pdf`, `html`, `svg`/`png` and `screenshot` (Qt's GUI, offscreen).

Kept apart from the other commands so that those never load Qt; `cli.build_parser` wires them in.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from orgdesigner.cli_kit import EXIT_OK, UsageError, load_document

if TYPE_CHECKING:
    from orgdesigner.render.pages import PrintOptions

MIN_SCREENSHOT_SIDE, MAX_SCREENSHOT_SIDE = 200, 8_000  # a window bigger than any screen costs gigabytes


def gui_app() -> object:
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    return QGuiApplication.instance() or QGuiApplication(["orgdesigner"])


def _print_options(args: argparse.Namespace) -> PrintOptions:
    from orgdesigner.render.pages import PrintOptions

    return PrintOptions(
        paper=getattr(args, "paper", "A4"), landscape=getattr(args, "orientation", "landscape") == "landscape",
        names=args.names, title=args.title or "", committee=args.committee or "", meeting_date=args.date or "",
        appendix=args.appendix or "", marking=args.marking, summary=args.summary, branch=args.branch,
        scenario=args.scenario, pay_as_grade=args.grades, language=args.language,
    )  # fmt: skip


def cmd_pdf(args: argparse.Namespace, out: TextIO) -> int:
    document = load_document(args.file)
    app = gui_app()
    from orgdesigner.render.html import write_html
    from orgdesigner.render.pages import write_pdf

    options = _print_options(args)
    report = write_pdf(document, args.output, options)
    out.write(f"Wrote {args.output}: {report.pages} pages, smallest text {report.smallest_font_pt:g} pt\n")
    if args.html:
        write_html(document, args.html, options)
        out.write(f"Wrote {args.html}: the accessible version\n")
    del app
    return EXIT_OK


def cmd_html(args: argparse.Namespace, out: TextIO) -> int:
    """The accessible HTML version of the pack's chart (headings and nested lists)."""
    document = load_document(args.file)
    app = gui_app()  # fonts measure titles the way the printed cards wrap them
    from orgdesigner.render.html import write_html

    write_html(document, args.output, _print_options(args))
    out.write(f"Wrote {args.output}\n")
    del app
    return EXIT_OK


def cmd_picture(args: argparse.Namespace, out: TextIO) -> int:
    """`svg` and `png`: the chart, or one branch, as a picture."""
    document = load_document(args.file)
    app = gui_app()
    from orgdesigner.render.chart import write_png, write_svg

    structure = document.scenario(args.scenario).structure
    if args.command == "svg":
        write_svg(structure, Path(args.output), args.branch, args.names, document.organisation)
    else:
        write_png(structure, Path(args.output), args.scale, args.branch, args.names)
    out.write(f"Wrote {args.output}\n")
    del app
    return EXIT_OK


def cmd_screenshot(args: argparse.Namespace, out: TextIO) -> int:
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    try:
        width, height = (int(v) for v in args.size.lower().split("x"))
    except ValueError:
        raise UsageError(f"--size must look like 1400x900, not '{args.size}'") from None
    if not all(MIN_SCREENSHOT_SIDE <= side <= MAX_SCREENSHOT_SIDE for side in (width, height)):
        raise UsageError(
            f"--size {width}x{height} is outside {MIN_SCREENSHOT_SIDE} to {MAX_SCREENSHOT_SIDE:,} pixels a side; "
            "for a bigger picture of the chart use 'png --branch' or 'pdf'"
        )
    from PySide6.QtCore import QSize

    from orgdesigner.gui.app import screenshot

    screenshot(Path(args.file), Path(args.output), QSize(width, height))
    out.write(f"Wrote {args.output}\n")
    return EXIT_OK
