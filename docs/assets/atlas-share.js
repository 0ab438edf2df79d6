/* "Share and cite": copy buttons for the page's link and its BibTeX.
   Without JavaScript the buttons stay hidden and the text stays selectable, so nothing is lost. */
(function () {
  "use strict";

  function selectText(source) {
    if (source.select) {
      source.select();
      return;
    }
    var range = document.createRange();
    range.selectNodeContents(source);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  function copyText(text, source) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    // Plain-http sites (a lecture-hall mirror, say) have no Clipboard API: copy the selection instead.
    selectText(source);
    return document.execCommand("copy") ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("button[data-copy]"), function (button) {
      if (button.dataset.ready) return;
      button.dataset.ready = "yes";
      button.hidden = false;
      var box = button.closest(".atlas-share");
      var status = box && box.querySelector("[role=status]");
      button.addEventListener("click", function () {
        var source = document.getElementById(button.dataset.copy);
        var text = source.tagName === "INPUT" ? source.value : source.textContent;
        copyText(text, source).then(function () {
          if (status) status.textContent = "Copied " + button.dataset.what + " to the clipboard.";
        }, function () {
          selectText(source);
          if (status) status.textContent = "Copying was blocked: the text is selected, press Ctrl+C (⌘C on a Mac).";
        });
      });
    });
  }

  // Material's instant navigation swaps pages without a reload: document$ emits on every page.
  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(init);
  } else {
    document.addEventListener("DOMContentLoaded", init);
  }
})();
