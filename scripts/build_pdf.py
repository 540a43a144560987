"""Typeset one language of the guide as a PDF, from an offline build.

Why: readers keep, print and pass on a PDF. We reuse the pages MkDocs
already rendered (an offline build, whose root is the PDF's language and
whose URLs end in .html), in navigation order, and let WeasyPrint lay them
out with a print stylesheet: a cover, a table of contents with page
numbers, running headers, page numbers, expanded collapsible blocks, empty
boxes to tick by hand, and link targets printed after the link.

Usage: python scripts/build_pdf.py --site DIR --lang zh --output guide-zh.pdf
"""
from __future__ import annotations

import argparse
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from bs4 import BeautifulSoup, Tag

import official_copies

ROOT = Path(__file__).resolve().parent.parent
STYLESHEET = ROOT / "scripts" / "pdf.css"


class _IgnoreTags(yaml.SafeLoader):
    """Reads mkdocs.yml for its nav without resolving !ENV or Python tags."""


_IgnoreTags.add_multi_constructor("!", lambda loader, suffix, node: None)
_IgnoreTags.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def load_settings(root: Path = ROOT) -> dict[str, Any]:
    return yaml.safe_load((root / "data" / "downloads.yml").read_text(encoding="utf-8"))


def nav_files(nav: list[Any]) -> list[str]:
    """Flatten MkDocs' nav into the Markdown file names, in reading order."""
    files: list[str] = []
    for entry in nav:
        value = entry
        if isinstance(entry, dict):
            (value,) = entry.values()
        if isinstance(value, list):
            files.extend(nav_files(value))
        elif isinstance(value, str) and value.endswith(".md"):
            files.append(value)
    return files


def page_order(config_file: Path, skip: list[str]) -> list[str]:
    config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_IgnoreTags)
    return [name for name in nav_files(config["nav"]) if name not in skip]


def html_name(markdown_name: str) -> str:
    return re.sub(r"\.md$", ".html", markdown_name)


def slug_of(markdown_name: str) -> str:
    return re.sub(r"\.md$", "", markdown_name).replace("/", "-")


@dataclass
class Chapter:
    slug: str
    title: str
    body: str
    reviewed: str


def local_target(href: str, slugs: set[str], current: str) -> str | None:
    """Map a link inside the site to an anchor in the PDF, or None if outside it."""
    path, _, fragment = href.partition("#")
    if not path:
        slug = current
    else:
        match = re.fullmatch(r"(?:\./)?([A-Za-z0-9_-]+)\.html", path)
        if not match or match.group(1) not in slugs:
            return None
        slug = match.group(1)
    return f"#{slug}--{fragment}" if fragment else f"#page-{slug}"


def read_chapter(page: Path, slug: str, slugs: set[str]) -> Chapter:
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    article = soup.select_one("article.md-content__inner")
    if article is None:
        raise SystemExit(f"build_pdf: {page}: no <article class=\"md-content__inner\">")
    for unwanted in article.select("a.headerlink, a.md-content__button, .md-source-file, button"):
        unwanted.decompose()
    reviewed_tag = article.select_one(".page-reviewed time")
    reviewed = reviewed_tag.get("datetime", "") if reviewed_tag else ""
    reviewed_block = article.select_one(".page-reviewed")
    if reviewed_block:
        reviewed_block.decompose()
    for details in article.find_all("details"):
        details["open"] = ""
    for control in article.select("label.task-list-control"):
        box = soup.new_tag("span", attrs={"class": "tick-box", "aria-hidden": "true"})
        control.replace_with(box)
    for element in article.find_all(id=True):
        element["id"] = f"{slug}--{element['id']}"
    for link in article.find_all("a", href=True):
        rewrite_link(link, slug, slugs)
    heading = article.find("h1")
    title = heading.get_text(" ", strip=True) if heading else slug
    return Chapter(slug, title, article.decode_contents(), str(reviewed))


def rewrite_link(link: Tag, slug: str, slugs: set[str]) -> None:
    href = str(link["href"])
    if re.match(r"^(https?:|mailto:)", href):
        link["class"] = [*link.get("class", []), "external"]
    elif href.startswith("tel:"):
        link["class"] = [*link.get("class", []), "phone"]
    else:
        target = local_target(href, slugs, slug)
        if target is None:
            # A page that is not in the PDF (another language, the downloads
            # page): keep the words, drop a link that would lead nowhere.
            link.unwrap()
        else:
            link["href"] = target
            link["class"] = [*link.get("class", []), "internal"]


def git_version(root: Path) -> str:
    try:
        result = subprocess.run(["git", "describe", "--tags", "--always", "--dirty"],
                                cwd=root, capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return "dev"
    return result.stdout.strip() or "dev"


def site_title(index_page: Path) -> str:
    soup = BeautifulSoup(index_page.read_text(encoding="utf-8"), "html.parser")
    topic = soup.select_one(".md-header__topic .md-ellipsis")
    return topic.get_text(strip=True) if topic else ""


def cover(lang: str, title: str, version: str, labels: dict[str, str]) -> str:
    """The first page: title, version, the official addresses with the content
    date (the same words as the site's home and downloads pages, so a reader
    can compare this PDF with any copy), and the notice."""
    addresses = official_copies.render(official_copies.load(), lang, official_copies.content_date(ROOT / "docs"),
                                       css_class="cover-meta cover-addresses")
    return f"""<section class="cover">
  <h1 class="cover-title running-title">{title}</h1>
  <p class="cover-meta">{labels['version']}: {version}</p>
  {addresses.replace('<a href=', '<a style="word-break: break-all" href=')}
  <p class="cover-notice">{labels['notice']}</p>
</section>"""


def running_title(title: str, labels: dict[str, str]) -> str:
    """The guide's name in the running header: short enough that it and a
    chapter title share one line of an A5 page (labels.running_title in
    data/downloads.yml; the full title if none is set)."""
    return (labels.get("running_title") or title).replace('"', "")


def document(lang: str, chapters: list[Chapter], title: str, version: str,
             labels: dict[str, str], settings: dict[str, Any]) -> str:
    toc = "\n".join(
        f'<li><a class="toc-entry" href="#page-{c.slug}">{c.title}</a></li>' for c in chapters)
    body = "\n".join(
        f'<section class="chapter" id="page-{c.slug}"><div class="md-typeset">{c.body}</div></section>'
        for c in chapters)
    page_ref = labels["page_ref"].replace('"', '\\"')
    before, _, after = page_ref.partition("{page}")
    settings_css = f"""
      @page {{ size: {settings['pdf_page_size']}; }}
      html {{ font-family: "{settings['pdf_font']}", sans-serif; }}
      pre, code, kbd {{ font-family: "{settings['pdf_mono_font']}", "{settings['pdf_font']}", monospace; }}
      a.internal::after {{ content: "{before}" target-counter(attr(href url), page) "{after}"; }}
      .running-title {{ string-set: site-title "{running_title(title, labels)}"; }}
    """
    return f"""<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<title>{title}</title>
<style>{settings_css}</style>
</head>
<body>
{cover(lang, title, version, labels)}
<nav class="toc">
  <h1 class="toc-title">{labels['contents']}</h1>
  <ol>{toc}</ol>
</nav>
{body}
</body>
</html>"""


def build_pdf(site: Path, lang: str, output: Path, version: str, root: Path = ROOT) -> None:
    from weasyprint import CSS, HTML  # slow import; only when typesetting

    settings = load_settings(root)
    order = page_order(root / "mkdocs.yml", settings.get("pdf_skip", []))
    slugs = {slug_of(name) for name in order}
    chapters = []
    for name in order:
        page = site / html_name(name)
        if not page.is_file():
            raise SystemExit(f"build_pdf: {page} is missing (nav lists {name})")
        chapters.append(read_chapter(page, slug_of(name), slugs))
    html = document(lang, chapters, site_title(site / "index.html"), version,
                    settings["labels"][lang], settings)
    output.parent.mkdir(parents=True, exist_ok=True)
    HTML(string=html, base_url=str(site)).write_pdf(
        output, stylesheets=[CSS(filename=str(STYLESHEET))])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, required=True, help="offline build whose root is --lang")
    parser.add_argument("--lang", required=True)
    parser.add_argument("--output", type=Path, required=True)
    parser.add_argument("--version", default=None, help="defaults to git describe")
    args = parser.parse_args()
    build_pdf(args.site, args.lang, args.output, args.version or git_version(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
