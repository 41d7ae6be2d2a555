"""Rows -> quads with the MODEL.md terms; IRIs from ``spbe_kg.ontology.iris.Minter``.

One ``FileBuilder`` per source file: it owns the file's named graph, mints IRIs, declares each
agency and unit once per graph, and turns every data row of a recognised table into an
application (or unit) record with its ``spbe:barisSumber`` provenance.
"""

from __future__ import annotations

from functools import lru_cache

from spbe_kg.ontology.iris import Minter
from spbe_kg.ontology.iris import slug as _slug

from . import normalize as nz
from . import units
from .joins import apply_mapping
from .layout import Layout
from .mapping import Mapping
from .messages import msg, where
from .national_match import NationalMatcher
from .outcome import RowOutcome
from .progress import STEP, Progress
from .vocab import (
    DCTYPE,
    EXACT_MATCH,
    IDENTIFIER,
    LABEL,
    TYPE,
    XSD_ANYURI,
    XSD_GYEAR,
    XSD_INTEGER,
    S,
    iri_of,
    lit,
    node,
    ref,
)

CODE_FIELDS = {"kode_ral": ("RAL", S.kodeRAL), "kode_rab": ("RAB", S.kodeRAB), "kode_rad": ("RAD", S.kodeRAD),
               "kode_raa": ("RAA", S.kodeRAA)}
TEXT_FIELDS = {"deskripsi": S.deskripsi, "fungsi": S.fungsi, "luaran": S.luaran, "basis_data": S.basisData,
               "bahasa": S.bahasaPemrograman, "pengembang": S.pengembang, "unit_pengembang": S.unitPengembang,
               "dasar_hukum": S.dasarHukum,
               "alasan_tidak_aktif": S.alasanTidakAktif, "id_sia": S.idSiaSpbe}


slug = lru_cache(maxsize=262144)(_slug)


class RowProblem(Exception):
    """A row that cannot be recorded: (message, column letter)."""

    def __init__(self, message: str, column: str | None, *, skip: bool = False) -> None:
        super().__init__(message)
        self.column = column
        self.skip = skip  # a row that records nothing (skipped), not a row in error


class FileBuilder:
    def __init__(self, *, base_iri: str, file_name: str, graph: str, matcher: NationalMatcher, lang: str,
                 instansi: str | None, mapping: Mapping | None, progress: Progress | None = None) -> None:
        self.minter = Minter(base_iri)
        self.file_name = file_name
        self.graph = graph
        self.matcher = matcher
        self.lang = lang
        self.instansi = instansi
        self.mapping = mapping
        self.end = f" <{graph}> .\n"  # every line is a complete N-Quad of this file's graph
        self.lines: list[str] = []
        self._declared: set[str] = set()
        self._names: dict[tuple[str, str, str], tuple[int, int]] = {}  # (inst, opd, name slug) -> (count, first row)
        self._inst_cache: dict[str, tuple[str, bool]] = {}
        self._opd_cache: dict[tuple[str, str], str] = {}
        self._row_prefix: dict[str, str] = {}
        self._ap = self.lines.append
        self.progress = progress
        self._emptied: set[str] = set()  # fields of the current row a join left empty (warned)

    # --- small helpers -------------------------------------------------------------------
    def add(self, s: str, p: str, o: str) -> None:
        self._ap(f"{s} {p} {o}{self.end}")

    def instansi_node(self, name: str, row_node: str) -> tuple[str, bool]:
        """(IRI, is a regional government) for an agency name; declared once per graph."""
        hit = self._inst_cache.get(name)
        if hit:
            return hit
        canon = nz.canonical_instansi(name)
        iri = str(self.minter.instansi(canon))
        n = node(iri)
        cls = nz.instansi_class(canon)
        if iri not in self._declared:
            self._declared.add(iri)
            self.add(n, TYPE, getattr(S, cls))
            self.add(n, S.nama, lit(canon))
            self.add(n, LABEL, lit(canon))
            self.add(n, S.barisSumber, row_node)
        res = (n, cls != "KementerianLembaga")
        self._inst_cache[name] = res
        return res

    def opd_node(self, inst_name: str, inst: str, regional: bool, name: str, row_node: str) -> str:
        key = (inst_name, name)
        hit = self._opd_cache.get(key)
        if hit is not None:
            return hit
        iri = str(self.minter.opd(nz.canonical_instansi(inst_name), name))
        n = node(iri)
        if iri not in self._declared:
            self._declared.add(iri)
            self.add(n, TYPE, S.PerangkatDaerah if regional else S.UnitKerja)
            self.add(n, S.nama, lit(name))
            self.add(n, LABEL, lit(name))
            self.add(n, S.bagianDari, inst)
            self.add(n, S.barisSumber, row_node)
        self._opd_cache[key] = n
        return n

    def row_node(self, sheet_name: str, n: int, sheet_node: str, line: int | None = None,
                 census_no: str | None = None) -> str:
        prefix = self._row_prefix.get(sheet_name)
        if prefix is None:  # == Minter.row(file, sheet, n) without n
            prefix = self._row_prefix[sheet_name] = str(self.minter.row(self.file_name, sheet_name, 0))[:-1]
        r = f"<{prefix}{n}>"
        ap = self._ap
        end = self.end
        ap(f"{r} {TYPE} {S.BarisSumber}{end}")
        ap(f'{r} {S.nomorBaris} "{n}"^^{XSD_INTEGER}{end}')
        ap(f"{r} {S.lembar} {sheet_node}{end}")
        if line is not None:
            ap(f'{r} {S.barisFisik} "{line}"^^{XSD_INTEGER}{end}')
        if census_no:
            ap(f"{r} {S.nomorSensus} {lit(census_no)}{end}")
        return r

    # --- tables ----------------------------------------------------------------------------
    def build_table(self, layout: Layout, sheet_name: str, sheet_node: str) -> list[RowOutcome]:
        t = layout.table
        letters = t.letters
        fields = layout.fields
        ncols = len(t.headers)
        by_field: dict[str, list[int]] = {}
        for i, f in enumerate(fields):
            if f:
                by_field.setdefault(f, []).append(i)
        issues: dict[int, list[tuple]] = {}
        for iss in t.issues:
            issues.setdefault(iss[0], []).append(iss)
        build = self._app_row if layout.kind == "aplikasi" else self._opd_row
        out: list[RowOutcome] = []
        nc = layout.number_col
        progress = self.progress
        if progress is not None:
            progress.add_total(len(t.rows), t.where_label)
        for k, (n, cells) in enumerate(t.rows, 1):
            if progress is not None and k % STEP == 0:
                progress.advance(STEP)
            oc = RowOutcome(file=t.file, sheet=t.sheet, row=n, status="loaded", line=t.lines.get(n),
                            census_no=(cells[nc].strip() or None) if nc is not None and nc < len(cells) else None)
            out.append(oc)
            row_issues = issues.get(n, ())
            errs = [i for i in row_issues if i[4]]
            if errs:
                _, col, key, flds, _ = errs[0]
                oc.status, oc.column, oc.reason = "error", col, msg(key, self.lang, **flds)
                continue
            if not any(c.strip() for c in cells):
                oc.status, oc.reason = "skipped", msg("empty_row", self.lang)
                continue
            if len(cells) > ncols and any(c.strip() for c in cells[ncols:]):
                oc.warnings.append(msg("ragged_row", self.lang, n=len(cells), m=ncols))
            vals: dict[str, list[tuple[str, int]]] = {}
            for f, idxs in by_field.items():
                lst = []
                for i in idxs:
                    if i < len(cells):
                        v = cells[i].strip()
                        if v:
                            lst.append((v, i))
                if lst:
                    vals[f] = lst
            mark = len(self.lines)
            try:
                self._emptied = self._apply_mapping(vals, by_field, letters, oc.warnings)
                oc.resource = build(vals, by_field, letters, n, sheet_name, sheet_node, oc)
            except RowProblem as p:
                del self.lines[mark:]
                oc.status, oc.reason, oc.column = ("skipped" if p.skip else "error"), str(p), p.column
                oc.warnings.clear()
        if progress is not None and len(t.rows) % STEP:
            progress.advance(len(t.rows) % STEP)
        return out

    def _apply_mapping(self, vals, by_field, letters, warnings: list[str] | None = None) -> set[str]:
        return apply_mapping(self.mapping, vals, by_field, letters, self.lang, warnings)

    def _first(self, vals, f) -> tuple[str, str | None] | tuple[None, None]:
        lst = vals.get(f)
        return (lst[0][0], lst[0][1]) if lst else (None, None)

    def _resolve_instansi(self, vals, by_field, letters) -> str:
        v = vals.get("pemda")
        if v:
            name = nz.clean_name(v[0][0])
            if not nz.is_placeholder(name):
                return name
        if self.instansi:
            return nz.clean_name(self.instansi)
        col = letters[by_field["pemda"][0]] if "pemda" in by_field else None
        raise RowProblem(msg("missing_instansi", self.lang), col)

    def _letter(self, letters, i: int) -> str | None:
        return letters[i] if i >= 0 else None

    # --- one application row -------------------------------------------------------------
    def _app_row(self, vals, by_field, letters, n, sheet_name, sheet_node, oc: RowOutcome) -> str:
        lang = self.lang
        ap = self._ap

        end = self.end

        def add(s, p, o):
            ap(f"{s} {p} {o}{end}")
        raw_name, ni = self._first(vals, "nama")
        name_col = letters[by_field["nama"][0]]
        name = nz.clean_name(raw_name or "")
        if not name:
            raise RowProblem(msg("missing_name", lang), name_col, skip=True)
        if nz.is_placeholder(name):
            raise RowProblem(msg("placeholder_name", lang, value=name), name_col, skip=True)
        inst_name = self._resolve_instansi(vals, by_field, letters)
        opd_raw, oi = self._first(vals, "opd_pengelola")
        opd_name = nz.clean_name(opd_raw) if opd_raw else ""
        scopes: list[str] = []
        if opd_name and (units.scope_of(opd_name) or units.looks_like_scope(opd_name)):
            # "Seluruh Perangkat Daerah" as the managing unit: a scope, no unit is minted for it
            sc = units.scope_of(opd_name)
            if sc:
                scopes.append(sc)
            oc.warnings.append(msg("pengelola_is_scope", lang, value=opd_name[:80], column=self._letter(letters, -1 if oi is None else int(oi))))
            opd_name = ""
        elif "opd_pengelola" in by_field and "opd_pengelola" not in self._emptied and (
                not opd_name or nz.is_placeholder(opd_name)):
            raise RowProblem(msg("missing_opd_name", lang), letters[by_field["opd_pengelola"][0]])

        row = self.row_node(sheet_name, n, sheet_node, oc.line, oc.census_no)
        inst, regional = self.instansi_node(inst_name, row)
        canon_inst = nz.canonical_instansi(inst_name)
        key = (slug(canon_inst), slug(opd_name), slug(name))
        seen = self._names.get(key)
        count = 1 if seen is None else seen[0] + 1
        self._names[key] = (count, n if seen is None else seen[1])
        if seen is not None:  # count > 1
            oc.warnings.append(msg("duplicate_name", lang, value=name, first=seen[1], n=count))
        # == Minter.aplikasi(canon_inst, opd_name, name, count), with cached slugs
        app = f"<{self.minter.base}aplikasi/{key[0]}/{key[1]}/{key[2]}" + (f"-{count}>" if count > 1 else ">")
        add(app, TYPE, S.Aplikasi)
        nm = lit(name)
        add(app, S.nama, nm)
        add(app, LABEL, nm)
        add(app, S.barisSumber, row)
        add(app, S.instansi, inst)
        if opd_name:
            add(app, S.opdPengelola, self.opd_node(inst_name, inst, regional, opd_name, row))
        for v, i in vals.get("opd_pengguna", ()):
            for u in units.split_units(v):
                sc = units.scope_of(u)
                if sc:
                    scopes.append(sc)
                elif units.looks_like_scope(u):
                    oc.warnings.append(msg("scope_unknown", lang, value=u[:80], column=self._letter(letters, i)))
                else:
                    add(app, S.opdPengguna, self.opd_node(inst_name, inst, regional, u, row))
        for sc in dict.fromkeys(scopes):
            add(app, S.cakupanPengguna, ref(f"{units.SCOPE_SCHEME}/{sc}"))
        if nz.count_listed_names(name) > 1:
            oc.warnings.append(msg("many_apps_in_cell", lang, n=nz.count_listed_names(name)))
        if nz.looks_like_domain(name):
            oc.warnings.append(msg("name_is_domain", lang, value=name))
        for v, _ in vals.get("nama_singkat", ()):
            c = nz.clean_name(v)
            if c and not nz.is_placeholder(c):
                add(app, S.namaSingkat, lit(c))
        for f, p in TEXT_FIELDS.items():
            for v, _ in vals.get(f, ()):
                c = nz.clean_text(v)
                if c and not nz.is_placeholder(c):
                    add(app, p, lit(c))
        urls: list[str] = []
        for v, ui in vals.get("url", ()):
            found, rest, repaired, invalid = nz.read_urls(v)
            urls.extend(u for u in found if u not in urls)
            if (rest or len(found) != 1 or found[0] != v.strip()) and not nz.is_placeholder(v):
                add(app, S.urlAsli, lit(nz.clean_text(v)))
            for raw_url, read_as in repaired:
                oc.warnings.append(msg("url_glued_path", lang, value=raw_url[:120], url=read_as,
                                       column=self._letter(letters, ui)))
            for bad_url in invalid:
                add(app, S.urlTidakSah, lit(bad_url))
                oc.warnings.append(msg("url_bad_tld", lang, value=bad_url[:120], column=self._letter(letters, ui)))
            if rest and not found:
                oc.warnings.append(msg("url_not_url", lang, value=" | ".join(dict.fromkeys(rest))[:120]))
        for u in urls:
            add(app, S.url, lit(u, XSD_ANYURI))
            h = nz.host_of(u)
            if h:
                add(app, S.hostUrl, lit(h))
        jenis = lingkup = None
        for f in ("jenis", "kategori"):
            for v, _ in vals.get(f, ()):
                c = nz.clean_name(v)
                if not c:
                    continue
                add(app, S.jenisAplikasiAsli, lit(c))
                j, lk = nz.derive_jenis(c)
                jenis, lingkup = jenis or j, lingkup or lk
        if jenis:
            add(app, TYPE, S.AplikasiUmum if jenis == "RAA.01" else S.AplikasiKhusus)
            add(app, S.jenisAplikasi, ref(jenis))
        if lingkup:
            add(app, S.lingkup, ref("lingkup-aplikasi/" + lingkup))
        for v, _ in vals.get("status", ()):
            c = nz.clean_name(v)
            add(app, S.statusAsli, lit(c))
            st = nz.derive_status(c)
            if st:
                add(app, S.statusAplikasi, ref("status-aplikasi/" + st))
            else:
                oc.warnings.append(msg("status_unknown", lang, value=c[:80]))
        for v, _ in vals.get("basis", ()):
            for b in nz.derive_basis(v):
                add(app, S.basisAplikasi, ref("basis-aplikasi/" + b))
        for f, fn, scheme, p in (("lisensi", nz.derive_lisensi, "tipe-lisensi", S.tipeLisensi),
                                 ("hosting", nz.derive_hosting, "hosting", S.hosting),
                                 ("integrasi", nz.derive_integrasi, "jenis-integrasi", S.integrasi)):
            for v, _ in vals.get(f, ()):
                d = fn(v)
                if d:
                    add(app, p, ref(f"{scheme}/{d}"))
        for f, (prefix, p) in CODE_FIELDS.items():
            for v, _ in vals.get(f, ()):
                fixed: list[tuple[str, str]] = []
                codes, bad = nz.parse_codes(v, prefix, fixed)
                for raw_code, code in fixed:
                    oc.warnings.append(msg("code_repaired", lang, value=raw_code[:60], code=code))
                for c in codes:
                    add(app, p, ref(c))
                for b in bad:
                    oc.warnings.append(msg("bad_code", lang, value=b[:60], prefix=prefix))
        for v, _ in vals.get("tahun", ()):
            y = nz.parse_year(v)
            if y:
                add(app, S.tahunPembuatan, lit(y, XSD_GYEAR))
            elif not nz.is_placeholder(v):
                oc.warnings.append(msg("bad_year", lang, value=v[:40]))
        nat = self.matcher.match(name, tuple(urls))
        if nat is None:
            for v, _ in vals.get("nama_singkat", ()):
                nat = self.matcher.match(nz.clean_name(v), ())
                if nat:
                    break
        if nat:
            add(app, S.merupakanAplikasiNasional, node(nat))
            add(app, EXACT_MATCH, node(nat))  # the ontology's sub-property axiom, stated for clients that do not reason
        if oc.warnings:
            loc = where(self.file_name, oc.sheet, n, lang=lang, census_no=oc.census_no)
            oc.warnings = [f"{loc}: {w}" for w in oc.warnings]
        return iri_of(app)

    # --- one unit (OPD list) row -----------------------------------------------------------
    def _opd_row(self, vals, by_field, letters, n, sheet_name, sheet_node, oc: RowOutcome) -> str:
        raw, _ = self._first(vals, "opd_nama")
        name = nz.clean_name(raw or "")
        if not name or nz.is_placeholder(name):
            raise RowProblem(msg("missing_opd_name", self.lang), letters[by_field["opd_nama"][0]], skip=True)
        inst_name = self._resolve_instansi(vals, by_field, letters)
        row = self.row_node(sheet_name, n, sheet_node, oc.line, oc.census_no)
        inst, regional = self.instansi_node(inst_name, row)
        before = len(self.lines)
        unit = self.opd_node(inst_name, inst, regional, name, row)
        if len(self.lines) == before:  # declared earlier (e.g. named as a parent): link this row too
            self.add(unit, S.barisSumber, row)
        code, _ = self._first(vals, "opd_kode")
        if code:
            self.add(unit, IDENTIFIER, lit(nz.clean_name(code)))
        parent, _ = self._first(vals, "opd_induk")
        if parent:
            pn = nz.clean_name(parent)
            if pn and not nz.is_placeholder(pn) and nz.loose_key(pn) != nz.loose_key(name):
                self.add(unit, S.indukUnit, self.opd_node(inst_name, inst, regional, pn, row))
        jenis, _ = self._first(vals, "opd_jenis")
        if jenis and not nz.is_placeholder(jenis):
            self.add(unit, DCTYPE, lit(nz.clean_name(jenis).lower()))
        return iri_of(unit)

