/* Katalog SOP: the Kepatuhan page's tables, sorted by a column and filtered by unit and severity.
 *
 * Progressive enhancement: without this script the page already shows the
 * full tables. No library and no request: a classic script, so it also runs
 * from file://. It sets a page up on Material's document$ (every page
 * shown, with or without instant navigation) when there is one, else once
 * the document is ready; what is already set up is left alone.
 *
 * What it reads (written by katalog_sop/site/dashboard.py):
 *   table[data-kepatuhan="sop|unit|aturan"]   the tables;
 *   td[data-sort]                            a cell's number to sort by (else its text);
 *   tr[data-unit], tr[data-error|warning|info] a row's unit and counts per severity;
 *   tr[data-severity], tr[data-per-unit]     a rule's severity, its counts per unit (JSON);
 *   td[data-count][data-all]                 a rule's count cell and its whole-catalogue value;
 *   [data-kepatuhan-filter] select[data-filter="unit|severity"], [data-shown-for] notes.
 */
(function () {
  "use strict";

  var NOUN = { sop: "SOP", unit: "unit", aturan: "aturan" };
  var collator = typeof Intl !== "undefined" && Intl.Collator ? new Intl.Collator("id", { numeric: true, sensitivity: "base" }) : null;

  function each(list, fn) {
    Array.prototype.forEach.call(list, fn);
  }

  function sortKey(row, index) {
    var cell = row.cells[index];
    if (!cell) return "";
    var value = cell.getAttribute("data-sort");
    return value !== null && value !== "" && !isNaN(Number(value)) ? Number(value) : cell.textContent.trim();
  }

  function compare(a, b) {
    if (typeof a === "number" && typeof b === "number") return a - b;
    a = String(a);
    b = String(b);
    return collator ? collator.compare(a, b) : a.localeCompare(b);
  }

  /* Order the rows by column `index`; direction 1 ascending, -1 descending. Ties keep their order. */
  function sortRows(table, index, direction) {
    var headers = table.tHead.rows[0].cells;
    each(headers, function (th) { th.removeAttribute("aria-sort"); });
    headers[index].setAttribute("aria-sort", direction === 1 ? "ascending" : "descending");
    var body = table.tBodies[0];
    var rows = Array.prototype.map.call(body.rows, function (row, position) {
      return { row: row, key: sortKey(row, index), position: position };
    });
    rows.sort(function (a, b) { return direction * compare(a.key, b.key) || a.position - b.position; });
    each(rows, function (entry) { body.appendChild(entry.row); });
  }

  /* Sort again by the column the table is sorted by (its numbers may have changed). */
  function resort(table) {
    var index = -1, direction = 1;
    each(table.tHead.rows[0].cells, function (th, i) {
      var state = th.getAttribute("aria-sort");
      if (state) { index = i; direction = state === "descending" ? -1 : 1; }
    });
    if (index >= 0) sortRows(table, index, direction);
  }

  function makeSortable(table) {
    each(table.tHead.rows[0].cells, function (th, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sop-urut";
      button.title = "Urutkan menurut kolom ini";
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener("click", function () {
        sortRows(table, index, th.getAttribute("aria-sort") === "ascending" ? -1 : 1);
      });
    });
  }

  /* A rule's counts for one unit (or the whole catalogue when unit is ""). */
  function showRuleCounts(row, unit) {
    var counts = null;
    if (unit) {
      try {
        counts = JSON.parse(row.getAttribute("data-per-unit") || "{}")[unit] || [0, 0, 0];
      } catch (error) {
        counts = null;
      }
    }
    each(row.querySelectorAll("td[data-count]"), function (cell) {
      var value = counts ? String(counts[Number(cell.getAttribute("data-count"))]) : cell.getAttribute("data-all");
      cell.textContent = value;
      cell.setAttribute("data-sort", value);
    });
  }

  function applyFilters(root, tables) {
    var unit = root.querySelector('select[data-filter="unit"]').value;
    var severity = root.querySelector('select[data-filter="severity"]').value;
    each(tables, function (table) {
      var kind = table.getAttribute("data-kepatuhan");
      var rows = table.tBodies[0].rows;
      var visible = 0;
      each(rows, function (row) {
        var show;
        if (kind === "aturan") {
          showRuleCounts(row, unit);
          show = !severity || row.getAttribute("data-severity") === severity;
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
  }

  function setUp() {
    var tables = document.querySelectorAll("table[data-kepatuhan]");
    each(tables, function (table) {
      if (table.hasAttribute("data-siap") || !table.tHead || !table.tBodies.length) return;
      table.setAttribute("data-siap", "");
      makeSortable(table);
    });
    var root = document.querySelector("[data-kepatuhan-filter]");
    if (root && !root.hasAttribute("data-siap")) {
      root.setAttribute("data-siap", "");
      root.hidden = false;
      root.addEventListener("change", function () { applyFilters(root, tables); });
      applyFilters(root, tables); /* a browser may restore the selects' values on going back */
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
