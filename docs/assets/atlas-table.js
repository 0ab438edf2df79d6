/* Transformer Atlas: the models explorer on /models/.
 *
 * Without JavaScript the page shows the first page of the static table and links to the others (/models/page/N/),
 * so every row is reachable. With it, this script reads every row from the site's own /api/v1/sizes.json (no other
 * request), filters and sorts them in memory, and draws only the first rows that match (more on request), so the
 * page stays quick with tens of thousands of sizes. Every choice is kept in the page address
 * (?family=…&sort=params&dir=desc…): a view can be shared or put on a slide, and reloading restores it.
 * Contributor text only ever reaches the page through textContent and attribute values, never as markup.
 */
(function () {
  "use strict";

  var FIELDS = ["q", "family", "org", "arch", "open", "from", "to", "pmin", "pmax",
                "attention", "positions", "norm", "activation", "moe", "hybrid"];
  var FACETS = ["attention", "positions", "norm", "activation"];  // the architecture columns and filters
  var PAGE = 100;  // rows drawn at once; "Show more rows" adds as many again

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function init() {
    var root = document.querySelector("[data-atlas-explorer]");
    if (!root || root.dataset.ready) return;
    root.dataset.ready = "1";
    var form = root.querySelector("form");
    var table = root.querySelector("table");
    var tbody = table.tBodies[0];
    var count = root.querySelector(".atlas-count");
    var empty = root.querySelector("[data-empty]");
    var more = root.querySelector("[data-more]");
    var pager = root.querySelector("[data-static-pager]");
    var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
    var numericCols = {};
    headers.forEach(function (th) { if (th.hasAttribute("data-numeric")) numericCols[th.dataset.col] = true; });
    // The static rows are page 1 of the table: their links are the template every drawn row copies.
    var base = tbody.rows.length ? tbody.rows[0].querySelector('[data-col="model"] a').getAttribute("href")
      .replace(/models\/[^/]+\/$/, "") : "../";
    var state = { sort: "", dir: "asc", limit: PAGE };
    var data = null;
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    // On a phone the filters fold behind one button, so the table starts on the first screen. The folding is done by
    // the style sheet (a phone shows only the summary until the box has the class atlas-unfolded), not by closing the
    // box here: a script that ran after the first paint would move the table up.
    var box = root.querySelector("[data-filterbox]");
    var phone = window.matchMedia("(max-width: 44.9375em)");
    if (box) {
      var summary = box.querySelector("summary");
      // On a phone the box stays open and the class folds it, so the summary says itself whether it is expanded;
      // on wider screens the browser says so from the box's own state.
      var announce = function () {
        if (phone.matches) summary.setAttribute("aria-expanded", String(box.classList.contains("atlas-unfolded")));
        else summary.removeAttribute("aria-expanded");
      };
      announce();
      summary.addEventListener("click", function (event) {
        if (!phone.matches) return;  // wider screens: the box opens and closes as usual
        event.preventDefault();
        box.open = true;
        box.classList.toggle("atlas-unfolded");
        announce();
      });
    }

    headers.forEach(function (th) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "atlas-sort";
      button.textContent = th.textContent;
      if (th.title) button.title = th.title;
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () {
        var key = th.dataset.col;
        if (state.sort === key) {
          state.dir = state.dir === "asc" ? "desc" : "asc";
        } else {
          state.sort = key;
          state.dir = numericCols[key] ? "desc" : "asc";
        }
        state.limit = PAGE;
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
      state.limit = PAGE;
    }

    function writeUrl() {
      var params = new URLSearchParams();
      FIELDS.forEach(function (name) {
        var value = form.elements[name].value.trim();
        if (value) params.set(name, value);
      });
      if (form.elements.per.checked) params.set("per", "model");
      var hidden = hiddenColumns();
      if (hidden.length) params.set("hide", hidden.join(","));
      if (state.sort) { params.set("sort", state.sort); params.set("dir", state.dir); }
      var query = params.toString();
      window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
    }

    function hiddenColumns() {
      return Array.prototype.filter.call(form.querySelectorAll("input[name=col]"), function (box) {
        return !box.checked;
      }).map(function (box) { return box.value; });
    }

    // One plain object per size, with what filtering and sorting need precomputed once.
    function prepare(json) {
      return json.sizes.map(function (s, index) {
        var orgNames = s.organizations.map(function (o) { return json.organization_names[o] || o; });
        return {
          s: s, index: index, orgNames: orgNames,
          familyNames: s.families.map(function (f) { return json.family_names[f] || f; }),
          year: Number(s.date.slice(0, 4)),
          params: s.numbers.params === undefined ? null : s.numbers.params,
          text: [s.model_name, s.variant_name].concat(s.other_names, orgNames).join(" ").toLowerCase()
        };
      });
    }

    function matches(row) {
      var f = form.elements, s = row.s;
      var q = f.q.value.trim().toLowerCase();
      if (q && row.text.indexOf(q) === -1) return false;
      if (f.family.value && s.families.indexOf(f.family.value) === -1) return false;
      if (f.org.value && s.organizations.indexOf(f.org.value) === -1) return false;
      if (f.arch.value && s.architecture !== f.arch.value) return false;
      if (f.open.value && (s.open_weights ? "yes" : "no") !== f.open.value) return false;
      if (f.from.value && row.year < Number(f.from.value)) return false;
      if (f.to.value && row.year > Number(f.to.value)) return false;
      if (f.pmin.value && (row.params === null || row.params < Number(f.pmin.value))) return false;
      if (f.pmax.value && (row.params === null || row.params > Number(f.pmax.value))) return false;
      for (var i = 0; i < FACETS.length; i++) {
        if (f[FACETS[i]].value && s[FACETS[i]] !== f[FACETS[i]].value) return false;
      }
      if (f.moe.value && (s.moe ? "yes" : "no") !== f.moe.value) return false;
      if (f.hybrid.value && (s.hybrid ? "yes" : "no") !== f.hybrid.value) return false;
      return true;
    }

    function largestPerModel(list) {
      var best = {};
      list.forEach(function (row) {
        var current = best[row.s.model];
        var size = row.params === null ? -1 : row.params;
        if (!current || size > current.size) best[row.s.model] = { row: row, size: size };
      });
      return list.filter(function (row) { return best[row.s.model].row === row; });
    }

    function sortValue(row, key) {
      var s = row.s;
      switch (key) {
        case "model": return s.model_name.toLowerCase();
        case "variant": return s.variant_name.toLowerCase();
        case "family": return row.familyNames.join(", ").toLowerCase();
        case "organization": return row.orgNames.join(", ").toLowerCase();
        case "date": return s.date;
        case "open": return s.open_weights ? 1 : 0;
        case "attention": case "positions": case "norm": case "activation":
          return s[key] === null ? null : data.labels[key][s[key]].toLowerCase();
        default: return s.numbers[key] === undefined ? null : s.numbers[key];
      }
    }

    function compare(a, b) {
      var x = sortValue(a, state.sort), y = sortValue(b, state.sort);
      if (x === null && y === null) return a.index - b.index;
      if (x === null) return 1;  // unknown values go last, whatever the direction
      if (y === null) return -1;
      var order = x < y ? -1 : x > y ? 1 : 0;
      if (state.dir === "desc") order = -order;
      return order || a.index - b.index;
    }

    function cell(key, value, sort) {
      var td = el("td", { "data-col": key });
      if (sort !== undefined) td.setAttribute("data-sort", sort);
      if (value !== undefined) td.textContent = value;
      return td;
    }

    function link(href, text) { return el("a", { href: href }, text); }

    function numberCell(field, row) {
      var s = row.s, value = s.numbers[field.name];
      var td = cell(field.name, undefined, value === null ? "" : String(value));
      if (value !== null) {
        td.className = "atlas-num";
        var estimate = field.derived || s.estimated.indexOf(field.name) !== -1;
        td.textContent = (estimate ? "≈" : "") + window.atlasShowNumber(field.style, value);
      } else if (s.undisclosed.indexOf(field.name) !== -1) {
        td.className = "atlas-unknown";
        td.textContent = "undisclosed";
      } else {
        td.className = "atlas-na";
        td.appendChild(el("span", { role: "img", "aria-label": "not recorded" }, "–"));
      }
      return td;
    }

    function drawRow(row) {
      var s = row.s;
      var tr = el("tr", { id: s.model + "--" + s.variant, "data-model": s.model, "data-arch": s.architecture,
                          "data-params": row.params === null ? "" : String(row.params) });
      var model = cell("model"); model.appendChild(link(base + "models/" + s.model + "/", s.model_name));
      var variant = cell("variant");
      variant.appendChild(link(base + "models/" + s.model + "/#" + s.variant, s.variant_name));
      var family = cell("family");
      s.families.forEach(function (f, i) {
        if (i) family.appendChild(document.createTextNode(", "));
        family.appendChild(link(base + "families/" + f + "/", row.familyNames[i]));
      });
      [model, variant, family, cell("organization", row.orgNames.join(", ")), cell("date", s.date, s.date)]
        .forEach(function (td) { tr.appendChild(td); });
      FACETS.forEach(function (name) {
        if (s[name] === null) {
          var td = cell(name, undefined, "");
          td.className = "atlas-na";
          td.appendChild(el("span", { role: "img", "aria-label": "not recorded" }, "–"));
          tr.appendChild(td);
        } else {
          tr.appendChild(cell(name, data.labels[name][s[name]]));
        }
      });
      data.fields.forEach(function (field) { tr.appendChild(numberCell(field, row)); });
      tr.appendChild(cell("open", s.open_weights ? "yes" : "no", s.open_weights ? "1" : "0"));
      return tr;
    }

    function update() {
      var shown = data.rows.filter(matches);
      if (form.elements.per.checked) shown = largestPerModel(shown);
      if (state.sort) shown = shown.slice().sort(compare);
      var hidden = hiddenColumns();
      var fragment = document.createDocumentFragment();
      shown.slice(0, state.limit).forEach(function (row) { fragment.appendChild(drawRow(row)); });
      tbody.textContent = "";
      tbody.appendChild(fragment);
      Array.prototype.forEach.call(table.querySelectorAll("[data-col]"), function (c) {
        c.hidden = hidden.indexOf(c.dataset.col) !== -1;
      });
      headers.forEach(function (th) {
        if (th.dataset.col === state.sort) {
          th.setAttribute("aria-sort", state.dir === "asc" ? "ascending" : "descending");
        } else {
          th.removeAttribute("aria-sort");
        }
      });
      var per = form.elements.per.checked;
      var total = per ? data.models : data.rows.length;
      var drawn = Math.min(shown.length, state.limit);
      count.textContent = shown.length + " of " + total + " " + (per ? "models" : "sizes") + " shown" +
        (drawn < shown.length ? " (the first " + drawn + " below)" : "");
      more.hidden = drawn >= shown.length;
      empty.hidden = shown.length !== 0;
      writeUrl();
    }

    // Filtering runs on every keystroke: it reads plain objects and draws at most `limit` rows, a few
    // milliseconds even for tens of thousands of sizes (make bench measures it).
    form.addEventListener("input", function () { state.limit = PAGE; update(); });
    form.addEventListener("change", function () { state.limit = PAGE; update(); });
    more.querySelector("button").addEventListener("click", function () { state.limit += PAGE; update(); });
    Array.prototype.forEach.call(root.querySelectorAll("[data-reset]"), function (button) {
      button.addEventListener("click", function () {
        window.history.replaceState(null, "", window.location.pathname);
        readUrl();
        update();
      });
    });

    function load(url) {
      return fetch(url).then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.json();
      });
    }
    // The columns' formats come from the registry (fields.json); the rows from sizes.json.
    Promise.all([load(root.dataset.rows), load(root.dataset.fields)]).then(function (loaded) {
      var byName = {};
      loaded[1].fields.forEach(function (field) { byName[field.name] = field; });
      var fields = headers.map(function (th) { return byName[th.dataset.col]; }).filter(Boolean);
      var rows = prepare(loaded[0]);
      var models = {};
      rows.forEach(function (row) { models[row.s.model] = true; });
      var labels = {};
      loaded[1].components.forEach(function (c) {
        if (!c.choices) return;
        labels[c.name] = {};
        Object.keys(c.choices).forEach(function (value) { labels[c.name][value] = c.choices[value].label; });
      });
      data = { rows: rows, fields: fields, labels: labels, models: Object.keys(models).length };
      // The form is drawn from the start (so nothing moves when the rows arrive) and usable from now on.
      form.querySelector("[data-filter-controls]").disabled = false;
      if (pager) pager.hidden = true;  // every row is now in reach of the explorer
      readUrl();
      update();
      root.dataset.loaded = "1";
    }).catch(function () {
      count.textContent += " The filters could not load the full table; the pages below list every size.";
    });
  }

  // Material's instant navigation swaps pages without a reload: document$ emits on every page.
  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(init);
  } else {
    document.addEventListener("DOMContentLoaded", init);
  }
})();
