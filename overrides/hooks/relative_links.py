"""Make every link in the built pages relative, so one build works at any address.

Why: the same site/ is published on GitHub Pages under /<repository>/ and
copied unchanged to mirrors, at another host's root or under another folder
(README, "Mirrors"). Pages link each other relatively, except what is
written from site_url: mkdocs-static-i18n's language switcher on the two
home pages (and their hreflang links), and every link of the 404 page. Those
absolute paths (/duxiaoman-guide/en/) lead nowhere on any other host. This
hook rewrites them relative to the page; a path outside the site's own folder
stops the build, naming the page and the link. Canonical links and the
sitemap keep naming the primary address: they are full URLs and stay.

The 404 page is served at whatever address was not found, at any depth, so
no relative link fits it everywhere. Its links are made relative to the site
root, and a small script at the top of the page finds that root, the nearest
folder above the address that holds the page's own stylesheet (one HEAD
request per folder), and makes it the page's base. The page's stylesheets
and scripts are written by a script after that: the browser's preload
scanner reads ahead of every script and would otherwise fetch each of them
from beside the missing address first, getting the 404 page five times over.
Material resolves its own base and search worker from __config, so those are
set from the same root. Without JavaScript the 404 page is unstyled, and its
links work only for a missing address directly in the site's folder.
"""
from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from mkdocs.exceptions import PluginError

# An attribute whose value is a path from the host's root ("/x", not "//host").
ROOT_PATH = re.compile(r'(\s(?:href|src|action|poster)=")(/(?!/)[^"]*)(")')
CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.DOTALL)
STYLESHEET = re.compile(r'<link rel="stylesheet" href="([^"]+)"')
# What the browser fetches as the page loads: stylesheets, icons and scripts.
RESOURCE = re.compile(r'<link rel="(?:stylesheet|icon|preload|modulepreload)"[^>]*>'
                      r'|<script\b[^>]*\bsrc="[^"]*"[^>]*></script>')
CHARSET = '<meta charset="utf-8">'

FIND_ROOT = """<script>
      /* This page answers any address that was not found, at any depth, on
         any host the site was copied to (overrides/hooks/relative_links.py).
         Its links are relative to the site root: find the root, the nearest
         folder above that holds this page's stylesheet, and make it the base. */
      (function () {
        if (!/^https?:$/.test(location.protocol)) return;
        var folder = location.pathname.replace(/[^\\/]*$/, "");
        for (; folder; folder = folder.replace(/[^\\/]*\\/$/, "")) {
          var probe = new XMLHttpRequest();
          probe.open("HEAD", folder + PROBE, false);
          try { probe.send(); } catch (error) { return; }
          if (probe.status === 200) {
            var base = document.createElement("base");
            base.href = folder;
            document.head.appendChild(base);
            return;
          }
        }
      })();
    </script>"""

# After __config, before Material's (deferred) bundle reads it.
CONFIG_FROM_ROOT = """<script>
      (function (element) {
        var settings = JSON.parse(element.textContent);
        settings.base = new URL(settings.base, document.baseURI).href;
        settings.search = new URL(settings.search, document.baseURI).href;
        element.textContent = JSON.stringify(settings);
      })(document.getElementById("__config"));
    </script>"""


def site_path(site_url: str | None) -> str:
    """The folder the site was built for: 'https://o.github.io/repo/' → '/repo/'."""
    path = urlsplit(site_url or "").path or "/"
    return path if path.endswith("/") else path + "/"


def relative_url(target: str, page_url: str, base: str) -> str | None:
    """target ('/repo/en/#x') as seen from page_url ('faq/'): '../en/#x'.
    None when target is outside base, the site's folder."""
    cut = min((i for i in (target.find("?"), target.find("#")) if i >= 0), default=len(target))
    path, rest = target[:cut], target[cut:]
    if not (path + "/").startswith(base) and path != base.rstrip("/"):
        return None
    inside = path[len(base):]
    folder = page_url[:page_url.rfind("/") + 1]
    relative = posixpath.relpath(inside or ".", folder or ".")
    if inside in ("", ".") or inside.endswith("/"):
        relative = "./" if relative == "." else relative + "/"
    return relative + rest


def make_relative(html: str, page_url: str, base: str, label: str) -> str:
    """Every root path in html made relative to page_url; one outside base is an error."""
    def replace(match: re.Match[str]) -> str:
        relative = relative_url(match.group(2), page_url, base)
        if relative is None:
            raise PluginError(f"{label}: link '{match.group(2)}' leaves the site's folder ({base}); "
                              f"link pages and files with relative links")
        return f"{match.group(1)}{relative}{match.group(3)}"

    return ROOT_PATH.sub(replace, html)


def page_label(page: Any, config: Any) -> str:
    """The page's source as a contributor sees it, e.g. docs/zh/index.md."""
    return f"{Path(config.docs_dir).name}/{page.file.src_uri}"


def config_relative(html: str, base: str) -> str:
    """__config's base and search worker as paths from the site root."""
    def replace(match: re.Match[str]) -> str:
        settings = json.loads(match.group(2))
        for key in ("base", "search"):
            if isinstance(settings.get(key), str) and settings[key].startswith("/"):
                settings[key] = relative_url(settings[key], "", base) or settings[key]
        text = json.dumps(settings).replace("<", "\\u003c")  # never a "</script>" inside
        return match.group(1) + text + match.group(3) + "\n    " + CONFIG_FROM_ROOT

    return CONFIG.sub(replace, html, count=1)


def written(tag: str) -> str:
    """tag, written by a script as the page is read: the browser's preload
    scanner, which reads ahead before any script runs, cannot see it and
    fetch it from beside the missing address instead of from the root."""
    text = json.dumps(tag).replace("</", "<\\/")  # "</script>" would end this script
    return f"<script>document.write({text})</script>"


def not_found_page(html: str, base: str) -> str:
    """The 404 page: links from the site root, and the script that finds the root."""
    html = config_relative(make_relative(html, "", base, "404.html"), base)
    stylesheet = STYLESHEET.search(html)
    if stylesheet is None or CHARSET not in html:
        raise PluginError("404.html: no stylesheet or charset found; the theme's 404 page has changed, "
                          "update overrides/hooks/relative_links.py")
    script = FIND_ROOT.replace("PROBE", json.dumps(stylesheet.group(1)))
    html = RESOURCE.sub(lambda match: written(match.group(0)), html)
    return html.replace(CHARSET, f"{CHARSET}\n    {script}", 1)


def on_post_page(output: str, page: Any, config: Any) -> str:
    return make_relative(output, page.url, site_path(config.site_url), page_label(page, config))


def on_post_template(output_content: str, template_name: str, config: Any) -> str:
    if template_name != "404.html":
        return output_content
    return not_found_page(output_content, site_path(config.site_url))
