"""Check the data files: review fields on what readers trust, and no number,
account or outside link hidden where it does not belong.

Why: data/contacts.yml (numbers readers dial), data/allowed_domains.yml
(sites readers are sent to), data/payment_accounts.yml (accounts, none on
purpose) and data/images.yml (every image a page shows) are what a hostile
pull request would change. Each entry must carry `source` (where it comes
from), `reviewed` (the date a person last checked it, not in the future) and
`confidence` (high, medium, low or unverified). This is the one home of that
rule: overrides/hooks/data_review.py stops the build with the same messages.
The other data files feed pages and tools, so their text is read as a
reader would see it (scripts/reader_view.py): a phone number that is not a
listed contact, a payment account or an outside address in them fails too.
Whether a source is true, a machine cannot judge: CODEOWNERS asks a
maintainer, and scripts/data_diff.py shows them the change.

Usage: python scripts/check_data.py [--data data]
"""
from __future__ import annotations

import argparse
import datetime
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from problems import Problem, finish  # noqa: E402
from reader_view import phone_kind, phone_numbers, text_view  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
REVIEW_FIELDS = ("source", "reviewed", "confidence")
CONFIDENCE = ("high", "medium", "low", "unverified")


@dataclass(frozen=True)
class Reviewed:
    """A data file whose entries need review fields."""

    file: str
    kind: str       # how a message names one entry: contact, domain, account, image
    list_key: str   # "" for a mapping of keys to entries (contacts.yml)
    id_field: str   # the field naming an entry in a list ("" for a mapping)
    required: tuple[str, ...] = ()  # fields the entry needs besides the review fields


REVIEWED = [
    Reviewed("contacts.yml", "contact", "", "", ("number", "name")),
    Reviewed("allowed_domains.yml", "domain", "allowed", "domain", ("domain", "why")),
    Reviewed("payment_accounts.yml", "account", "accounts", "account", ("account", "holder")),
    Reviewed("images.yml", "image", "images", "file", ("file",)),
]
# Fields that cite evidence (a source may name a web page or a number it
# checked); they are read by maintainers, never shown to readers.
CITATION_FIELDS = {"source", "why", "find", "replace", "from", "to", "files", "local"}
# Files about code and URLs themselves (commits, patches, policies), never shown to readers: not scanned.
NOT_SCANNED = {"theme_patches.yml", "published_urls.txt", "workflows.yml", "csp.yml", "script_apis.yml"}


def label_of(path: Path) -> str:
    try:
        return path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return f"data/{path.name}"


def compose(path: Path) -> tuple[yaml.Node | None, list[Problem]]:
    try:
        return yaml.compose(path.read_text(encoding="utf-8")), []
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        return None, [Problem(label_of(path), mark.line + 1 if mark else 1, f"invalid YAML: {error}")]


def mapping(node: yaml.Node | None) -> dict[str, yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return {key.value: value for key, value in node.value if isinstance(key, yaml.ScalarNode)}
    return {}


def scalar(node: yaml.Node | None) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return yaml.safe_load(yaml.serialize(node))
    return None


def entry_nodes(root: yaml.Node | None, spec: Reviewed) -> Iterator[tuple[str, int, yaml.Node]]:
    """(name, line, node) of each entry of a reviewed file."""
    if not spec.list_key:
        if isinstance(root, yaml.MappingNode):
            for key, node in root.value:
                yield str(key.value), key.start_mark.line + 1, node
        return
    items = mapping(root).get(spec.list_key)
    if isinstance(items, yaml.SequenceNode):
        for index, node in enumerate(items.value, start=1):
            name = scalar(mapping(node).get(spec.id_field)) if isinstance(node, yaml.MappingNode) else scalar(node)
            yield str(name if name not in (None, "") else f"#{index}"), node.start_mark.line + 1, node


def entry_problems(label: str, spec: Reviewed, name: str, line: int, node: yaml.Node,
                   today: datetime.date) -> list[Problem]:
    if not isinstance(node, yaml.MappingNode):
        return [Problem(label, line, f"{spec.kind} '{name}' must be a mapping with "
                                     f"{', '.join(spec.required + REVIEW_FIELDS)}")]
    fields = mapping(node)
    missing = [field for field in spec.required + REVIEW_FIELDS
               if field not in fields or scalar(fields[field]) in (None, "")
               and not isinstance(fields[field], yaml.MappingNode)]
    problems = []
    if missing:
        problems.append(Problem(label, line, f"{spec.kind} '{name}' lacks {', '.join(missing)}: every entry says "
                                             f"where it comes from (source), when a person checked it (reviewed) "
                                             f"and how sure we are (confidence: {', '.join(CONFIDENCE)}) · "
                                             f"每一条都要写明来源、核对日期和可信度"))
    if "reviewed" in fields and scalar(fields["reviewed"]) not in (None, ""):
        reviewed = scalar(fields["reviewed"])
        at = fields["reviewed"].start_mark.line + 1
        if not isinstance(reviewed, datetime.date):
            problems.append(Problem(label, at, f"{spec.kind} '{name}': reviewed must be a date like 2026-11-29"))
        elif reviewed > today:
            problems.append(Problem(label, at, f"{spec.kind} '{name}': reviewed date {reviewed} is in the future"))
    if "confidence" in fields and scalar(fields["confidence"]) not in (None, "", *CONFIDENCE):
        problems.append(Problem(label, fields["confidence"].start_mark.line + 1,
                                f"{spec.kind} '{name}': confidence must be one of {', '.join(CONFIDENCE)}"))
    return problems


def review_problems(data_dir: Path, today: datetime.date | None = None) -> list[Problem]:
    """Every reviewed entry without source, reviewed and confidence (and its own fields)."""
    today = today or datetime.date.today()
    problems = []
    for spec in REVIEWED:
        path = data_dir / spec.file
        if not path.is_file():
            if spec.file != "images.yml":
                problems.append(Problem(f"data/{spec.file}", 1, "missing"))
            continue
        root, errors = compose(path)
        problems += errors
        label = label_of(path)
        for name, line, node in entry_nodes(root, spec):
            problems += entry_problems(label, spec, name, line, node, today)
    return problems


# --- text in data files -------------------------------------------------------------

def scalars(node: yaml.Node | None, key: str = "") -> Iterator[tuple[str, yaml.ScalarNode]]:
    """(field name, scalar node) for every string value, with the nearest key."""
    if isinstance(node, yaml.MappingNode):
        for key_node, value in node.value:
            yield from scalars(value, key_node.value if isinstance(key_node, yaml.ScalarNode) else key)
    elif isinstance(node, yaml.SequenceNode):
        for value in node.value:
            yield from scalars(value, key)
    elif isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:str":
        yield key, node


def contact_numbers(data_dir: Path) -> set[str]:
    contacts = yaml.safe_load((data_dir / "contacts.yml").read_text(encoding="utf-8")) or {}
    return {str(entry.get("number")) for entry in contacts.values() if isinstance(entry, dict)}


def content_problems(data_dir: Path) -> list[Problem]:
    """Numbers that are not listed contacts, payment accounts and outside
    addresses in the data files' text (outside fields that cite sources)."""
    from rules.payment_accounts import PAYMENT_ADVICE, listed_accounts, payment_accounts
    from rules.phone_numbers import PHONE_ADVICE
    from urls import allowed_hosts, link_problem, official_copy_hosts, text_urls
    numbers = contact_numbers(data_dir)
    accounts = listed_accounts({"payment_accounts": yaml.safe_load(
        (data_dir / "payment_accounts.yml").read_text(encoding="utf-8")) or {}})
    allowed = allowed_hosts(yaml.safe_load((data_dir / "allowed_domains.yml").read_text(encoding="utf-8")) or {})
    mirrors = data_dir / "mirrors.yml"
    if mirrors.is_file():
        allowed |= official_copy_hosts(yaml.safe_load(mirrors.read_text(encoding="utf-8")) or {})
    problems = []
    for path in sorted(data_dir.glob("*.yml")):
        if path.name in NOT_SCANNED:
            continue
        root, errors = compose(path)
        problems += errors
        label = label_of(path)
        for key, node in scalars(root):
            line = node.start_mark.line + 1
            if path.name == "contacts.yml" and key == "number" or path.name == "payment_accounts.yml" and key == "account":
                continue
            view = text_view(node.value)
            for found in phone_numbers(view):
                if found.digits not in numbers:
                    problems.append(Problem(label, line, f"'{found.text.strip()}' looks like a phone number "
                                                         f"({phone_kind(found.digits, found.plus) or 'a local number'}) "
                                                         f"that is not in data/contacts.yml: {PHONE_ADVICE}"))
            for _, kind, account in payment_accounts(view, accounts):
                problems.append(Problem(label, line, f"'{account}' looks like {kind}: {PAYMENT_ADVICE}"))
            if key in CITATION_FIELDS or path.name == "allowed_domains.yml":
                continue
            for found in text_urls(node.value):
                message = link_problem(found.url, allowed)
                if message:
                    problems.append(Problem(label, line, message))
    return problems


def run_checks(data_dir: Path) -> list[Problem]:
    return review_problems(data_dir) + content_problems(data_dir)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT / "data")
    args = parser.parse_args()
    return finish("check_data", run_checks(args.data))


if __name__ == "__main__":
    sys.exit(main())
