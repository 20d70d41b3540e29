"""The ``sphinx-awesome`` command: one module per sub-command (``check_cmd``,
``import_cmd``, ``export_cmd``, ``add_cmd``), each adding its parser and its ``run`` function.

Exit status: 0 fine, 1 problems found, 2 usage error. See :mod:`sphinx_awesome.cli.check`
for the problem codes (``sphinx-awesome check --list-codes``).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from .. import __version__
from .console import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE

__all__ = ["EXIT_OK", "EXIT_PROBLEMS", "EXIT_USAGE", "build_parser", "main"]


def build_parser() -> argparse.ArgumentParser:
    from . import add_cmd, check_cmd, export_cmd, import_cmd

    parser = argparse.ArgumentParser(
        prog="sphinx-awesome",
        description="Maintain a curated paper list kept as YAML entry files.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.required = True
    for module in (check_cmd, import_cmd, export_cmd, add_cmd):
        module.add_parser(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``sphinx-awesome`` with *argv* (default: ``sys.argv[1:]``); returns the exit status."""
    parser = build_parser()
    try:
        args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    except SystemExit as exc:  # argparse: --help, --version (0) and usage errors (2)
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    from .project import UsageError

    try:
        status: int = args.run(args)
    except UsageError as exc:
        return _error(args.command, str(exc))
    except OSError as exc:  # a path that cannot be read or written: one line, not a traceback
        return _error(args.command, os_error_text(exc))
    return status


def os_error_text(exc: OSError) -> str:
    """``cannot write out.md: Is a directory`` from an ``OSError``."""
    reason = exc.strerror or type(exc).__name__
    return f"{exc.filename}: {reason}" if exc.filename else reason


def _error(command: str, message: str) -> int:
    print(f"sphinx-awesome {command}: error: {message}", file=sys.stderr)
    return EXIT_USAGE
