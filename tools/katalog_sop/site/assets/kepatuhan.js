/* Katalog SOP: the Kepatuhan pages' tables, sorted and filtered, with the choice kept in the page's URL.
 *
 * Progressive enhancement: without this script every page already shows its
 * full table (the SOP list in pages). No library and no request to another
 * host: a classic script, so it also runs from file://. It sets a page up on
 * Material's document$ (every page shown, with or without instant
 * navigation) when there is one, else once the document is ready; what is
 * already set up is left alone.
 *
 * The URL holds the state, so a view can be shared: ?unit=<id>&tingkat=<error|warning|info>
 * on the dashboard; urut-<table>=<column>.<naik|turun> for any table; on the SOP list
 * also aturan=<rule id>, q=<text>, urut=<column>.<naik|turun> and hal=<page>.
 *
 * What it reads (written by katalog_sop/site/kepatuhan/):
 *   table[data-kepatuhan]                     the tables (kind: sop, unit, aturan, aturan-nol, tinjauan, gagal,
 *                                             monitoring-unit, monitoring-hasil, monitoring-jatuh-tempo);
 *   td[data-sort]                            a cell's number to sort by (else its text);
 *   tr[data-unit], tr[data-error|warning|info] a row's unit and counts per severity;
 *   tr[data-rule][data-severity]             a rule's id and severity (its counts per unit: kepatuhan/aturan-unit.js);
 *   td[data-count][data-all]                 a rule's count cell and its whole-catalogue value;
 *   [data-kepatuhan-filter] select[data-filter="unit|severity"], data-aturan-unit (its script), [data-shown-for] notes;
 *   [data-sop-daftar] with data-data (kepatuhan/sop/data.js), data-akar (the site's root), data-halaman.
 */
(function () {
  "use strict";

  var NOUN = { sop: "SOP", unit: "unit", aturan: "aturan", "aturan-nol": "aturan", tinjauan: "SOP", gagal: "SOP",
    "monitoring-unit": "unit", "monitoring-hasil": "SOP", "monitoring-jatuh-tempo": "SOP" };
  var LEVEL = { error: "galat", warning: "peringatan", info: "info" };
  var PAGE = 200;
  var collator = typeof Intl !== "undefined" && Intl.Collator ? new Intl.Collator("id", { numeric: true, sensitivity: "base" }) : null;

  function each(list, fn) {
    Array.prototype.forEach.call(list, fn);
  }

  function compare(a, b) {
    if (typeof a === "number" && typeof b === "number") return a - b;
    a = String(a);
    b = String(b);
    return collator ? collator.compare(a, b) : a.localeCompare(b);
  }

  /* ---- the page's URL ---- */

  function params() {
    try {
      return new URLSearchParams(window.location.search);
    } catch (error) {
      return { get: function () { return null; }, set: function () {}, "delete": function () {}, toString: function () { return ""; } };
    }
  }

  function remember(changes) {
    var query = params();
    Object.keys(changes).forEach(function (key) {
      if (changes[key] === "" || changes[key] === null || changes[key] === undefined) query["delete"](key);
      else query.set(key, changes[key]);
    });
    var text = query.toString();
    try {
      window.history.replaceState(window.history.state, "", window.location.pathname + (text ? "?" + text : "") + window.location.hash);
    } catch (error) { /* file:// in some browsers: the view still works, only the URL stays */ }
  }

  function parseOrder(value) {
    var match = /^(\d+)\.(naik|turun)$/.exec(value || "");
    return match ? { index: Number(match[1]), direction: match[2] === "naik" ? 1 : -1 } : null;
  }

  function orderText(index, direction) {
    return index + "." + (direction === 1 ? "naik" : "turun");
  }

  /* ---- tables sorted in the page ---- */

  function sortKey(row, index) {
    var cell = row.cells[index];
    if (!cell) return "";
    var value = cell.getAttribute("data-sort");
    return value !== null && value !== "" && !isNaN(Number(value)) ? Number(value) : cell.textContent.trim();
  }

  function markSorted(table, index, direction) {
    each(table.tHead.rows[0].cells, function (th, i) {
      if (i === index) th.setAttribute("aria-sort", direction === 1 ? "ascending" : "descending");
      else th.removeAttribute("aria-sort");
    });
  }

  /* Order the rows by column `index`; direction 1 ascending, -1 descending. Ties keep their order. */
  function sortRows(table, index, direction) {
    if (index >= table.tHead.rows[0].cells.length) return;
    markSorted(table, index, direction);
    var body = table.tBodies[0];
    var rows = Array.prototype.map.call(body.rows, function (row, position) {
      return { row: row, key: sortKey(row, index), position: position };
    });
    rows.sort(function (a, b) { return direction * compare(a.key, b.key) || a.position - b.position; });
    each(rows, function (entry) { body.appendChild(entry.row); });
  }

  function sortedBy(table) {
    var found = null;
    each(table.tHead.rows[0].cells, function (th, i) {
      var state = th.getAttribute("aria-sort");
      if (state) found = { index: i, direction: state === "descending" ? -1 : 1 };
    });
    return found;
  }

  /* Sort again by the column the table is sorted by (its numbers may have changed). */
  function resort(table) {
    var order = sortedBy(table);
    if (order) sortRows(table, order.index, order.direction);
  }

  /* Header buttons; `onSort(index, direction)` does the sorting (rows in the page, or the list's data). */
  function makeSortable(table, onSort) {
    each(table.tHead.rows[0].cells, function (th, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sop-urut";
      button.title = "Urutkan menurut kolom ini";
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener("click", function () {
        onSort(index, th.getAttribute("aria-sort") === "ascending" ? -1 : 1);
      });
    });
  }

  function setUpTable(table) {
    var kind = table.getAttribute("data-kepatuhan");
    var key = "urut-" + kind;
    makeSortable(table, function (index, direction) {
      sortRows(table, index, direction);
      var change = {};
      change[key] = orderText(index, direction);
      remember(change);
    });
    var order = parseOrder(params().get(key));
    if (order) sortRows(table, order.index, order.direction);
  }

  /* ---- the dashboard's filters ---- */

  /* Scripts with the Kepatuhan data, each loaded once, by a script element (fetch is refused from file://). */
  var loading = {};

  function loadScript(src, name, then, failed) {
    if (window[name] !== undefined) return then(window[name]);
    if (!loading[src]) {
      loading[src] = [];
      var script = document.createElement("script");
      script.src = src;
      script.addEventListener("load", function () { loading[src].forEach(function (w) { w[0](window[name]); }); });
      script.addEventListener("error", function () { loading[src].forEach(function (w) { if (w[1]) w[1](); }); });
      document.head.appendChild(script);
    }
    loading[src].push([then, failed]);
  }

  /* kepatuhan/aturan-unit.js: [[unit, [[rule, failing, findings, exempted], ...]], ...] as a Map of Maps. */
  var rulesByUnit = null;

  function ruleCountsFor(data, unit) {
    if (!rulesByUnit) {
      rulesByUnit = new Map();
      data.forEach(function (entry) {
        rulesByUnit.set(entry[0], new Map(entry[1].map(function (r) { return [r[0], r.slice(1)]; })));
      });
    }
    return rulesByUnit.get(unit) || new Map();
  }

  /* A rule's counts for one unit (`counts`: that unit's Map by rule), or the whole catalogue's (null). */
  function showRuleCounts(row, counts) {
    if (counts) counts = counts.get(row.getAttribute("data-rule")) || [0, 0, 0];
    each(row.querySelectorAll("td[data-count]"), function (cell) {
      var value = counts ? String(counts[Number(cell.getAttribute("data-count"))]) : cell.getAttribute("data-all");
      var link = cell.querySelector("a");
      if (link && (!counts || value === cell.getAttribute("data-all"))) link.textContent = value;
      else cell.textContent = value;
      cell.setAttribute("data-sort", value);
    });
  }

  function applyFilters(root, tables, unitCounts) {
    var unit = root.querySelector('select[data-filter="unit"]').value;
    var severity = root.querySelector('select[data-filter="severity"]').value;
    if (unit && unitCounts === undefined) { /* the rules' counts per unit come from their own script */
      loadScript(root.getAttribute("data-aturan-unit"), "katalogSopAturanUnit", function (data) {
        applyFilters(root, tables, ruleCountsFor(data, unit));
      }, function () {
        applyFilters(root, tables, null);
      });
      return;
    }
    each(tables, function (table) {
      var kind = table.getAttribute("data-kepatuhan");
      var rows = table.tBodies[0].rows;
      var visible = 0;
      each(rows, function (row) {
        var show;
        if (kind === "aturan" || kind === "aturan-nol") {
          showRuleCounts(row, unit ? unitCounts : null);
          show = !severity || row.getAttribute("data-severity") === severity;
        } else if (kind === "tinjauan" || kind.indexOf("monitoring-") === 0) { /* rows with no counts: unit only */
          show = !unit || row.getAttribute("data-unit") === unit;
        } else {
          show = (!unit || row.getAttribute("data-unit") === unit) &&
            (!severity || Number(row.getAttribute("data-" + severity)) > 0);
        }
        row.hidden = !show;
        if (show) visible += 1;
      });
      if (kind === "aturan") resort(table);
      var note = document.querySelector('[data-shown-for="' + kind + '"]');
      if (note) {
        note.textContent = unit || severity ? "Menampilkan " + visible + " dari " + rows.length + " " + (NOUN[kind] || "baris") + "." : "";
      }
    });
    root.setAttribute("data-diterapkan", unit + "|" + severity); /* what the tables show now */
    var query = (unit ? "unit=" + encodeURIComponent(unit) : "") + (severity ? (unit ? "&" : "") + "tingkat=" + severity : "");
    each(document.querySelectorAll("a[data-bawa-saringan]"), function (link) {
      var base = link.getAttribute("href").split("?")[0];
      link.setAttribute("href", base + (query ? "?" + query : ""));
    });
  }

  function setUpFilters(root, tables) {
    root.hidden = false;
    var query = params();
    var unit = root.querySelector('select[data-filter="unit"]');
    var severity = root.querySelector('select[data-filter="severity"]');
    if (query.get("unit") !== null) unit.value = query.get("unit");
    if (query.get("tingkat") !== null) severity.value = query.get("tingkat");
    root.addEventListener("change", function () {
      remember({ unit: unit.value, tingkat: severity.value });
      applyFilters(root, tables);
    });
    applyFilters(root, tables);
  }

  /* ---- the SOP list: every SOP from data.js, filtered, sorted and paged here ---- */

  /* A data row: [page, nama, unit, nomor, passed, checks, galat, peringatan, info, dikecualikan, failed rules]. */
  var KEYS = [
    function (r) { return r[1]; },
    function (r, units) { return (units.get(r[2]) || [r[2]])[0]; },
    function (r) { return r[3]; },
    function (r) { return r[5] ? r[4] / r[5] : -1; },
    function (r) { return r[6]; },
    function (r) { return r[7]; },
    function (r) { return r[8]; },
    function (r) { return r[9]; },
    function (r) { return r[10]; }
  ];

  function band(value) {
    return value >= 100 ? 5 : value >= 90 ? 4 : value >= 75 ? 3 : value >= 50 ? 2 : 1;
  }

  function element(tag, text, attributes) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    Object.keys(attributes || {}).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    return node;
  }

  function linkCell(href, text) {
    var cell = element("td");
    cell.appendChild(element("a", text, { href: href }));
    return cell;
  }

  function shareCell(passed, checks) {
    if (!checks) return element("td", "\u2013", { "data-sort": "-1" });
    var value = Math.floor(passed * 100 / checks);
    var cell = element("td", null, { "class": "sop-skala sop-skala-" + band(value), "data-sort": String(passed / checks) });
    var bar = element("span", null, { "class": "sop-skala-batang", "aria-hidden": "true" });
    bar.appendChild(element("span", null, { "class": "sop-lebar-" + Math.floor(value / 5) * 5 }));
    cell.appendChild(bar);
    cell.appendChild(document.createTextNode(passed + " dari " + checks + " (" + value + "%)"));
    return cell;
  }

  function dataRow(r, units, root) {
    var unit = units.get(r[2]) || [r[2], ""];
    var row = element("tr", null, { "data-unit": r[2] });
    row.appendChild(linkCell(root + r[0], r[1]));
    row.appendChild(linkCell(root + unit[1], unit[0]));
    row.appendChild(element("td", r[3]));
    row.appendChild(shareCell(r[4], r[5]));
    [6, 7, 8, 9].forEach(function (i) { row.appendChild(element("td", r[i], { "data-sort": String(r[i]) })); });
    row.appendChild(element("td", r[10]));
    return row;
  }

  function csvCell(value) {
    var text = typeof value === "number" ? String(value) : String(value === null || value === undefined ? "" : value);
    if (typeof value !== "number" && /^[=+\-@\t\r]/.test(text)) text = "'" + text;
    return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  function downloadCsv(rows, units) {
    var lines = [["nama", "nomor", "unit", "pemeriksaan", "lolos", "galat", "peringatan", "info", "dikecualikan", "aturan_gagal"]];
    rows.forEach(function (r) {
      lines.push([r[1], r[3], (units.get(r[2]) || [r[2]])[0], r[5], r[4], r[6], r[7], r[8], r[9], r[10]]);
    });
    var text = "\ufeff" + lines.map(function (line) { return line.map(csvCell).join(","); }).join("\r\n") + "\r\n";
    var link = element("a", null, { href: URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" })), download: "kepatuhan-sop-tampilan.csv" });
    document.body.appendChild(link);
    link.click();
    link.remove();
  }

  function setUpList(box) {
    var table = box.querySelector('table[data-kepatuhan="sop"]');
    if (!table) return;
    var root = box.getAttribute("data-akar") || "";
    var staticPage = Number(box.getAttribute("data-halaman") || "1");
    var state = null;
    var data = null;
    var note = box.querySelector('[data-shown-for="sop"]');
    var staticPagers = box.querySelectorAll("nav.sop-halaman");
    var bar = box.querySelector("[data-sop-saring]");
    if (!bar) return;
    bar.hidden = false;
    var controls = {
      unit: bar.querySelector('[data-saring="unit"]'),
      tingkat: bar.querySelector('[data-saring="tingkat"]'),
      aturan: bar.querySelector('[data-saring="aturan"]'),
      q: bar.querySelector('[data-saring="q"]')
    };
    var pagers = [element("nav", null, { "class": "sop-halaman", "aria-label": "Halaman daftar", hidden: "" }),
                  element("nav", null, { "class": "sop-halaman", "aria-label": "Halaman daftar (bawah)", hidden: "" })];
    table.parentNode.parentNode.insertBefore(pagers[0], table.parentNode);
    table.parentNode.parentNode.insertBefore(pagers[1], table.parentNode.nextSibling);

    function readState() {
      var query = params();
      return {
        unit: query.get("unit") || "", tingkat: query.get("tingkat") || "", aturan: query.get("aturan") || "",
        q: query.get("q") || "", urut: parseOrder(query.get("urut")), hal: Math.max(1, Number(query.get("hal")) || 1)
      };
    }

    function active(s) {
      return s.unit || s.tingkat || s.aturan || s.q || s.urut || s.hal > 1;
    }

    function matching() {
      var level = { error: 6, warning: 7, info: 8 }[state.tingkat];
      var words = state.q.toLowerCase().split(/\s+/).filter(Boolean);
      var rows = data.sop.filter(function (r) {
        if (state.unit && r[2] !== state.unit) return false;
        if (level && !(r[level] > 0)) return false;
        if (state.aturan && (" " + r[10] + " ").indexOf(" " + state.aturan + " ") < 0) return false;
        var text = (r[1] + " " + r[3]).toLowerCase();
        return words.every(function (word) { return text.indexOf(word) >= 0; });
      });
      if (state.urut && KEYS[state.urut.index]) {
        var key = KEYS[state.urut.index], direction = state.urut.direction;
        rows = rows.map(function (r, i) { return { r: r, k: key(r, data.unit), i: i }; })
          .sort(function (a, b) { return direction * compare(a.k, b.k) || a.i - b.i; })
          .map(function (e) { return e.r; });
      }
      return rows;
    }

    function render() {
      var rows = matching();
      var pages = Math.max(1, Math.ceil(rows.length / PAGE));
      if (state.hal > pages) state.hal = pages;
      var body = table.tBodies[0];
      while (body.firstChild) body.removeChild(body.firstChild);
      rows.slice((state.hal - 1) * PAGE, state.hal * PAGE).forEach(function (r) { body.appendChild(dataRow(r, data.unit, root)); });
      if (state.urut) markSorted(table, state.urut.index, state.urut.direction);
      else markSorted(table, -1, 1);
      each(staticPagers, function (nav) { nav.hidden = true; });
      each(document.querySelectorAll("[data-bagian]"), function (part) { part.hidden = true; });
      if (!rows.length) {
        var empty = element("tr");
        empty.appendChild(element("td", "Tidak ada SOP yang cocok dengan pilihan ini.", { colspan: String(table.tHead.rows[0].cells.length) }));
        body.appendChild(empty);
      }
      pagers.forEach(function (nav) {
        while (nav.firstChild) nav.removeChild(nav.firstChild);
        nav.hidden = pages <= 1;
        nav.appendChild(document.createTextNode("Halaman: "));
        for (var n = 1; n <= pages; n += 1) {
          var button = element("button", n, { type: "button" });
          if (n === state.hal) button.setAttribute("aria-current", "page");
          button.addEventListener("click", (function (page) { return function () { go({ hal: page }); }; })(n));
          nav.appendChild(button);
          nav.appendChild(document.createTextNode(" "));
        }
      });
      var first = rows.length ? (state.hal - 1) * PAGE + 1 : 0;
      note.textContent = "Menampilkan " + rows.length + " dari " + data.sop.length + " SOP" +
        (rows.length > PAGE ? " (nomor " + first + "\u2013" + Math.min(rows.length, state.hal * PAGE) + ")" : "") + ".";
      remember({
        unit: state.unit, tingkat: state.tingkat, aturan: state.aturan, q: state.q,
        urut: state.urut ? orderText(state.urut.index, state.urut.direction) : "", hal: state.hal > 1 ? state.hal : ""
      });
      return rows;
    }

    function withData(then) {
      if (data) return then();
      if (window.katalogSopKepatuhan === undefined) note.textContent = "Memuat daftar SOP\u2026";
      loadScript(box.getAttribute("data-data"), "katalogSopKepatuhan", function (loaded) {
        var units = new Map();
        loaded.unit.forEach(function (u) { units.set(u[0], [u[1], u[2]]); });
        data = { sop: loaded.sop, unit: units };
        then();
      }, function () {
        note.textContent = "Daftar SOP tidak dapat dimuat; halaman ini menampilkan bagiannya saja.";
      });
    }

    function go(change) {
      Object.keys(change).forEach(function (key) { state[key] = change[key]; });
      withData(render);
    }

    var asked = readState();
    state = readState();
    ["unit", "tingkat", "aturan", "q"].forEach(function (name) { controls[name].value = state[name]; });
    if (!active(asked)) state.hal = staticPage; /* the static page n is page n of the whole list */
    makeSortable(table, function (index, direction) { go({ urut: { index: index, direction: direction }, hal: 1 }); });
    ["unit", "tingkat", "aturan"].forEach(function (name) {
      controls[name].addEventListener("change", function () { var c = { hal: 1 }; c[name] = controls[name].value; go(c); });
    });
    controls.q.addEventListener("input", function () { go({ q: controls.q.value, hal: 1 }); });
    bar.querySelector("[data-unduh-tampilan]").addEventListener("click", function () {
      withData(function () { downloadCsv(matching(), data.unit); });
    });
    if (active(asked)) withData(render); /* else the page's own rows are already the view asked for */
  }

  function setUp() {
    var list = document.querySelector("[data-sop-daftar]");
    if (list && !list.hasAttribute("data-siap")) {
      list.setAttribute("data-siap", "");
      setUpList(list);
    }
    var tables = document.querySelectorAll("table[data-kepatuhan]");
    each(tables, function (table) {
      if (table.hasAttribute("data-siap") || !table.tHead || !table.tBodies.length) return;
      table.setAttribute("data-siap", "");
      if (!table.closest("[data-sop-daftar]")) setUpTable(table);
    });
    var root = document.querySelector("[data-kepatuhan-filter]");
    if (root && !root.hasAttribute("data-siap")) {
      root.setAttribute("data-siap", "");
      setUpFilters(root, tables);
    }
  }

  var documentObservable = window.document$;
  if (documentObservable && typeof documentObservable.subscribe === "function") {
    documentObservable.subscribe(setUp);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
