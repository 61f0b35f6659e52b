// The quick exit on every page: leave for a neutral site at once, replacing this page in
// the history so that Back does not return to Twoway. Without JavaScript the link still
// leaves (rel="noreferrer"); with it, Escape pressed twice within a second does the same.
(function () {
  "use strict";

  function leave(url) {
    // Hide the page first, so nothing stays on the screen while the next one loads.
    document.documentElement.classList.add("leaving");
    window.location.replace(url);
  }

  function exitUrl() {
    var link = document.querySelector("a[data-quick-exit]");
    return link ? link.href : "";
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-quick-exit]");
    if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) { return; }
    event.preventDefault();
    leave(link.href);
  });

  var lastEscape = 0;
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    var now = Date.now();
    if (now - lastEscape < 1000 && exitUrl()) {
      leave(exitUrl());
    }
    lastEscape = now;
  });
})();
