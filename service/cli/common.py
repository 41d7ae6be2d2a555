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


def port_number(text: str) -> int:
    """argparse type: a TCP port 1-65535 (else exit 2 with the ``bad_port`` message, both languages).

    >>> port_number("8080")
    8080
    """
    try:
        n = int(text)
    except ValueError:
        n = -1
    if not 1 <= n <= 65535:
        raise argparse.ArgumentTypeError(h("bad_port", "id", value=text) + " / " + h("bad_port", "en", value=text))
    return n


def http_url(text: str) -> str:
    """argparse type: an absolute http(s) URL with a host (else exit 2 with the ``bad_url`` message).

    >>> http_url("http://127.0.0.1:7878/query")
    'http://127.0.0.1:7878/query'
    """
    from urllib.parse import urlsplit

    parts = urlsplit(text.strip())
    try:
        valid_port = parts.port is None or 0 < parts.port < 65536
    except ValueError:
        valid_port = False
    if parts.scheme not in ("http", "https") or not parts.hostname or not valid_port:
        raise argparse.ArgumentTypeError(h("bad_url", "id", value=text) + " / " + h("bad_url", "en", value=text))
    return text.strip()


def add_store_args(p: argparse.ArgumentParser, lang: str, *, store_help: str = "opt_store",
                   endpoint_help: str = "opt_endpoint") -> None:
    """``--store DIR | --endpoint URL`` with ``--update-endpoint`` and ``--store-endpoint``."""
    where = p.add_mutually_exclusive_group()
    where.add_argument("--store", type=Path, metavar=h("metavar_dir", lang), help=h(store_help, lang))
    where.add_argument("--endpoint", type=http_url, metavar="URL", help=h(endpoint_help, lang))
    p.add_argument("--update-endpoint", type=http_url, metavar="URL", help=h("opt_update_endpoint", lang))
    p.add_argument("--store-endpoint", type=http_url, metavar="URL", help=h("opt_store_endpoint", lang))


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

    bar = progress_bar(settings.lang, quiet=getattr(args, "quiet", False))
    try:
        return convert_files(args.files, settings=settings, mapping=args.mapping, instansi=args.instansi,
                             sheet=args.sheet, partial=args.partial, delimiter=args.delimiter,
                             encoding=args.encoding, progress=bar)
    except LoaderError as e:
        raise CliError(str(e), 2) from None
    finally:
        if bar is not None:
            bar.close()


class TerminalProgress:
    """The conversion's progress as a tqdm bar on stderr (loaders.progress.Progress)."""

    def __init__(self, lang: str, stream) -> None:
        import os

        from tqdm import tqdm

        try:
            size = os.get_terminal_size(stream.fileno())
            cols, rows = size.columns, size.lines
        except (OSError, AttributeError, ValueError):
            cols = rows = 0
        # a terminal that reports no size (0x0, e.g. a fresh pseudo-terminal) would get an empty bar: 80x24
        self.bar = tqdm(total=0, file=stream, unit=h("progress_unit", lang), desc=h("progress_desc", lang),
                        leave=True, mininterval=0.2, ncols=cols or 80, nrows=rows or 24)

    def add_total(self, n: int, label: str) -> None:
        self.bar.total = (self.bar.total or 0) + n
        self.bar.set_postfix_str(label, refresh=False)
        self.bar.refresh()

    def advance(self, n: int) -> None:
        self.bar.update(n)

    def close(self) -> None:
        self.bar.close()


def progress_bar(lang: str, *, quiet: bool = False, stream=None) -> TerminalProgress | None:
    """A progress bar when stderr is a terminal (and not ``-q``); None (quiet) otherwise, e.g. in CI logs."""
    stream = sys.stderr if stream is None else stream
    isatty = getattr(stream, "isatty", None)
    if quiet or not (isatty and isatty()):
        return None
    return TerminalProgress(lang, stream)


MAX_ROW_LINES = 20  # skipped/error rows shown on screen; the full list goes to a file


def print_summary(result, settings: Settings, args: argparse.Namespace) -> None:
    """The load summary on stderr. Long lists are capped on screen (skipped/error rows at MAX_ROW_LINES, warnings at
    30 unless --all-warnings); the complete summary is then written to a file whose path is printed."""
    from spbe_kg.loaders.summary import render_summary, row_lines

    if getattr(args, "quiet", False) and result.ok:
        return
    from spbe_kg.text_safety import strip_controls

    lang = settings.lang
    max_warnings = None if args.all_warnings else 30
    n_warn = sum(len(o.warnings) for o in result.rows)
    full_path = None
    if row_lines(result) > MAX_ROW_LINES or (max_warnings is not None and n_warn > max_warnings):
        full_path = write_full_summary(strip_controls(render_summary(result, lang)))
    text = render_summary(result, lang, max_warnings=max_warnings, max_rows=MAX_ROW_LINES, full_path=full_path)
    print(strip_controls(text), file=sys.stderr)  # cell values may carry terminal escapes


def write_full_summary(text: str) -> str | None:
    """Write the complete summary to a new file in the temporary directory; its path (None if it cannot be written)."""
    import tempfile

    try:
        fd, path = tempfile.mkstemp(prefix="spbe-ringkasan-", suffix=".txt")
        with open(fd, "w", encoding="utf-8") as f:
            f.write(text + "\n")
    except OSError:
        return None
    return path


def rejected_message(result, lang: str) -> str:
    n = sum(1 for r in result.rows if r.status == "error")
    return h("rows_rejected", lang, n=n)
