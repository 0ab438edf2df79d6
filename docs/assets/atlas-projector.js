/* Projector view on any page: ?view=projector hides the site's chrome and enlarges the type (see atlas.css).
   The compare page manages the same view with its own button, so this script leaves that page alone. */
(function () {
  "use strict";

  function init() {
    if (document.querySelector("[data-projector]")) return;
    var params = new URLSearchParams(window.location.search);
    var on = params.get("view") === "projector";
    document.body.classList.toggle("atlas-projector", on);
    var exit = document.querySelector(".atlas-projector-exit");
    if (on && !exit) {
      params.delete("view");
      var query = params.toString();
      exit = document.createElement("a");
      exit.className = "md-button md-button--primary atlas-projector-exit";
      exit.href = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
      exit.textContent = "Leave projector view";
      document.body.appendChild(exit);
    } else if (!on && exit) {
      exit.remove();
    }
  }

  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(init);
  } else {
    document.addEventListener("DOMContentLoaded", init);
  }
})();
