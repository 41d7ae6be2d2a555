"""The ``spbe`` command line.

Exit-code contract (same for every subcommand, after pySHACL):

=====  ==========================================================================
code   meaning
=====  ==========================================================================
0      success: loaded, conforms, served
1      the input was read but rejected (validation fails, rows in error)
2      usage error, unreadable input, unknown format, broken shapes/mapping file
=====  ==========================================================================

Each subcommand lives in its own module here and exposes ``register(subparsers)``; the module adds
its parser and sets ``func`` (called with the parsed namespace, returns the exit code).
Messages are Bahasa Indonesia by default, English with ``--lang en`` (or ``SPBE_LANG=en``).
"""

from __future__ import annotations

import argparse
import importlib
import sys

from spbe_kg import __version__

# Subcommand modules, in help order. Each defines register(subparsers).
COMMANDS = [
    "convert",
    "load",
    "mapping",
    "validate",
    "query",
    "duplicates",
    "saran",
    "serve",
    "ontology",
]


class CliError(Exception):
    """A user-facing error: printed without a traceback, exits with ``code``."""

    def __init__(self, message: str, code: int = 2) -> None:
        super().__init__(message)
        self.code = code


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="spbe",
        description="spbe-kg: graf pengetahuan Arsitektur SPBE / SPBE architecture knowledge graph",
    )
    parser.add_argument("--version", action="version", version=f"spbe-kg {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="PERINTAH")
    for name in COMMANDS:
        try:
            mod = importlib.import_module(f"{__name__}.{name}")
        except ModuleNotFoundError as e:
            if e.name == f"{__name__}.{name}":
                continue  # not built yet
            raise
        mod.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except CliError as e:
        print(f"spbe: {e}", file=sys.stderr)
        return e.code
    except KeyboardInterrupt:
        print("spbe: dibatalkan / interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
