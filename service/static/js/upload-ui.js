/*
 * spbe-kg upload page (/unggah): 1. pick one or more inventory files and the instansi; 2. check them:
 * each file goes to POST /validate (JSON report in the page's language) and its findings show as a
 * table naming the file, sheet, row and column to fix; 3. send them to POST /load with the pemda's
 * token (Authorization: Bearer), when every file conforms or when "partial" is ticked. The token lives
 * only in the password field of this page: it is never written to storage or a cookie.
 */
(function () {
  "use strict";
  var form = document.getElementById("upload-form");
  var text = JSON.parse(document.getElementById("upload-text").textContent);
  var lang = form.dataset.lang;
  var files = document.getElementById("file");
  var checkBtn = document.getElementById("check");
  var checkOut = document.getElementById("check-result");
  var sendStep = document.getElementById("send-step");
  var sendBtn = document.getElementById("send");
  var why = document.getElementById("send-why");
  var partial = document.getElementById("partial");
  var loadOut = document.getElementById("load-result");
  var state = { checked: false, conforms: false };

  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) {
      e.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return e;
  }

  function fmt(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, k) { return values[k] === undefined ? "" : String(values[k]); });
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

  function sendable() {
    var ok = form.dataset.loadOk === "true" && state.checked && (state.conforms || partial.checked);
    sendBtn.disabled = !ok;
    sendStep.disabled = !state.checked;
    if (form.dataset.loadOk !== "true") why.textContent = text.load_unavailable_short;
    else if (!state.checked) why.textContent = text.send_after_check;
    else if (!state.conforms && !partial.checked) why.textContent = text.send_needs_partial;
    else why.textContent = state.conforms ? text.send_ready : text.send_partial;
  }

  function reset() {
    state.checked = false;
    state.conforms = false;
    checkOut.textContent = "";
    loadOut.textContent = "";
    sendable();
  }

  function fileReport(name, report) {
    var box = el("section", { class: "filecheck" }, [el("h3", {}, [name])]);
    var verdict = el("div", { class: "alert " + (report.conforms ? "ok" : "error"), role: "status" }, [
      el("div", { class: "verdict" }, [report.conforms ? text.conforms : text.not_conforms]),
      el("div", {}, [fmt(text.counts, report.counts)]),
    ]);
    verdict.dataset.conforms = String(report.conforms);
    box.appendChild(verdict);
    if (report.results.length) {
      box.appendChild(el("table", { class: "findings" }, [
        el("thead", {}, [el("tr", {}, [el("th", {}, [text.col_severity]), el("th", {}, [text.col_where]),
          el("th", {}, [text.col_what]), el("th", {}, [text.col_rule])])]),
        el("tbody", {}, report.results.map(function (r) {
          var what = r.focusLabel ? [el("strong", {}, [r.focusLabel]), ": " + r.message] : [r.message];
          return el("tr", {}, [
            el("td", {}, [el("span", { class: "sev sev-" + r.severity }, [text["sev_" + r.severity.toLowerCase()] || r.severity])]),
            el("td", {}, [where(r.location || {})]),
            el("td", {}, what),
            el("td", {}, [el("code", { title: r.ruleId }, [r.ruleId.split(/[#/]/).pop()])]),
          ]);
        })),
      ]));
    }
    return box;
  }

  function failure(prefix, err) {
    return el("div", { class: "alert error", role: "alert" }, [prefix + ": " + err.message]);
  }

  function post(url, body, headers) {
    return fetch(url, { method: "POST", body: body, headers: headers }).then(function (resp) {
      if (!resp.ok) return resp.text().then(function (msg) { throw new Error(msg.trim() || "HTTP " + resp.status); });
      return resp.json();
    });
  }

  function checkOne(file) {
    var data = new FormData();
    data.append("file", file, file.name);
    var instansi = form.elements.instansi.value.trim();
    if (instansi) data.append("instansi", instansi);
    var params = new URLSearchParams({ format: "json", lang: lang, fail_on: "violation" });
    return post(form.dataset.validate + "?" + params.toString(), data, { Accept: "application/json" })
      .then(function (report) { return { name: file.name, report: report }; },
            function (err) { return { name: file.name, error: err }; });
  }

  checkBtn.addEventListener("click", function () {
    reset();
    if (!files.files.length) {
      checkOut.appendChild(el("div", { class: "alert error", role: "alert" }, [text.pick_first]));
      return;
    }
    checkBtn.disabled = true;
    checkOut.appendChild(el("p", { class: "note" }, [text.running]));
    Promise.all(Array.prototype.map.call(files.files, checkOne)).then(function (done) {
      checkOut.textContent = "";
      var conforms = true;
      done.forEach(function (d) {
        if (d.error) {
          conforms = false;
          checkOut.appendChild(el("section", { class: "filecheck" }, [el("h3", {}, [d.name]), failure(text.failed, d.error)]));
        } else {
          conforms = conforms && d.report.conforms;
          checkOut.appendChild(fileReport(d.name, d.report));
        }
      });
      state.checked = true;
      state.conforms = conforms && !done.some(function (d) { return d.error; });
      checkOut.dataset.conforms = String(state.conforms);
      sendable();
    }).finally(function () { checkBtn.disabled = false; });
  });

  function summary(body) {
    var box = el("div", { class: "alert ok", role: "status", id: "load-done" }, [
      el("div", { class: "verdict" }, [body.dry_run || body.dryRun ? text.dry_run_done : text.loaded]),
    ]);
    var fileRows = Array.isArray(body.files) ? body.files : [];
    if (fileRows.length) {
      box.appendChild(el("table", { class: "files" }, [
        el("thead", {}, [el("tr", {}, [text.col_file, text.col_rows, text.col_loaded, text.col_skipped].map(function (h) {
          return el("th", {}, [h]);
        }))]),
        el("tbody", {}, fileRows.map(function (f) {
          return el("tr", {}, [f.file || f.name || "", f.rows, f.loaded, (f.skipped || 0) + (f.errors || 0)].map(function (v) {
            return el("td", {}, [v === undefined ? "" : String(v)]);
          }));
        })),
      ]));
    } else {
      box.appendChild(el("pre", {}, [JSON.stringify(body, null, 2)]));
    }
    box.appendChild(el("p", {}, [el("a", { href: form.dataset.completeness || "kelengkapan" }, [text.see_completeness])]));
    return box;
  }

  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    loadOut.textContent = "";
    var token = document.getElementById("token").value.trim();
    if (!token) {
      loadOut.appendChild(el("div", { class: "alert error", role: "alert" }, [text.token_missing]));
      return;
    }
    var data = new FormData();
    Array.prototype.forEach.call(files.files, function (f) { data.append("file", f, f.name); });
    var instansi = form.elements.instansi.value.trim();
    if (instansi) data.append("instansi", instansi);
    var mapping = document.getElementById("mapping").files[0];
    if (mapping) data.append("mapping", mapping, mapping.name);
    data.append("partial", partial.checked ? "true" : "false");
    data.append("dry_run", document.getElementById("dry_run").checked ? "true" : "false");
    sendBtn.disabled = true;
    loadOut.appendChild(el("p", { class: "note" }, [text.sending]));
    post(form.dataset.load + "?" + new URLSearchParams({ lang: lang }).toString(), data,
         { Accept: "application/json", Authorization: "Bearer " + token })
      .then(function (body) { loadOut.textContent = ""; loadOut.appendChild(summary(body)); },
            function (err) { loadOut.textContent = ""; loadOut.appendChild(failure(text.send_failed, err)); })
      .finally(sendable);
  });

  files.addEventListener("change", reset);
  form.elements.instansi.addEventListener("change", reset);
  partial.addEventListener("change", sendable);
  sendable();
})();
