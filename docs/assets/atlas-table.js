/* Transformer Atlas: sorting and filtering for the comparison table on /models/.
 *
 * The table is complete static HTML; this script only hides, shows and reorders its rows. Every choice is kept
 * in the page address (?family=…&sort=params&dir=desc…), so a view can be shared or put on a slide, and reloading
 * the address restores it. No network requests, no libraries.
 */
(function () {
  "use strict";

  var FIELDS = ["q", "family", "org", "arch", "open", "from", "to", "pmin", "pmax"];

  function init() {
    var root = document.querySelector("[data-atlas-explorer]");
    if (!root || root.dataset.ready) return;
    root.dataset.ready = "1";
    var form = root.querySelector("form");
    var table = root.querySelector("table");
    var tbody = table.tBodies[0];
    var rows = Array.prototype.slice.call(tbody.rows);
    var original = rows.slice();
    var count = root.querySelector(".atlas-count");
    var empty = root.querySelector("[data-empty]");
    var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
    var state = { sort: "", dir: "asc" };
    // Enter in a field must not submit the form (an inline onsubmit would be refused by the page's CSP).
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.hidden = false;

    // Each heading becomes a button: keyboard users sort with Enter or Space like everyone else.
    headers.forEach(function (th) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "atlas-sort";
      button.innerHTML = th.innerHTML;
      th.innerHTML = "";
      th.appendChild(button);
      button.addEventListener("click", function () {
        var key = th.dataset.col;
        if (state.sort === key) {
          state.dir = state.dir === "asc" ? "desc" : "asc";
        } else {
          state.sort = key;
          state.dir = th.hasAttribute("data-numeric") ? "desc" : "asc";
        }
        update();
      });
    });

    function readUrl() {
      var params = new URLSearchParams(window.location.search);
      FIELDS.forEach(function (name) { form.elements[name].value = params.get(name) || ""; });
      form.elements.per.checked = params.get("per") === "model";
      var hidden = (params.get("hide") || "").split(",");
      Array.prototype.forEach.call(form.querySelectorAll("input[name=col]"), function (box) {
        box.checked = hidden.indexOf(box.value) === -1;
      });
      state.sort = params.get("sort") || "";
      state.dir = params.get("dir") === "desc" ? "desc" : "asc";
    }

    function writeUrl() {
      var params = new URLSearchParams();
      FIELDS.forEach(function (name) {
        var value = form.elements[name].value.trim();
        if (value) params.set(name, value);
      });
      if (form.elements.per.checked) params.set("per", "model");
      var hidden = Array.prototype.filter.call(form.querySelectorAll("input[name=col]"), function (box) {
        return !box.checked;
      }).map(function (box) { return box.value; });
      if (hidden.length) params.set("hide", hidden.join(","));
      if (state.sort) { params.set("sort", state.sort); params.set("dir", state.dir); }
      var query = params.toString();
      window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
    }

    function cellValue(row, key) {
      var cell = row.querySelector('[data-col="' + key + '"]');
      if (!cell) return null;
      var sort = cell.getAttribute("data-sort");
      if (sort === null) return cell.textContent.trim().toLowerCase();
      return sort === "" ? null : sort;
    }

    function matches(row) {
      var f = form.elements;
      var q = f.q.value.trim().toLowerCase();
      if (q && row.dataset.text.indexOf(q) === -1) return false;
      if (f.family.value && row.dataset.family.split(" ").indexOf(f.family.value) === -1) return false;
      if (f.org.value && row.dataset.org.split(" ").indexOf(f.org.value) === -1) return false;
      if (f.arch.value && row.dataset.arch !== f.arch.value) return false;
      if (f.open.value && row.dataset.open !== f.open.value) return false;
      var year = Number(row.dataset.year);
      if (f.from.value && year < Number(f.from.value)) return false;
      if (f.to.value && year > Number(f.to.value)) return false;
      var params = row.dataset.params === "" ? null : Number(row.dataset.params);
      if (f.pmin.value && (params === null || params < Number(f.pmin.value))) return false;
      if (f.pmax.value && (params === null || params > Number(f.pmax.value))) return false;
      return true;
    }

    function largestPerModel(list) {
      var best = {};
      list.forEach(function (row) {
        var current = best[row.dataset.model];
        var size = row.dataset.params === "" ? -1 : Number(row.dataset.params);
        if (!current || size > current.size) best[row.dataset.model] = { row: row, size: size };
      });
      return list.filter(function (row) { return best[row.dataset.model].row === row; });
    }

    function compare(a, b) {
      var th = table.tHead.querySelector('[data-col="' + state.sort + '"]');
      var numeric = th && th.hasAttribute("data-numeric") && state.sort !== "date";
      var x = cellValue(a, state.sort), y = cellValue(b, state.sort);
      if (x === null && y === null) return 0;
      if (x === null) return 1;  // unknown values go last, whatever the direction
      if (y === null) return -1;
      var order = numeric ? Number(x) - Number(y) : (x < y ? -1 : x > y ? 1 : 0);
      return state.dir === "desc" ? -order : order;
    }

    function update() {
      var shown = original.filter(matches);
      if (form.elements.per.checked) shown = largestPerModel(shown);
      if (state.sort) {
        // Array.prototype.sort is stable, so equal values keep the table's date order.
        shown = shown.slice().sort(compare);
      }
      var visible = new Set(shown);
      var ordered = shown.concat(original.filter(function (row) { return !visible.has(row); }));
      ordered.forEach(function (row) {
        row.hidden = !visible.has(row);
        tbody.appendChild(row);
      });
      var hiddenCols = Array.prototype.filter.call(form.querySelectorAll("input[name=col]"), function (box) {
        return !box.checked;
      }).map(function (box) { return box.value; });
      Array.prototype.forEach.call(table.querySelectorAll("[data-col]"), function (cell) {
        cell.hidden = hiddenCols.indexOf(cell.dataset.col) !== -1;
      });
      headers.forEach(function (th) {
        if (th.dataset.col === state.sort) {
          th.setAttribute("aria-sort", state.dir === "asc" ? "ascending" : "descending");
        } else {
          th.removeAttribute("aria-sort");
        }
      });
      var unit = form.elements.per.checked ? "models" : "sizes";
      count.textContent = shown.length + " of " + (form.elements.per.checked ? largestPerModel(original).length : original.length)
        + " " + unit + " shown";
      empty.hidden = shown.length !== 0;
      writeUrl();
    }

    form.addEventListener("input", update);
    form.addEventListener("change", update);
    Array.prototype.forEach.call(root.querySelectorAll("[data-reset]"), function (button) {
      button.addEventListener("click", function () {
        window.history.replaceState(null, "", window.location.pathname);
        readUrl();
        update();
      });
    });
    readUrl();
    update();
  }

  // Material's instant navigation swaps pages without a reload: document$ emits on every page.
  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(init);
  } else {
    document.addEventListener("DOMContentLoaded", init);
  }
})();
