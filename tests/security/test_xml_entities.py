"""Issue 12 item 8: RDF/XML (and any XML input) with a DTD/entities is refused with a clear 400."""

from __future__ import annotations

import zipfile

from openpyxl import Workbook

LAUGHS = ('<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [\n<!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">\n'
          + "".join(f'<!ENTITY {chr(98 + i)} "' + f"&{chr(97 + i)};" * 10 + '">\n' for i in range(5))
          + ']>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:e="http://e/">'
          '<rdf:Description rdf:about="http://e/s"><e:p>&f;</e:p></rdf:Description></rdf:RDF>\n')


def test_rdf_xml_with_entities_is_refused_on_put_and_post(make_client, auth):
    assert len(LAUGHS) < 800
    c = make_client()
    for method in (c.put, c.post):
        r = method("/store", params={"graph": "http://e/g", "lang": "en"}, content=LAUGHS.encode(),
                   headers={**auth, "Content-Type": "application/rdf+xml"})
        assert r.status_code == 400 and "DTD" in r.text, r.text[:300]
    assert c.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}).json()["boolean"] is False


def test_rdf_xml_entities_in_utf16_are_refused(make_client, auth):
    c = make_client()
    body = LAUGHS.replace('<?xml version="1.0"?>', '<?xml version="1.0" encoding="UTF-16"?>').encode("utf-16")
    r = c.put("/store", params={"graph": "http://e/g"}, content=body, headers={**auth, "Content-Type": "application/rdf+xml"})
    assert r.status_code == 400
    assert c.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}).json()["boolean"] is False


def test_rdf_xml_in_multipart_is_checked(make_client, auth):
    c = make_client()
    r = c.post("/store", params={"graph": "http://e/g"}, headers=auth,
               files={"f": ("x.rdf", LAUGHS.encode(), "application/rdf+xml")})
    assert r.status_code == 400


def test_plain_rdf_xml_still_loads(make_client, auth):
    c = make_client()
    doc = ('<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:e="http://e/">'
           '<rdf:Description rdf:about="http://e/s"><e:p>v</e:p></rdf:Description></rdf:RDF>')
    r = c.put("/store", params={"graph": "http://e/g"}, content=doc.encode(), headers={**auth, "Content-Type": "application/rdf+xml"})
    assert r.status_code == 201


def test_xlsx_part_with_dtd_is_refused(make_client, tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["pemda", "opd_pengelola", "nama_aplikasi"])
    ws.append(["Kab. Madiun", "Dinas Sosial", "SIKS-NG"])
    src, bad = tmp_path / "ok.xlsx", tmp_path / "bad.xlsx"
    wb.save(src)
    with zipfile.ZipFile(src) as zi, zipfile.ZipFile(bad, "w", zipfile.ZIP_DEFLATED) as zo:
        for i in zi.infolist():
            data = zi.read(i)
            if i.filename == "xl/worksheets/sheet1.xml":
                dtd = b'<!DOCTYPE worksheet [<!ENTITY x "xxxxxxxxxx">]>'
                data = data.replace(b"?>", b"?>" + dtd, 1) if data.startswith(b"<?xml") else dtd + data
            zo.writestr(i, data)
    r = make_client().post("/validate", params={"lang": "en"}, files={"file": ("bad.xlsx", bad.read_bytes())})
    assert r.status_code in (400, 413) and "DTD" in r.text, r.text[:300]
