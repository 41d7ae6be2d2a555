"""One settings object for the whole product.

Values come, in this order of precedence, from keyword arguments, environment variables prefixed
``SPBE_`` (e.g. ``SPBE_DATA_DIR``), a ``.env`` file, and a TOML file named by ``SPBE_CONFIG``
(default ``spbe.toml`` in the working directory, if present).

>>> from spbe_kg.settings import Settings
>>> Settings(base_iri="https://data.sumutprov.go.id/spbe/").base_iri
'https://data.sumutprov.go.id/spbe/'
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit, urlunsplit

from pydantic import AliasChoices, Field, ValidationError, field_validator
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="SPBE_", env_file=".env", extra="ignore", toml_file=None
    )

    # --- data and IRIs -------------------------------------------------------------------
    data_dir: Path = Field(Path("data/store"), description="Embedded pyoxigraph store directory")
    base_iri: str = Field("https://w3id.org/spbe/id/", description="Base for minted IRIs")
    lang: Literal["id", "en"] = Field("id", description="Language of user-facing messages")
    loaded_at: dt.datetime | None = Field(
        None,
        validation_alias=AliasChoices("loaded_at", "SPBE_LOADED_AT", "SOURCE_DATE_EPOCH"),
        description="Fixed load time for reproducible loader output (else: now)",
    )

    # --- store backend -------------------------------------------------------------------
    store: Literal["embedded", "remote", "memory"] = "embedded"
    endpoint_query_url: str | None = None
    endpoint_update_url: str | None = None
    endpoint_store_url: str | None = Field(None, description="Graph Store Protocol URL of the remote")
    endpoint_user: str | None = None
    endpoint_password: str | None = None
    endpoint_dialect: Literal["auto", "generic", "virtuoso", "oxigraph"] = Field(
        "auto", description="Remote server dialect (auto: from its Server header); see service/store/dialects.py")
    endpoint_system_graphs: list[str] = Field(
        default_factory=list, description="Extra Virtuoso system graphs to hide from queries (VAD packages)")
    remote_timeout_s: float = 60.0

    # --- HTTP service --------------------------------------------------------------------
    host: str = "127.0.0.1"
    port: int = Field(8000, ge=1, le=65535)
    enable_updates: bool = False
    write_token: str | None = Field(None, description="Bearer token required for every write")
    tokens_file: Path | None = Field(None, description="Per-pemda write tokens, stored hashed (`spbe token`); "
                                     "default <data_dir parent>/spbe-tokens.json")
    query_timeout_s: float = 30.0
    max_result_rows: int = 100_000
    max_body_bytes: int = 50 * 1024 * 1024
    federation_allowlist: list[str] = Field(default_factory=list)
    cors_origins: list[str] = Field(default_factory=list)
    worker_threads: int = 8
    query_workers: int = Field(2, description="Killable query worker processes (embedded store; 0: run in threads)")
    ui_summary_cache_s: float = Field(30.0, description="Seconds the home page keeps its store counts")

    # --- hardening limits (docs/security.md) ------------------------------------------------
    federation_private_networks: list[str] = Field(
        default_factory=list, description="CIDR ranges an allow-listed SERVICE/LOAD host may resolve into "
        "(loopback, link-local and private ranges are refused otherwise)")
    guard_max_parse_bytes: int = Field(2_000_000, description="Longest query/update that mentions SERVICE/LOAD and is still parsed to check it")
    sparql_client_concurrency: int = Field(2, description="Queries one client (address) may run at once; more: 503")
    sparql_queue_max: int = Field(32, description="Queries waiting for a worker; more: 503 with Retry-After")
    sparql_queue_wait_s: float = Field(5.0, description="Longest wait for a worker before 503 with Retry-After")
    sparql_short_lane: int = Field(1, description="Query workers kept for short queries (LIMIT <= sparql_short_limit, no aggregate)")
    sparql_short_limit: int = Field(1000, description="Largest LIMIT of a query that may use the short lane")
    sparql_short_timeout_s: float = Field(2.0, description="Time limit of a query in the short lane")
    sparql_inline_threads: int = Field(2, description="Threads of the HTTP process that run provably cheap "
                                       "queries without the hop to a worker process (0: every query in a worker)")
    serve_processes: int = Field(0, ge=0, le=64, description="HTTP processes of `spbe serve` on the embedded store: "
                                 "the serving process and N-1 readers answering cheap queries from its checkpoints "
                                 "(service/sparql/reader.py); 0: one per usable core, at most 4")
    serve_yield: bool = Field(True, description="After each answer the HTTP protocol writes itself (a cheap lookup), "
                              "let a process waiting for this core run first (sched_yield): a client or reverse proxy "
                              "on the same machine reads the answer at once (docs/sparql-endpoint.md, tenth round)")
    query_worker_nice: int = Field(10, ge=0, le=19, description="Niceness of the query worker processes: under "
                                   "contention the HTTP processes (cheap queries) get the cores before a long query")
    serve_malloc: Literal["jemalloc", "system"] = Field(
        "jemalloc", description="Allocator of `spbe serve` and the processes it starts: jemalloc preloaded when its "
        "library is installed (service/malloc.py; 14-20% less CPU a lookup), or glibc's (system)")
    retry_after_s: int = Field(5, description="Retry-After (seconds) sent with a 503 for a full queue")
    form_max_bytes: int = Field(8 * 1024 * 1024, description="Largest urlencoded form body (/sparql); parsed off the event loop")
    form_max_fields: int = Field(1000, description="Most fields in a form body")
    xlsx_max_cells: int = Field(5_000_000, description="Most cells a sheet may declare (rows x columns)")
    xlsx_max_unpacked_bytes: int = Field(256 * 1024 * 1024, description="Largest total decompressed size of an xlsx")
    xlsx_max_ratio: float = Field(200.0, description="Highest compression ratio of an xlsx member over 1 MB")
    job_timeout_s: float = Field(120.0, description="Time limit of one /validate or /duplicates computation")
    job_memory_mb: int = Field(2048, description="Address-space limit (RLIMIT_AS) of a /validate or /duplicates worker")
    load_job_timeout_s: float = Field(900.0, description="Time limit of converting one POST /load upload (writers only; "
                                      "a national inventory takes minutes on a busy machine)")
    load_job_memory_mb: int = Field(8192, description="Address-space limit (RLIMIT_AS) of converting one POST /load upload")
    job_workers: int = Field(2, description="/validate and /duplicates computations running at once; more wait")

    # --- linked data, dumps, catalogue exports, harvest (docs/linked-data.md) --------------
    dataset_title: str = Field("Graf pengetahuan Arsitektur SPBE", description="Title of the dataset in VoID/DCAT")
    publisher_name: str = Field("", description="Publisher (the pemda/agency) named in VoID/DCAT and exports")
    publisher_iri: str = Field("", description="IRI of the publisher (e.g. its instansi IRI); minted from the name when empty")
    licence_iri: str = Field("https://creativecommons.org/licenses/by/4.0/", description="Licence of the published data")
    dump_dir: Path | None = Field(None, description="Where dumps are written (default: <data_dir>.dumps)")
    dump_check_s: float = Field(5.0, description="Seconds between checks for writes that make the dumps stale")
    harvest_allowlist: list[str] = Field(
        default_factory=list, description="URL prefixes `spbe harvest` may fetch from (private addresses only if listed by address)")
    harvest_timeout_s: float = 60.0
    harvest_max_bytes: int = Field(1024 * 1024 * 1024, description="Largest dump (decompressed) a harvest accepts")

    # --- duplicate detection -------------------------------------------------------------
    dup_name_threshold: float = 88.0
    dup_description_threshold: float = 0.55
    dup_pair_threshold: float = 0.6
    dup_link_ratio: float = Field(0.5, description="Cluster guard: share of member pairs that must be linked to merge two groups")
    dup_max_block: int = Field(40, description="Blocks (same name/host/code) larger than this are not paired all-to-all")
    dup_neighbours: int = Field(10, description="Nearest neighbours per record in the TF-IDF name/description indexes")
    dup_shared_hosts: list[str] = Field(
        default_factory=lambda: [
            "play.google.com", "apps.apple.com", "bit.ly", "s.id", "linktr.ee", "sites.google.com",
            "docs.google.com", "drive.google.com", "forms.gle", "youtube.com", "youtu.be", "github.com",
            "wa.me", "instagram.com", "facebook.com", "twitter.com", "x.com", "tiktok.com", "t.me",
        ],
        description="Hosting-platform hosts shared by unrelated applications: equal host there is no evidence",
    )
    # --- code suggestions and same-job detection (issue 10) ----------------------------------
    leksikon_tambahan: list[Path] = Field(
        default_factory=list,
        description="Extra lexicon Turtle files merged with ontology/leksikon.ttl (synonyms added without Python)",
    )
    dup_function_mode: Literal["job", "job+evidence"] = Field(
        "job", description="Same-job clusters from the lexicon jobs only, or also from shared codes/descriptions")
    dup_job_min_description: float = Field(
        8.0, description="Raw lexicon score a description needs to give a job when the name gives none (0: names only)")
    saran_top_k: int = Field(3, description="Code suggestions kept per application and scheme")
    saran_min_score: float = Field(0.15, description="Suggestions scoring below this (0-1) are not kept")

    # --- decisions and the Peta Rencana SPBE (roadmap) -------------------------------------------
    roadmap_start_year: int = Field(2025, ge=2000, le=2100, description="First year of the Peta Rencana SPBE period")
    roadmap_years: int = Field(5, ge=1, le=20, description="Length of the roadmap period in years (Perpres 95/2018: five)")

    # --- completeness dashboard (issue 11) --------------------------------------------------------
    completeness_wilayah_csv: Path | None = Field(
        None, description="The province and its kabupaten/kota (kode_wilayah,nama,jenis) the completeness dashboard "
                          "expects; default: the bundled Sumatera Utara list (ontology/sources/sumut_kabupaten_kota.csv)")

    @field_validator("base_iri")
    @classmethod
    def _base_ends_with_separator(cls, v: str) -> str:
        if not v.endswith(("/", "#")):
            v += "/"
        return v

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        toml_path = Path(os.environ.get("SPBE_CONFIG", "spbe.toml"))
        sources: list[PydanticBaseSettingsSource] = [init_settings, env_settings, dotenv_settings]
        if toml_path.is_file():
            sources.append(TomlConfigSettingsSource(settings_cls, toml_file=toml_path))
        return tuple(sources)


class SettingsError(ValueError):
    """Settings that do not validate (a bad option value or environment variable); ``str()`` names each field."""


def remote_urls(query_url: str) -> tuple[str, str | None]:
    """The update and Graph Store URLs that go with a remote SPARQL query URL.

    A URL whose path ends in ``/query`` (oxigraph, Fuseki) has its siblings ``/update`` and ``/store``;
    any other (Virtuoso's ``/sparql``, ...) takes updates on the same URL and has no Graph Store URL.
    A trailing slash is ignored and query parameters are kept.

    >>> remote_urls("http://x/query/")
    ('http://x/update', 'http://x/store')
    >>> remote_urls("http://x:8890/sparql")
    ('http://x:8890/sparql', None)
    >>> remote_urls("http://x/ds/query?timeout=5")
    ('http://x/ds/update?timeout=5', 'http://x/ds/store?timeout=5')
    """
    parts = urlsplit(query_url)
    path = parts.path.rstrip("/")
    if not path.endswith("/query"):
        return query_url, None
    base = path[: -len("/query")]
    return (urlunsplit(parts._replace(path=base + "/update")), urlunsplit(parts._replace(path=base + "/store")))


# command-line option (argparse dest) -> settings field, for options that map one to one
_CLI_FIELDS = {
    "lang": "lang", "base_iri": "base_iri", "loaded_at": "loaded_at", "host": "host", "port": "port",
    "query_timeout": "query_timeout_s", "workers": "query_workers", "processes": "serve_processes",
}


def settings_from_args(args: Any, **overrides: Any) -> Settings:
    """Settings from the environment (and ``spbe.toml``), overridden by the command-line options given.

    ``args`` is an ``argparse.Namespace`` (any object with attributes): ``--store DIR`` selects the
    embedded store there; ``--endpoint URL`` a remote one, with ``--update-endpoint``/``--store-endpoint``
    or the URLs :func:`remote_urls` derives; ``--lang``, ``--base-iri``, ``--loaded-at``, ``--host``,
    ``--port``, ``--query-timeout``, ``--workers`` and ``--enable-updates`` set their fields. Options left
    out (``None``) keep the environment's value; ``overrides`` win over everything.
    Raises :class:`SettingsError` for values that do not validate.

    >>> from argparse import Namespace
    >>> s = settings_from_args(Namespace(endpoint="http://x/query/", update_endpoint=None, lang="en"))
    >>> s.store, s.endpoint_update_url, s.lang
    ('remote', 'http://x/update', 'en')
    """
    kw: dict[str, Any] = {}
    for opt, field in _CLI_FIELDS.items():
        value = getattr(args, opt, None)
        if value is not None:
            kw[field] = value
    if getattr(args, "enable_updates", False):
        kw["enable_updates"] = True
    store_dir = getattr(args, "store", None)
    endpoint = getattr(args, "endpoint", None)
    if store_dir is not None:
        kw.update(store="embedded", data_dir=store_dir)
    elif endpoint:
        update, gsp = remote_urls(endpoint)
        kw.update(store="remote", endpoint_query_url=endpoint,
                  endpoint_update_url=getattr(args, "update_endpoint", None) or update,
                  endpoint_store_url=getattr(args, "store_endpoint", None) or gsp)
    kw.update({k: v for k, v in overrides.items() if v is not None})
    return _validated(kw)


def _validated(kw: Mapping[str, Any]) -> Settings:
    try:
        return Settings(**kw)
    except ValidationError as e:
        bad = "; ".join(f"{'.'.join(map(str, er['loc']))}: {er['msg']}" for er in e.errors())
        raise SettingsError(bad) from None


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings (cached). Tests build their own ``Settings(...)`` instead."""
    return Settings()
