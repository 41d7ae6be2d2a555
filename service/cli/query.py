"""``spbe query NAME [--param var=value] [--store DIR | --endpoint URL] [--format table|csv|json]``; ``spbe query --list``.

Runs one of the named SPARQL queries of ``queries/*.rq`` (the same ones the YASGUI tabs offer) on
the union of all graphs.
"""

from __future__ import annotations

import argparse
import sys

from .common import CliError, add_lang_arg, add_store_args, h, open_for, settings_of


def register(subparsers, lang: str) -> None:
    p = subparsers.add_parser("query", help=h("help_query", lang), description=h("desc_query", lang))
    p.add_argument("name", nargs="?", metavar=h("metavar_query", lang), help=h("opt_query_name", lang))
    p.add_argument("--list", action="store_true", help=h("opt_query_list", lang))
    p.add_argument("--param", action="append", default=[], metavar=h("metavar_param", lang),
                   help=h("opt_query_param", lang))
    p.add_argument("--format", choices=["table", "csv", "json"], default="table", help=h("opt_query_format", lang))
    p.add_argument("--show", action="store_true", help=h("opt_query_show", lang))
    p.add_argument("--saran", action="store_true", help=h("opt_query_saran", lang))
    add_store_args(p, lang)
    add_lang_arg(p, lang)
    p.set_defaults(func=run)


def _short(term) -> str:
    from spbe_kg.ontology.namespaces import PREFIXES

    if term is None:
        return ""
    v = term.value
    if type(term).__name__ == "NamedNode":
        for pre, iri in PREFIXES.items():
            if v.startswith(iri):
                return f"{pre}:{v[len(iri):]}"
    return v


def format_table(solutions) -> tuple[str, int]:
    names = [v.value for v in solutions.variables]
    rows = [[_short(s[n]) for n in names] for s in solutions]
    widths = [min(60, max([len(n)] + [len(r[i]) for r in rows])) for i, n in enumerate(names)]
    line = lambda cells: "  ".join(c[:60].ljust(w) for c, w in zip(cells, widths)).rstrip()  # noqa: E731
    out = [line(names), line(["-" * w for w in widths])] + [line(r) for r in rows]
    return "\n".join(out) + "\n", len(rows)


def run(args: argparse.Namespace) -> int:
    import pyoxigraph as ox

    from spbe_kg.queries.catalog import QueryNotFound, get_query, list_queries
    from spbe_kg.service.store import QueryTimeout, StoreError, StoreSyntaxError

    settings = settings_of(args)
    lang = settings.lang
    if args.list:
        for q in list_queries():
            params = " ".join(f"[--param {p.name}={p.default}]" for p in q.params)
            print(f"{q.name:<28} {q.title(lang)}" + (f"\n{'':<28} {params}" if params else ""))
        return 0
    if not args.name:
        raise CliError(h("query_need_name", lang), 2)
    try:
        q = get_query(args.name)
    except QueryNotFound:
        raise CliError(h("query_unknown", lang, name=args.name), 2) from None
    values = {}
    for pv in args.param:
        if "=" not in pv:
            raise CliError(h("query_param_form", lang, v=pv), 2)
        k, v = pv.split("=", 1)
        values[k.strip().lstrip("?")] = v
    try:
        sparql = q.bind(values)
    except ValueError as e:
        raise CliError(h("query_bad_param", lang, p=e, name=q.name, known=", ".join(p.name for p in q.params) or "-"), 2) from None
    if args.saran:  # declared + rank-1 suggested codes (spbe saran; queries/saran_query.py)
        from spbe_kg.queries.saran_query import include_suggestions

        sparql = include_suggestions(sparql)
    if args.show:
        print(sparql)
        return 0
    store = open_for(settings, read_only=True)
    try:
        res = store.query(sparql, timeout_s=settings.query_timeout_s)
        if args.format == "json":
            sys.stdout.write(res.serialize(format=ox.QueryResultsFormat.JSON).decode() + "\n")
        elif args.format == "csv":
            from spbe_kg.text_safety import safe_csv_text

            sys.stdout.write(safe_csv_text(res.serialize(format=ox.QueryResultsFormat.CSV).decode()))
        else:
            text, n = format_table(res)
            sys.stdout.write(text)
            print(h("query_rows", lang, n=n), file=sys.stderr)
    except StoreSyntaxError as e:
        raise CliError(h("query_syntax", lang, name=q.name, line=e.line or "?", msg=e), 2) from None
    except QueryTimeout:
        raise CliError(h("query_timeout", lang, name=q.name, s=settings.query_timeout_s), 2) from None
    except StoreError as e:
        raise CliError(str(e), 2) from None
    finally:
        store.close()
    return 0
