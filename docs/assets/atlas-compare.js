/* Transformer Atlas: the compare view (/compare/?m=bert,gpt-3:gpt-3-175b).
 *
 * Reads the site's own /api/v1/models.json (no other request), shows the chosen models side by side (rows are
 * fields, columns are models), marks the rows whose values differ, and keeps the choice in the address.
 */
(function () {
  "use strict";

  // How the site writes numbers, the same rules as macros/render/format.py (a test compares the two at every unit
  // boundary): counts as 1.4T or 999K, rounding up to the next unit (999,950 is 1M, never 1e+3K); exact values
  // with thousands separators; ratios with one decimal below 100; compute as 6.3 × 10²³.
  var UNITS = [[1e3, "K"], [1e6, "M"], [1e9, "B"], [1e12, "T"]];

  function human(value) {
    for (var i = UNITS.length - 1; i >= 0; i--) {
      if (value >= UNITS[i][0]) {
        var scaled = Number((value / UNITS[i][0]).toPrecision(3));
        if (scaled >= 1000 && i + 1 < UNITS.length) return human(UNITS[i + 1][0]);
        return (scaled >= 1000 ? Math.round(value / UNITS[i][0]).toLocaleString("en") : String(scaled)) + UNITS[i][1];
      }
    }
    return String(value);
  }

  function flops(value) {
    var parts = value.toExponential(1).split("e");
    var digits = { "-": "⁻", "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹" };
    var exponent = String(Number(parts[1])).split("").map(function (c) { return digits[c]; }).join("");
    return parts[0] + " × 10" + exponent;
  }

  function show(style, value) {
    if (style === "count") return human(value);
    if (style === "ratio") return value < 100 ? value.toFixed(1) : value.toFixed(0);
    if (style === "flops") return flops(value);
    return value.toLocaleString("en");
  }
  window.atlasShowNumber = show;  // for the test that holds this formatter to the Python one

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function init() {
    var root = document.querySelector("[data-atlas-compare]");
    if (!root || root.dataset.ready) return;
    root.dataset.ready = "1";
    var status = root.querySelector("[data-status]");
    function load(url) {
      return fetch(url).then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      });
    }
    // The fields come from the site's own registry (/api/v1/fields.json): a field added there appears here.
    Promise.all([load(root.dataset.api), load(root.dataset.fields)]).then(function (data) {
      start(root, data[0].models, data[1].fields);
    }).catch(function (error) {
      status.textContent = "The model data could not be loaded (" + error.message + ").";
    });
  }

  function start(root, models, fields) {
    var byId = {};
    models.forEach(function (m) {
      byId[m.id] = m;
      m.aliases.forEach(function (old) { byId[old] = m; });  // compare links made before a rename keep working
    });
    var status = root.querySelector("[data-status]");
    var input = root.querySelector("input[list]");
    var list = root.querySelector("datalist");
    var output = root.querySelector("[data-output]");
    var projector = root.querySelector("[data-projector]");
    var choices = {};  // datalist text -> "model" or "model:variant"
    models.forEach(function (m) {
      choices[m.name] = m.id;
      list.appendChild(el("option", { value: m.name }));
      if (m.variants.length > 1) {
        m.variants.forEach(function (v) {
          var label = m.name + " · " + v.name;
          choices[label] = m.id + ":" + v.id;
          list.appendChild(el("option", { value: label }));
        });
      }
    });
    var form = root.querySelector("form");
    // Enter in a field must not submit the form (an inline onsubmit would be refused by the page's CSP).
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.hidden = false;

    function chosen() {
      var params = new URLSearchParams(window.location.search);
      return (params.get("m") || "").split(",").filter(function (key) {
        return key && byId[key.split(":")[0]];
      });
    }

    function setUrl(keys, view) {
      var params = new URLSearchParams(window.location.search);
      if (keys.length) params.set("m", keys.join(",")); else params.delete("m");
      if (view !== undefined) { if (view) params.set("view", view); else params.delete("view"); }
      var query = params.toString().replace(/%2C/g, ",").replace(/%3A/g, ":");
      window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : ""));
      render();
    }

    function pick(key) {
      var parts = key.split(":");
      var model = byId[parts[0]];
      var variant = null;
      if (parts[1]) {
        variant = model.variants.filter(function (v) {
          return v.id === parts[1] || v.aliases.indexOf(parts[1]) >= 0;
        })[0] || null;
      }
      if (!variant) {  // a model on its own stands for its largest size
        variant = model.variants.slice().sort(function (a, b) { return (b.params || 0) - (a.params || 0); })[0];
      }
      return { key: key, model: model, variant: variant };
    }

    function rowsFor(items) {
      var rows = [
        ["Size", items.map(function (i) { return i.variant.name; })],
        ["Family", items.map(function (i) { return i.model.family_names.join(", "); })],
        ["Organization", items.map(function (i) { return i.model.organization_names.join(", "); })],
        ["Date", items.map(function (i) { return i.model.date; })],
        ["Architecture", items.map(function (i) { return i.model.architecture; })],
        ["Open weights", items.map(function (i) { return i.model.open_weights ? "yes" : "no"; })],
        ["Licence", items.map(function (i) { return i.model.license; })],
      ];
      fields.forEach(function (field) {
        var values = items.map(function (i) {
          var v = i.variant[field.name];
          if (v === null || v === undefined) return "–";
          return (field.derived ? "≈" : "") + show(field.style, v);
        });
        if (values.some(function (v) { return v !== "–"; })) rows.push([field.label, values]);
      });
      return rows;
    }

    function render() {
      var keys = chosen();
      var view = new URLSearchParams(window.location.search).get("view");
      document.body.classList.toggle("atlas-projector", view === "projector");
      projector.textContent = view === "projector" ? "Leave projector view" : "Projector view";
      output.innerHTML = "";
      if (!keys.length) {
        status.textContent = "No model chosen yet: add one or more above.";
        return;
      }
      var items = keys.map(pick);
      status.textContent = items.length + " model" + (items.length === 1 ? "" : "s") + " compared. "
        + "Rows marked “differs” have different values.";
      var wrap = el("div", { "class": "atlas-table" });
      var table = el("table", { "class": "atlas-compare" });
      var head = el("tr");
      head.appendChild(el("th", { scope: "col" }, "Field"));
      items.forEach(function (item, index) {
        var th = el("th", { scope: "col" });
        var link = el("a", { href: root.dataset.models + item.model.id + "/#" + item.variant.id }, item.model.name);
        th.appendChild(link);
        var remove = el("button", { type: "button", "class": "atlas-remove", "aria-label": "Remove " + item.model.name }, "×");
        remove.addEventListener("click", function () {
          var rest = keys.slice(); rest.splice(index, 1); setUrl(rest);
          // The redraw removes the focused button, which would drop keyboard focus to the top of the page
          // (WCAG 2.4.3): hand it to the picker, the next thing one does is usually add another model.
          input.focus();
        });
        th.appendChild(document.createTextNode(" "));
        th.appendChild(remove);
        head.appendChild(th);
      });
      var thead = el("thead"); thead.appendChild(head); table.appendChild(thead);
      var tbody = el("tbody");
      rowsFor(items).forEach(function (row) {
        var differs = items.length > 1 && row[1].some(function (v) { return v !== row[1][0]; });
        var tr = el("tr", differs ? { "class": "atlas-differs" } : {});
        var th = el("th", { scope: "row" }, row[0]);
        if (differs) th.appendChild(el("span", { "class": "atlas-differs__mark" }, " differs"));
        tr.appendChild(th);
        row[1].forEach(function (value) { tr.appendChild(el("td", {}, value)); });
        tbody.appendChild(tr);
      });
      table.appendChild(tbody);
      wrap.appendChild(table);
      output.appendChild(wrap);
    }

    function add() {
      var key = choices[input.value.trim()];
      if (!key) {
        status.textContent = "No model called “" + input.value.trim() + "”: pick one from the list.";
        return;
      }
      var keys = chosen();
      if (keys.indexOf(key) === -1) keys.push(key);
      input.value = "";
      setUrl(keys);
    }

    root.querySelector("[data-add]").addEventListener("click", add);
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.preventDefault(); add(); }
    });
    projector.addEventListener("click", function () {
      var view = new URLSearchParams(window.location.search).get("view");
      setUrl(chosen(), view === "projector" ? "" : "projector");
    });
    render();
  }

  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(init);
  } else {
    document.addEventListener("DOMContentLoaded", init);
  }
})();
