/* sphinx-awesome: the filter box of `paper-table` tables built with :filter-box:.
 *
 * The box ships hidden so that readers without JavaScript never see a control that does
 * nothing; every row is in the page either way. Matching uses the search strings the
 * extension writes into <script class="awesome-filter-data"> (one per row, in row order),
 * falling back to a row's own text when that data is missing or does not line up.
 */
(function () {
  "use strict";

  // Lower-case and strip accents, so "zurich" finds "Zürich" and "Zurich" finds "zürich".
  function fold(text) {
    var s = String(text).toLowerCase();
    return s.normalize ? s.normalize("NFD").replace(/[\u0300-\u036f]/g, "") : s;
  }

  function readData(wrapper, count) {
    var script = wrapper.querySelector("script.awesome-filter-data");
    try {
      var data = JSON.parse(script.textContent);
      if (Array.isArray(data) && data.length === count) return data;
    } catch (e) {
      // Missing or malformed: the caller falls back to the rows' text.
    }
    return null;
  }

  function setUp(wrapper) {
    var box = wrapper.querySelector(".awesome-filter");
    var input = box && box.querySelector("input.awesome-filter-input");
    if (!input || wrapper.hasAttribute("data-awesome-filter-ready")) return;
    wrapper.setAttribute("data-awesome-filter-ready", "");

    var rows = Array.prototype.slice.call(wrapper.querySelectorAll("tr.awesome-row"));
    var groups = Array.prototype.slice.call(wrapper.querySelectorAll("tr.awesome-group"));
    var output = box.querySelector(".awesome-filter-count");
    var data = readData(wrapper, rows.length);
    var haystacks = rows.map(function (row, i) {
      return fold(data && typeof data[i] === "string" ? data[i] : row.textContent);
    });

    function apply() {
      var words = fold(input.value).split(/\s+/).filter(Boolean);
      var shown = 0;
      rows.forEach(function (row, i) {
        var match = words.every(function (w) { return haystacks[i].indexOf(w) !== -1; });
        row.hidden = !match;
        if (match) shown += 1;
      });
      // A group heading stays only while a row between it and the next heading is shown.
      groups.forEach(function (group) {
        var any = false;
        for (var r = group.nextElementSibling; r && !r.classList.contains("awesome-group");
             r = r.nextElementSibling) {
          if (r.classList.contains("awesome-row") && !r.hidden) { any = true; break; }
        }
        group.hidden = !any;
      });
      if (output) {
        var noun = rows.length === 1 ? " entry" : " entries";
        output.textContent = words.length ? shown + " of " + rows.length + noun : "";
      }
    }

    function clear() {
      input.value = "";
      apply();
    }

    input.addEventListener("input", apply);
    input.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && input.value) {
        event.preventDefault();
        clear();
      }
    });
    // Following a link to a row the filter has hidden: show everything again.
    window.addEventListener("hashchange", function () {
      var id = location.hash.slice(1);
      try { id = decodeURIComponent(id); } catch (e) { /* a malformed %-escape: use as is */ }
      var target = id && document.getElementById(id);
      var row = target && target.closest ? target.closest("tr") : null;
      if (row && row.hidden && wrapper.contains(row)) clear();
    });

    box.hidden = false;
    if (input.value) apply(); // the browser may have restored a query on "back"
  }

  function init() {
    var wrappers = document.querySelectorAll(".awesome-paper-table");
    Array.prototype.forEach.call(wrappers, setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
