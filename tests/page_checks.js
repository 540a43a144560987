/*
 * Layout checks run inside a page by tests/test_accessibility.py (and the
 * fixtures that prove each one fails). Each returns a list of problems as
 * short strings; an empty list means the page passes.
 *
 * Definitions (documented in ARCHITECTURE.md):
 * - horizontalScroll: the page is wider than the viewport.
 * - cutOff: a visible element with text of its own clips it (overflow
 *   hidden or clip, or text-overflow: ellipsis), reaches past the screen's
 *   edges, or sticks out of an ancestor that clips or scrolls sideways.
 *   Exempt: the header's one-line site and page name (EXEMPT_CUT below).
 * - smallTargets: visible, enabled links, buttons, form fields, summaries,
 *   labels that act as controls and elements with a tabindex, smaller than
 *   44 x 44 CSS px. Exempt (WCAG 2.5.8 "inline"): a link laid out inline
 *   whose block also holds other text, i.e. a link in a sentence.
 */
(function () {
  "use strict";

  // Material shortens the site and page name in the header to one line on
  // purpose; the full name is the page's <title> and <h1>.
  var EXEMPT_CUT = ".md-header__topic, .md-header__topic *";
  var TARGETS = "a[href], button, input:not([type=hidden]), select, textarea, summary, " +
    "label[for], [role=button], [tabindex]:not([tabindex='-1'])";

  function describe(element) {
    var text = (element.getAttribute("aria-label") || element.textContent || "").replace(/\s+/g, " ").trim();
    var name = element.tagName.toLowerCase() + (element.className && typeof element.className === "string"
      ? "." + element.className.trim().split(/\s+/).join(".") : "");
    return name + (text ? " \"" + text.slice(0, 40) + "\"" : "");
  }

  // Hidden on purpose: in a box of at most 1 x 1 px that clips, the usual
  // way to keep text for screen readers only.
  function visuallyHidden(element) {
    for (var node = element; node; node = node.parentElement) {
      var box = node.getBoundingClientRect(), style = getComputedStyle(node);
      if ((box.width <= 1 || box.height <= 1) && (style.overflow !== "visible" || style.clipPath !== "none")) return true;
    }
    return false;
  }

  function shown(element) {
    var box = element.getBoundingClientRect();
    if (box.width < 1 || box.height < 1) return false;
    if (box.right <= 0 || box.left >= document.documentElement.clientWidth) return false;
    return element.checkVisibility({ opacityProperty: true, visibilityProperty: true }) && !visuallyHidden(element);
  }

  function horizontalScroll() {
    var page = document.documentElement;
    return page.scrollWidth > page.clientWidth
      ? ["page is " + page.scrollWidth + " px wide in a " + page.clientWidth + " px viewport"] : [];
  }

  function ownText(element) {
    return Array.prototype.some.call(element.childNodes, function (node) {
      return node.nodeType === Node.TEXT_NODE && node.textContent.trim() !== "";
    });
  }

  function cutOff() {
    var width = document.documentElement.clientWidth, problems = [];
    document.querySelectorAll("body *").forEach(function (element) {
      if (!ownText(element) || !shown(element) || element.matches(EXEMPT_CUT)) return;
      var style = getComputedStyle(element), box = element.getBoundingClientRect();
      if ((/hidden|clip/.test(style.overflowX) || style.textOverflow === "ellipsis") &&
          element.scrollWidth > element.clientWidth + 1) {
        problems.push(describe(element) + " clips its text (" + element.scrollWidth + " > " + element.clientWidth + " px)");
        return;
      }
      if (box.left < -1 || box.right > width + 1) {
        problems.push(describe(element) + " reaches past the screen (" + Math.round(box.left) + " to " + Math.round(box.right) + " px)");
        return;
      }
      for (var box2, parent = element.parentElement; parent; parent = parent.parentElement) {
        if (getComputedStyle(parent).overflowX === "visible") continue;
        box2 = parent.getBoundingClientRect();
        if (box.left < box2.left - 1 || box.right > box2.right + 1) {
          problems.push(describe(element) + " is cut off by " + describe(parent).split(" ")[0]);
          return;
        }
      }
    });
    return problems;
  }

  function inlineInText(element) {
    if (element.tagName !== "A" || !/^inline/.test(getComputedStyle(element).display)) return false;
    var block = element.parentElement;
    while (block && /^inline/.test(getComputedStyle(block).display)) block = block.parentElement;
    return !!block && block.textContent.replace(element.textContent, "").trim() !== "";
  }

  function smallTargets(minimum) {
    var problems = [];
    document.querySelectorAll(TARGETS).forEach(function (element) {
      if (element.disabled || !shown(element) || inlineInText(element)) return;
      var box = element.getBoundingClientRect();
      if (box.width < minimum - 0.5 || box.height < minimum - 0.5) {
        problems.push(describe(element) + " is " + Math.round(box.width) + " x " + Math.round(box.height) + " px");
      }
    });
    return problems;
  }

  window.__pageChecks = { horizontalScroll: horizontalScroll, cutOff: cutOff, smallTargets: smallTargets };
})();
