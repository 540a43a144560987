"""Give every page an "edit this page" link without Material's repository widget.

Why: mkdocs.yml names the repository (repo_url, from REPO_URL) and where the
pages live in it (edit_uri), so each page links to its own source file:
/x/ to docs/zh/x.md, /en/x/ to docs/en/x.md. But whenever repo_url is set,
Material also renders a repository widget in the header and the navigation,
and its script then asks api.github.com for the stars and forks: a request
that leaves the site and tells GitHub who reads this guide. This hook folds
repo_url into a full edit_uri and clears repo_url before any page is made, so
the edit links stay and the widget (and its request) never exist.
"""
from __future__ import annotations

from typing import Any
from urllib.parse import urljoin, urlsplit


def full_edit_uri(repo_url: str, edit_uri: str) -> str:
    """edit_uri as an absolute URL inside the repository."""
    if urlsplit(edit_uri).scheme:
        return edit_uri
    return urljoin(repo_url.rstrip("/") + "/", edit_uri)


def on_config(config: Any) -> Any:
    # mkdocs-static-i18n runs the build again for each language with the same
    # config: the second time repo_url is already cleared and edit_uri is full.
    if config.repo_url and config.edit_uri:
        config.edit_uri = full_edit_uri(config.repo_url, config.edit_uri)
    config.repo_url = None
    return config
