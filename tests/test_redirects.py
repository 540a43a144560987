"""No published URL disappears: a page removed without a redirect fails the
check with the URL and the fix; with a redirect_maps entry in mkdocs.yml the
old URL answers in both languages, each redirecting to its own language."""
from __future__ import annotations

import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError

import check_site as cs
from conftest import ROOT, copy_project, run_mkdocs_build

sys.path.insert(0, str(ROOT / "overrides" / "hooks"))

import redirects_i18n  # noqa: E402

DATA = cs.load_data(ROOT / "data")
GONE = [(901, "old-page/"), (902, "en/old-page/")]  # as if a page had been published and then removed


def test_a_removed_page_without_a_redirect_fails_naming_url_and_fix(built_site: Path) -> None:
    problems = cs.check_published_urls(built_site, {**DATA, "published": DATA["published"] + GONE})
    assert [(p.path, p.line) for p in problems] == [("data/published_urls.txt", 901), ("data/published_urls.txt", 902)]
    assert "published URL /old-page/ is gone" in problems[0].message
    assert "published URL /en/old-page/ is gone" in problems[1].message
    for words in ("mkdocs.yml", "redirect_maps", "'old-page.md': 'new-page.md'", "已发布的网址"):
        assert all(words in p.message for p in problems), words


@pytest.fixture(scope="module")
def redirected(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the project in which old-page/ was published and now redirects."""
    project = copy_project(tmp_path_factory.mktemp("redirected") / "project")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "      redirect_maps: {}\n" in text
    config.write_text(text.replace("      redirect_maps: {}\n",
                                   "      redirect_maps:\n        old-page.md: scams.md\n"), encoding="utf-8")
    with (project / "data" / "published_urls.txt").open("a", encoding="utf-8") as published:
        published.write("old-page/\nen/old-page/\n")
    result = run_mkdocs_build(project, project / "site")
    assert result.returncode == 0, result.stderr
    return project


def test_with_a_redirect_every_check_on_the_site_passes(redirected: Path) -> None:
    problems = cs.run_checks(redirected / "site", redirected / "data")
    assert not problems, "\n".join(map(str, problems))


@pytest.mark.parametrize("old, lang, label, lands_on", [
    ("old-page", "zh", "本页已移到新地址", "scams"),
    ("en/old-page", "en", "This page has moved", "en/scams"),
])
def test_redirect_lands_on_the_page_in_its_own_language(redirected: Path, old: str, lang: str, label: str,
                                                        lands_on: str) -> None:
    site = redirected / "site"
    html = (site / old / "index.html").read_text(encoding="utf-8")
    assert f'<html lang="{lang}">' in html and label in html
    assert 'http-equiv="refresh" content="0; url=../scams/"' in html
    assert (site / old / "../scams").resolve() == (site / lands_on).resolve()


PAGES = {"scams.md": object(), "stages.md": object()}


@pytest.mark.parametrize("maps, language, prefix, expected", [
    ({"old.md": "scams.md"}, "zh", "", {"old.md": "scams.md"}),
    ({"old.md": "scams.md#verify"}, "en", "en/", {"en/old.md": "en/scams.md#verify"}),
    ({"gone.md": "https://www.gov.cn/"}, "en", "en/", {"en/gone.md": "https://www.gov.cn/"}),
])
def test_one_entry_becomes_a_redirect_per_language(maps: dict, language: str, prefix: str, expected: dict) -> None:
    assert redirects_i18n.language_redirects(maps, PAGES, language, prefix) == expected


@pytest.mark.parametrize("maps, words", [
    ({"zh/old.md": "zh/scams.md"}, "without the language folder"),
    ({"scams.md": "stages.md"}, "'scams.md' is still a page (docs/zh/scams.md)"),
])
def test_bad_redirect_entries_stop_the_build_with_the_fix(maps: dict, words: str) -> None:
    with pytest.raises(PluginError, match=r"^mkdocs\.yml: redirect_maps: ") as error:
        redirects_i18n.language_redirects(maps, PAGES, "zh", "")
    assert words in str(error.value)


def test_redirect_pages_get_the_language_and_its_words() -> None:
    html = ('<!doctype html>\n<html lang="en">\n<head>\n<title>Redirecting...</title>\n</head>\n'
            '<body>\nYou\'re being redirected to a <a href="../scams/">new destination</a>.\n</body>\n</html>\n')
    localised = redirects_i18n.localise(html, "zh", "本页已移到新地址")
    assert '<html lang="zh">' in localised and "<title>本页已移到新地址</title>" in localised
    assert '<body>\n<a href="../scams/">本页已移到新地址</a>\n</body>' in localised


def test_hook_leaves_builds_without_the_plugins_alone() -> None:
    files = object()
    config = SimpleNamespace(plugins={})
    assert redirects_i18n.on_files(files, config) is files
