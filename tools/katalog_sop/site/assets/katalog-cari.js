/*
 * Katalog SOP: search, in the page's header.
 *
 * The index is cut into small classic scripts under cari/ (see
 * katalog_sop/search/index.py): a manifest, the roots of the catalogue's words,
 * one shard per group of terms and one record per SOP. A query loads only the
 * shards of its words and the records of the results it shows, never the whole
 * catalogue's index. Scripts, not fetch(): a page opened from file:// may load
 * scripts but not read its sibling files. Nothing is requested from another host.
 *
 * A query is read as the index was made: words lower-cased and stemmed with the
 * same algorithm (stemmer-id.js), a regulation's number and year as one term
 * ("uu 25/2009" = "Nomor 25 Tahun 2009"), names of one thing as one
 * ("kasubag" = "kepala sub bagian"), and an SOP's nomor whole. A word found
 * nowhere is replaced by the closest word of the catalogue, and the reader is
 * told. Everything shown is set as text, never as markup.
 */
(function () {
  "use strict";

  var SCRIPT = document.currentScript;
  var ROOT = SCRIPT ? SCRIPT.src.replace(/assets\/katalog-sop\/katalog-cari\.js(?:[?#].*)?$/, "") : "";
  var SHOWN = 10;
  var RERANKED = 20;  // results whose records are read to rank up words found together
  var received = {};
  var waiting = {};

  window.KatalogCari = {
    terima: function (name, data) {
      received[name] = data;
      (waiting[name] || []).forEach(function (resolve) { resolve(data); });
      delete waiting[name];
    }
  };

  function load(name, path) {
    if (Object.prototype.hasOwnProperty.call(received, name)) {
      return Promise.resolve(received[name]);
    }
    return new Promise(function (resolve) {
      var first = !waiting[name];
      (waiting[name] = waiting[name] || []).push(resolve);
      if (!first) { return; }
      var tag = document.createElement("script");
      tag.src = ROOT + path;
      tag.onerror = function () { window.KatalogCari.terima(name, null); };
      document.head.appendChild(tag);
    });
  }

  // --- reading a query, as katalog_sop/search reads the SOPs -------------------------------

  var NOMOR_WORD = /\b(?:nomor|no)\b\.?\s*:?/g;
  var NUMBER_YEAR = /\b(\d{1,4})(?:\/[a-z0-9.\-]+?)*?\s*(?:\/|\btahun\b|\bth\b\.?)\s*((?:19|20)\d\d)\b/g;
  var WORD = /[\p{L}\p{N}]+/gu;
  var LETTERS = /^\p{L}+$/u;

  function wordsOf(text) { return text.toLowerCase().match(WORD) || []; }

  function hex(text) {
    return Array.from(new TextEncoder().encode(text), function (b) { return (b < 16 ? "0" : "") + b.toString(16); }).join("");
  }

  function Engine(manifest, roots) {
    this.n = manifest.n;
    this.keys = new Set(manifest.k);
    this.common = new Set(manifest.umum);
    this.stemmer = window.KatalogSopStemmer.create(roots);
    this.stems = new Map();  // word -> root: result texts repeat their words
    this.phrases = [];  // [word list, group index], longest first
    var self = this;
    manifest.sinonim.forEach(function (group, g) {
      group.forEach(function (phrase) { self.phrases.push([wordsOf(phrase), g]); });
    });
    this.phrases.sort(function (a, b) { return b[0].length - a[0].length; });
    this.groups = manifest.sinonim.map(function (group) { return group.map(wordsOf); });
  }

  Engine.prototype.stem = function (word) {
    var found = this.stems.get(word);
    if (found === undefined) {
      found = LETTERS.test(word) ? this.stemmer.stem(word) : word;
      this.stems.set(word, found);
    }
    return found;
  };

  Engine.prototype.keyOf = function (text) {
    for (var length = text.length; length > 0; length--) {
      if (this.keys.has(text.slice(0, length))) { return text.slice(0, length); }
    }
    return null;
  };

  Engine.prototype.shard = function (text) {
    var key = this.keyOf(text);
    return key === null ? Promise.resolve(null) : load("k/" + key, "cari/k/" + hex(key) + ".js");
  };

  /* The query as slots: each a list of alternatives, each alternative a list of terms all required. */
  Engine.prototype.parse = function (query) {
    var self = this;
    var slots = [];
    var lower = query.toLowerCase();
    var plain = lower.replace(NOMOR_WORD, " ").replace(NUMBER_YEAR, function (match, number, year) {
      slots.push({ word: null, alts: [["n:" + parseInt(number, 10) + ":" + year]] });
      return " ";
    });
    var words = wordsOf(plain);
    var i = 0;
    while (i < words.length) {
      var found = null;
      for (var p = 0; p < this.phrases.length && !found; p++) {
        var phrase = this.phrases[p][0];
        if (phrase.length && phrase.every(function (w, k) { return words[i + k] === w; })) { found = this.phrases[p]; }
      }
      if (found) {
        slots.push({ word: null, alts: this.groups[found[1]].map(function (ws) { return ws.map(function (w) { return self.stem(w); }); }) });
        i += found[0].length;
      } else {
        if (!this.common.has(words[i])) { slots.push({ word: words[i], alts: [[this.stem(words[i])]] }); }
        i += 1;
      }
    }
    var nomor = /\d/.test(lower) ? "#" + lower.replace(/[^\p{L}\p{N}]+/gu, "") : null;
    return { slots: slots, nomor: nomor };
  };

  function decode(list) {
    var map = new Map();
    for (var i = 0, doc = 0; i < list.length; i += 2) { doc += list[i]; map.set(doc, list[i + 1]); }
    return map;
  }

  Engine.prototype.postings = function (term) {
    return this.shard(term).then(function (shard) {
      return shard && shard.p[term] ? decode(shard.p[term]) : null;
    });
  };

  /* The closest word of the catalogue to one found nowhere (one slip, two in a long word). */
  Engine.prototype.correct = function (word) {
    var self = this;
    // The word's own shard, and its first two letters' (a slip in the third letter moves a word between
    // shards cut finer): a slip in the first two letters is not looked for.
    var keys = [this.keyOf(word), this.keyOf(word.slice(0, 2))].filter(function (key, k, all) { return key !== null && all.indexOf(key) === k; });
    return Promise.all(keys.map(function (key) { return load("k/" + key, "cari/k/" + hex(key) + ".js"); })).then(function (shards) {
      var best = null;
      var limit = word.length >= 7 ? 2 : 1;
      shards.forEach(function (shard) {
        if (!shard) { return; }
        Object.keys(shard.w).forEach(function (known) {
          if (Math.abs(known.length - word.length) > limit) { return; }
          var d = distance(word, known, limit);
          if (d <= limit && (!best || d < best.d || (d === best.d && known < best.word))) { best = { word: known, d: d }; }
        });
      });
      return best && best.word;
    });
  };

  function distance(a, b, limit) {  // Damerau-Levenshtein (adjacent swaps), stopping past the limit
    var rows = [];
    for (var i = 0; i <= a.length; i++) {
      rows.push([i]);
      var low = i;
      for (var j = 1; j <= b.length; j++) {
        if (i === 0) { rows[0].push(j); continue; }
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var v = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) { v = Math.min(v, rows[i - 2][j - 2] + 1); }
        rows[i].push(v);
        low = Math.min(low, v);
      }
      if (i > 0 && low > limit) { return limit + 1; }
    }
    return rows[a.length][b.length];
  }

  Engine.prototype.search = function (query) {
    var self = this;
    var parsed = this.parse(query);
    var corrections = [];
    var slotsDone = parsed.slots.map(function (slot) {
      return self.score(slot).then(function (scores) {
        if (scores || !slot.word) { return scores && { scores: scores, slot: slot }; }
        return self.correct(slot.word).then(function (better) {
          if (!better) { return null; }
          corrections.push([slot.word, better]);
          var fixed = { word: better, alts: [[self.stem(better)]] };
          return self.score(fixed).then(function (found) { return found && { scores: found, slot: fixed }; });
        });
      });
    });
    var nomorDone = parsed.nomor ? this.nomorMatches(parsed.nomor) : Promise.resolve(new Map());
    return Promise.all([Promise.all(slotsDone), nomorDone]).then(function (done) {
      var active = done[0].filter(Boolean);
      var total = new Map();
      var matched = new Map();
      active.forEach(function (found) {
        found.scores.forEach(function (score, doc) {
          total.set(doc, (total.get(doc) || 0) + score);
          matched.set(doc, (matched.get(doc) || 0) + 1);
        });
      });
      total.forEach(function (score, doc) {
        var share = matched.get(doc) / active.length;
        total.set(doc, score * share * share);
      });
      done[1].forEach(function (bonus, doc) { total.set(doc, (total.get(doc) || 0) + bonus); });
      var ranked = Array.from(total.entries()).sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
      var slots = active.map(function (found) { return found.slot; });
      return self.together(ranked, slots).then(function (reranked) {
        return { ranked: reranked, corrections: corrections, parsed: parsed, slots: slots };
      });
    });
  };

  /* The first results again, ranked up where one text of the SOP (a step, an output) holds several of
     the query's words: "kasubag perencanaan" is the step naming the Kasubbag Perencanaan, not an SOP
     with a Kasubag in one column and a "dokumen perencanaan" in another step. */
  Engine.prototype.together = function (ranked, slots) {
    var self = this;
    if (slots.length < 2) { return Promise.resolve(ranked); }
    var head = ranked.slice(0, RERANKED);
    var sets = slots.map(function (slot) {
      var terms = new Set();
      slot.alts.forEach(function (alt) { alt.forEach(function (term) { terms.add(term); }); });
      return terms;
    });
    return Promise.all(head.map(function (pair) { return record(pair[0]); })).then(function (records) {
      var scored = head.map(function (pair, k) {
        var best = 1;
        (records[k] ? records[k].teks : []).forEach(function (text) {
          var stems = new Set(wordsOf(text[1]).map(function (w) { return self.stem(w); }));
          var held = sets.filter(function (terms) { return Array.from(terms).some(function (t) { return stems.has(t); }); }).length;
          best = Math.max(best, held);
        });
        return [pair[0], pair[1] * (1 + (best - 1) / (slots.length - 1))];
      });
      scored.sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
      return scored.concat(ranked.slice(RERANKED));
    });
  };

  /* doc -> score of one slot: its best alternative, each of whose terms the SOP must hold. */
  Engine.prototype.score = function (slot) {
    var self = this;
    var n = this.n;
    return Promise.all(slot.alts.map(function (terms) {
      return Promise.all(terms.map(function (term) { return self.postings(term); })).then(function (lists) {
        if (lists.some(function (list) { return !list; })) { return null; }
        var result = new Map();
        lists[0].forEach(function (_, doc) {
          if (!lists.every(function (list) { return list.has(doc); })) { return; }
          var score = 0;
          lists.forEach(function (list) { score += Math.log(1 + n / list.size) * list.get(doc); });
          result.set(doc, score);
        });
        return result.size ? result : null;
      });
    })).then(function (alts) {
      var best = null;
      alts.forEach(function (scores) {
        if (!scores) { return; }
        best = best || new Map();
        scores.forEach(function (score, doc) { best.set(doc, Math.max(best.get(doc) || 0, score)); });
      });
      return best;
    });
  };

  /* The SOPs whose nomor is the query, or begins with it ("sop-113" -> "SOP-113/17000/2025"). */
  Engine.prototype.nomorMatches = function (key) {
    return this.shard(key).then(function (shard) {
      var found = new Map();
      if (!shard || key.length < 3) { return found; }
      Object.keys(shard.p).forEach(function (term) {
        if (term.indexOf(key) === 0) {
          decode(shard.p[term]).forEach(function (_, doc) { found.set(doc, term === key ? 1000 : 500); });
        }
      });
      return found;
    });
  };

  // --- showing results -----------------------------------------------------------------

  function record(doc) { return load("d/" + doc, "cari/d/" + doc + ".js"); }

  function snippet(engine, rec, stems) {
    var best = null;
    rec.teks.forEach(function (pair) {
      if (pair[0] === "nama") { return; }
      var hits = wordsOf(pair[1]).filter(function (w) { return stems.has(engine.stem(w)); }).length;
      if (hits && (!best || hits > best.hits)) { best = { field: pair[0], text: pair[1], hits: hits }; }
    });
    return best;
  }

  var FIELD_LABELS = {
    nomor: "Nomor", unit: "Unit", instansi: "Instansi", pelaksana: "Pelaksana", kegiatan: "Kegiatan",
    kelengkapan: "Kelengkapan", output: "Output", dasar_hukum: "Dasar hukum", keterkaitan: "Keterkaitan"
  };

  function marked(engine, text, stems) {
    var fragment = document.createDocumentFragment();
    var last = 0;
    text.replace(WORD, function (word, offset) {
      if (!stems.has(engine.stem(word.toLowerCase()))) { return word; }
      fragment.appendChild(document.createTextNode(text.slice(last, offset)));
      var mark = document.createElement("mark");
      mark.textContent = word;
      fragment.appendChild(mark);
      last = offset + word.length;
      return word;
    });
    fragment.appendChild(document.createTextNode(text.slice(last)));
    return fragment;
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function Box(engineReady) {
    var form = element("form", "katalog-cari");
    form.setAttribute("role", "search");
    var label = element("label", "katalog-cari__label", "Cari SOP");
    label.setAttribute("for", "katalog-cari-kotak");
    var input = element("input", "katalog-cari__kotak");
    input.id = "katalog-cari-kotak";
    input.type = "search";
    input.placeholder = "Cari SOP";
    input.autocomplete = "off";
    input.setAttribute("aria-controls", "katalog-cari-hasil");
    var panel = element("div", "katalog-cari__hasil");
    panel.id = "katalog-cari-hasil";
    panel.hidden = true;
    var info = element("p", "katalog-cari__info");
    info.setAttribute("aria-live", "polite");
    var list = element("ol", "katalog-cari__daftar");
    panel.appendChild(info);
    panel.appendChild(list);
    form.appendChild(label);
    form.appendChild(input);
    form.appendChild(panel);
    var timer = null;
    var asked = 0;

    function run() {
      var query = input.value.trim();
      var number = ++asked;
      if (!query) { panel.hidden = true; return; }
      engineReady().then(function (engine) {
        return engine.search(query).then(function (found) {
          var top = found.ranked.slice(0, SHOWN);
          return Promise.all(top.map(function (pair) { return record(pair[0]); })).then(function (records) {
            if (number !== asked) { return; }  // a newer query is being answered
            show(engine, found, records);
          });
        });
      });
    }

    function show(engine, found, records) {
      var stems = new Set();
      found.parsed.slots.forEach(function (slot) { slot.alts.forEach(function (alt) { alt.forEach(function (t) { stems.add(t); }); }); });
      found.corrections.forEach(function (pair) { stems.add(engine.stem(pair[1])); });
      var text = found.ranked.length ? found.ranked.length + " SOP ditemukan" : "Tidak ada SOP yang sesuai";
      if (found.corrections.length) {
        text = "Dicari: " + found.corrections.map(function (p) { return "\u201c" + p[1] + "\u201d untuk \u201c" + p[0] + "\u201d"; }).join(", ") + ". " + text;
      }
      info.textContent = text;
      list.textContent = "";
      records.forEach(function (rec) {
        if (!rec) { return; }
        var item = element("li", "katalog-cari__item");
        var link = element("a", "katalog-cari__tautan");
        link.href = ROOT + rec.url;
        link.appendChild(element("span", "katalog-cari__nama", rec.nama));
        var meta = [rec.nomor, rec.unit, rec.instansi].filter(Boolean).join(" \u00b7 ");
        if (meta) { link.appendChild(element("span", "katalog-cari__meta", meta)); }
        var best = snippet(engine, rec, stems);
        if (best) {
          var line = element("span", "katalog-cari__cuplikan");
          line.appendChild(element("span", "katalog-cari__bidang", (FIELD_LABELS[best.field] || best.field) + ": "));
          line.appendChild(marked(engine, best.text, stems));
          link.appendChild(line);
        }
        item.appendChild(link);
        list.appendChild(item);
      });
      panel.hidden = false;
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(run, 120);
    });
    input.addEventListener("focus", function () { engineReady(); });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var first = list.querySelector("a");
      if (first) { window.location.href = first.href; }
    });
    form.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { panel.hidden = true; input.blur(); }
    });
    return form;
  }

  var engine = null;
  function engineReady() {
    if (!engine) {
      engine = Promise.all([
        load("manifest", "cari/manifest.js"),
        load("akar", "cari/akar.js"),
        window.KatalogSopStemmer ? Promise.resolve() : new Promise(function (resolve) {
          var tag = document.createElement("script");
          tag.src = ROOT + "assets/katalog-sop/stemmer-id.js";
          tag.onload = resolve;
          document.head.appendChild(tag);
        })
      ]).then(function (parts) { return new Engine(parts[0], parts[1]); });
    }
    return engine;
  }

  function mount() {
    var header = document.querySelector(".md-header__inner");
    if (!header || document.getElementById("katalog-cari-kotak")) { return; }
    var box = Box(engineReady);
    var before = header.querySelector(".md-header__source") || null;
    header.insertBefore(box, before);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", mount);
  } else {
    mount();
  }
})();
