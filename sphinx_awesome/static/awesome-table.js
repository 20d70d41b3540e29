/* sphinx-awesome: the reader's side of paper tables.
 *
 * Every row is in the page without JavaScript. On each table whose per-table data
 * (<script class="awesome-table-data">) lines up with its rows, this adds a tool bar: a filter
 * box speaking the :filter: language with a live count (the query mirrored in ?filter=), facet
 * chips that add and remove terms, sortable column headers, and a Copy button in each row's
 * BibTeX. The language is sphinx_awesome/filters.py's, which is the reference; both are run
 * on tests/filter_cases.json. Nothing here names a field: their match types come with the data.
 */
(function () {
  "use strict";

  // Python's str.isspace(), so terms split where the Python side splits them.
  var WS = "[\\t-\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]";
  var SPACE = new RegExp(WS);
  var RUNS = new RegExp(WS + "+", "g");
  var ENDS = new RegExp("^" + WS + "+|" + WS + "+$", "g");
  var YEAR_SUFFIX = /[\s'’`-]*((19|20)\p{Nd}\p{Nd}|'?\p{Nd}\p{Nd})$/u;
  var FACET_LIMIT = 8;

  function strip(text) { return text.replace(ENDS, ""); }
  // " ".join(text.split())
  function squash(text) { return strip(text).replace(RUNS, " "); }
  function lower(text) { return String(text).toLowerCase(); }
  // str.casefold() for the letters where it differs from lower()
  function fold(text) { return lower(text).replace(/ß/g, "ss").replace(/ς/g, "σ").replace(/ſ/g, "s"); }
  function items(value) { return value == null ? [] : Array.isArray(value) ? value : [value]; }
  function has(object, key) { return Object.prototype.hasOwnProperty.call(object, key); }

  // sphinx_awesome.venues.venue_key: lower case, letters and digits only, no trailing year.
  function venueKey(text) {
    text = strip(text);
    var stripped = text.replace(YEAR_SUFFIX, "");
    if (strip(stripped)) text = stripped;
    return lower(text).replace(/[^0-9a-z]+/g, "");
  }

  function FilterError(message, column) {
    this.message = message;
    this.column = column;
  }
  FilterError.prototype.toString = function () { return this.message + " (column " + this.column + ")"; };

  function closest(word, choices) {
    // A "did you mean" hint: a choice within a third of the word's length in edits.
    var best = "", bestCost = Math.max(1, Math.floor(word.length / 3)) + 1;
    choices.forEach(function (choice) {
      var prev = [], row, i, j;
      for (j = 0; j <= choice.length; j++) prev[j] = j;
      for (i = 1; i <= word.length; i++) {
        row = [i];
        for (j = 1; j <= choice.length; j++) {
          row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (word[i - 1] === choice[j - 1] ? 0 : 1));
        }
        prev = row;
      }
      if (prev[choice.length] < bestCost) { best = choice; bestCost = prev[choice.length]; }
    });
    return best ? "; did you mean '" + best + "'?" : "";
  }

  // -- the filter language: scanning (filters.py's _Scanner) --------------------------------

  function scan(text, fields) {
    var pos = 0, n = text.length, terms = [];
    function error(message, at) { return new FilterError(message, (at == null ? pos : at) + 1); }
    function space() { return pos < n && SPACE.test(text[pos]); }
    function quoted() {
      var start = pos, out = "", c;
      for (pos++; pos < n; pos++) {
        c = text[pos];
        if (c === '"') { pos++; return out; }
        if (c === "\\" && (text[pos + 1] === '"' || text[pos + 1] === "\\")) c = text[++pos];
        out += c;
      }
      throw error("unterminated quote", start);
    }
    function nameEnd() {
      var p = pos;
      if (!/[A-Za-z]/.test(text[p] || "")) return -1;
      while (p < n && /[A-Za-z0-9_-]/.test(text[p])) p++;
      return text[p] === ":" ? p : -1;
    }
    function phrase() {
      var start = pos;
      if (text[pos] === '"') {
        var words = squash(quoted());
        if (!words) throw error("empty phrase in quotes", start);
        return { text: words, column: start + 1 };
      }
      for (; pos < n && !space(); pos++) {
        if (text[pos] === '"') throw error("a quote may only start a term or a value; put the whole phrase in quotes");
      }
      return { text: text.slice(start, pos), column: start + 1 };
    }
    function value(name) {
      var start = pos;
      if (text[pos] === '"') {
        var inside = strip(quoted());
        if (!inside) throw error("empty value for '" + name + "'", start);
        if (pos < n && !space() && text[pos] !== ",") throw error("expected ',' or a space after the closing quote");
        return { text: inside, column: start + 1 };
      }
      for (; pos < n && !space() && text[pos] !== ","; pos++) {
        if (text[pos] === '"') throw error("a quote may only start a value; put the whole value in quotes");
      }
      if (pos === start) {
        throw error(text[start - 1] === "," ? "empty value in the list of '" + name + "' values"
          : "'" + name + "' needs a value after ':'", start);
      }
      return { text: text.slice(start, pos), column: start + 1 };
    }
    function term() {
      var start = pos, negated = text[pos] === "-";
      if (negated) {
        pos++;
        if (pos >= n || space()) throw error("'-' must be followed by a term to exclude", start);
        if (text[pos] === "-") throw error("a term can be negated only once; quote a phrase that starts with '-'");
      }
      var end = nameEnd();
      if (end < 0) return { negated: negated, name: null, values: [phrase()], start: start };
      var name = lower(text.slice(pos, end)), names = Object.keys(fields);
      if (!has(fields, name)) {
        var hint = closest(name, names);
        throw error("unknown filter field '" + name + "'" + (hint || '; to search for the text, put it in quotes: "' + name + ':…"') +
          " (fields: " + names.join(", ") + ")");
      }
      pos = end + 1;
      var values = [value(name)];
      while (text[pos] === ",") { pos++; values.push(value(name)); }
      return { negated: negated, name: name, values: values, start: start };
    }
    for (; space(); pos++);
    while (pos < n) {
      var raw = term();
      if (pos < n && !space()) throw error("unexpected '" + text[pos] + "'; terms are separated by spaces");
      raw.end = pos;
      terms.push(raw);
      for (; space(); pos++);
    }
    return terms;
  }

  // -- the filter language: values and matching (filters.py's _build and Term.match) --------

  function parseYear(value) {
    var text = strip(value.text), m = /^(>=|<=|>|<|=)?([\s\S]*)$/.exec(text), range = text.indexOf("..");
    function number(part) {
      part = strip(part);
      if (!/^[0-9]{1,4}$/.test(part)) {
        throw new FilterError("bad year '" + value.text + "': expected a year such as 2020, a comparison such as " +
          ">=2020 or a range such as 2019..2022", value.column);
      }
      return +part;
    }
    if (m[1]) {
      var year = number(m[2]);
      return { ">=": [year, null], "<=": [null, year], ">": [year + 1, null], "<": [null, year - 1], "=": [year, year] }[m[1]];
    }
    if (range >= 0) {
      var first = text.slice(0, range), last = text.slice(range + 2);
      var low = strip(first) ? number(first) : null, high = strip(last) ? number(last) : null;
      if (low !== null && high !== null && low > high) {
        throw new FilterError("empty year range '" + value.text + "': " + low + " is after " + high, value.column);
      }
      return [low, high];
    }
    year = number(text);
    return [year, year];
  }

  // For each match type: the normalised value of a written one, and whether a row's
  // (prepared) item matches it. `prepare` turns a row's items into what `test` compares.
  var TYPES = {
    exact: { value: function (t) { return t; }, prepare: String, test: function (x, v) { return x === v; } },
    lower: { value: lower, prepare: lower, test: function (x, v) { return x === v; } },
    venue: {
      value: function (t, data) { var key = venueKey(t); return fold(has(data.venues, key) ? data.venues[key] : t); },
      prepare: fold, test: function (x, v) { return x === v; }
    },
    path: {
      value: function (t, data, column) {
        var path = lower(t.replace(/^\/+|\/+$/g, ""));
        if (!path) throw new FilterError("empty category '" + t + "'", column);
        return path;
      },
      prepare: lower, test: function (x, v) { return x === v || x.slice(0, v.length + 1) === v + "/"; }
    },
    contains: { value: fold, prepare: fold, test: function (x, v) { return x.indexOf(v) >= 0; } },
    lang: { value: lower, prepare: lower, test: function (x, v) { return x === v || x.slice(0, v.length + 1) === v + "-"; } },
    year: {
      prepare: Number,
      test: function (x, r) { return (r[0] === null || x >= r[0]) && (r[1] === null || x <= r[1]); }
    }
  };

  // Compiles filter text against a table's data into terms [{negated, test(row)}]; throws
  // FilterError. Prepared columns are made once per field, on first use.
  function compile(text, data, prepared) {
    return scan(text, data.fields).map(function (raw) {
      if (raw.name === null) {
        var phrase = fold(squash(raw.values[0].text));
        var hay = column(data, prepared, "", null);
        return { negated: raw.negated, test: function (i) { return hay[i].indexOf(phrase) >= 0; } };
      }
      var type = TYPES[data.fields[raw.name]] || TYPES.lower;
      var choices = data.choices && data.choices[raw.name];
      var wanted = raw.values.map(function (value) {
        if (type === TYPES.year) return parseYear(value);
        var written = squash(value.text), normal = type.value(written, data, value.column);
        if (choices && choices.indexOf(normal) < 0) {
          throw new FilterError("unknown " + raw.name + " '" + written + "'" + closest(normal, choices) +
            " (" + raw.name + "s: " + choices.join(", ") + ")", value.column);
        }
        return normal;
      });
      var cells = column(data, prepared, raw.name, type.prepare), test = type.test;
      return {
        negated: raw.negated,
        test: function (i) {
          var row = cells[i];
          for (var a = 0; a < row.length; a++) {
            for (var b = 0; b < wanted.length; b++) if (test(row[a], wanted[b])) return true;
          }
          return false;
        }
      };
    });
  }

  // One field's prepared items for every data row; "" is the text a phrase searches.
  function column(data, prepared, name, prepare) {
    if (has(prepared, name)) return prepared[name];
    var keys = data.keys, out;
    if (name === "") {
      var indices = data.text.map(function (field) { return keys.indexOf(field); });
      out = data.rows.map(function (row) {
        var parts = [];
        indices.forEach(function (k) { if (k >= 0) parts = parts.concat(items(row[k])); });
        return fold(parts.join("\n"));
      });
    } else {
      var k = keys.indexOf(name);
      out = data.rows.map(function (row) { return items(row[k]).map(prepare); });
    }
    return (prepared[name] = out);
  }

  // filters.py's _quote_value: a value as filter text.
  function quoteValue(text) {
    if (text && !/[\s,"]/.test(text) && !SPACE.test(text)) return text;
    return '"' + text.replace(/\\/g, "\\\\").replace(/"/g, '\\"') + '"';
  }

  // -- one table ------------------------------------------------------------------------------

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text != null) node.textContent = text;
    return node;
  }

  function readData(wrapper) {
    var script = wrapper.querySelector("script.awesome-table-data");
    try {
      var data = JSON.parse(script.textContent);
      return data && data.version === 1 && Array.isArray(data.rows) ? data : null;
    } catch (e) {
      return null; // missing or malformed: the table stays as built, every row shown
    }
  }

  var tableCount = 0;

  function setUp(wrapper) {
    var table = wrapper.querySelector("table.awesome-table");
    var data = readData(wrapper);
    if (!table || !data || !table.tBodies.length || wrapper.awesomeTable) return;
    var tbody = table.tBodies[0], rows = [], segments = [{ head: null, rows: [] }], bad = false;
    Array.prototype.forEach.call(tbody.rows, function (tr) {
      if (tr.classList.contains("awesome-group")) {
        segments.push({ head: tr, rows: [] });
      } else {
        var d = +tr.getAttribute("data-awesome-row");
        if (!(d >= 0 && d < data.rows.length && d % 1 === 0)) bad = true;
        var row = { tr: tr, d: d, at: rows.length, shown: true };
        rows.push(row);
        segments[segments.length - 1].rows.push(row);
      }
    });
    if (bad || !rows.length) return;
    var number = tableCount++;
    var param = number ? "filter-" + (table.id || number + 1) : "filter";
    var prepared = {}, query = "", sortState = { key: null, dir: 0 };
    var uid = "awesome-tools-" + number;

    var tools = el("div", "awesome-tools");
    var bar = el("div", "awesome-filter");
    var input = el("input", "awesome-filter-input");
    input.type = "search";
    input.id = uid + "-input";
    input.placeholder = "Filter: words, tag:…, venue:…, year:>=2020";
    input.autocomplete = "off";
    input.spellcheck = false;
    input.setAttribute("aria-label", "Filter entries (words, or field:value terms such as year:>=2020)");
    var count = el("span", "awesome-filter-count");
    count.setAttribute("role", "status");
    var message = el("p", "awesome-filter-error");
    message.id = uid + "-error";
    message.setAttribute("aria-live", "polite");
    message.hidden = true;
    bar.append(input, count);
    tools.append(bar, message);

    // -- filtering --

    function apply(text) {
      var terms;
      try {
        terms = compile(text, data, prepared);
      } catch (e) {
        if (!(e instanceof FilterError)) throw e;
        message.textContent = "Cannot filter: " + e;
        message.hidden = false;
        input.setAttribute("aria-invalid", "true");
        input.setAttribute("aria-describedby", message.id);
        return false; // the last good view stays
      }
      message.hidden = true;
      input.removeAttribute("aria-invalid");
      input.removeAttribute("aria-describedby");
      query = text;
      var shown = 0;
      rows.forEach(function (row) {
        var ok = true;
        for (var t = 0; t < terms.length && ok; t++) ok = terms[t].test(row.d) !== terms[t].negated;
        if (ok !== row.shown) { row.tr.hidden = !ok; row.shown = ok; }
        if (ok) shown++;
      });
      segments.forEach(function (segment) {
        if (segment.head) segment.head.hidden = !segment.rows.some(function (row) { return row.shown; });
      });
      var noun = rows.length === 1 ? " entry" : " entries";
      count.textContent = terms.length ? shown + " of " + rows.length + noun : rows.length + noun;
      updateFacets();
      remember(text);
      return true;
    }

    function remember(text) {
      try {
        var url = new URL(location.href);
        if (strip(text)) url.searchParams.set(param, text); else url.searchParams.delete(param);
        if (url.href !== location.href) history.replaceState(history.state, "", url.href);
      } catch (e) { /* no history here (a sandboxed frame): the view just is not shared */ }
    }

    var timer = 0;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      // Large tables wait for a pause in typing; the work itself stays under 100 ms.
      if (rows.length > 2000) timer = setTimeout(function () { apply(input.value); }, 120);
      else apply(input.value);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && input.value) {
        event.preventDefault();
        setQuery("");
      }
    });
    function setQuery(text) {
      input.value = text;
      apply(text);
    }
    window.addEventListener("hashchange", function () {
      // Following a link to a row the filter hides: show every row again.
      var id = location.hash.slice(1);
      try { id = decodeURIComponent(id); } catch (e) { /* malformed escape: use as is */ }
      var target = id && document.getElementById(id);
      var tr = target && target.closest("tr");
      if (tr && tr.hidden && tbody.contains(tr)) setQuery("");
    });

    // -- facets: a chip per value, its count over the rows shown; a click adds or removes
    //    the term field:value --

    var facets = (data.facets || []).filter(function (name) { return has(data.fields, name); }).map(function (name) {
      var type = data.fields[name], k = data.keys.indexOf(name), totals = {};
      var cells = data.rows.map(function (row) {
        var values = items(row[k]);
        return type === "venue" ? values.slice(0, 1) : values; // the canonical venue only
      });
      rows.forEach(function (row) {
        cells[row.d].forEach(function (v) { totals[v] = (totals[v] || 0) + 1; });
      });
      var values = Object.keys(totals).sort(type === "year" ? function (a, b) { return b - a; }
        : function (a, b) { return totals[b] - totals[a] || (a < b ? -1 : a > b ? 1 : 0); });
      return { name: name, type: type, cells: cells, values: values, open: false };
    }).filter(function (facet) { return facet.values.length > 1; });

    var facetBox = el("details", "awesome-facets"), facetBody = el("div", "awesome-facets-body");
    facetBox.append(el("summary", "", "Refine by " + facets.map(function (f) { return f.name; }).join(", ")), facetBody);
    facetBox.open = wrapper.clientWidth > 576; // open unless the box is phone-sized
    facets.forEach(function (facet) {
      var group = el("div", "awesome-facet");
      group.setAttribute("role", "group");
      group.setAttribute("aria-label", "Filter by " + facet.name);
      group.append(el("span", "awesome-facet-label", facet.name));
      facet.chips = facet.values.map(function (value) {
        var chip = el("button", "awesome-facet-chip", value + " ");
        chip.type = "button";
        chip.append(el("span", "awesome-facet-count"));
        chip.addEventListener("click", function () { toggleTerm(facet, value); });
        group.append(chip);
        return chip;
      });
      facet.more = el("button", "awesome-facet-more");
      facet.more.type = "button";
      facet.more.addEventListener("click", function () { facet.open = !facet.open; updateFacets(); });
      group.append(facet.more);
      facetBody.append(group);
    });
    if (facets.length) tools.append(facetBox);

    function scanned(text) {
      try { return scan(text, data.fields); } catch (e) { return []; }
    }

    // The term among `terms` that is exactly facet:value (not negated), if any.
    function findTerm(terms, facet, value) {
      var type = TYPES[facet.type] || TYPES.lower;
      function normal(text) {
        text = squash(text);
        try { return type.value ? type.value(text, data, 0) : strip(text.replace(/^=/, "")); } catch (e) { return null; }
      }
      var want = normal(String(value));
      for (var i = 0; i < terms.length; i++) {
        var t = terms[i];
        if (!t.negated && t.name === facet.name && t.values.length === 1 && normal(t.values[0].text) === want) return t;
      }
      return null;
    }

    function toggleTerm(facet, value) {
      var text = input.value, term = findTerm(scanned(text), facet, value);
      if (term) text = text.slice(0, term.start) + " " + text.slice(term.end);
      else text += " " + facet.name + ":" + quoteValue(String(value));
      setQuery(strip(text.replace(RUNS, " ")));
    }

    function updateFacets() {
      var terms = scanned(query);
      facets.forEach(function (facet) {
        var counts = {}, listed = 0, hidden = 0;
        rows.forEach(function (row) {
          if (row.shown) facet.cells[row.d].forEach(function (v) { counts[v] = (counts[v] || 0) + 1; });
        });
        facet.values.forEach(function (value, i) {
          var chip = facet.chips[i], active = !!findTerm(terms, facet, value), n = counts[value] || 0;
          var show = active || n > 0;
          if (show && !active && !facet.open && listed >= FACET_LIMIT) { show = false; hidden++; }
          if (show) listed++;
          if (chip.hidden === show) chip.hidden = !show;
          chip.setAttribute("aria-pressed", String(active));
          if (chip.lastChild.textContent !== String(n)) chip.lastChild.textContent = String(n);
        });
        facet.more.hidden = !facet.open && !hidden;
        facet.more.textContent = facet.open ? "fewer" : "+" + hidden + " more";
        facet.more.setAttribute("aria-expanded", String(facet.open));
      });
    }

    // -- sorting: a button in each sortable header; ascending, descending, then as built --

    var headers = [];
    Array.prototype.forEach.call(table.tHead ? table.tHead.rows[0].cells : [], function (th) {
      var key = th.getAttribute("data-awesome-sort");
      if (!key || !data.sorts || !has(data.sorts, key)) return;
      var button = el("button", "awesome-sort", th.textContent.trim());
      button.type = "button";
      button.append(el("span", "awesome-sort-icon"));
      button.lastChild.setAttribute("aria-hidden", "true");
      th.textContent = "";
      th.append(button);
      th.classList.add("awesome-sortable");
      button.addEventListener("click", function () {
        var dir = sortState.key === key ? (sortState.dir === 1 ? -1 : sortState.dir === -1 ? 0 : 1) : 1;
        sort(key, dir);
      });
      headers.push({ th: th, key: key });
    });
    if (headers.length) table.classList.add("awesome-sortable-table");

    function sort(key, dir) {
      var k = data.keys.indexOf("sort"), numeric = data.sorts[key] === "number";
      var values = data.rows.map(function (row) {
        var v = row[k] && row[k][key];
        return v == null ? null : numeric ? +v : String(v);
      });
      function compare(a, b) {
        var x = values[a.d], y = values[b.d];
        if (x === y) return a.at - b.at;
        if (x === null) return 1;
        if (y === null) return -1;
        return (x < y ? -dir : dir) || a.at - b.at;
      }
      var fragment = document.createDocumentFragment();
      segments.forEach(function (segment) {
        if (segment.head) fragment.append(segment.head);
        var order = segment.rows.slice();
        order.sort(dir ? compare : function (a, b) { return a.at - b.at; });
        order.forEach(function (row) { fragment.append(row.tr); });
      });
      tbody.append(fragment);
      sortState = { key: dir ? key : null, dir: dir };
      headers.forEach(function (h) {
        if (h.key === sortState.key) h.th.setAttribute("aria-sort", dir > 0 ? "ascending" : "descending");
        else h.th.removeAttribute("aria-sort");
      });
    }

    // -- citing: a Copy button, made when a row's "Cite" opens --

    wrapper.addEventListener("toggle", function (event) {
      var details = event.target;
      if (!details.open || !details.matches("details.awesome-cite") || details.querySelector(".awesome-copy")) return;
      var pre = details.querySelector("pre");
      if (!pre) return;
      var button = el("button", "awesome-copy", "Copy");
      var note = el("span", "awesome-copy-status");
      button.type = "button";
      note.setAttribute("aria-live", "polite");
      button.addEventListener("click", function () { copy(pre, note); });
      details.insertBefore(button, pre);
      details.insertBefore(note, pre);
    }, true);

    wrapper.prepend(tools);
    wrapper.awesomeTable = { apply: setQuery, sort: sort, input: input };
    var initial = "";
    try { initial = new URL(location.href).searchParams.get(param) || ""; } catch (e) { /* no URL */ }
    setQuery(initial || input.value);
  }

  function copy(pre, note) {
    var text = pre.textContent;
    function selectIt() {
      var range = document.createRange(), selection = window.getSelection();
      range.selectNodeContents(pre);
      selection.removeAllRanges();
      selection.addRange(range);
      var done = false;
      try { done = document.execCommand("copy"); } catch (e) { /* not allowed here */ }
      note.textContent = done ? "Copied" : "Selected: press Ctrl+C (⌘C) to copy";
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { note.textContent = "Copied"; }, selectIt);
    } else {
      selectIt();
    }
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll(".awesome-paper-table"), setUp);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
