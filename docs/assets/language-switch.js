/*
 * Make the language selector a plain link to the same page in the other
 * language.
 *
 * mkdocs-static-i18n already writes the exact translated page into each
 * selector link. Material's own mapping would instead fetch a sitemap.xml
 * next to every alternate link (a 404 on every page, two wasted requests on
 * a slow phone) and then send the reader to a guessed URL, which under
 * file:// in the offline bundle is a folder, not a page. Material skips
 * links that carry a target, and finds alternates through the head links,
 * so we set the one and drop the others from the live page (crawlers still
 * read them in the HTML). This runs before DOMContentLoaded, when Material
 * starts reading the page.
 */
(function () {
  "use strict";
  var heads = document.querySelectorAll('link[rel="alternate"][hreflang]');
  for (var i = 0; i < heads.length; i++) {
    heads[i].parentNode.removeChild(heads[i]);
  }
  var links = document.querySelectorAll("a.md-select__link[hreflang]");
  for (var j = 0; j < links.length; j++) {
    links[j].target = "_self";
  }
})();
