/*
 * spbe-kg query page: YASGUI (npm @zazuko/yasgui, served by this service) wired to our own /sparql.
 *
 * The page embeds its configuration as JSON in <script id="spbe-sparql-config">:
 *   { endpoint, persistenceId, prefixes: {p: iri}, tabs: [{name, title, query}], select, text: {...} }
 * What this script adds to plain YASGUI:
 *   - the endpoint is this service's /sparql (resolved against the page URL, so a proxy prefix works);
 *   - every named query of the catalogue is a ready tab (added if absent, never duplicated);
 *   - prefix completion offers the ontology's prefixes first (ours win over YASGUI's bundled list,
 *     where e.g. "ref:" means something else);
 *   - class / property completion asks our own endpoint for the ontology terms instead of the
 *     Linked Open Vocabularies web service, so the page never talks to another host;
 *   - an IRI in the results opens /resource?iri=... (what the store says about it) in a new tab.
 */
(function () {
  "use strict";

  var cfg = JSON.parse(document.getElementById("spbe-sparql-config").textContent);
  var root = document.getElementById("yasgui");

  function showError(message) {
    var box = document.createElement("div");
    box.className = "alert error";
    box.setAttribute("role", "alert");
    box.textContent = message;
    root.replaceWith(box);
  }

  if (typeof window.Yasgui === "undefined") {
    showError(cfg.text.missing_vendor);
    return;
  }

  var Yasgui = window.Yasgui;
  var Yasqe = Yasgui.Yasqe;
  var endpoint = new URL(cfg.endpoint, window.location.href).href;
  var prefixes = cfg.prefixes;

  // --- autocompletion that stays on this host ----------------------------------------------

  var bundledPrefixes = Yasqe.Autocompleters.prefixes.get;
  Yasqe.forkAutocompleter(
    "prefixes",
    {
      name: "spbe-prefixes",
      persistenceId: undefined, // always fresh: the ontology's prefixes may change between versions
      get: function (yasqe) {
        var ours = Object.keys(prefixes).map(function (p) {
          return p + ": <" + prefixes[p] + ">";
        });
        return Promise.resolve(bundledPrefixes.call(this, yasqe)).then(function (list) {
          var others = list.filter(function (line) {
            return !Object.prototype.hasOwnProperty.call(prefixes, line.split(":")[0]);
          });
          return ours.sort().concat(others);
        });
      },
    },
    false
  );

  function selectColumn(sparql) {
    var body = new URLSearchParams();
    body.set("query", sparql);
    return fetch(endpoint, {
      method: "POST",
      headers: { Accept: "application/sparql-results+json" },
      body: body,
    })
      .then(function (r) {
        if (!r.ok) throw new Error("HTTP " + r.status);
        return r.json();
      })
      .then(function (json) {
        var v = json.head.vars[0];
        return json.results.bindings
          .filter(function (b) { return b[v] && b[v].type === "uri"; })
          .map(function (b) { return b[v].value; });
      })
      .catch(function () {
        return [];
      });
  }

  var OWL = "PREFIX owl: <http://www.w3.org/2002/07/owl#>\n" +
    "PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>\n" +
    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n";
  var termQueries = {
    class: OWL + "SELECT DISTINCT ?t WHERE { { ?t a owl:Class } UNION { ?t a rdfs:Class } FILTER(isIRI(?t)) } LIMIT 5000",
    property: OWL + "SELECT DISTINCT ?t WHERE { VALUES ?k { owl:ObjectProperty owl:DatatypeProperty " +
      "owl:AnnotationProperty rdf:Property } ?t a ?k FILTER(isIRI(?t)) } LIMIT 5000",
  };
  ["class", "property"].forEach(function (kind) {
    Yasqe.forkAutocompleter(
      kind,
      {
        name: "spbe-" + kind,
        bulk: true,
        persistenceId: undefined,
        get: function () {
          return selectColumn(termQueries[kind]);
        },
      },
      false
    );
  });

  // --- YASGUI itself -------------------------------------------------------------------------

  var yasgui = new Yasgui(root, {
    requestConfig: { endpoint: endpoint, method: "POST" },
    copyEndpointOnNewTab: true,
    autoAddOnInit: false,
    persistenceId: cfg.persistenceId,
    endpointCatalogueOptions: {
      getData: function () {
        return [{ endpoint: endpoint }];
      },
      keys: [],
    },
    // results show spbe:Aplikasi and id:aplikasi/..., not full IRIs (YASR takes the first prefix that
    // matches, so nas: and inst: win over the data base id: they lie under)
    yasr: { prefixes: Object.assign({}, prefixes, cfg.dataPrefix) },
    yasqe: {
      autocompleters: ["spbe-prefixes", "variables", "spbe-class", "spbe-property"],
      collapsePrefixesOnLoad: true,
    },
  });

  // Every named query becomes a tab, unless one with that name is already open (restored from
  // this browser's storage). Tabs the user opened stay where they are.
  cfg.tabs.forEach(function (t) {
    if (!yasgui.tabNameTaken(t.title)) {
      yasgui.addTab(false, {
        name: t.title,
        yasqe: { value: t.query },
        // "Simple view": plain values (3, not "3"^^xsd:integer); the toggle above the table brings the detail back
        yasr: { settings: { selectedPlugin: "table", pluginsConfig: { table: { compact: true } } } },
        requestConfig: { endpoint: endpoint },
      });
    }
  });

  function tabByTitle(title) {
    return Object.keys(yasgui._tabs)
      .map(function (id) { return yasgui._tabs[id]; })
      .filter(function (tab) { return tab.getName() === title; })[0];
  }

  // Show the tab asked for (?tab=name), else the one this browser had open, else the first.
  var current = yasgui.getTab();
  var show = (cfg.select && tabByTitle(cfg.select)) || current || tabByTitle(cfg.tabs[0].title);
  if (show && current && current.getId() !== show.getId()) {
    yasgui.selectTabId(show.getId());
  } else if (show && !current) {
    // selectTabId() only switches away from an open tab; on a first visit nothing is open yet.
    yasgui.markTabSelected(show.getId());
    yasgui.persistentConfig.setActive(show.getId());
  }

  // Tabs restored from an older session keep working when the service moved (another port or path).
  Object.keys(yasgui._tabs).forEach(function (id) {
    var tab = yasgui._tabs[id];
    var ep = tab.getEndpoint();
    if (ep && new URL(ep, window.location.href).origin !== window.location.origin) return;
    if (ep !== endpoint) tab.setEndpoint(endpoint);
  });

  // Long titles are cut on the tab itself (css); the whole title shows on hover.
  function titleTabs() {
    Object.keys(yasgui._tabs).forEach(function (id) {
      var link = document.getElementById("tab-" + id);
      if (link) link.title = yasgui._tabs[id].getName();
    });
  }
  titleTabs();
  yasgui.on("tabAdd", function () { setTimeout(titleTabs, 0); });
  yasgui.on("tabChange", function () { setTimeout(titleTabs, 0); });

  // A result IRI opens this service's page about that resource (the data IRIs live under w3id.org,
  // which does not serve them); the page links onwards from there.
  function openResource(ev) {
    var a = ev.target.closest && ev.target.closest(".yasr_results a.iri");
    if (!a || (ev.type === "auxclick" && ev.button !== 1)) return;
    ev.preventDefault();
    window.open(cfg.resource + "?iri=" + encodeURIComponent(a.href), "_blank", "noopener");
  }
  root.addEventListener("click", openResource);
  root.addEventListener("auxclick", openResource);

  window.spbeYasgui = yasgui; // for the browser tests and the curious
})();
