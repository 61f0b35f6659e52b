"""Measuring tap targets in a page (WCAG 2.2, 2.5.8 Target Size (Minimum), level AA).

Every visible interactive element is measured by its bounding box. Controls (buttons,
checkboxes, radios, selects, text boxes, menus) and every link in a navigation, header or
footer must be at least 24x24 CSS px themselves: stricter than WCAG, which is what we
promise. Other links smaller than that pass only under WCAG's spacing exception: a 24 px
circle centred on one touches no other target, nor the circle of another small target.
Links inside running text (inline, in a paragraph, list item or cell with more text than
the link) are exempt. A radio or checkbox
hidden inside its label (the rating scale's steps) is measured by its label, which is what
a finger taps.
"""

from __future__ import annotations

from playwright.sync_api import Page

MEASURE = """
() => {
  const MIN = 24;
  const selector = 'a[href], button, input:not([type="hidden"]), select, textarea, summary, '
    + '[role="button"], [tabindex]:not([tabindex="-1"])';
  const shown = (el) => {
    const style = getComputedStyle(el);
    if (style.visibility === "hidden" || style.display === "none") return false;
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0;
  };
  const squash = (text) => (text || "").replace(/\\s+/g, " ").trim();
  const describe = (el) => {
    const text = squash(el.innerText || el.value || el.getAttribute("aria-label") || el.name);
    return `<${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}> «${text.slice(0, 40)}»`;
  };
  const inRunningText = (el) => {
    if (el.tagName !== "A" || getComputedStyle(el).display !== "inline") return false;
    const block = el.closest("p, li, td, dd, dt, figcaption, .helptext");
    return block !== null && squash(block.innerText).length > squash(el.innerText).length;
  };
  const targets = [];
  for (const el of document.querySelectorAll(selector)) {
    if (el.closest("[inert], details:not([open]) > :not(summary)")) continue;
    let box = el;
    if (el.matches('input[type="radio"], input[type="checkbox"]')) {
      const r = el.getBoundingClientRect();
      const label = el.closest("label");
      if (label && (r.width <= 2 || r.height <= 2 || getComputedStyle(el).opacity === "0")) box = label;
    }
    if (!shown(box)) continue;
    const r = box.getBoundingClientRect();
    // The skip link waits above the page until it is focused (then it is large enough).
    if (r.bottom <= 0) continue;
    const strict = el.matches('button, input, select, textarea, summary, [role="button"]')
      || el.closest("nav, header, footer") !== null;
    targets.push({ box, r, text: describe(el), inline: inRunningText(el), strict });
  }
  const small = targets.filter((t) => t.r.width < MIN - 0.01 || t.r.height < MIN - 0.01);
  const centre = (r) => [r.left + r.width / 2, r.top + r.height / 2];
  const toRect = ([x, y], r) =>
    Math.hypot(Math.max(r.left - x, 0, x - r.right), Math.max(r.top - y, 0, y - r.bottom));
  const failures = [];
  for (const t of small) {
    if (t.inline && !t.strict) continue;
    if (t.strict) {
      failures.push(`${t.text} ${t.r.width.toFixed(1)}x${t.r.height.toFixed(1)} px`);
      continue;
    }
    const c = centre(t.r);
    const crowded = targets.some((o) => {
      if (o === t || o.box.contains(t.box) || t.box.contains(o.box)) return false;
      if (toRect(c, o.r) < MIN / 2) return true; // the circle touches the other target
      const d = centre(o.r);
      return small.includes(o) && Math.hypot(c[0] - d[0], c[1] - d[1]) < MIN; // or its circle
    });
    if (crowded) failures.push(`${t.text} ${t.r.width.toFixed(1)}x${t.r.height.toFixed(1)} px`);
  }
  return { measured: targets.length, failures };
}
"""


def undersized_targets(page: Page) -> tuple[int, list[str]]:
    """(how many targets were measured, the ones too small and too crowded)."""
    found = page.evaluate(MEASURE)
    return found["measured"], found["failures"]
