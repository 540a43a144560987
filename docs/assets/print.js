/*
 * Printing help that CSS alone cannot give (the rules are in print.css).
 *
 * - Collapsed <details> open while printing and close again afterwards.
 *   Chromium also opens them through ::details-content in print.css; this
 *   covers browsers without that selector.
 * - An outside link whose text already is its address gets the class
 *   print-url-shown, so print.css does not print the address twice.
 */
(function () {
  "use strict";

  var opened = [];
  window.addEventListener("beforeprint", function () {
    var closed = document.querySelectorAll("details:not([open])");
    for (var i = 0; i < closed.length; i++) {
      closed[i].setAttribute("open", "");
      opened.push(closed[i]);
    }
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (element) { element.removeAttribute("open"); });
    opened = [];
  });

  function bare(address) {
    return address.trim().replace(/^https?:\/\//, "").replace(/\/$/, "");
  }

  var links = document.querySelectorAll('.md-typeset a[href^="http://"], .md-typeset a[href^="https://"]');
  for (var i = 0; i < links.length; i++) {
    if (bare(links[i].textContent) === bare(links[i].getAttribute("href"))) {
      links[i].classList.add("print-url-shown");
    }
  }
})();
