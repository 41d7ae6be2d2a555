/*
 * spbe-kg validation upload: sends the chosen file to POST /validate (JSON report) and shows the
 * findings as a table, each with the file, sheet, row and column to fix. Without JavaScript the form
 * still works: the browser posts it and shows the plain-text report. The "download as" buttons always
 * post normally, so the browser saves the report in that format.
 */
(function () {
  "use strict";
  var form = document.getElementById("validate-form");
  var out = document.getElementById("validate-result");
  var text = JSON.parse(document.getElementById("validate-text").textContent);
  var lang = form.dataset.lang;

  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) {
      e.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return e;
  }

  function fmt(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, k) { return values[k] === undefined ? "" : values[k]; });
  }

  function where(loc) {
    var parts = [];
    if (loc.file) parts.push(loc.file);
    if (loc.sheet) parts.push(text.sheet + " " + loc.sheet);
    if (loc.row) parts.push(text.row + " " + loc.row);
    if (loc.column) parts.push(text.column + " " + loc.column + (loc.header ? " (" + loc.header + ")" : ""));
    else if (loc.header) parts.push(loc.header);
    return parts.join(", ");
  }

  function showReport(report) {
    out.textContent = "";
    var verdict = el("div", { class: "alert " + (report.conforms ? "ok" : "error"), role: "status" }, [
      el("div", { class: "verdict" }, [report.conforms ? text.conforms : text.not_conforms]),
      el("div", {}, [fmt(text.counts, report.counts)]),
    ]);
    verdict.dataset.conforms = String(report.conforms);
    out.appendChild(verdict);
    if (!report.results.length) return;
    var rows = report.results.map(function (r) {
      var rule = r.ruleId.split(/[#/]/).pop();
      var what = [r.message];
      if (r.focusLabel) what = [el("strong", {}, [r.focusLabel]), ": " + r.message];
      return el("tr", {}, [
        el("td", {}, [el("span", { class: "sev sev-" + r.severity }, [r.severity])]),
        el("td", {}, [where(r.location || {})]),
        el("td", {}, what),
        el("td", {}, [el("code", { title: r.ruleId }, [rule])]),
      ]);
    });
    out.appendChild(el("table", { class: "findings" }, [
      el("thead", {}, [el("tr", {}, [
        el("th", {}, [text.col_severity]), el("th", {}, [text.col_where]),
        el("th", {}, [text.col_what]), el("th", {}, [text.col_rule]),
      ])]),
      el("tbody", {}, rows),
    ]));
  }

  form.addEventListener("submit", function (ev) {
    if (ev.submitter && ev.submitter.name === "download") return; // a normal post: the browser saves it
    ev.preventDefault();
    var data = new FormData(form);
    var params = new URLSearchParams({ format: "json", lang: lang, fail_on: data.get("fail_on") || "violation" });
    data.delete("fail_on");
    if (!data.get("instansi")) data.delete("instansi");
    out.textContent = "";
    out.appendChild(el("p", { class: "note" }, [text.running]));
    fetch(form.dataset.endpoint + "?" + params.toString(), { method: "POST", body: data, headers: { Accept: "application/json" } })
      .then(function (resp) {
        if (!resp.ok) {
          return resp.text().then(function (msg) { throw new Error(msg || "HTTP " + resp.status); });
        }
        return resp.json();
      })
      .then(showReport)
      .catch(function (err) {
        out.textContent = "";
        out.appendChild(el("div", { class: "alert error", role: "alert" }, [text.failed + ": " + err.message]));
      });
  });
})();
