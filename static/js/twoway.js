// Twoway's small progressive enhancements. Everything works without this file.
(function () {
  "use strict";

  // Start forms: send the browser's time zone so weeks begin at the couple's own midnight.
  function fillTimeZones(root) {
    var zone = "";
    try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone || ""; } catch (e) { zone = ""; }
    root.querySelectorAll("input[data-browser-time-zone]").forEach(function (input) {
      if (!input.value && zone) { input.value = zone; }
    });
  }

  // Copy buttons: copy the linked field's text, and say so to screen readers.
  function onCopyClick(event) {
    var button = event.target.closest("button[data-copy-target]");
    if (!button) { return; }
    var field = document.getElementById(button.getAttribute("data-copy-target"));
    var status = document.getElementById(button.getAttribute("data-copy-status"));
    if (!field) { return; }
    var done = function (ok) {
      if (status) { status.textContent = ok ? button.getAttribute("data-copied") : button.getAttribute("data-copy-failed"); }
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value).then(function () { done(true); }, function () { done(false); });
    } else {
      field.focus();
      field.select();
      done(false);
    }
  }

  function revealCopyButtons(root) {
    root.querySelectorAll("button[data-copy-target][hidden]").forEach(function (b) { b.hidden = false; });
  }

  // Live character counters for limited text areas ("123 of 2000 characters").
  function updateCounter(area) {
    var counter = document.getElementById("count-" + area.name);
    if (!counter) { return; }
    var limit = parseInt(area.getAttribute("data-counter"), 10);
    // UTF-16 units, as the browser's maxlength counts them, so the counter and the box agree.
    var used = area.value.length;
    counter.textContent = used + " / " + limit;
    counter.classList.toggle("near-limit", used > limit * 0.9);
  }

  function onInput(event) {
    if (event.target.matches && event.target.matches("textarea[data-counter]")) { updateCounter(event.target); }
  }

  function enhance(root) {
    fillTimeZones(root);
    revealCopyButtons(root);
    root.querySelectorAll("textarea[data-counter]").forEach(updateCounter);
  }

  document.addEventListener("click", onCopyClick);
  document.addEventListener("input", onInput);
  document.addEventListener("DOMContentLoaded", function () { enhance(document); });
  document.addEventListener("htmx:load", function (event) { enhance(event.target); });
  // After a fragment is swapped in, move focus to its heading ([data-focus-on-swap]) so
  // keyboard and screen-reader users are not dropped back at the top of the page.
  document.addEventListener("htmx:afterSettle", function (event) {
    var target = event.detail && event.detail.elt;
    var heading = target && target.querySelector && target.querySelector("[data-focus-on-swap]");
    if (!heading && target && target.matches && target.matches("[data-focus-on-swap]")) { heading = target; }
    if (heading) { heading.focus({ preventScroll: false }); }
  });
})();

// Issue 10, settings package: the "More" menu and the time zone check.
(function () {
  "use strict";

  // Menus are <details>: they open and close without this. With it, Escape closes the open
  // menu (focus back on its summary) and a click or focus outside closes it.
  function closeMenus(except) {
    document.querySelectorAll("details[data-menu][open]").forEach(function (menu) {
      if (menu !== except) { menu.open = false; }
    });
  }
  document.addEventListener("click", function (event) {
    closeMenus(event.target.closest && event.target.closest("details[data-menu]"));
  });
  document.addEventListener("focusin", function (event) {
    closeMenus(event.target.closest && event.target.closest("details[data-menu]"));
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    var menu = event.target.closest && event.target.closest("details[data-menu][open]");
    if (!menu) { return; }
    menu.open = false;
    menu.querySelector("summary").focus();
  });

  // "Use this browser's time zone": shown only when the browser knows a zone the list has.
  function offerBrowserZone(root) {
    var zone = "";
    try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone || ""; } catch (e) { zone = ""; }
    root.querySelectorAll("button[data-use-time-zone][hidden]").forEach(function (button) {
      var input = document.getElementById(button.getAttribute("data-use-time-zone"));
      var list = input && input.list;
      var known = list && Array.prototype.some.call(list.options, function (o) { return o.value === zone; });
      if (!known) { return; }
      button.textContent = button.getAttribute("data-label").replace("%(zone)s", zone);
      button.value = zone;
      button.hidden = false;
    });
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button[data-use-time-zone]");
    if (!button) { return; }
    var input = document.getElementById(button.getAttribute("data-use-time-zone"));
    if (input) { input.value = button.value; input.focus(); }
  });
  document.addEventListener("DOMContentLoaded", function () { offerBrowserZone(document); });
  document.addEventListener("htmx:load", function (event) { offerBrowserZone(event.target); });
})();

// The check-in's sticky save bar: CSS keeps a bar's height of scroll padding, so a focused
// field is never entirely under the bar (WCAG 2.4.11, with JavaScript off too). Browsers
// do not scroll a field that is already on screen, though, so one half under the bar
// stays there; this scrolls it just clear (2.4.12), whenever the bar is sticky.
// Only for focus moved from the keyboard: scrolling under a finger would lose the tap.
(function () {
  "use strict";
  var byKeyboard = false;
  document.addEventListener("keydown", function () { byKeyboard = true; }, true);
  document.addEventListener("pointerdown", function () { byKeyboard = false; }, true);
  document.addEventListener("focusin", function (event) {
    if (!byKeyboard) { return; }
    var field = event.target;
    var bar = document.getElementById("submit-bar");
    if (!bar || !field.getBoundingClientRect || bar.contains(field)) { return; }
    if (getComputedStyle(bar).position !== "sticky") { return; }
    var hidden = field.getBoundingClientRect().bottom - bar.getBoundingClientRect().top;
    if (hidden > 0) { window.scrollBy(0, hidden + 8); }
  });
})();

// A save that fails (the server is down, or the phone lost its connection) says so in the
// check-in's status line, instead of leaving an earlier "Saved at …" in place: the words
// are still in the page, and nothing pretends they reached Twoway.
(function () {
  "use strict";
  function saveFailed(event) {
    var elt = event.detail && event.detail.elt;
    var form = elt && elt.closest && elt.closest("#checkin-form");
    var status = form && document.getElementById("save-status");
    if (status && status.getAttribute("data-save-failed")) {
      status.textContent = status.getAttribute("data-save-failed");
      status.classList.add("save-failed");
    }
  }
  function saveWorked(event) {
    var status = document.getElementById("save-status");
    if (status && event.detail && event.detail.successful) { status.classList.remove("save-failed"); }
  }
  document.addEventListener("htmx:responseError", saveFailed);
  document.addEventListener("htmx:sendError", saveFailed);
  document.addEventListener("htmx:afterRequest", saveWorked);
})();
