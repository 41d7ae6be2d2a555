"""Loading into a real Virtuoso through the remote store (``RemoteStore.replace_graphs``: chunked
staging graphs + one switch, ``service/store/staged.py``) at several chunk sizes, against the peer in
the same run: Virtuoso's own bulk loader (``ld_dir`` + ``rdf_loader_run``, not atomic).

    python -m spbe_kg.benchmarks.bench_virtuoso_load --apps 27000 --chunks 1000,2000,4000

Starts its own Virtuoso (Debian ``virtuoso-t``) on a temporary database and stops it at the end.
"""

from __future__ import annotations

import argparse
import csv
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

from . import servers


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--apps", type=int, default=27_000)
    ap.add_argument("--chunks", default="1000,2000,4000")
    args = ap.parse_args(argv)

    from spbe_kg.benchmarks import generate
    from spbe_kg.benchmarks.layouts import LAYOUT2_HEADERS
    from spbe_kg.loaders.api import convert_files
    from spbe_kg.service.store import staged
    from spbe_kg.service.store.remote import RemoteStore
    from spbe_kg.settings import Settings

    tmp = Path(tempfile.mkdtemp(prefix="bench-virt-"))
    csv_path = tmp / "nasional.csv"
    with csv_path.open("w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=LAYOUT2_HEADERS)
        w.writeheader()
        w.writerows(generate.generate_rows(args.apps, seed=generate.DEFAULT_SEED))
    res = convert_files([csv_path], settings=Settings(), partial=True)
    quads = res.quads
    print(f"inventory: {args.apps} apps -> {len(quads):,} quads in {len(res.graphs)} graph(s)", flush=True)
    rows = []
    with servers.virtuoso_server(tmp / "db") as url:
        store = RemoteStore(url, timeout_s=600)
        count = f"SELECT (COUNT(*) AS ?c) WHERE {{ GRAPH <{res.graphs[0]}> {{ ?s ?p ?o }} }}"
        for chunk in [int(c) for c in args.chunks.split(",")]:
            staged.CHUNK = chunk  # the module constant the remote store uses
            for label in ("first load", "re-load"):
                if label == "first load":
                    store.update(f"DROP SILENT GRAPH <{res.graphs[0]}>")
                t = time.perf_counter()
                store.replace_graphs(res.graphs, quads)
                dt = time.perf_counter() - t
                n = int(list(store.query(count))[0]["c"].value)
                rows.append((f"replace_graphs, chunk {chunk}, {label}", dt, n))
                print(rows[-1], flush=True)
        # the peer: Virtuoso's bulk loader on the same quads as an N-Quads file
        nq = tmp / "db" / "peer.nq"
        ox.serialize([ox.Quad(q.subject, q.predicate, q.object, ox.NamedNode(res.graphs[0] + "-peer")) for q in quads],
                     nq, format=ox.RdfFormat.N_QUADS)
        sql_port = int((tmp / "db" / "virtuoso.ini").read_text().split("ServerPort = 127.0.0.1:")[1].split()[0])
        t = time.perf_counter()
        servers.isql(sql_port, f"ld_dir('{tmp / 'db'}', 'peer.nq', 'urn:x-unused');\nrdf_loader_run();\ncheckpoint;\n")
        dt = time.perf_counter() - t
        n = int(list(store.query(count.replace(res.graphs[0], res.graphs[0] + "-peer")))[0]["c"].value)
        rows.append(("peer: Virtuoso bulk loader (ld_dir + rdf_loader_run + checkpoint; not atomic)", dt, n))
        store.close()
    print(f"\n{'what':<78} {'seconds':>8} {'quads':>9}")
    for what, dt, n in rows:
        print(f"{what:<78} {dt:8.1f} {n:9,}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
