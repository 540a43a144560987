"""The guide's Markdown pages and data files, as the source checks read them.

Why: every rule in scripts/rules/ looks at the same things (a page's front
matter, its body lines outside code blocks, its headings; the data files in
data/). Reading them once, here, keeps line numbers right for every rule
and lets a rule be a few lines about what it checks.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import yaml

LANGUAGES = ("zh", "en")
CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK_CHAR = re.compile(f"[{CJK}]")
PLACEHOLDER = re.compile(r"\{\{\s*phone\.([A-Za-z0-9_]+)\s*\}\}")
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*$")
HEADING_ID = re.compile(r"\{\s*#([A-Za-z0-9_-]+)[^}]*\}\s*$")
ADMONITION = re.compile(r"^(\s*)(?:!!!|\?\?\?\+?)\s*([\w-]+)(?:\s+\"(.*)\")?\s*$")
TASK_ITEM = re.compile(r"^\s*[-*+]\s+\[[ xX]\]\s+")
LINK = re.compile(r"(?<!!)\[([^\]]*)\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
DOCUMENT_TITLE = re.compile(r"《([^》]+)》")
# Official document numbers keep their own form: 金规〔2024〕26号.
OFFICIAL_NUMBER = re.compile(r"〔\d{4}〕\d+号")


@dataclass
class Page:
    """A Markdown page split into front matter and body, with line numbers."""

    path: Path
    label: str
    lang: str
    slug: str
    lines: list[str]
    meta: dict = field(default_factory=dict)
    meta_error: str = ""
    body_start: int = 0  # index into lines of the first body line

    @classmethod
    def load(cls, path: Path, docs_dir: Path) -> "Page":
        relative = path.relative_to(docs_dir)
        lang = relative.parts[0]
        slug = relative.relative_to(lang).with_suffix("").as_posix()
        label = f"{docs_dir.name}/{relative.as_posix()}"
        lines = path.read_text(encoding="utf-8").splitlines()
        page = cls(path, label, lang, slug, lines)
        if lines and lines[0].strip() == "---":
            try:
                end = lines.index("---", 1)
            except ValueError:
                page.meta_error = "front matter has no closing ---"
                return page
            try:
                page.meta = yaml.safe_load("\n".join(lines[1:end])) or {}
            except yaml.YAMLError as error:
                page.meta_error = f"front matter is not valid YAML: {error}"
            page.body_start = end + 1
        return page

    @property
    def text(self) -> str:
        """The whole source: front matter, body and code blocks."""
        return "\n".join(self.lines)

    def body(self) -> Iterable[tuple[int, str]]:
        """(line number, text) of body lines outside fenced code blocks."""
        fence = ""
        for index in range(self.body_start, len(self.lines)):
            text = self.lines[index]
            stripped = text.strip()
            marker = re.match(r"(`{3,}|~{3,})", stripped)
            if marker:
                if not fence:
                    fence = marker.group(1)
                    continue
                if stripped.startswith(fence):
                    fence = ""
                    continue
            if not fence:
                yield index + 1, text

    def headings(self) -> list[tuple[int, int, str, str]]:
        """(line, level, text, anchor id or '') for every heading in the body."""
        found = []
        for number, text in self.body():
            match = HEADING.match(text)
            if match:
                anchor = HEADING_ID.search(match.group(2))
                title = HEADING_ID.sub("", match.group(2)).strip()
                found.append((number, len(match.group(1)), title, anchor.group(1) if anchor else ""))
        return found


def load_pages(docs_dir: Path) -> list[Page]:
    return [Page.load(path, docs_dir)
            for lang in LANGUAGES
            for path in sorted((docs_dir / lang).rglob("*.md"))]


def load_yaml(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


class TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml's settings without running its python tags; !ENV
    switches take the environment's value or their default, as MkDocs does."""


def environment_value(loader: yaml.SafeLoader, node: yaml.Node) -> object:
    names = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else [loader.construct_scalar(node)]
    for name in names[:-1] if len(names) > 1 else names:
        if str(name) in os.environ:
            return yaml.safe_load(os.environ[str(name)])
    return names[-1] if len(names) > 1 else None


TolerantLoader.add_constructor("!ENV", environment_value)
TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def load_site_config(path: Path) -> dict:
    """mkdocs.yml as plain data (tagged values, like !ENV switches, read as None)."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=TolerantLoader) or {}  # noqa: S506 (safe subclass)


DATA_FILES = {
    "contacts": "contacts.yml",
    "glossary": "glossary.yml",
    "domains": "allowed_domains.yml",
    "mirrors": "mirrors.yml",
    "structure": "structure.yml",
    "documents": "documents.yml",
    "payment_accounts": "payment_accounts.yml",
}


def load_data(data_dir: Path) -> dict:
    """Every data file the rules read, by name, with "paths" saying where each
    came from (a rule that reports a line in a data file needs its text)."""
    data: dict = {name: load_yaml(data_dir / file) for name, file in DATA_FILES.items()}
    site_config = data_dir.parent / "mkdocs.yml"
    data["site"] = load_site_config(site_config) if site_config.is_file() else {}
    data["published"] = load_published(data_dir / "published_urls.txt")
    data["paths"] = {name: data_dir / file for name, file in DATA_FILES.items()}
    return data


def with_data_overrides(data: dict, folder: Path) -> dict:
    """data, with any of its files replaced by the one of the same name in
    folder (a rule's fixtures may bring their own small data file)."""
    overridden = {**data, "paths": dict(data["paths"])}
    for name, file in DATA_FILES.items():
        if (folder / file).is_file():
            overridden[name] = load_yaml(folder / file)
            overridden["paths"][name] = folder / file
    return overridden


def load_published(path: Path) -> list[tuple[int, str]]:
    """(line, URL) for every URL in data/published_urls.txt."""
    return [(number, line.strip()) for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
            if line.strip() and not line.startswith("#")]


def published_pages(path: Path) -> list[str]:
    """Every published page as a path under the site root: "" is the Chinese
    home page, "en/" the English one."""
    return [url.removeprefix("./") for _, url in load_published(path)]


# --- what a reader sees of a Markdown line -------------------------------------

def strip_link_targets(text: str) -> str:
    return LINK.sub(lambda m: m.group(1), text)


def prose_only(text: str) -> str:
    """The reader-visible words of a Markdown line, markup removed."""
    text = re.sub(r"`[^`]*`", "", text)
    text = OFFICIAL_NUMBER.sub("〔〕号", text)
    text = PLACEHOLDER.sub("0", text)
    text = strip_link_targets(text)
    text = re.sub(r"\{[:.#][^}]*\}|\{\s*[.#][^}]*\}", "", text)
    text = re.sub(r"https?://\S+", "", text)
    text = re.sub(r"<!--.*?-->", "", text)
    text = re.sub(r"^\s*(?:[-*+]\s+(?:\[[ xX]\]\s+)?|\d+\.\s+|#+\s+|>\s*)", "", text)
    text = re.sub(r"^\s*(?:!!!|\?\?\?\+?)\s*[\w-]+", "", text)
    text = text.replace("**", "").replace("__", "")
    return text


def enclosing_bracket_start(text: str, position: int) -> int:
    """Index of the ( or （ that encloses position, or -1."""
    depth = 0
    for index in range(position - 1, -1, -1):
        if text[index] in ")）":
            depth += 1
        elif text[index] in "(（":
            if depth == 0:
                return index
            depth -= 1
    return -1
