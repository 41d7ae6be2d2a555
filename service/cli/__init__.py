"""The ``spbe`` command line.

Exit-code contract (same for every subcommand, after pySHACL):

=====  ==========================================================================
code   meaning
=====  ==========================================================================
0      success: loaded, conforms, served
1      the input was read but rejected (validation fails, rows in error)
2      usage error, unreadable input, unknown format, broken shapes/mapping file
=====  ==========================================================================

Each subcommand lives in its own module here and exposes ``register(subparsers, lang)``; the module adds
its parser and sets ``func`` (called with the parsed namespace, returns the exit code).
Messages and help are Bahasa Indonesia by default, English with ``--lang en`` (or ``SPBE_LANG=en``);
the texts are the ``cli`` catalogue of :mod:`spbe_kg.i18n`.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from spbe_kg import __version__
from spbe_kg.settings import SettingsError, settings_from_args

from . import (
    convert,
    decide,
    decisions,
    duplicates,
    export,
    harvest,
    load,
    mapping,
    ontology,
    query,
    roadmap,
    saran,
    serve,
    token,
    validate,
    views,
)
from .common import CliError, h, parser_class

__all__ = ["COMMANDS", "CliError", "build_parser", "help_lang", "main"]

# Subcommand modules, in help order. Each defines register(subparsers, lang); a missing one fails the import.
COMMANDS = (convert, load, mapping, validate, query, duplicates, saran, decide, decisions, roadmap, views, serve,
            token, ontology, export, harvest)


def help_lang(argv: Sequence[str]) -> str:
    """The language of help and messages: ``--lang`` anywhere on the command line, else ``SPBE_LANG``
    (or ``lang`` in ``spbe.toml``/``.env``), else Bahasa Indonesia.

    >>> help_lang(["--lang", "en", "load", "--help"]), help_lang(["load", "--lang=en"])
    ('en', 'en')
    """
    for i, a in enumerate(argv):
        if a == "--":
            break
        if a == "--lang" and i + 1 < len(argv):
            return "en" if argv[i + 1] == "en" else "id"
        if a.startswith("--lang="):
            return "en" if a.split("=", 1)[1] == "en" else "id"
    try:
        return settings_from_args(argparse.Namespace()).lang
    except SettingsError:  # settings that do not validate are reported by the command itself
        return "en" if os.environ.get("SPBE_LANG", "").strip().lower() == "en" else "id"


def build_parser(lang: str = "id") -> argparse.ArgumentParser:
    """The ``spbe`` parser with its help in ``lang``."""
    parser = parser_class(lang)(prog="spbe", description=h("prog_description", lang), epilog=h("prog_epilog", lang))
    parser.add_argument("--version", action="version", version=f"spbe-kg {__version__}", help=h("opt_version", lang))
    # --lang before the command; each command also takes its own --lang (argparse would let the
    # command's default overwrite this one, hence the separate dest, merged in main)
    parser.add_argument("--lang", dest="global_lang", choices=["id", "en"], help=h("opt_lang", lang))
    sub = parser.add_subparsers(dest="command", metavar=h("metavar_command", lang), title=h("commands_title", lang))
    for module in COMMANDS:
        module.register(sub, lang)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    lang = help_lang(argv)
    parser = build_parser(lang)
    args = parser.parse_args(argv)
    if getattr(args, "lang", None) is None:
        args.lang = args.global_lang
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except CliError as e:
        from spbe_kg.text_safety import strip_controls

        print(f"spbe: {strip_controls(str(e))}", file=sys.stderr)
        return e.code
    except KeyboardInterrupt:
        print(f"spbe: {h('interrupted', args.lang or lang)}", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
