"""Shared generator core: instansi and OPD model, and the application records of one instansi.

Both the bundled Sumatera Utara example (``example_inventory``) and the national-scale benchmark
inventory (``generate``) draw records here, so they carry the same kinds of overlap. All output
is SYNTHETIC (illustrative), deterministic for a given ``random.Random`` state.

>>> import random
>>> inst = Instansi("Pemerintah Kota Contoh", "Contoh", "kota", "contohkota.go.id", "9999",
...                 [Opd("Dinas Komunikasi dan Informatika", "kominfo", "diskominfo"),
...                  Opd("Badan Kepegawaian Daerah", "bkd", "bkd", jenis="badan")])
>>> recs = instansi_records(inst, random.Random(1))
>>> any(r.nasional == "SRIKANDI" for r in recs), all(r.opd in inst.opd_names() for r in recs)
(True, True)
>>> len({r.app_id for r in recs if r.app_id}) < len(recs)  # some applications are recorded twice
True

The census layouts and truth files are in ``spbe_kg.benchmarks.layouts``.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from spbe_kg.benchmarks.catalogue import FUNCS, LOCAL, NATIONAL, WEBSITE_FUNC, LocalSpec, NationalSpec
from spbe_kg.ontology.iris import slug


@dataclass(frozen=True)
class Opd:
    name: str
    kind: str  # catalogue owner kind (bkd, kominfo, ...) or "" for none
    acr: str  # used for web hosts
    induk: str = ""  # parent unit name (a Biro under the Sekretariat Daerah)
    jenis: str = "dinas"  # dinas / badan / sekretariat / biro / bagian / inspektorat / kecamatan / ...
    kode: str = ""


@dataclass
class Instansi:
    name: str  # "Pemerintah Kota Medan"
    short: str  # "Medan"
    kind: str  # prov / kab / kota / kl
    domain: str
    kode: str  # Kemendagri code (pemda) or "" (synthetic code for K/L)
    opds: list[Opd]

    def opd_names(self) -> list[str]:
        return [o.name for o in self.opds]

    def of_kind(self, *kinds: str) -> list[Opd]:
        for k in kinds:
            found = [o for o in self.opds if o.kind == k]
            if found:
                return found
        return []

    @property
    def slug(self) -> str:
        return slug(self.name)


@dataclass
class Record:
    """One census row, in neutral form; the layout functions turn it into cells."""

    opd: str
    nama: str
    singkat: str = ""
    deskripsi: str = ""
    fungsi: str = ""
    luaran: str = ""
    url: str = ""
    pusat: bool = False  # a national application
    umum: bool = False  # treated as an Aplikasi Umum
    jenis_text: str = ""  # override of the Jenis Aplikasi text (planted mistakes, placeholders)
    basis: str = "Web"
    lisensi: str = ""
    basis_data: str = ""
    bahasa: str = ""
    pengembang: str = ""
    hosting: str = ""
    integrasi: str = ""
    pengguna: list[str] = field(default_factory=list)
    ral: str = ""
    rab: str = ""
    rad: str = ""
    raa: str = ""
    aktif: bool = True
    alasan: str = ""
    tahun: int | None = None
    dasar_hukum: str = ""
    pick: int = 0  # fixed random draw choosing among text variants
    # ground truth
    app_id: str = ""
    groups: tuple[str, ...] = ()
    nasional: str = ""
    placeholder: bool = False
    note: str = ""  # remark for the truth file
    problems: list[tuple[str, str]] = field(default_factory=list)  # (field, what is wrong)


# ---- value pools -----------------------------------------------------------------------------
REASONS = ("Tidak ada anggaran pemeliharaan", "Server rusak dan belum diperbaiki", "Kontrak dengan pihak ketiga berakhir",
           "Digantikan aplikasi nasional", "Sedang dikembangkan ulang", "Tidak ada operator")
LISENSI_LOCAL = ("Open Source", "Open Source", "Open Source", "Proprietary", "Lainnya", "")
LISENSI_NAS = ("Freeware", "Lainnya", "")
DB_LOCAL = ("MySQL", "MySQL", "MySQL", "PostgreSQL", "PostgreSQL", "MariaDB", "SQL Server", "")
LANG_LOCAL = ("PHP (Laravel)", "PHP (Laravel)", "PHP (Laravel)", "PHP (CodeIgniter)", "PHP (CodeIgniter)", "Java",
              "Python (Django)", "JavaScript (Node.js)", "")
DEV_LOCAL = ("Diskominfo {s}", "Pihak Ketiga", "Pihak Ketiga", "Swakelola OPD", "Tenaga Ahli Diskominfo")
HOST_LOCAL = ("Server Diskominfo", "Server Diskominfo", "PDN", "Server Sendiri (OPD)", "Cloud (pihak ketiga)", "")
HOST_NAS = ("Server Pusat", "Pusat Data Nasional", "")
INTEGRASI = ("SPLP", "API", "Tidak Ada", "Tidak Ada", "-", "")
PLACEHOLDERS = (  # (nama, deskripsi, url) as OPD without applications fill in the form
    ("tidak ada", "tidak ada", "https://tidakada.invalid"),
    ("-", "-", "-"),
    ("N/A", "N/A", ""),
    ("", "Belum memiliki aplikasi", ""),
    ("Tidak Ada Aplikasi", "-", "-"),
)


def _fmt(text: str, inst: Instansi, o: str = "") -> str:
    return text.replace("{s}", inst.short).replace("{n}", inst.name.replace("Pemerintah ", "")).replace(
        "{d}", inst.domain).replace("{o}", o).strip()


def _codes(rec: Record, func_key: str, rng: random.Random) -> None:
    """Reference codes, mostly right, with the mistakes real forms carry."""
    f = FUNCS[func_key]
    l2 = f.ral.rsplit(".", 1)[0]
    r = rng.random()
    ral = f.ral
    if r < 0.07:
        ral = ""
        rec.problems.append(("ral", "kode RAL kosong"))
    elif r < 0.11:
        ral = f"{f.ral}.{rng.randint(1, 9):02d}"  # agency-level (level 4) code under a real level-3 code
    elif r < 0.13:
        ral = f"{l2}.{rng.randint(90, 98)}.{rng.randint(1, 9):02d}"
        rec.problems.append(("ral", "kode tingkat 4 dengan induk yang tidak ada di referensi"))
    elif r < 0.145:
        segs = f.ral.split(".")
        ral = rng.choice([f.ral.replace("RAL.", "RAL "), ".".join(segs[1:]), "RAL." + ".".join(str(int(s)) for s in segs[1:])])
        rec.problems.append(("ral", "format kode salah"))
    elif r < 0.16:
        ral = f"{l2}.99"
        rec.problems.append(("ral", "kode tidak ada di referensi"))
    elif r < 0.175:
        other = rng.choice([g for g in FUNCS.values() if g.ral.split(".")[1] != f.ral.split(".")[1]])
        ral = other.ral
        rec.problems.append(("ral", f"kode dari fungsi lain ({other.key})"))
    rec.ral = ral
    r = rng.random()
    rec.rab = f.rab if r < 0.8 else "" if r < 0.95 else f"{f.rab}.{rng.randint(1, 5):02d}"
    rec.rad = f.rad if rng.random() < 0.55 else ""
    if rng.random() < 0.45:
        if rec.umum:
            rec.raa = "RAA.01.01" if f.publik else "RAA.01.02"
        elif not rec.pusat:
            rec.raa = "RAA.02.02" if rng.random() < 0.8 else "RAA.02.01"


def _common(rec: Record, inst: Instansi, func_key: str, rng: random.Random) -> Record:
    f = FUNCS[func_key]
    rec.fungsi = f.fungsi if rng.random() < 0.85 else ""
    rec.luaran = f.luaran if rng.random() < 0.5 else ""
    rec.pick = rng.randrange(1_000_000)
    rec.integrasi = rng.choice(INTEGRASI)
    _codes(rec, func_key, rng)
    if rec.pusat:
        rec.lisensi, rec.hosting = rng.choice(LISENSI_NAS), rng.choice(HOST_NAS)
        rec.tahun = rng.randint(2019, 2024) if rng.random() < 0.5 else None
        if rng.random() < 0.05:
            rec.jenis_text = "Aplikasi Khusus/Daerah"
            rec.problems.append(("jenis", "aplikasi nasional dicatat sebagai Aplikasi Khusus/Daerah"))
    else:
        rec.lisensi, rec.basis_data = rng.choice(LISENSI_LOCAL), rng.choice(DB_LOCAL)
        rec.bahasa, rec.hosting = rng.choice(LANG_LOCAL), rng.choice(HOST_LOCAL)
        rec.pengembang = _fmt(rng.choice(DEV_LOCAL), inst)
        rec.tahun = rng.randint(2012, 2025) if rng.random() < 0.92 else None
        if rng.random() < 0.03:
            rec.jenis_text = "Aplikasi Pusat/Umum"
            rec.problems.append(("jenis", "aplikasi daerah dicatat sebagai Aplikasi Pusat/Umum"))
        if rec.basis == "Web" and rng.random() < 0.15:
            rec.basis = "Web & Mobile"
    if rec.aktif and rng.random() < (0.02 if rec.pusat else 0.08):
        rec.aktif = False
    if not rec.aktif and not rec.alasan:
        if rng.random() < 0.6:
            rec.alasan = rng.choice(REASONS)
        else:
            rec.problems.append(("alasan", "tidak aktif tanpa alasan"))
    return rec


def _url(pattern: str, inst: Instansi, rng: random.Random) -> str:
    u = _fmt(pattern, inst)
    if not u or u == "-" or not u.startswith("http"):
        return u
    r = rng.random()
    host = u.split("://", 1)[1].split("/", 1)[0]
    if r < 0.12:
        return host
    if r < 0.2:
        return u.rstrip("/") + "/"
    return u


def _local_url(spec_host: str, inst: Instansi, rng: random.Random) -> str:
    if not spec_host:
        return ""
    h = f"{spec_host}.{inst.domain}"
    r = rng.random()
    if r < 0.6:
        return f"https://{h}"
    if r < 0.75:
        return h
    if r < 0.87:
        return f"http://{h}/login"
    if r < 0.96:
        return f"https://{h}/"
    return f"http://203.0.113.{rng.randint(2, 250)}/{spec_host}"  # RFC 5737 documentation address


PLATFORM_NOTE = "URL di host platform bersama (bukan bukti duplikasi)"


def _platform_url(host: str, inst: Instansi, rng: random.Random) -> tuple[str, str, str]:
    """(basis, note, url) for an application published on a shared platform host."""
    pkg = slug(inst.short).replace("-", "")
    if rng.random() < 0.6:
        return "Mobile", PLATFORM_NOTE, f"https://play.google.com/store/apps/details?id=id.go.{pkg}.{host.replace('-', '')}"
    return "Web", PLATFORM_NOTE, f"https://sites.google.com/view/{host}-{pkg}"


def _national(spec: NationalSpec, inst: Instansi, rng: random.Random) -> list[Record]:
    lo, hi = spec.recorders
    k = rng.randint(lo, hi)
    chosen: list[Opd] = []
    for kind in spec.owners:
        for o in inst.of_kind(kind):
            if o not in chosen and len(chosen) < k:
                chosen.append(o)
    pool = [o for o in inst.opds if o not in chosen and o.jenis not in ("kecamatan", "upt", "puskesmas")]
    rng.shuffle(pool)
    chosen += pool[: max(0, k - len(chosen))]
    out = []
    for i, o in enumerate(chosen):
        name = spec.names[0] if i == 0 and rng.random() < 0.5 else rng.choice(spec.names)
        url = _url(rng.choice(spec.urls) if rng.random() < 0.4 else spec.urls[0], inst, rng)
        desc = rng.choice((f"Aplikasi {spec.pengelola} untuk {FUNCS[spec.func].fungsi.lower()}",
                           FUNCS[spec.func].fungsi, f"Aplikasi pusat dari {spec.pengelola}", "-"))
        rec = Record(opd=o.name, nama=_fmt(name, inst), singkat=spec.nama.split(" / ")[0] if rng.random() < 0.4 else "",
                     deskripsi=desc, url=url, pusat=True, umum=spec.umum, pengembang=spec.pengelola,
                     pengguna=[o.name] if rng.random() < 0.5 else [], dasar_hukum=spec.dasar_hukum,
                     app_id=f"nasional:{spec.key}", groups=tuple(f"{inst.slug}:{g}" for g in spec.groups),
                     nasional=spec.nama)
        out.append(_common(rec, inst, spec.func, rng))
    return out


def _local(spec: LocalSpec, inst: Instansi, rng: random.Random) -> list[Record]:
    owners = inst.of_kind(*spec.owners)
    if not owners:
        return []
    out = []
    for owner in owners if spec.per_owner else owners[:1]:
        o_short = owner.acr.upper() if spec.per_owner else ""
        app_id = f"{inst.slug}:{spec.key}" + (f":{owner.acr}" if spec.per_owner else "")
        groups = tuple(f"{inst.slug}:{g}" for g in spec.groups)
        users: list[Opd] = []
        lo, hi = spec.rerecord
        n_users = rng.randint(lo, hi)
        if n_users:
            pref = [o for k in spec.rerecorders for o in inst.of_kind(k) if o != owner]
            rest = [o for o in inst.opds if o != owner and o not in pref and o.jenis not in ("kecamatan", "upt", "puskesmas")]
            rng.shuffle(pref)
            rng.shuffle(rest)
            users = (pref + rest)[:n_users]
        host_url = _local_url(spec.host, inst, rng)
        basis, note = spec.basis, ""
        if not users and spec.host and rng.random() < 0.06:  # unrelated applications on one platform host
            basis, note, host_url = _platform_url(spec.host, inst, rng)
        pengguna = ["Seluruh Perangkat Daerah"] if (users and rng.random() < 0.2) else [u.name for u in users]
        main = Record(opd=owner.name, nama=_fmt(spec.names[0], inst, o_short), singkat=spec.short,
                      deskripsi=_fmt(spec.desc, inst), url=host_url, basis=basis, pengguna=pengguna,
                      app_id=app_id, groups=groups, note=note)
        if spec.inactive is not None:
            main.aktif, main.alasan = False, spec.inactive
        out.append(_common(main, inst, spec.func, rng))
        for u in users:
            name = rng.choice(spec.names[1:] or spec.names)
            url = host_url if rng.random() < 0.7 else _local_url(spec.host, inst, rng)
            desc = rng.choice((f"Aplikasi milik {owner.name} yang digunakan {u.name}",
                               "Digunakan untuk " + _fmt(spec.desc, inst)[0].lower() + _fmt(spec.desc, inst)[1:],
                               _fmt(spec.desc, inst)))
            rec = Record(opd=u.name, nama=_fmt(name, inst, o_short), singkat=spec.short if rng.random() < 0.5 else "",
                         deskripsi=desc, url=url, basis=spec.basis, pengguna=[u.name], app_id=app_id, groups=groups)
            if spec.inactive is not None:
                rec.aktif, rec.alasan = False, spec.inactive
            out.append(_common(rec, inst, spec.func, rng))
    return out


def _website(o: Opd, inst: Instansi, rng: random.Random) -> Record:
    name = rng.choice((f"Website {o.name}", f"Website Resmi {o.acr.upper()}", f"Web {o.name}"))
    rec = Record(opd=o.name, nama=name, deskripsi=f"Situs web profil dan berita {o.name}",
                 url=f"https://{o.acr}.{inst.domain}", app_id=f"{inst.slug}:web-{o.acr}")
    return _common(rec, inst, WEBSITE_FUNC, rng)


def _placeholder(o: Opd, rng: random.Random) -> Record:
    nama, desc, url = rng.choice(PLACEHOLDERS)
    rec = Record(opd=o.name, nama=nama, deskripsi=desc, url=url, placeholder=True, basis="",
                 jenis_text=rng.choice(("Aplikasi Khusus/Daerah", "-", "")), pick=rng.randrange(1_000_000))
    rec.problems.append(("nama", "baris isian kosong (tidak ada aplikasi)"))
    return rec


def instansi_records(inst: Instansi, rng: random.Random, quota: int | None = None,
                     n_placeholders: tuple[int, int] = (1, 4), website_p: float = 0.35, pad: bool = True) -> list[Record]:
    """Census rows of one instansi, ordered by OPD as forms usually are.

    With ``quota``: at most ``quota`` rows (a random subset), and exactly ``quota`` when ``pad`` (extra
    OPD-specific applications fill the gap).
    """
    recs: list[Record] = []
    for spec in NATIONAL:
        if inst.kind in spec.scopes:
            recs += _national(spec, inst, rng)
    for lspec in LOCAL:
        if inst.kind in lspec.scopes and rng.random() < lspec.p:
            recs += _local(lspec, inst, rng)
    for o in inst.opds:
        if o.jenis in ("dinas", "badan") and o.kind != "kominfo" and rng.random() < website_p:
            recs.append(_website(o, inst, rng))
    used = {r.opd for r in recs}
    idle = [o for o in inst.opds if o.name not in used] or list(inst.opds)
    for _ in range(rng.randint(*n_placeholders)):
        recs.append(_placeholder(rng.choice(idle), rng))
    if quota is not None:
        if len(recs) > quota:
            keep = sorted(rng.sample(range(len(recs)), quota))
            recs = [recs[i] for i in keep]
        n = 0
        while pad and len(recs) < quota:
            o = inst.opds[n % len(inst.opds)]
            n += 1
            rec = Record(opd=o.name, nama=f"Sistem Informasi {o.acr.upper()} {n}",
                         deskripsi=f"Aplikasi pendukung tugas {o.name}", url=f"https://{o.acr}.{inst.domain}/app{n}",
                         app_id=f"{inst.slug}:{o.acr}-app{n}")
            recs.append(_common(rec, inst, rng.choice(sorted(FUNCS)), rng))
    order = {name: i for i, name in enumerate(inst.opd_names())}
    recs.sort(key=lambda r: order.get(r.opd, len(order)))  # stable: keeps generation order within an OPD
    return recs
