/* sphinx-awesome: paper tables for readers (every row is there without JavaScript): a filter
 * box in the :filter: language (filters.py is the reference; tests/filter_cases.json runs
 * both), facets, sorting, ?filter= and BibTeX Copy. Fields come with each table's data. */
(() => {
"use strict";

// Python's str.isspace(): \s but U+FEFF, and U+1C-1F, U+85.
const WS = "(?:[^\\S\\ufeff]|[\\x1c-\\x1f\\x85])";
const SPACE = new RegExp(WS), RUNS = new RegExp(WS + "+", "g"), ENDS = new RegExp(`^${WS}+|${WS}+$`, "g");
const NAME = /[A-Za-z][A-Za-z0-9_-]*:/y, YEAR_SUFFIX = /[\s'’`-]*((19|20)\p{Nd}\p{Nd}|'?\p{Nd}\p{Nd})$/u;
const CHIPS = 8, PAGE = 100, BIG = 1000;

const strip = (text) => text.replace(ENDS, "");
const squash = (text) => strip(text).replace(RUNS, " "); // " ".join(text.split())
const lower = (text) => String(text).toLowerCase();
const fold = (text) => lower(text).replace(/ß/g, "ss").replace(/ς/g, "σ").replace(/ſ/g, "s"); // casefold()
const items = (value) => (value == null ? [] : Array.isArray(value) ? value : [value]);
const has = (object, key) => Object.prototype.hasOwnProperty.call(object, key);

// venues.py's venue_key: lower case letters and digits, no trailing year
function venueKey(text) {
  const bare = strip(text).replace(YEAR_SUFFIX, "");
  return lower(strip(bare) ? bare : strip(text)).replace(/[^0-9a-z]+/g, "");
}

class FilterError extends Error {}
const fail = (message, column) => { throw new FilterError(`${message} (column ${column})`); };

// -- scanning, as filters.py's _Scanner

function scan(text, fields) {
  let pos = 0;
  const n = text.length, terms = [];
  const error = (message, at = pos) => fail(message, at + 1);
  const space = () => pos < n && SPACE.test(text[pos]);
  function quoted() {
    const start = pos;
    let out = "";
    for (pos++; pos < n; pos++) {
      let c = text[pos];
      if (c === '"') return pos++, out;
      if (c === "\\" && (text[pos + 1] === '"' || text[pos + 1] === "\\")) c = text[++pos];
      out += c;
    }
    error("unterminated quote", start);
  }
  function bare(stop, what, whole) {
    const start = pos;
    for (; pos < n && !space() && text[pos] !== stop; pos++)
      if (text[pos] === '"') error(`a quote may only start a ${what}; put the whole ${whole} in quotes`);
    return { text: text.slice(start, pos), column: start + 1 };
  }
  function value(name) {
    const start = pos;
    if (text[pos] !== '"') {
      const v = bare(",", "value", "value");
      if (!v.text) error(text[start - 1] === "," ? `empty value in the list of '${name}' values` : `'${name}' needs a value after ':'`);
      return v;
    }
    const v = { text: strip(quoted()), column: start + 1 };
    if (!v.text) error(`empty value for '${name}'`, start);
    if (pos < n && !space() && text[pos] !== ",") error("expected ',' or a space after the closing quote");
    return v;
  }
  function term() {
    const start = pos, negated = text[pos] === "-";
    if (negated) {
      pos++;
      if (pos >= n || space()) error("'-' must be followed by a term to exclude", start);
      if (text[pos] === "-") error("a term can be negated only once; quote a phrase that starts with '-'");
    }
    NAME.lastIndex = pos;
    const m = NAME.exec(text);
    if (!m) {
      if (text[pos] !== '"') return { negated, name: null, values: [bare("", "term or a value", "phrase")], start };
      const phrase = { text: squash(quoted()), column: start + 1 };
      if (!phrase.text) error("empty phrase in quotes", start);
      return { negated, name: null, values: [phrase], start };
    }
    const name = lower(m[0].slice(0, -1)), names = Object.keys(fields);
    if (!has(fields, name)) error(`unknown filter field '${name}'; to search for the text, put it in quotes: "${name}:…" (fields: ${names.join(", ")})`);
    pos += m[0].length;
    const values = [value(name)];
    while (text[pos] === ",") pos++, values.push(value(name));
    return { negated, name, values, start };
  }
  for (; space(); pos++);
  while (pos < n) {
    const raw = term();
    if (pos < n && !space()) error(`unexpected '${text[pos]}'; terms are separated by spaces`);
    raw.end = pos;
    terms.push(raw);
    for (; space(); pos++);
  }
  return terms;
}

// -- values and matching, as filters.py's _build and match()

function parseYear({ text, column }) {
  const t = strip(text), [, op, rest] = /^(>=|<=|>|<|=)?([\s\S]*)$/.exec(t), range = t.indexOf("..");
  const year = (part) => {
    if (/^[0-9]{1,4}$/.test((part = strip(part)))) return +part;
    fail(`bad year '${text}': write 2020, >=2020, <2020 or 2019..2022`, column);
  };
  if (op) {
    const y = year(rest);
    return { ">=": [y, null], "<=": [null, y], ">": [y + 1, null], "<": [null, y - 1], "=": [y, y] }[op];
  }
  if (range < 0) return [year(t), year(t)];
  const [low, high] = [t.slice(0, range), t.slice(range + 2)].map((p) => (strip(p) ? year(p) : null));
  if (low !== null && high !== null && low > high) fail(`empty year range '${text}': ${low} is after ${high}`, column);
  return [low, high];
}

const same = (x, v) => x === v;
const under = (sep) => (x, v) => x === v || x.startsWith(v + sep);
// Per match type: normalise, prepare, compare.
const TYPES = {
  exact: { value: String, prepare: String, test: same },
  lower: { value: lower, prepare: lower, test: same },
  venue: { value: (t, { venues }, k) => fold(has(venues, (k = venueKey(t))) ? venues[k] : t), prepare: fold, test: same },
  path: { value: (t, d, column) => lower(t.replace(/^\/+|\/+$/g, "")) || fail(`empty category '${t}'`, column), prepare: lower, test: under("/") },
  contains: { value: fold, prepare: fold, test: (x, v) => x.includes(v) },
  lang: { value: lower, prepare: lower, test: under("-") },
  year: { prepare: Number, test: (x, [low, high]) => (low === null || x >= low) && (high === null || x <= high) },
};
const typeOf = (data, name) => TYPES[data.fields[name]] || TYPES.lower;

// A field's prepared items per row ("": phrase text).
function column(data, prepared, name, prepare) {
  if (has(prepared, name)) return prepared[name];
  const k = data.keys.indexOf(name), text = data.text.map((f) => data.keys.indexOf(f)).filter((i) => i >= 0);
  return (prepared[name] = data.rows.map((row) =>
    name ? items(row[k]).map(prepare) : fold(text.flatMap((i) => items(row[i])).join("\n"))));
}

// Filter text -> [{negated, test(dataRow)}], or FilterError thrown.
function compile(text, data, prepared) {
  return scan(text, data.fields).map(({ negated, name, values }) => {
    if (name === null) {
      const phrase = fold(squash(values[0].text)), hay = column(data, prepared, "");
      return { negated, test: (i) => hay[i].includes(phrase) };
    }
    const type = typeOf(data, name), choices = data.choices && data.choices[name];
    const wanted = values.map((value) => {
      if (type === TYPES.year) return parseYear(value);
      const written = squash(value.text), normal = type.value(written, data, value.column);
      if (choices && !choices.includes(normal)) fail(`unknown ${name} '${written}' (${name}s: ${choices.join(", ")})`, value.column);
      return normal;
    });
    const cells = column(data, prepared, name, type.prepare);
    return { negated, test: (i) => cells[i].some((x) => wanted.some((v) => type.test(x, v))) };
  });
}

// filters.py's _quote_value
const quote = (text) => (text && !/[\s,"]/.test(text) && !SPACE.test(text) ? text : `"${text.replace(/[\\"]/g, "\\$&")}"`);

// -- one table

function el(tag, className, text, attrs = {}, click) {
  const node = document.createElement(tag);
  node.className = className;
  if (text != null) node.textContent = text;
  if (tag === "button") node.type = "button";
  for (const k in attrs) node.setAttribute(k, attrs[k]);
  node.onclick = click;
  return node;
}

let tables = 0;

function setUp(wrapper) {
  const table = wrapper.querySelector("table.awesome-table");
  let data = null;
  try { data = JSON.parse(wrapper.querySelector("script.awesome-table-data").textContent); } catch (e) { /* none */ }
  // No data, or data not matching the rows: the table stays as built.
  if (!table || !data || data.version !== 1 || !table.tBodies.length || wrapper.awesomeTable) return;
  const tbody = table.tBodies[0], heads = table.tHead ? [...table.tHead.rows[0].cells] : [], rows = [], segments = [{ rows: [] }];
  for (const tr of tbody.rows) {
    if (tr.classList.contains("awesome-group")) { segments.push({ head: tr, rows: [] }); continue; }
    const d = +tr.getAttribute("data-awesome-row");
    if (!(Number.isInteger(d) && d >= 0 && d < data.rows.length)) return;
    const row = { tr, d, at: rows.length, shown: true, match: true, placed: 1 };
    rows.push(row);
    segments.at(-1).rows.push(row);
  }
  if (!rows.length) return;
  const number = tables++, big = rows.length > BIG, id = `awesome-tools-${number}`;
  const param = number ? `filter-${table.id || number + 1}` : "filter";
  const prepared = {}, nf = (n) => n.toLocaleString(), noun = (n) => nf(n) + (n === 1 ? " entry" : " entries");
  let query = "", sorted = { key: null, dir: 0 }, order = rows.slice(), limit = Infinity, timer = 0, urlTimer = 0;

  const tools = el("div", "awesome-tools"), bar = el("div", "awesome-filter");
  const input = el("input", "awesome-filter-input", null, {
    type: "search", placeholder: "Filter: words, tag:…, venue:…, year:>=2020", autocomplete: "off", spellcheck: "false",
    "aria-label": "Filter entries: words or field:value terms", "aria-describedby": `${id}-error`,
  });
  const count = el("span", "awesome-filter-count", null, { role: "status" });
  const message = el("p", "awesome-filter-error", null, { id: `${id}-error`, "aria-live": "polite" });
  message.hidden = true;
  bar.append(input, count);
  tools.append(bar, message);

  // A big table shows PAGE matches, then this row.
  const more = el("tr", "awesome-more"), moreCell = el("td", "", null, { colspan: heads.length || 1 });
  const moreButton = el("button", "awesome-more-button", "", {}, () => show(limit + PAGE));
  moreCell.append(moreButton, " ", el("button", "awesome-more-button", "Show all", {}, () => show(Infinity)));
  more.append(moreCell);

  // -- filtering

  function apply(text) {
    let terms = null;
    try {
      terms = compile(text, data, prepared);
    } catch (e) {
      if (!(e instanceof FilterError)) throw e;
      message.textContent = `Cannot filter: ${e.message}`;
    }
    message.hidden = !!terms;
    input.setAttribute("aria-invalid", !terms);
    if (!terms) return; // the last good view stays
    query = text;
    for (const row of rows) row.match = terms.every((t) => t.test(row.d) !== t.negated);
    show(big ? PAGE : Infinity);
    updateFacets();
    clearTimeout(urlTimer);
    if (big) urlTimer = setTimeout(remember, 400); // slow on big pages
    else remember();
  }

  // Shows `upTo` matches and their groups. A sort moves only rows shown (10,000 is slow);
  // one shown later goes before the next row placed since.
  function show(upTo) {
    let matches = 0;
    limit = upTo;
    more.remove();
    for (const row of order) {
      const visible = row.match && matches++ < upTo;
      if (visible !== row.shown) row.tr.hidden = !(row.shown = visible);
    }
    segments.forEach((segment, i) => {
      let at = (segments[i + 1] || {}).head;
      for (const row of segment.rows.slice().reverse()) {
        if (row.shown && !row.placed) row.placed = tbody.insertBefore(row.tr, at);
        if (row.placed) at = row.tr;
      }
      if (segment.head) segment.head.hidden = !segment.rows.some((row) => row.shown);
    });
    count.textContent = strip(query) ? `${nf(matches)} of ${noun(rows.length)}` : noun(rows.length);
    if (matches > upTo) {
      moreButton.textContent = `Show ${nf(Math.min(PAGE, matches - upTo))} more (${nf(upTo)} of ${nf(matches)} shown)`;
      tbody.append(more);
    }
  }

  function remember() {
    try {
      const url = new URL(location.href);
      if (strip(query)) url.searchParams.set(param, query);
      else url.searchParams.delete(param);
      if (url.href !== location.href) history.replaceState(history.state, "", url.href);
    } catch (e) { /* sandboxed: no history */ }
  }

  const setQuery = (text) => apply((input.value = text));
  input.addEventListener("input", () => {
    clearTimeout(timer);
    if (big) timer = setTimeout(() => apply(input.value), 150); // a pause in typing
    else apply(input.value);
  });
  input.addEventListener("keydown", (event) => event.key === "Escape" && input.value && (event.preventDefault(), setQuery("")));

  // A link to a hidden row shows it.
  function reveal() {
    let target = null;
    try { target = document.getElementById(decodeURIComponent(location.hash.slice(1))); } catch (e) { /* bad % */ }
    const row = target && rows.find((r) => r.tr.contains(target));
    if (!row || row.shown) return;
    if (!row.match) setQuery("");
    show(Math.max(limit, order.filter((r) => r.match).indexOf(row) + PAGE));
    target.scrollIntoView();
  }
  addEventListener("hashchange", reveal);

  // -- facets: a chip adds or removes field:value

  const facets = (data.facets || []).filter((name) => has(data.fields, name)).map((name) => {
    const k = data.keys.indexOf(name), totals = {}, codes = {};
    const cells = data.rows.map((row) => items(row[k]).slice(0, data.fields[name] === "venue" ? 1 : undefined));
    for (const row of rows) for (const v of cells[row.d]) totals[v] = (totals[v] || 0) + 1;
    const values = Object.keys(totals).sort(data.fields[name] === "year" ? (a, b) => b - a
      : (a, b) => totals[b] - totals[a] || a.localeCompare(b));
    values.forEach((v, i) => (codes[v] = i));
    return { name, type: typeOf(data, name), values, open: false, codes: cells.map((list) => list.map((v) => codes[v])) };
  }).filter((facet) => facet.values.length > 1);

  // A value as its facet compares it (a year as written, "=" aside).
  function normal(facet, text) {
    text = squash(String(text));
    try { return facet.type.value ? facet.type.value(text, data, 0) : strip(text.replace(/^=/, "")); } catch (e) { return null; }
  }
  const terms = (text) => { try { return scan(text, data.fields); } catch (e) { return []; } };
  // The term of `list` that is exactly facet:value, not negated.
  const find = (list, facet, i) => list.find((t) => !t.negated && t.name === facet.name && t.values.length === 1 && normal(facet, t.values[0].text) === facet.normal[i]);

  const facetBox = el("details", "awesome-facets"), facetBody = el("div", "awesome-facets-body");
  facetBox.append(el("summary", "", `Refine by ${facets.map((f) => f.name).join(", ")}`), facetBody);
  facetBox.open = wrapper.clientWidth > 576; // closed in a phone-sized box
  for (const facet of facets) {
    const group = el("div", "awesome-facet", null, { role: "group", "aria-label": `Filter by ${facet.name}` });
    group.append(el("span", "awesome-facet-label", facet.name));
    facet.normal = facet.values.map((v) => normal(facet, v));
    facet.chips = facet.values.map((value, i) => {
      const chip = el("button", "awesome-facet-chip", `${value} `, {}, () => {
        const text = input.value, term = find(terms(text), facet, i);
        setQuery(strip((term ? text.slice(0, term.start) + " " + text.slice(term.end) : `${text} ${facet.name}:${quote(value)}`).replace(RUNS, " ")));
      });
      chip.append(el("span", "awesome-facet-count"));
      return chip;
    });
    facet.more = el("button", "awesome-facet-more", "", {}, () => updateFacets((facet.open = !facet.open)));
    group.append(...facet.chips, facet.more);
    facetBody.append(group);
  }
  if (facets.length) tools.append(facetBox);

  function updateFacets() {
    const list = terms(query);
    for (const facet of facets) {
      const counts = facet.values.map(() => 0);
      let listed = 0, hidden = 0;
      for (const row of rows) if (row.match) for (const c of facet.codes[row.d]) counts[c]++;
      facet.chips.forEach((chip, i) => {
        const active = !!find(list, facet, i), n = String(counts[i]);
        let visible = active || counts[i] > 0;
        if (visible && !active && !facet.open && listed >= CHIPS) visible = !++hidden;
        listed += visible;
        if (chip.hidden === visible) chip.hidden = !visible;
        if (chip.getAttribute("aria-pressed") !== String(active)) chip.setAttribute("aria-pressed", active);
        if (chip.lastChild.textContent !== n) chip.lastChild.textContent = n;
      });
      facet.more.hidden = !facet.open && !hidden;
      facet.more.textContent = facet.open ? "fewer" : `+${hidden} more`;
      facet.more.setAttribute("aria-expanded", facet.open);
    }
  }

  // -- sorting: header buttons cycle ascending, descending, as built

  const headers = [], sortKey = data.keys.indexOf("sort");
  for (const th of heads) {
    const key = (th.className.match(/awesome-col-(\S+)/) || [])[1];
    if (!has(data.sorts || {}, key)) continue;
    th.setAttribute("data-awesome-sort", key);
    const button = el("button", "awesome-sort", th.textContent.trim(), {}, () => sort(key, sorted.key !== key ? 1 : [0, 0, -1][sorted.dir + 1]));
    button.append(el("span", "awesome-sort-icon", null, { "aria-hidden": "true" }));
    th.replaceChildren(button);
    th.classList.add("awesome-sortable");
    headers.push(th);
  }
  if (headers.length) table.classList.add("awesome-sortable-table");

  // Sorts within groups (dir 1, -1; 0: as built); missing values last.
  function sort(key, dir) {
    const numeric = data.sorts[key] === "number";
    const values = data.rows.map((row, v) => ((v = (row[sortKey] || {})[key]) == null ? null : numeric ? +v : String(v)));
    const compare = (a, b, x = values[a.d], y = values[b.d]) =>
      !dir || x === y ? a.at - b.at : x === null || y === null ? (x === null ? 1 : -1) : x < y ? -dir : dir;
    order = segments.flatMap((segment) => segment.rows.sort(compare));
    for (const row of rows) row.placed = 0;
    sorted = { key: dir ? key : null, dir };
    for (const th of headers) {
      if (th.getAttribute("data-awesome-sort") === sorted.key) th.setAttribute("aria-sort", dir > 0 ? "ascending" : "descending");
      else th.removeAttribute("aria-sort");
    }
    show(big ? PAGE : Infinity);
  }

  // -- citing: a Copy button, made when a "Cite" first opens

  wrapper.addEventListener("toggle", (event) => {
    const pre = event.target.matches("details.awesome-cite[open]") && event.target.querySelector("pre");
    if (!pre || pre.previousElementSibling?.matches(".awesome-copy-status")) return;
    const note = el("span", "awesome-copy-status", null, { "aria-live": "polite" });
    pre.before(el("button", "awesome-copy", "Copy", {}, () => copy(pre, note)), note);
  }, true);

  // Filter box, facets: :filter-box: tables.
  const boxed = wrapper.classList.contains("awesome-filter-box");
  if (boxed) wrapper.prepend(tools);
  wrapper.awesomeTable = { apply: setQuery, sort, show };
  let initial = "";
  try { initial = boxed && new URL(location.href).searchParams.get(param) || ""; } catch (e) { /* no URL */ }
  setQuery(initial);
  if (location.hash) reveal();
  // Prepared before the reader types
  setTimeout(() => ["", ...Object.keys(data.fields)].forEach((f) => column(data, prepared, f, f && typeOf(data, f).prepare)), 50);
}

// Clipboard API, else select the text.
function copy(pre, note) {
  const select = () => {
    let done = false;
    getSelection().selectAllChildren(pre);
    try { done = document.execCommand("copy"); } catch (e) { /* not allowed */ }
    note.textContent = done ? "Copied" : "Selected: press Ctrl+C (⌘C) to copy";
  };
  if (!navigator.clipboard || !isSecureContext) return select();
  navigator.clipboard.writeText(pre.textContent).then(() => (note.textContent = "Copied"), select);
}

const init = () => document.querySelectorAll(".awesome-paper-table").forEach(setUp);
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
else init();
})();
