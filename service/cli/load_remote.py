"""``spbe load`` through a running server's ``POST /load``: the files are sent as they are, the
server converts and loads them, and the answer's summary is printed as a local load prints it.

Exit codes as a local load: 0 loaded, 1 rows in error (nothing written) or a refused graph/scope,
2 unreadable input, no server, no or wrong token.
"""

from __future__ import annotations

import argparse
import sys
from contextlib import ExitStack

from .common import CliError, h, print_summary


def load_via_server(args: argparse.Namespace, settings, server: str) -> int:
    import httpx

    from ..loading import result_from_json
    from .load import token_of

    lang = settings.lang
    for p in args.files:
        if not p.is_file():
            raise CliError(h("remote_file_missing", lang, file=p), 2)
    if args.base_iri or args.loaded_at:
        raise CliError(h("remote_server_settings", lang), 2)
    token = token_of(args, settings)
    headers = {"Accept": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    data = {k: v for k, v in (("instansi", args.instansi), ("sheet", args.sheet), ("delimiter", args.delimiter),
                              ("encoding", args.encoding)) if v}
    if args.partial:
        data["partial"] = "true"
    if args.admin:
        data["admin"] = "true"
    url = server.rstrip("/") + f"/load?lang={lang}"
    if not args.quiet:
        print(h("remote_sending", lang, n=len(args.files), url=server), file=sys.stderr)
    with ExitStack() as stack:
        files = [("file", (p.name, stack.enter_context(open(p, "rb")), "application/octet-stream")) for p in args.files]
        if args.mapping:
            files.append(("mapping", (args.mapping.name, stack.enter_context(open(args.mapping, "rb")),
                                      "application/octet-stream")))
        try:
            r = httpx.post(url, files=files, data=data, headers=headers,
                           timeout=httpx.Timeout(30.0, read=settings.job_timeout_s + 3600.0))
        except httpx.HTTPError as e:
            raise CliError(h("remote_unreachable", lang, url=server, err=e), 2) from None
    if r.status_code in (200, 422) and r.headers.get("content-type", "").startswith("application/json"):
        body = r.json()
        result = result_from_json(body)
        print_summary(result, settings, args)
        if r.status_code == 422:
            print("spbe: " + body.get("message", ""), file=sys.stderr)
            return 1
        if not args.quiet:
            print(h("loaded", lang, n=sum(f.loaded for f in result.files), target=server,
                    graphs=len(result.graphs), quads=body.get("quads", 0)), file=sys.stderr)
        return 0
    text = r.text.strip()
    # refused as a matter of scope (a graph or records not its own): the input was read, exit 1
    raise CliError(text, 1 if r.status_code == 403 and _scope_refusal(r) else 2)


def _scope_refusal(r) -> bool:
    return r.headers.get("x-spbe-refusal") in ("foreign-graph", "scope-graph", "scope-records", "scope-instansi")
