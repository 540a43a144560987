/*
 * Checklist memory: remember the ticks of the task-list checkboxes in this
 * browser's localStorage, per page and per item, with one "clear ticks"
 * button per page, after its last checklist.
 *
 * Why: a reader works through a checklist over days (save the messages,
 * call the lender, write the complaint) and should find their ticks again,
 * without an account and without anything leaving the device.
 *
 * - pymdownx.tasklist writes the checkboxes clickable (clickable_checkbox
 *   in mkdocs.yml); we move the item's text into the checkbox's <label>,
 *   so the whole line is the tap target and the item text is the
 *   checkbox's accessible name.
 * - The page key is the page's path from the site root, the same for
 *   /stages/, stages/index.html and the offline bundle's stages.html, with
 *   the language in front: dxm-guide:ticks:zh:stages/.
 * - An item is known by a hash of its text (plus a counter for repeated
 *   texts), so editing a page never moves a tick onto another item: an
 *   edited item simply starts unticked.
 * - One button per page, however many checklists it has (issue 13: one
 *   control, not one under every list): it clears every tick on the page.
 *   Its label comes from mkdocs.yml (extra.labels.reset_ticks), written
 *   into the page by overrides/main.html.
 */
(function () {
  "use strict";

  var PREFIX = "dxm-guide:ticks:";
  var BLOCKS = /^(UL|OL|P|DIV|PRE|TABLE|BLOCKQUOTE|DETAILS|DL)$/;
  var boxes = document.querySelectorAll(".md-typeset .task-list-control > input[type=checkbox]");
  if (!boxes.length) {
    return;
  }

  function labels() {
    var element = document.getElementById("__guide-labels");
    try {
      return element ? JSON.parse(element.textContent) : {};
    } catch (error) {
      return {};
    }
  }

  function pagePath() {
    var base = ".";
    var config = document.getElementById("__config");
    try {
      base = JSON.parse(config.textContent).base || ".";
    } catch (error) {
      // keep "."
    }
    var root = new URL(base.replace(/\/?$/, "/"), window.location.href).href;
    var here = window.location.href.split("#")[0].split("?")[0];
    var path = here.indexOf(root) === 0 ? here.slice(root.length) : window.location.pathname;
    return path.replace(/(^|\/)index\.html$/, "$1").replace(/\.html$/, "/");
  }

  /* FNV-1a, 32 bits, as base 36: short, stable, and fine for a page's items. */
  function hash(text) {
    var value = 0x811c9dc5;
    for (var i = 0; i < text.length; i++) {
      value ^= text.charCodeAt(i);
      value = Math.imul(value, 0x01000193) >>> 0;
    }
    return value.toString(36);
  }

  var storage = (function () {
    try {
      var probe = PREFIX + "probe";
      window.localStorage.setItem(probe, "1");
      window.localStorage.removeItem(probe);
      return window.localStorage;
    } catch (error) {
      return null;
    }
  })();
  var key = PREFIX + (document.documentElement.lang || "") + ":" + pagePath();

  function stored() {
    try {
      var value = JSON.parse(storage.getItem(key) || "[]");
      return Array.isArray(value) ? value : [];
    } catch (error) {
      return [];
    }
  }

  var seen = {};
  var items = [];
  for (var i = 0; i < boxes.length; i++) {
    var box = boxes[i];
    var label = box.parentNode;
    // The item's own text (not nested lists) becomes part of the label.
    var node = label.nextSibling;
    while (node && !(node.nodeType === 1 && BLOCKS.test(node.nodeName))) {
      var next = node.nextSibling;
      label.appendChild(node);
      node = next;
    }
    var text = label.textContent.replace(/\s+/g, " ").trim();
    var id = hash(text);
    seen[id] = (seen[id] || 0) + 1;
    if (seen[id] > 1) {
      id += "-" + seen[id];
    }
    box.setAttribute("data-tick", id);
    items.push(box);
  }

  function remember() {
    if (!storage) {
      return;
    }
    var ticked = items.filter(function (box) { return box.checked; })
      .map(function (box) { return box.getAttribute("data-tick"); });
    try {
      if (ticked.length) {
        storage.setItem(key, JSON.stringify(ticked));
      } else {
        storage.removeItem(key);
      }
    } catch (error) {
      // Storage full or blocked: the ticks still work for this visit.
    }
  }

  function restore() {
    var ticked = storage ? stored() : [];
    items.forEach(function (box) {
      box.checked = ticked.indexOf(box.getAttribute("data-tick")) >= 0;
    });
  }

  function reset() {
    items.forEach(function (box) { box.checked = false; });
    remember();
  }

  items.forEach(function (box) {
    box.addEventListener("change", remember);
  });
  restore();

  // Another tab changed this page's ticks.
  window.addEventListener("storage", function (event) {
    if (event.key === key || event.key === null) {
      restore();
    }
  });

  // One button for the whole page, after its last outermost checklist
  // (one outside a folded block if there is one, so the button shows).
  var lists = Array.prototype.filter.call(document.querySelectorAll(".md-typeset .task-list"), function (list) {
    return !(list.parentNode.closest && list.parentNode.closest(".task-list"));
  });
  var shown = lists.filter(function (list) { return !list.closest("details"); });
  var candidates = shown.length ? shown : lists;
  var last = candidates[candidates.length - 1];
  if (!last) {
    return;
  }
  var bar = document.createElement("p");
  bar.className = "tick-reset";
  var button = document.createElement("button");
  button.type = "button";
  button.className = "tick-reset__button";
  button.textContent = labels().reset_ticks || "Reset ticks";
  button.addEventListener("click", reset);
  bar.appendChild(button);
  last.parentNode.insertBefore(bar, last.nextSibling);
})();
