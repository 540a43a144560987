/*
 * WeChat hint: inside WeChat's own browser, say how to open the page in
 * the phone's browser, next to the downloads and the call log's export.
 *
 * Why: readers often open the guide from a link in a WeChat chat. WeChat's
 * browser (its user agent contains "MicroMessenger") often cannot download
 * a file or save an exported CSV: the reader taps and nothing happens.
 *
 * - The downloads page carries a hidden hint above its file table
 *   (overrides/hooks/wechat_hint.py); this script reveals it.
 * - The call log's export button is found by its stable selector
 *   [data-action=export]; the hint goes after the row holding it. It is
 *   added once the page's own scripts have run (DOMContentLoaded), so it
 *   does not depend on how the log's markup is written.
 * - The words come from mkdocs.yml (extra.labels.wechat_download and
 *   wechat_export), written into the page by overrides/main.html.
 * Elsewhere this script does nothing.
 */
(function () {
  "use strict";

  if (!/MicroMessenger/i.test(navigator.userAgent)) {
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

  function showHints() {
    var hidden = document.querySelectorAll(".wechat-hint[hidden]");
    for (var i = 0; i < hidden.length; i++) {
      hidden[i].hidden = false;
    }
    var text = labels().wechat_export;
    var buttons = document.querySelectorAll("[data-action=export]");
    for (var j = 0; text && j < buttons.length; j++) {
      var row = buttons[j].parentNode;
      if (row.nextElementSibling && row.nextElementSibling.className === "wechat-hint") {
        continue;
      }
      var hint = document.createElement("p");
      hint.className = "wechat-hint";
      hint.setAttribute("role", "note");
      hint.textContent = text;
      row.parentNode.insertBefore(hint, row.nextSibling);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", showHints);
  } else {
    showHints();
  }
})();
