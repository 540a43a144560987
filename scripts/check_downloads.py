"""Check the release's downloads: PDFs, offline zips and the downloads page.

Why: a PDF can silently lose its Chinese font (tofu boxes, or a Japanese
variant), drop a page, or lose a phone number; a zip can pull in a CDN
script or ship files that only add weight; a downloads page can list a
size or checksum that does not match the file, and readers use that
checksum to spot a tampered copy. Poppler's pdffonts, pdftotext and
pdfinfo read the PDFs as a reader's viewer would.

Usage: python scripts/check_downloads.py [--site site]   (after scripts/build.sh)
"""
from __future__ import annotations

import argparse
import fnmatch
import hashlib
import re
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_pdf import load_settings, page_order, slug_of  # noqa: E402
from markdown_pages import load_yaml  # noqa: E402
from problems import Problem, finish  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SHIM = "assets/javascripts/iframe-worker-shim.js"
# A script or stylesheet from another host: it cannot load from file://
# with no network, and Material's offline plugin adds one (unpkg.com).
REMOTE_ASSET = re.compile(
    r"<script\b[^>]*\bsrc=[\"']?(?:https?:)?//[^\"'\s>]+"
    r"|<link\b(?=[^>]*\brel=[\"']?(?:stylesheet|preload|modulepreload|icon|manifest))"
    r"[^>]*\bhref=[\"']?(?:https?:)?//[^\"'\s>]+", re.I)


@dataclass
class Font:
    name: str
    type: str
    embedded: bool


def pdf_fonts(pdf: Path) -> list[Font]:
    """Fonts as pdffonts lists them (name, type, embedded)."""
    output = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    fonts = []
    for line in output.splitlines()[2:]:
        match = re.match(r"(\S+)\s+(.+?)\s{2,}\S+\s+(yes|no)\s+(yes|no)\s+(yes|no)", line)
        if match:
            fonts.append(Font(match.group(1), match.group(2).strip(), match.group(3) == "yes"))
    return fonts


def squash(text: str) -> str:
    """Letters only: line breaks and spacing differ between HTML and PDF text."""
    return re.sub(r"[\s\u200b]+", "", text)


def font_problems(fonts: list[Font], family: str) -> list[str]:
    wanted = squash(family).replace("-", "").lower()
    problems = []
    if not any(wanted in f.name.replace("-", "").lower() and f.embedded for f in fonts):
        problems.append(f"no embedded {family} font (found: {', '.join(f.name for f in fonts) or 'none'})")
    problems += [f"Type 3 font {f.name}: a bitmap fallback, blurry and not searchable"
                 for f in fonts if f.type.startswith("Type 3")]
    problems += [f"font {f.name} is not embedded" for f in fonts if not f.embedded]
    return problems


def pdf_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout


def pdf_pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    match = re.search(r"^Pages:\s+(\d+)", info, re.M)
    return int(match.group(1)) if match else 0


def missing_phrases(text: str, phrases: list[str]) -> list[str]:
    flat = squash(text)
    return [phrase for phrase in phrases if squash(phrase) not in flat]


def page_count_problem(pages: int, low: int, high: int) -> list[str]:
    if low <= pages <= high:
        return []
    return [f"{pages} pages, expected {low} to {high}"]


def online_page(site: Path, lang: str, default: str, markdown_name: str) -> Path:
    folder = site if lang == default else site / lang
    slug = slug_of(markdown_name)
    return folder / "index.html" if slug == "index" else folder / slug / "index.html"


def summary_sentence(page: Path) -> str:
    """The first line of the page's summary box, as the reader sees it."""
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    paragraph = soup.select_one(".admonition.abstract p:not(.admonition-title)")
    return paragraph.get_text("", strip=True) if paragraph else ""


def phone_numbers(data: Path) -> list[str]:
    contacts = load_yaml(data / "contacts.yml")
    return [str(entry["number"]) for entry in contacts.values()]


def downloads_table_problems(page: Path, site: Path) -> list[str]:
    """Every listed file exists, with the size and SHA-256 the page shows."""
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    rows = soup.select("table.downloads tbody tr")
    if not rows:
        return ["no downloads table"]
    page_url = "/" + page.relative_to(site).as_posix()
    problems = []
    for row in rows:
        link = row.select_one("a[href]")
        size = row.select_one("[data-bytes]")
        digest = row.select_one("code.sha256")
        if not (link and size and digest):
            problems.append(f"incomplete row: {row.get_text(' ', strip=True)}")
            continue
        target = site / urlsplit(urljoin(page_url, str(link["href"]))).path.lstrip("/")
        if not target.is_file():
            problems.append(f"{link['href']}: no such file")
            continue
        if int(str(size["data-bytes"])) != target.stat().st_size:
            problems.append(f"{target.name}: page says {size['data-bytes']} bytes, file has {target.stat().st_size}")
        if digest.get_text(strip=True) != hashlib.sha256(target.read_bytes()).hexdigest():
            problems.append(f"{target.name}: SHA-256 on the page does not match the file")
    return problems


def zip_problems(archive: Path, exclude: list[str]) -> list[str]:
    problems = []
    with zipfile.ZipFile(archive) as bundle:
        names = bundle.namelist()
        tops = {name.split("/", 1)[0] for name in names}
        if len(tops) != 1:
            return [f"expected one top-level folder, found {sorted(tops)}"]
        top = tops.pop()
        inner = {name.split("/", 1)[1]: name for name in names}
        for required in ("index.html", SHIM, "search/search_index.js"):
            if required not in inner:
                problems.append(f"{required} is missing")
        for relative, name in inner.items():
            if any(fnmatch.fnmatch(relative, pattern) for pattern in exclude):
                problems.append(f"{top}/{relative} should have been left out")
            elif relative.endswith(".html"):
                for match in REMOTE_ASSET.findall(bundle.read(name).decode("utf-8", "replace")):
                    problems.append(f"{top}/{relative} loads {match}, which cannot load offline")
    return problems


def check_release(site: Path, root: Path = ROOT) -> list[Problem]:
    settings = load_settings(root)
    languages: list[str] = settings["languages"]
    default = languages[0]
    order = page_order(root / "mkdocs.yml", settings.get("pdf_skip", []))
    numbers = phone_numbers(root / "data")
    folder = site / "downloads"
    problems: list[Problem] = []

    def add(path: Path, messages: list[str]) -> None:
        label = path.relative_to(site.parent).as_posix() if path.is_relative_to(site.parent) else str(path)
        problems.extend(Problem(label, 1, message) for message in messages)

    for lang in languages:
        pdf = folder / settings["files"]["pdf"].format(lang=lang)
        archive = folder / settings["files"]["offline"].format(lang=lang)
        for path in (pdf, archive):
            if not path.is_file():
                add(path, ["missing; run bash scripts/build.sh"])
        if pdf.is_file():
            add(pdf, font_problems(pdf_fonts(pdf), settings["pdf_font"]))
            text = pdf_text(pdf)
            sentences = [summary_sentence(online_page(site, lang, default, name)) for name in order]
            add(pdf, [f"text not found in the PDF: {s!r}" for s in missing_phrases(text, sentences)])
            add(pdf, [f"phone number not found in the PDF: {n}" for n in missing_phrases(text, numbers)])
            limits = settings["pdf_pages"]
            add(pdf, page_count_problem(pdf_pages(pdf), limits["min"], limits["max"]))
        if archive.is_file():
            add(archive, zip_problems(archive, settings.get("offline_exclude", [])))
        page = folder / "index.html" if lang == default else site / lang / "downloads" / "index.html"
        add(page, downloads_table_problems(page, site))
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    args = parser.parse_args()
    return finish("check_downloads", check_release(args.site.resolve()))


if __name__ == "__main__":
    sys.exit(main())
