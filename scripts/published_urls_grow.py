"""Published URLs only grow: no line of data/published_urls.txt disappears without a redirect.

Why: a reader may have a page bookmarked, printed or forwarded in a chat.
scripts/check_site.py proves that every URL listed today still answers, but
a pull request that deletes a page together with its line in
data/published_urls.txt would pass that check. This compares the file with
the merge base (the pull request's base branch, or origin/main) and fails on
every removed line whose page has no redirect in mkdocs.yml's redirect_maps.

Usage: python scripts/published_urls_grow.py [--base REF] [--repo .]
       (REF defaults to origin/$GITHUB_BASE_REF in a pull request, else origin/main)
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from markdown_pages import load_site_config  # noqa: E402
from problems import Problem, finish  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
LIST = "data/published_urls.txt"


def git(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True)


def default_base() -> str:
    branch = os.environ.get("GITHUB_BASE_REF")
    return f"origin/{branch}" if branch else "origin/main"


def merge_base(repo: Path, base: str) -> str | None:
    result = git(repo, "merge-base", "HEAD", base)
    return result.stdout.strip() if result.returncode == 0 and result.stdout.strip() else None


def published(text: str) -> list[tuple[int, str]]:
    return [(number, line.strip()) for number, line in enumerate(text.splitlines(), start=1)
            if line.strip() and not line.lstrip().startswith("#")]


def redirect_key(url: str) -> str:
    """The redirect_maps key for a published URL: "en/old/" → "old.md" (one key covers both languages)."""
    path = url.removeprefix("./").strip("/")
    if path.split("/")[0] == "en":
        path = path[len("en"):].strip("/")
    return f"{path or 'index'}.md"


def redirect_maps(config: dict) -> set[str]:
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and "redirects" in plugin:
            return set(((plugin["redirects"] or {}).get("redirect_maps") or {}))
    return set()


def removed_without_redirect(repo: Path, base: str) -> list[Problem]:
    commit = merge_base(repo, base)
    if commit is None:
        raise LookupError(f"no merge base with {base}")
    before = git(repo, "show", f"{commit}:{LIST}")
    if before.returncode != 0:
        return []  # the list is new on this branch
    current = {url for _, url in published((repo / LIST).read_text(encoding="utf-8"))}
    redirects = redirect_maps(load_site_config(repo / "mkdocs.yml"))
    problems = []
    for line, url in published(before.stdout):
        if url in current:
            continue
        key = redirect_key(url)
        if key not in redirects:
            problems.append(Problem(
                LIST, line,
                f"published URL /{url.removeprefix('./')} was removed from this list (line {line} at {base}) "
                f"with no redirect: published URLs only grow. Keep the line and add "
                f"'{key}': 'new-page.md' under plugins → redirects → redirect_maps in mkdocs.yml · "
                f"已发布的网址只增不减：请保留这一行，并在 mkdocs.yml 的 redirect_maps 中加上 '{key}' 的跳转"))
    return problems


def cannot_compare(check: str, path: str, error: LookupError) -> int:
    """With no base commit to compare with: fail in CI (a shallow clone would
    hide a removal), skip with a notice on a contributor's machine."""
    if os.environ.get("GITHUB_ACTIONS") == "true":
        return finish(check, [Problem(path, 1, f"cannot compare: {error} (fetch-depth: 0?)")])
    print(f"{check}: skipped, {error}", file=sys.stderr)
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default=default_base())
    parser.add_argument("--repo", type=Path, default=ROOT)
    args = parser.parse_args()
    try:
        problems = removed_without_redirect(args.repo, args.base)
    except LookupError as error:
        return cannot_compare("published_urls_grow", LIST, error)
    return finish("published_urls_grow", problems)


if __name__ == "__main__":
    sys.exit(main())
