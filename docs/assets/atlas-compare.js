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

  var BYTE_UNITS = [[1024, "KiB"], [1048576, "MiB"], [1073741824, "GiB"], [1099511627776, "TiB"]];

  function bytes(value) {
    for (var i = BYTE_UNITS.length - 1; i >= 0; i--) {
      if (value >= BYTE_UNITS[i][0]) {
        var unit = BYTE_UNITS[i];
        if (Number((value / unit[0]).toPrecision(3)) >= 1000 && i + 1 < BYTE_UNITS.length) unit = BYTE_UNITS[i + 1];
        var scaled = Number((value / unit[0]).toPrecision(3));
        return (scaled >= 1000 ? Math.round(value / unit[0]).toLocaleString("en") : String(scaled)) + " " + unit[1];
      }
    }
    return value + " B";
  }

  function show(style, value) {
    if (style === "count") return human(value);
    if (style === "bytes") return bytes(value);
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
      start(root, data[0].models, data[1].fields, data[1].components, data[1].layer_mixers);
    }).catch(function (error) {
      status.textContent = "The model data could not be loaded (" + error.message + ").";
    });
  }

  // The rows a slide needs: the projector view shows these and nothing else, so four models fit 1280 x 720.
  var PROJECTOR_ROWS = ["Size", "Organization", "Date", "Parameters", "Active parameters", "Layers", "d_model",
                        "Heads", "Context", "Training tokens", "Attention", "Positions", "Activation", "Layer mix"];

  // "Llama 2 70B", "llama-2-70b", "LLaMA2 70b" and "llama 2 · 70b" all name the same thing.
  function squash(text) { return text.toLowerCase().replace(/[\s\-_·.:]+/g, ""); }

  function start(root, models, fields, components, mixers) {
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
    var choices = {};  // squashed name, other name, id or "model · size" -> "model" or "model:variant"
    function offer(text, key) { if (!(squash(text) in choices)) choices[squash(text)] = key; }
    models.forEach(function (m) {
      offer(m.name, m.id);
      offer(m.id, m.id);
      list.appendChild(el("option", { value: m.name }));
      if (m.variants.length > 1) {
        m.variants.forEach(function (v) {
          var label = m.name + " · " + v.name;
          list.appendChild(el("option", { value: label }));
          offer(label, m.id + ":" + v.id);
          offer(v.name, m.id + ":" + v.id);
          offer(v.id, m.id + ":" + v.id);
        });
      }
    });
    models.forEach(function (m) { (m.other_names || []).forEach(function (name) { offer(name, m.id); }); });
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

    function setUrl(keys, view, diff) {
      var params = new URLSearchParams(window.location.search);
      if (keys.length) params.set("m", keys.join(",")); else params.delete("m");
      if (view !== undefined) { if (view) params.set("view", view); else params.delete("view"); }
      if (diff !== undefined) { if (diff) params.set("diff", "1"); else params.delete("diff"); }
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
      // The architecture, part by part, in the order a block is read (its rows are what a diff is about).
      components.forEach(function (c) {
        var values = items.map(function (i) {
          var value = (i.variant.components || {})[c.name];
          if (value === null || value === undefined) return "–";
          if (value === "unknown") return "undisclosed";  // the source was read and does not say
          var text = c.choices ? c.choices[value].label : (value ? "yes" : "no");
          if (c.name === "attention") {
            if ((value === "gqa" || value === "mqa") && i.variant.kv_heads) text += ", " + i.variant.kv_heads + " KV heads";
            if (value === "mla" && i.variant.kv_lora_rank) text += ", latent rank " + i.variant.kv_lora_rank;
          }
          return text;
        });
        if (values.some(function (v) { return v !== "–"; })) rows.push([c.label, values, true]);
      });
      var mix = items.map(function (i) {
        // Compact, so four stacks fit a slide: "3 × global, 58 × global+MoE", "10 × [5 sliding, global]".
        return (i.variant.layer_mix || []).map(function (g) {
          var kinds = g.pattern.map(function (kind) {
            var parts = kind.split("/");
            return parts[0] + (parts[1] === "moe" ? "+MoE" : parts[1] === "none" ? " only" : "");
          });
          var runs = [];
          kinds.forEach(function (k) {
            var last = runs[runs.length - 1];
            if (last && last.kind === k) last.n++; else runs.push({ kind: k, n: 1 });
          });
          var text = runs.map(function (r) { return (r.n > 1 ? r.n + " " : "") + r.kind; }).join(", ");
          return g.repeat + " × " + (kinds.length > 1 ? "[" + text + "]" : text);
        }).join(", ") || "–";
      });
      if (mix.some(function (v) { return v !== "–"; })) rows.push(["Layer mix", mix, true]);
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
      var diffOnly = new URLSearchParams(window.location.search).get("diff") === "1";
      diffButton.textContent = diffOnly ? "Show every row" : "Only what differs";
      diffButton.setAttribute("aria-pressed", diffOnly ? "true" : "false");
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
      var changes = [];
      rowsFor(items).forEach(function (row) {
        if (view === "projector" && PROJECTOR_ROWS.indexOf(row[0]) === -1) return;
        var differs = items.length > 1 && row[1].some(function (v) { return v !== row[1][0]; });
        if (differs && items.length === 2 && row[2]) changes.push(row[0] + ": " + row[1][0] + " → " + row[1][1]);
        if (diffOnly && !differs) return;
        var tr = el("tr", differs ? { "class": "atlas-differs" } : {});
        var th = el("th", { scope: "row" }, row[0]);
        if (differs) th.appendChild(el("span", { "class": "atlas-differs__mark" }, " differs"));
        tr.appendChild(th);
        row[1].forEach(function (value) { tr.appendChild(el("td", {}, value)); });
        tbody.appendChild(tr);
      });
      table.appendChild(tbody);
      if (diffOnly && items.length === 2) {  // the two-model diff, block by block, above the table
        var summary = el("ul", { "class": "atlas-diff", "aria-label": "Architecture differences" });
        (changes.length ? changes : ["The recorded architectures do not differ."]).forEach(function (line) {
          summary.appendChild(el("li", {}, line));
        });
        output.appendChild(summary);
      }
      wrap.appendChild(table);
      output.appendChild(wrap);
    }

    function add() {
      var key = choices[squash(input.value)];
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
    var diffButton = root.querySelector("[data-diff]");
    diffButton.addEventListener("click", function () {
      setUrl(chosen(), undefined, new URLSearchParams(window.location.search).get("diff") !== "1");
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
