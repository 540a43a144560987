/*
 * Printing help that CSS alone cannot give (the rules are in print.css):
 * an outside link whose text already is its address gets the class
 * print-url-shown, so print.css does not print the address twice.
 *
 * Collapsed <details> need nothing here: Material opens them before
 * printing and closes them afterwards, and print.css opens them through
 * ::details-content where the browser prints without those events.
 */
(function () {
  "use strict";

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
