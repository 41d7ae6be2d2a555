"""``spbe query NAME [--param var=value] [--store DIR | --endpoint URL] [--format table|csv|json]``; ``spbe query --list``.

Runs one of the named SPARQL queries of ``queries/*.rq`` (the same ones the YASGUI tabs offer) on
the union of all graphs.
"""

from __future__ import annotations

import sys
from pathlib import Path

from . import CliError

TEXT = {
    "id": {
        "unknown": "kueri bernama '{name}' tidak ada; lihat daftarnya dengan `spbe query --list`",
        "need_name": "sebutkan nama kueri (lihat `spbe query --list`)",
        "bad_param": "parameter '{p}' tidak dikenal kueri '{name}'; parameternya: {known}",
        "param_form": "--param harus berbentuk var=nilai, bukan '{v}'",
        "rows": "{n} baris",
        "syntax": "kueri '{name}' tidak valid (baris {line}): {msg}",
        "timeout": "kueri '{name}' melewati batas waktu {s} detik",
    },
    "en": {
        "unknown": "there is no query named '{name}'; list them with `spbe query --list`",
        "need_name": "give a query name (see `spbe query --list`)",
        "bad_param": "query '{name}' has no parameter '{p}'; its parameters: {known}",
        "param_form": "--param must look like var=value, not '{v}'",
        "rows": "{n} rows",
        "syntax": "query '{name}' is not valid (line {line}): {msg}",
        "timeout": "query '{name}' ran past its {s} s limit",
    },
}


def add_store_args(p) -> None:
    where = p.add_mutually_exclusive_group()
    where.add_argument("--store", type=Path, metavar="DIR", help="direktori store tertanam / embedded store directory")
    where.add_argument("--endpoint", metavar="URL", help="URL query SPARQL jarak jauh / remote SPARQL query URL")
    p.add_argument("--update-endpoint", metavar="URL", help="URL SPARQL update jarak jauh / remote update URL")
    p.add_argument("--lang", choices=["id", "en"], help="bahasa pesan / message language")


def settings_for(args, **over):
    from spbe_kg.settings import Settings

    kw: dict = dict(over)
    if getattr(args, "lang", None):
        kw["lang"] = args.lang
    if getattr(args, "store", None):
        kw.update(store="embedded", data_dir=args.store)
    elif getattr(args, "endpoint", None):
        q = args.endpoint
        upd = args.update_endpoint or (q[: -len("/query")] + "/update" if q.rstrip("/").endswith("/query") else q)
        kw.update(store="remote", endpoint_query_url=q, endpoint_update_url=upd)
    return Settings(**kw)


def open_for(settings, *, read_only: bool = False):
    from spbe_kg.service.store import StoreError, open_store

    if settings.store == "embedded" and not Path(settings.data_dir).exists():
        raise CliError(
            f"store {settings.data_dir} belum ada: muat inventaris dulu (`spbe load ...`)" if settings.lang != "en"
            else f"store {settings.data_dir} does not exist: load an inventory first (`spbe load ...`)", 2)
    try:
        return open_store(settings, read_only=read_only)
    except (StoreError, ImportError) as e:
        raise CliError(str(e), 2) from None


def register(subparsers) -> None:
    p = subparsers.add_parser("query", help="jalankan kueri SPARQL bernama / run a named SPARQL query",
                              description=__doc__)
    p.add_argument("name", nargs="?", help="nama kueri / query name")
    p.add_argument("--list", action="store_true", help="daftar kueri / list the queries")
    p.add_argument("--param", action="append", default=[], metavar="VAR=NILAI", help="nilai parameter / parameter value")
    p.add_argument("--format", choices=["table", "csv", "json"], default="table")
    p.add_argument("--show", action="store_true", help="cetak teks SPARQL saja / print the SPARQL text only")
    p.add_argument("--saran", action="store_true",
                   help="baca kode dideklarasikan + disarankan / read declared + suggested codes (spbe saran)")
    add_store_args(p)
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


def run(args) -> int:
    import pyoxigraph as ox

    from spbe_kg.queries.catalog import QueryNotFound, get_query, list_queries
    from spbe_kg.service.store import QueryTimeout, StoreError, StoreSyntaxError

    settings = settings_for(args)
    lang = settings.lang
    t = TEXT[lang]
    if args.list:
        for q in list_queries():
            params = " ".join(f"[--param {p.name}={p.default}]" for p in q.params)
            print(f"{q.name:<28} {q.title(lang)}" + (f"\n{'':<28} {params}" if params else ""))
        return 0
    if not args.name:
        raise CliError(t["need_name"], 2)
    try:
        q = get_query(args.name)
    except QueryNotFound:
        raise CliError(t["unknown"].format(name=args.name), 2) from None
    values = {}
    for pv in args.param:
        if "=" not in pv:
            raise CliError(t["param_form"].format(v=pv), 2)
        k, v = pv.split("=", 1)
        values[k.strip().lstrip("?")] = v
    try:
        sparql = q.bind(values)
    except ValueError as e:
        raise CliError(t["bad_param"].format(p=e, name=q.name, known=", ".join(p.name for p in q.params) or "-"), 2) from None
    if args.saran:
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
            sys.stdout.write(res.serialize(format=ox.QueryResultsFormat.CSV).decode())
        else:
            text, n = format_table(res)
            sys.stdout.write(text)
            print(t["rows"].format(n=n), file=sys.stderr)
    except StoreSyntaxError as e:
        raise CliError(t["syntax"].format(name=q.name, line=e.line or "?", msg=e), 2) from None
    except QueryTimeout:
        raise CliError(t["timeout"].format(name=q.name, s=settings.query_timeout_s), 2) from None
    except StoreError as e:
        raise CliError(str(e), 2) from None
    finally:
        store.close()
    return 0
