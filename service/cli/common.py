"""What the ``spbe`` subcommands share: the user-facing error, the help texts and parser class that follow
``--lang``, the settings from the options, the input and store options, the load summary.

>>> from argparse import Namespace
>>> settings_of(Namespace(endpoint="http://x/query/", lang="en")).endpoint_update_url
'http://x/update'
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from spbe_kg.i18n import t
from spbe_kg.settings import Settings, SettingsError, settings_from_args


class CliError(Exception):
    """A user-facing error: printed without a traceback, exits with ``code``."""

    def __init__(self, message: str, code: int = 2) -> None:
        super().__init__(message)
        self.code = code


def h(key: str, lang: str, **kw: object) -> str:
    """A text of the ``cli`` catalogue (help, messages) in ``lang``."""
    return t(f"cli.{key}", lang, **kw)


def parser_class(lang: str) -> type[argparse.ArgumentParser]:
    """An ``ArgumentParser`` whose own words (usage, headings, -h) are in ``lang``; subparsers inherit it."""

    class Formatter(argparse.RawDescriptionHelpFormatter):
        def add_usage(self, usage, actions, groups, prefix=None):  # type: ignore[override]
            return super().add_usage(usage, actions, groups, h("usage_prefix", lang) if prefix is None else prefix)

    class Parser(argparse.ArgumentParser):
        help_lang = lang

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs.setdefault("formatter_class", Formatter)
            super().__init__(*args, **kwargs)
            self._positionals.title = h("positionals_title", lang)
            self._optionals.title = h("options_title", lang)
            for action in self._actions:
                if isinstance(action, argparse._HelpAction):
                    action.help = h("opt_help", lang)

        def error(self, message: str):  # type: ignore[override]
            """Usage errors: the usage line, then the problem (argparse's own wording) and exit code 2."""
            self.print_usage(sys.stderr)
            self.exit(2, h("usage_error", lang, prog=self.prog, message=message) + "\n")

    return Parser


def add_lang_arg(p: argparse.ArgumentParser, lang: str) -> None:
    p.add_argument("--lang", choices=["id", "en"], help=h("opt_lang", lang))


def settings_of(args: argparse.Namespace, **extra: Any) -> Settings:
    """The settings for a command: environment and ``spbe.toml``, then the options given, then ``extra``."""
    try:
        return settings_from_args(args, **extra)
    except SettingsError as e:
        raise CliError(h("invalid_settings", getattr(args, "lang", None) or "id", detail=e), 2) from None


def add_input_args(p: argparse.ArgumentParser, lang: str) -> None:
    """Inventory files and how to read them (``spbe convert``, ``spbe load``)."""
    p.add_argument("files", nargs="+", type=Path, metavar=h("metavar_file", lang), help=h("opt_input_files", lang))
    p.add_argument("--mapping", type=Path, metavar=h("metavar_file", lang), help=h("opt_mapping", lang))
    p.add_argument("--instansi", metavar=h("metavar_name", lang), help=h("opt_instansi", lang))
    p.add_argument("--sheet", metavar=h("metavar_sheet", lang), help=h("opt_sheet", lang))
    p.add_argument("--delimiter", metavar=h("metavar_char", lang), help=h("opt_delimiter", lang))
    p.add_argument("--encoding", metavar="ENCODING", help=h("opt_encoding", lang))
    p.add_argument("--partial", action="store_true", help=h("opt_partial", lang))
    p.add_argument("--base-iri", metavar="IRI", help=h("opt_base_iri", lang))
    p.add_argument("--loaded-at", metavar=h("metavar_time", lang), help=h("opt_loaded_at", lang))
    p.add_argument("--all-warnings", action="store_true", help=h("opt_all_warnings", lang))
    p.add_argument("--quiet", "-q", action="store_true", help=h("opt_quiet", lang))
    add_lang_arg(p, lang)


def add_store_args(p: argparse.ArgumentParser, lang: str, *, store_help: str = "opt_store",
                   endpoint_help: str = "opt_endpoint") -> None:
    """``--store DIR | --endpoint URL`` with ``--update-endpoint`` and ``--store-endpoint``."""
    where = p.add_mutually_exclusive_group()
    where.add_argument("--store", type=Path, metavar=h("metavar_dir", lang), help=h(store_help, lang))
    where.add_argument("--endpoint", metavar="URL", help=h(endpoint_help, lang))
    p.add_argument("--update-endpoint", metavar="URL", help=h("opt_update_endpoint", lang))
    p.add_argument("--store-endpoint", metavar="URL", help=h("opt_store_endpoint", lang))


def open_for(settings: Settings, *, read_only: bool = False):
    """Open the store the settings name; a missing embedded store or a store that fails is a CliError."""
    from spbe_kg.service.store import StoreError, open_store

    if settings.store == "embedded" and not Path(settings.data_dir).exists():
        raise CliError(h("store_missing", settings.lang, path=settings.data_dir), 2)
    try:
        return open_store(settings, read_only=read_only)
    except StoreError as e:
        raise CliError(store_error_text(e, settings), 2) from None


def store_error_text(e: Exception, settings: Settings) -> str:
    """The message for a store that failed to open: a store held by another process gets its own."""
    from spbe_kg.service.store import StoreLocked

    if isinstance(e, StoreLocked):
        return h("store_locked", settings.lang, path=e.directory)
    return str(e)


def convert(args: argparse.Namespace, settings: Settings):
    """Run convert_files for the parsed arguments; LoaderError becomes a CliError (exit 2)."""
    from spbe_kg.loaders.api import convert_files
    from spbe_kg.loaders.errors import LoaderError

    try:
        return convert_files(args.files, settings=settings, mapping=args.mapping, instansi=args.instansi,
                             sheet=args.sheet, partial=args.partial, delimiter=args.delimiter,
                             encoding=args.encoding)
    except LoaderError as e:
        raise CliError(str(e), 2) from None


def print_summary(result, settings: Settings, args: argparse.Namespace) -> None:
    from spbe_kg.loaders.summary import render_summary

    if getattr(args, "quiet", False) and result.ok:
        return
    print(render_summary(result, settings.lang, max_warnings=None if args.all_warnings else 30), file=sys.stderr)


def rejected_message(result, lang: str) -> str:
    n = sum(1 for r in result.rows if r.status == "error")
    return h("rows_rejected", lang, n=n)
