/* Katalog SOP: the tools of an SOP page (a classic script, so it also runs from file://).
 *
 * - "Cetak / Unduh PDF" under the title: the browser's print dialog, where "Simpan sebagai PDF"
 *   gives the PDF; the printed form itself is made by CSS, so printing without this script
 *   (Ctrl+P) gives the same pages.
 * - Over each page of the flowchart sheet: "Perbesar" (a view filling the window, with pan and
 *   zoom by mouse, touch and keyboard), "Buka di tab baru", "Unduh SVG"; over the sheet,
 *   "Unduh PDF lembar" prints the sheet's pages alone.
 *
 * Nothing here reads SOP text into HTML: names reach the page through textContent and
 * attributes only, and the drawn sheet is copied as a node, never re-parsed.
 */
(function () {
  "use strict";

  var SVG_NS = "http://www.w3.org/2000/svg";
  var PT = 4 / 3; /* CSS pixels per point: the sheet is drawn in points */

  function button(text, label, action) {
    var b = document.createElement("button");
    b.type = "button";
    b.textContent = text;
    if (label) b.setAttribute("aria-label", label);
    b.addEventListener("click", action);
    return b;
  }

  function toolbar(label) {
    var bar = document.createElement("div");
    bar.className = "sop-alat";
    bar.setAttribute("role", "group");
    bar.setAttribute("aria-label", label);
    return bar;
  }

  function printOnly(sheetOnly) {
    var root = document.documentElement;
    root.classList.toggle("sop-cetak-lembar", !!sheetOnly);
    var done = function () {
      root.classList.remove("sop-cetak-lembar");
      window.removeEventListener("afterprint", done);
    };
    window.addEventListener("afterprint", done);
    window.print();
  }

  function svgBlobUrl(svg) {
    var copy = svg.cloneNode(true);
    copy.setAttribute("xmlns", SVG_NS);
    var text = '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(copy);
    return URL.createObjectURL(new Blob([text], { type: "image/svg+xml" }));
  }

  function naturalSize(svg) {
    var box = svg.viewBox && svg.viewBox.baseVal;
    if (box && box.width && box.height) return { w: box.width * PT, h: box.height * PT };
    var r = svg.getBoundingClientRect();
    return { w: r.width || 800, h: r.height || 600 };
  }

  /* The zoomable view: one dialog for the page, filled with a copy of the chosen sheet page. */
  var view = null;

  function makeView() {
    var dialog = document.createElement("dialog");
    dialog.className = "sop-perbesar";
    var bar = document.createElement("div");
    bar.className = "sop-perbesar-alat";
    var title = document.createElement("p");
    title.className = "sop-perbesar-judul";
    title.id = "sop-perbesar-judul";
    dialog.setAttribute("aria-labelledby", title.id);
    var field = document.createElement("div");
    field.className = "sop-perbesar-bidang";
    field.tabIndex = 0;
    field.setAttribute("role", "application");
    field.setAttribute("aria-roledescription", "lembar yang dapat diperbesar");
    field.setAttribute("aria-label",
      "Geser dengan tetikus, sentuhan atau tombol panah; perbesar dengan + atau cubit, perkecil dengan -, 0 untuk pas layar");
    var state = { s: 1, x: 0, y: 0, w: 1, h: 1, svg: null };

    function apply() {
      if (state.svg) state.svg.style.transform = "translate(" + state.x + "px," + state.y + "px) scale(" + state.s + ")";
    }
    function zoomAt(factor, cx, cy) {
      var s = Math.min(8, Math.max(0.1, state.s * factor));
      state.x = cx - (cx - state.x) * (s / state.s);
      state.y = cy - (cy - state.y) * (s / state.s);
      state.s = s;
      apply();
    }
    function centre() {
      return { x: field.clientWidth / 2, y: field.clientHeight / 2 };
    }
    function fit() {
      var s = Math.min(field.clientWidth / state.w, field.clientHeight / state.h) * 0.98;
      state.s = s > 0 ? s : 1;
      state.x = (field.clientWidth - state.w * state.s) / 2;
      state.y = (field.clientHeight - state.h * state.s) / 2;
      apply();
    }

    bar.appendChild(title);
    bar.appendChild(button("\u2212", "Perkecil", function () { var c = centre(); zoomAt(1 / 1.25, c.x, c.y); }));
    bar.appendChild(button("+", "Perbesar", function () { var c = centre(); zoomAt(1.25, c.x, c.y); }));
    bar.appendChild(button("Pas layar", null, fit));
    bar.appendChild(button("Ukuran asli", null, function () {
      var c = centre();
      zoomAt(1 / state.s, c.x, c.y);
    }));
    bar.appendChild(button("Tutup", null, function () { dialog.close(); }));
    dialog.appendChild(bar);
    dialog.appendChild(field);

    field.addEventListener("wheel", function (e) {
      e.preventDefault();
      var r = field.getBoundingClientRect();
      zoomAt(e.deltaY < 0 ? 1.15 : 1 / 1.15, e.clientX - r.left, e.clientY - r.top);
    }, { passive: false });

    var pointers = new Map();
    var pinch = 0;
    field.addEventListener("pointerdown", function (e) {
      try {
        field.setPointerCapture(e.pointerId);
      } catch (err) {
        /* a pointer the browser no longer tracks: panning still follows its moves over the view */
      }
      pointers.set(e.pointerId, { x: e.clientX, y: e.clientY });
    });
    field.addEventListener("pointermove", function (e) {
      var last = pointers.get(e.pointerId);
      if (!last) return;
      var now = { x: e.clientX, y: e.clientY };
      if (pointers.size === 1) {
        state.x += now.x - last.x;
        state.y += now.y - last.y;
        apply();
      } else if (pointers.size === 2) {
        pointers.set(e.pointerId, now);
        var p = Array.from(pointers.values());
        var d = Math.hypot(p[0].x - p[1].x, p[0].y - p[1].y);
        if (pinch) {
          var r = field.getBoundingClientRect();
          zoomAt(d / pinch, (p[0].x + p[1].x) / 2 - r.left, (p[0].y + p[1].y) / 2 - r.top);
        }
        pinch = d;
      }
      pointers.set(e.pointerId, now);
    });
    function up(e) {
      pointers.delete(e.pointerId);
      pinch = 0;
    }
    field.addEventListener("pointerup", up);
    field.addEventListener("pointercancel", up);
    field.addEventListener("keydown", function (e) {
      var step = 40, c = centre();
      if (e.key === "ArrowLeft") state.x += step;
      else if (e.key === "ArrowRight") state.x -= step;
      else if (e.key === "ArrowUp") state.y += step;
      else if (e.key === "ArrowDown") state.y -= step;
      else if (e.key === "+" || e.key === "=") return zoomAt(1.25, c.x, c.y), e.preventDefault();
      else if (e.key === "-" || e.key === "_") return zoomAt(1 / 1.25, c.x, c.y), e.preventDefault();
      else if (e.key === "0") return fit(), e.preventDefault();
      else return;
      e.preventDefault();
      apply();
    });
    dialog.addEventListener("close", function () {
      if (state.svg) state.svg.remove();
      state.svg = null;
      if (view.opener) view.opener.focus();
    });
    document.body.appendChild(dialog);
    return {
      dialog: dialog, field: field, opener: null,
      show: function (svg, name, opener) {
        var copy = svg.cloneNode(true);
        copy.removeAttribute("id");
        copy.querySelectorAll("[id]").forEach(function (n) { n.removeAttribute("id"); });
        copy.setAttribute("aria-hidden", "true");
        var size = naturalSize(svg);
        state.w = size.w;
        state.h = size.h;
        copy.style.width = size.w + "px";
        copy.style.height = size.h + "px";
        state.svg = copy;
        field.appendChild(copy);
        title.textContent = name;
        this.opener = opener;
        dialog.showModal();
        fit();
        field.focus();
      }
    };
  }

  function sheetTools(sheet) {
    var name = sheet.getAttribute("data-nama") || "Lembar flowchart";
    var file = sheet.getAttribute("data-berkas") || "lembar";
    var figures = sheet.querySelectorAll("figure.sop-lembar-halaman");
    figures.forEach(function (figure, i) {
      var svg = figure.querySelector("svg");
      if (!svg) return;
      var label = "Halaman " + (i + 1) + " dari " + figures.length;
      var bar = toolbar("Lembar flowchart, " + label.toLowerCase());
      var opener = button("Perbesar", "Perbesar " + label.toLowerCase(), function () {
        if (!view) view = makeView();
        view.show(svg, name + " \u2014 " + label.toLowerCase(), opener);
      });
      bar.appendChild(opener);
      bar.appendChild(button("Buka di tab baru", "Buka di tab baru: " + label.toLowerCase(), function () {
        var url = svgBlobUrl(svg);
        window.open(url, "_blank");
        setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
      }));
      bar.appendChild(button("Unduh SVG", "Unduh SVG: " + label.toLowerCase(), function () {
        var a = document.createElement("a");
        a.href = svgBlobUrl(svg);
        a.download = file + "-lembar-" + (i + 1) + ".svg";
        document.body.appendChild(a);
        a.click();
        a.remove();
        setTimeout(function () { URL.revokeObjectURL(a.href); }, 60000);
      }));
      if (i === 0) {
        bar.appendChild(button("Unduh PDF lembar", "Unduh PDF lembar: mencetak halaman lembar flowchart saja", function () {
          printOnly(true);
        }));
      }
      figure.insertBefore(bar, figure.firstChild);
    });
  }

  function start() {
    var status = document.querySelector(".md-content .sop-status");
    if (status && document.querySelector(".md-content .sop-cetak")) {
      var bar = toolbar("Cetak");
      bar.appendChild(button("Cetak / Unduh PDF", "Cetak / Unduh PDF: SOP ini dalam format formulir SOP AP",
        function () { printOnly(false); }));
      status.parentNode.insertBefore(bar, status.nextSibling);
    }
    document.querySelectorAll(".md-content .sop-lembar").forEach(sheetTools);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
