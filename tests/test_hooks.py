"""Unit tests for the small MkDocs hooks in overrides/hooks/."""
from __future__ import annotations

import datetime
import re
import sys

import pytest
from bs4 import BeautifulSoup
import yaml
from mkdocs.exceptions import PluginError

from conftest import ROOT

sys.path.insert(0, str(ROOT / "overrides" / "hooks"))

import accessible_names  # noqa: E402
import addresses_footer  # noqa: E402
import asset_bundle  # noqa: E402
import contacts  # noqa: E402
import csp  # noqa: E402
import data_review  # noqa: E402
import local_loaders  # noqa: E402
import tools  # noqa: E402
import downloads  # noqa: E402
import offline  # noqa: E402
import relative_links  # noqa: E402
import reviewed  # noqa: E402
import search_segments  # noqa: E402
import search_split  # noqa: E402
import table_labels  # noqa: E402
import template_cache  # noqa: E402
import wechat_hint  # noqa: E402

CONTACTS = {
    "police": {"number": "110", "name": {"zh": "报警", "en": "police"}},
    "duxiaoman": {"number": "95055", "name": {"zh": "客服", "en": "service"},
                  "caveat": {"zh": "（先在 App 核对）", "en": " (check in the app first)"}},
}


@pytest.mark.parametrize("lang, source, expected", [
    ("zh", "拨打 {{ phone.police }}。", '拨打 [110](tel:110){ .phone data-contact="police" }。'),
    ("zh", "{{phone.duxiaoman}}", '[95055](tel:95055){ .phone data-contact="duxiaoman" }（先在 App 核对）'),
    ("en", "Call {{ phone.duxiaoman }}.", 'Call [95055](tel:95055){ .phone data-contact="duxiaoman" } (check in the app first).'),
    ("en", "No numbers here.", "No numbers here."),
])
def test_phone_placeholders_render_with_caveats(lang: str, source: str, expected: str) -> None:
    assert contacts.render_phones(source, CONTACTS, lang, "docs/x.md") == expected


def test_unknown_phone_key_names_file_and_line() -> None:
    with pytest.raises(PluginError, match=r"docs/zh/a\.md:3: unknown phone key 'lawyer'"):
        contacts.render_phones("一\n二\n{{ phone.lawyer }}\n", CONTACTS, "zh", "docs/zh/a.md")


def test_real_contacts_file_is_valid_and_has_sources() -> None:
    data = contacts.load_contacts()
    assert {"police", "nfra", "duxiaoman"} <= set(data)
    assert all(entry["source"] for entry in data.values())
    assert "caveat" in data["duxiaoman"]  # facts.md: 95055 always with "check it in the app"


@pytest.mark.parametrize("meta, words", [
    ({}, "front matter lacks 'title'; front matter lacks 'description'; front matter lacks 'reviewed'"),
    ({"title": "t", "description": "d"}, "lacks 'reviewed'"),
    ({"title": "t", "description": "d", "reviewed": "yesterday"}, "reviewed must be a date"),
])
def test_bad_front_matter_is_rejected(meta: dict, words: str) -> None:
    with pytest.raises(PluginError, match=f"docs/zh/a.md:1: .*{words}"):
        reviewed.check_meta(meta, "docs/zh/a.md")


def test_good_front_matter_is_accepted_and_dated() -> None:
    meta = {"title": "t", "description": "d", "reviewed": "2026-11-29"}
    reviewed.check_meta(meta, "docs/zh/a.md")
    assert meta["reviewed"] == datetime.date(2026, 11, 29)


def test_search_index_is_split_by_language_prefix() -> None:
    merged = {"config": {"lang": ["en"]}, "docs": [
        {"location": "", "title": "首页"}, {"location": "stages/#sms", "title": "短信"},
        {"location": "en/", "title": "Home"}, {"location": "en/stages/#sms", "title": "Texts"},
        {"location": "english-page/", "title": "不是英文目录"}]}
    parts = search_split.split_index(merged, ["zh", "en"], "zh")
    assert [d["location"] for d in parts["zh"]["docs"]] == ["", "stages/#sms", "english-page/"]
    assert [d["location"] for d in parts["en"]["docs"]] == ["", "stages/#sms"]
    assert parts["en"]["config"] == merged["config"]


# Material's search text for a table section: the inline <code> in a cell ends
# a block, so the next block (its snippet) started with "。".
UNTIDY = "号码\u200b \u200b拨打\u200b <code>12378</code>。\u200b然后\u200b等待 <p>\u200b依据\u200b。</p>"


@pytest.mark.parametrize("text, expected", [
    (UNTIDY, "<p>号码\u200b \u200b拨打\u200b <code>12378</code>。\u200b然后\u200b等待</p><p>\u200b依据\u200b。</p>"),
    ("<p>\u200b。\u200b好</p><ul><li>，a</li></ul>", "<p>好</p><ul><li>a</li></ul>"),
    ("<ul><li>a<ul><li>b</li></ul></li></ul> c", "<ul><li>a<ul><li>b</li></ul></li></ul><p>c</p>"),
    ("<pre><code>x</code></pre>", "<pre><code>x</code></pre>"),
    ("", ""),
])
def test_search_text_blocks_read_well_as_snippets(text: str, expected: str) -> None:
    assert search_split.snippet_text(text) == expected


def test_split_index_tidies_each_entry_and_keeps_its_boost() -> None:
    merged = {"config": {}, "docs": [{"location": "x/", "title": "X", "text": UNTIDY, "boost": 2}]}
    (doc,) = search_split.split_index(merged, ["zh"], "zh")["zh"]["docs"]
    assert doc["text"].startswith("<p>号码") and doc["boost"] == 2


@pytest.mark.parametrize("page, text, expected", [
    ('<p>a</p><table class="downloads"><thead>', "在浏览器打开",
     '<p>a</p><p class="wechat-hint" role="note" hidden>在浏览器打开</p>\n<table class="downloads"><thead>'),
    ('<p class="downloads-note">no files here</p>', "在浏览器打开", '<p class="downloads-note">no files here</p>'),
    ('<table class="downloads">', "", '<table class="downloads">'),
    ('<table class="downloads">', "a < b", '<p class="wechat-hint" role="note" hidden>a &lt; b</p>\n<table class="downloads">'),
])
def test_wechat_hint_goes_above_the_downloads_table_only(page: str, text: str, expected: str) -> None:
    assert wechat_hint.add_hint(page, text) == expected


def test_not_found_page_stays_in_default_language() -> None:
    import not_found
    not_found.default_not_found.clear()
    assert not_found.keep_default("<html lang=zh>", "zh", "zh") == "<html lang=zh>"
    assert not_found.keep_default("<html lang=en>", "en", "zh") == "<html lang=zh>"


@pytest.mark.parametrize("html, expected", [
    ("<p>A payment order (支付令) is issued.</p>", '<p>A payment order (<span lang="zh">支付令</span>) is issued.</p>'),
    ('<p title="支付令">Civil Code (《民法典》)</p>', '<p title="支付令">Civil Code (<span lang="zh">《民法典》</span>)</p>'),
    ("<pre><code>支付令</code></pre><p>No Chinese.</p>", "<pre><code>支付令</code></pre><p>No Chinese.</p>"),
])
def test_chinese_runs_on_english_pages_get_a_lang_attribute(html: str, expected: str) -> None:
    import lang_spans
    assert lang_spans.mark_chinese(html) == expected


@pytest.mark.parametrize("polyfills, expected", [
    ([], [offline.SHIM_TARGET]),
    (["https://unpkg.com/iframe-worker/shim"], [offline.SHIM_TARGET]),
    (["assets/other.js"], [offline.SHIM_TARGET, "assets/other.js"]),
])
def test_offline_build_uses_the_local_iframe_worker_shim(polyfills: list[str], expected: list[str]) -> None:
    extra = {"polyfills": list(polyfills)}
    offline.add_local_shim(extra)
    assert extra["polyfills"] == expected


@pytest.mark.parametrize("size, text", [(512, "1 KB"), (380_000, "371 KB"), (2_500_000, "2.4 MB")])
def test_download_sizes_read_naturally(size: int, text: str) -> None:
    assert downloads.human_size(size) == text


@pytest.mark.parametrize("url, prefix", [("downloads/", "../"), ("en/downloads/", "../../"), ("downloads.html", "")])
def test_download_links_climb_to_the_site_root(url: str, prefix: str) -> None:
    assert downloads.link_prefix(url) == prefix


def test_downloads_table_shows_bytes_and_checksum() -> None:
    labels = {"table_file": "File", "table_size": "Size", "table_sha256": "SHA-256",
              "kind_pdf": "PDF", "kind_offline": "Bundle"}
    table = downloads.render_table(
        [{"file": "guide-en.pdf", "kind": "pdf", "lang": "en", "bytes": 2048, "sha256": "ab" * 32}],
        labels, "../../")
    assert '<a href="../../downloads/guide-en.pdf" download>guide-en.pdf</a>' in table
    assert 'data-bytes="2048">2 KB<' in table
    assert f'<code class="sha256">{"ab" * 32}</code>' in table


def test_unreadable_downloads_manifest_is_a_clear_error(tmp_path) -> None:
    with pytest.raises(PluginError, match="DOWNLOADS_MANIFEST="):
        downloads.load_manifest(str(tmp_path / "missing.json"))


# --- accessible_names: task-list checkboxes and the search dialog -----------

TASK = ('<li class="task-list-item"><label class="task-list-control"><input type="checkbox" disabled/>'
        '<span class="task-list-indicator"></span></label> {text}</li>')


@pytest.mark.parametrize("text, label", [
    ("<strong>核实</strong>：打开官方 App。", "核实：打开官方 App。"),
    ("Keep the <span lang=\"zh\">短信</span> &amp; call log", "Keep the 短信 &amp; call log"),
    ('Say "no"<ul><li>nested item</li></ul>', "Say &quot;no&quot;"),
])
def test_task_checkbox_is_named_by_its_item_text(text: str, label: str) -> None:
    html = accessible_names.name_checkboxes(TASK.format(text=text))
    assert f'<input type="checkbox" disabled aria-label="{label}"/>' in html


def test_checkbox_without_text_or_with_a_name_is_left_alone() -> None:
    empty = TASK.format(text="")
    assert accessible_names.name_checkboxes(empty) == empty
    named = TASK.format(text="x").replace("disabled/", 'disabled aria-label="y"/')
    assert accessible_names.name_checkboxes(named) == named


SEARCH = ('<div class="md-search" data-md-component="search" role="dialog">'
          '<input type="text" class="md-search__input" name="query" aria-label="搜索" placeholder="搜索">')


def test_search_dialog_is_named_after_the_search_box() -> None:
    html = accessible_names.name_search_dialog(SEARCH)
    assert 'role="dialog" aria-label="搜索">' in html
    assert accessible_names.name_search_dialog(html) == html  # once only


# --- table_labels: column headings on cells ------------------------------

TABLE = ("<table>\n<thead>\n<tr>\n<th>Who</th>\n<th style=\"text-align: left;\">When <em>to</em> call</th>\n</tr>\n</thead>\n"
         "<tbody>\n<tr>\n<td>Police</td>\n<td style=\"text-align: left;\">Threats</td>\n</tr>\n"
         "<tr>\n<td>Court</td>\n<td>Letters</td>\n<td>extra</td>\n</tr>\n</tbody>\n</table>")


def test_each_cell_gets_its_column_heading() -> None:
    html = table_labels.label_tables(TABLE)
    assert '<td data-label="Who">Police</td>' in html
    assert '<td style="text-align: left;" data-label="When to call">Threats</td>' in html
    assert '<td data-label="Who">Court</td>' in html
    assert "<td>extra</td>" in html  # a cell beyond the headings stays as it was


def test_table_without_heading_row_is_left_alone() -> None:
    bare = "<table><tbody><tr><td>a</td></tr></tbody></table>"
    assert table_labels.label_tables(bare) == bare


def test_downloads_table_with_a_class_is_labelled_too() -> None:
    # It folds on a phone like the others (issue 13); the class stays.
    classed = '<table class="downloads"><thead><tr><th>x</th></tr></thead><tr><td>a</td></tr></table>'
    assert table_labels.label_tables(classed) == (
        '<table class="downloads"><thead><tr><th>x</th></tr></thead><tr><td data-label="x">a</td></tr></table>')


# --- template_cache: compiled templates kept, edits still seen ------------------

def test_template_cache_serves_an_edited_template_fresh(tmp_path) -> None:
    from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader

    (tmp_path / "templates").mkdir()
    page = tmp_path / "templates" / "page.html"

    def render() -> str:
        env = Environment(loader=FileSystemLoader(str(tmp_path / "templates")),
                          bytecode_cache=FileSystemBytecodeCache(str(tmp_path)))
        return env.get_template("page.html").render()

    page.write_text("before", encoding="utf-8")
    assert render() == "before"
    assert list(tmp_path.glob("__jinja2_*.cache"))  # compiled code was kept
    page.write_text("after", encoding="utf-8")
    assert render() == "after"


def test_template_cache_hook_gives_the_environment_a_cache() -> None:
    from jinja2 import Environment, FileSystemBytecodeCache
    env = template_cache.on_env(Environment(), None, None)
    assert isinstance(env.bytecode_cache, FileSystemBytecodeCache)


# --- search_segments: jieba's cuts kept between builds ------------------------

class CountingJieba:
    """A stand-in for jieba that cuts every two characters and counts calls."""
    __version__ = "test"

    def __init__(self) -> None:
        self.calls = 0

    def cut(self, sentence: bytes | str, *args, **kwargs) -> list[str]:
        self.calls += 1
        text = sentence.decode("utf-8") if isinstance(sentence, bytes) else sentence
        return [text[i:i + 2] for i in range(0, len(text), 2)]


def test_segmenter_asks_jieba_once_per_sentence_and_remembers_it_across_builds(tmp_path) -> None:
    path = tmp_path / "segments.json"
    jieba = CountingJieba()
    first = search_segments.CachedSegmenter(jieba, path, "v1")
    assert first.cut("逾期怎么办".encode("utf-8")) == ["逾期", "怎么", "办"]
    assert first.cut("逾期怎么办".encode("utf-8")) == ["逾期", "怎么", "办"]
    assert jieba.calls == 1
    first.save()
    second = search_segments.CachedSegmenter(jieba, path, "v1")
    assert second.cut("逾期怎么办".encode("utf-8")) == ["逾期", "怎么", "办"]
    assert jieba.calls == 1  # the next build never loads jieba for known text


@pytest.mark.parametrize("cache_text, fingerprint", [
    ('{"fingerprint": "v1", "segments": {"逾期怎么办": ["wrong"]}}', "v2"),  # jieba or dictionary changed
    ("{not json", "v1"),
    ('["a list"]', "v1"),
    ('{"fingerprint": "v1", "segments": ["a list"]}', "v1"),
])
def test_segmenter_ignores_a_cache_it_cannot_trust(tmp_path, cache_text: str, fingerprint: str) -> None:
    path = tmp_path / "segments.json"
    path.write_text(cache_text, encoding="utf-8")
    jieba = CountingJieba()
    segmenter = search_segments.CachedSegmenter(jieba, path, fingerprint)
    assert segmenter.cut("逾期怎么办") == ["逾期", "怎么", "办"]
    assert jieba.calls == 1


def test_segmenter_prunes_unused_sentences_only_at_the_end(tmp_path) -> None:
    path = tmp_path / "segments.json"
    jieba = CountingJieba()
    old = search_segments.CachedSegmenter(jieba, path, "v1")
    for sentence in ("一二", "三四", "五六"):
        old.cut(sentence)
    old.save()
    current = search_segments.CachedSegmenter(jieba, path, "v1")
    current.cut("一二")
    current.save()  # after one language: nothing new, nothing dropped yet
    assert set(search_segments.load(path, "v1")) == {"一二", "三四", "五六"}
    current.save(prune=True)
    assert set(search_segments.load(path, "v1")) == {"一二"}


def test_segmenter_matches_jieba_and_passes_other_calls_through(tmp_path) -> None:
    import jieba
    segmenter = search_segments.CachedSegmenter(jieba, tmp_path / "s.json", "v1")
    sentence = "度小满贷款逾期后怎样投诉违规催收"
    assert segmenter.cut(sentence.encode("utf-8")) == list(jieba.cut(sentence.encode("utf-8")))
    assert segmenter.cut(sentence, cut_all=True) == list(jieba.cut(sentence, cut_all=True))
    assert segmenter.set_dictionary == jieba.set_dictionary


def test_segmenter_keeps_reader_terms_whole_and_loads_jieba_for_them_only_when_cutting(tmp_path) -> None:
    import jieba
    segmenter = search_segments.CachedSegmenter(jieba, tmp_path / "s.json", "v1", ["反催收"])
    assert segmenter.words == ["反催收"]  # not added yet: a build from the cache never loads jieba
    assert "反催收" in segmenter.cut("不要加入反催收群")
    assert segmenter.words == []


def test_whole_words_come_from_reader_words_and_change_the_fingerprint() -> None:
    words = search_segments.whole_words(ROOT)
    assert "反催收" in words and "还不上" in words
    settings = {"jieba_dict": None, "jieba_dict_user": None}
    assert search_segments.fingerprint(object(), settings, words) != search_segments.fingerprint(object(), settings)


# --- asset_bundle: one stylesheet and one script per page ---------------------

def test_bundle_joins_files_in_listed_order_naming_each(tmp_path) -> None:
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "a.css").write_text("a { color: red; }\n", encoding="utf-8")
    (tmp_path / "assets" / "b.css").write_text("b { color: blue; }\n", encoding="utf-8")
    joined = asset_bundle.join_files(tmp_path, ["assets/b.css", "assets/a.css"], "extra_css")
    assert joined == "/* assets/b.css */\nb { color: blue; }\n\n/* assets/a.css */\na { color: red; }\n"


def test_bundle_with_a_missing_file_names_the_setting_and_the_file(tmp_path) -> None:
    with pytest.raises(PluginError, match=r"mkdocs\.yml: extra_javascript lists 'assets/gone\.js'"):
        asset_bundle.join_files(tmp_path, ["assets/gone.js"], "extra_javascript")


# --- relative_links: one build for any host (issue 16) -------------------------

@pytest.mark.parametrize("target, page_url, base, expected", [
    ("/repo/en/", "", "/repo/", "en/"),                  # the Chinese home page's switcher
    ("/repo/", "en/", "/repo/", "../"),                  # the English home page's switcher
    ("/repo/en/", "en/", "/repo/", "./"),
    ("/repo/.", "", "/repo/", "./"),                     # the 404 page's logo link
    ("/repo", "faq/", "/repo/", "../"),
    ("/repo/assets/guide.css", "en/faq/", "/repo/", "../../assets/guide.css"),
    ("/repo/en/#next", "faq/", "/repo/", "../en/#next"),
    ("/repo/faq/?h=app", "", "/repo/", "faq/?h=app"),
    ("/en/index.html", "faq.html", "/", "en/index.html"),  # offline bundle: .html URLs
    ("/other/", "", "/repo/", None),
    ("/repository/", "", "/repo/", None),
])
def test_root_paths_become_relative_to_the_page(target: str, page_url: str, base: str, expected: str | None) -> None:
    assert relative_links.relative_url(target, page_url, base) == expected


@pytest.mark.parametrize("site_url, path", [
    ("https://owner.github.io/repo/", "/repo/"), ("https://mirror.example.org", "/"), ("", "/"), (None, "/"),
])
def test_site_folder_comes_from_site_url(site_url: str | None, path: str) -> None:
    assert relative_links.site_path(site_url) == path


def test_only_root_paths_are_rewritten() -> None:
    html = ('<a href="/repo/en/" hreflang="en"><link rel="canonical" href="https://o.github.io/repo/">'
            '<a href="#top"><a href="../faq/"><a href="//cdn.example.org/x.js"><img src="/repo/a.png">')
    assert relative_links.make_relative(html, "", "/repo/", "docs/zh/index.md") == (
        '<a href="en/" hreflang="en"><link rel="canonical" href="https://o.github.io/repo/">'
        '<a href="#top"><a href="../faq/"><a href="//cdn.example.org/x.js"><img src="a.png">')


def test_a_root_path_outside_the_site_folder_stops_the_build_naming_page_and_link() -> None:
    with pytest.raises(PluginError, match=r"docs/zh/faq\.md: link '/elsewhere/' leaves the site's folder \(/repo/\)"):
        relative_links.make_relative('<a href="/elsewhere/">x</a>', "faq/", "/repo/", "docs/zh/faq.md")


NOT_FOUND = """<html><head>
      <meta charset="utf-8">
      <link rel="icon" href="/repo/assets/images/favicon.png">
      <link rel="stylesheet" href="/repo/assets/stylesheets/main.css">
</head><body><a href="/repo/." class="md-logo"></a><a href="/repo/en/" hreflang="en"></a>
<script id="__config" type="application/json">{"base": "/repo/", "search": "/repo/assets/w.js"}</script>
<script defer src="/repo/assets/bundle.js"></script>
</body></html>"""


def test_not_found_page_links_from_the_root_and_finds_the_root_before_loading_anything() -> None:
    page = relative_links.not_found_page(NOT_FOUND, "/repo/")
    assert 'href="./" class="md-logo"' in page and 'href="en/" hreflang="en"' in page
    assert '"base": "./"' in page and '"search": "assets/w.js"' in page
    assert page.index('probe.open("HEAD", folder + "assets/stylesheets/main.css", false)') < page.index("main.css\\\"")
    # Nothing a preload scanner could fetch from beside the missing address:
    parsed = BeautifulSoup(page, "html.parser")
    assert parsed.select("link[rel=stylesheet], link[rel=icon], script[src]") == []
    assert 'document.write("<script defer src=\\"assets/bundle.js\\"><\\/script>")' in page
    assert page.index('id="__config"') < page.index("settings.base = new URL(settings.base, document.baseURI)")


def test_not_found_page_of_another_shape_stops_the_build() -> None:
    with pytest.raises(PluginError, match="404.html: no stylesheet"):
        relative_links.not_found_page("<html><head></head><body></body></html>", "/repo/")


# --- addresses_footer: the official addresses on each home page (issue 16) ------

@pytest.mark.parametrize("src_uri, home", [("zh/index.md", True), ("en/index.md", True),
                                           ("zh/faq.md", False), ("zh/more/index.md", False)])
def test_addresses_go_on_each_language_home_page_only(src_uri: str, home: bool) -> None:
    page = type("Page", (), {"file": type("File", (), {"src_uri": src_uri})()})()
    assert addresses_footer.is_home_page(page) is home


def test_addresses_go_inside_the_footer_before_the_licence_line() -> None:
    html = '<footer class="md-footer"><nav></nav><div class="md-footer-meta md-typeset">licence</div></footer>'
    result = addresses_footer.add_addresses(html, "<p>addresses</p>", "docs/zh/index.md")
    assert result.index("<p>addresses</p>") < result.index('<div class="md-footer-meta md-typeset">licence')
    assert result.startswith('<footer class="md-footer"><nav></nav><div class="md-grid md-typeset guide-addresses">')


def test_a_footer_of_another_shape_stops_the_build_instead_of_dropping_the_addresses() -> None:
    with pytest.raises(PluginError, match=r"docs/zh/index\.md: no '<div class=\"md-footer-meta"):
        addresses_footer.add_addresses("<footer></footer>", "<p>addresses</p>", "docs/zh/index.md")


# --- downloads: a build without the files names the website's downloads page ----

@pytest.mark.parametrize("lang, url", [("zh", "https://o.github.io/r/downloads/"),
                                       ("en", "https://o.github.io/r/en/downloads/")])
def test_offline_copy_points_at_the_downloads_page_of_its_language(lang: str, url: str) -> None:
    assert downloads.website_downloads_url("https://o.github.io/r/", lang, ["zh", "en"]) == url


def test_offline_note_links_the_address_and_has_no_table() -> None:
    note = downloads.offline_note({"offline_note": "The table is at {address}"}, "https://o.github.io/r/downloads/")
    assert note == ('<p class="downloads-note">The table is at <a href="https://o.github.io/r/downloads/">'
                    'https://o.github.io/r/downloads/</a></p>')
# --- csp: a Content-Security-Policy on every page -------------------------------

PAGE = ('<!doctype html><html><head><meta charset="utf-8"><title>t</title>'
        '<script id="__config" type="application/json">{"a": 1}</script>'
        '<script>var a = 1;</script><script src="x.js"></script></head>'
        '<body><script>\n  go();\n</script></body></html>')


def test_policy_hashes_each_inline_script_the_page_runs() -> None:
    assert csp.inline_scripts(PAGE) == ["var a = 1;", "\n  go();\n"]
    page = csp.with_policy(PAGE, {"default-src": ["'self'"], "script-src": ["'self'"]}, [])
    content = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', page).group(1)
    assert content == ("default-src 'self'; script-src 'self' "
                       + " ".join(sorted([csp.script_hash("var a = 1;"), csp.script_hash("\n  go();\n")])))
    assert page.index("Content-Security-Policy") < page.index("<title>")  # before any script


def test_live_preview_allows_its_reload_script_and_keeps_the_rest(monkeypatch) -> None:
    monkeypatch.setitem(csp.startup, "command", "serve")
    page = csp.with_policy(PAGE, {"script-src": ["'self'"], "connect-src": ["'self'"]}, [])
    assert "script-src 'self' 'unsafe-inline'; connect-src 'self'" in page and "sha256" not in page


def test_policy_is_replaced_not_repeated() -> None:
    once = csp.with_policy(PAGE, {"default-src": ["'self'"]}, [])
    twice = csp.with_policy(once, {"default-src": ["'none'"]}, [])
    assert twice.count("Content-Security-Policy") == 1 and "default-src 'none'" in twice


def test_policy_applied_twice_gives_the_same_page() -> None:
    once = csp.with_policy(PAGE, {"default-src": ["'self'"]}, [])
    assert csp.with_policy(once, {"default-src": ["'self'"]}, []) == once
    assert csp.without_policy(once) == PAGE


def test_known_hash_of_a_script() -> None:
    # echo -n 'alert(1)' | openssl dgst -sha256 -binary | base64
    assert csp.script_hash("alert(1)") == "'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"


SHIM = ('(()=>{function c(s,n){parent.postMessage(s,n||"*")}function d(...s){return s.reduce((n,e)=>n)}'
        'var o=class{constructor(e){this.w.document.write(`<html><body><script>postMessage=${c};importScripts=${d};'
        'addEventListener("error",({error})=>{parent.dispatchEvent(new ErrorEvent("error",{error}))})<\\/script>'
        '<script src=${e}?${+Date.now()}><\\/script></body></html>`)}}})();')


def test_the_offline_search_frame_script_is_rebuilt_from_the_shim() -> None:
    assert csp.shim_frame_script(SHIM) == (
        'postMessage=function c(s,n){parent.postMessage(s,n||"*")};importScripts=function d(...s){return '
        's.reduce((n,e)=>n)};addEventListener("error",({error})=>{parent.dispatchEvent(new ErrorEvent("error",{error}))})')


@pytest.mark.parametrize("shim, words", [
    (SHIM.replace("{error}))})", '{filename:"${e}",error}))})'), "depends on the page"),
    (SHIM.replace("<html><body><script>", "<html><script>"), "no longer writes"),
    ("function d(){`<html><body><script>importScripts=${d}<\\/script>`", "function d has no end"),
], ids=["page-dependent", "new-frame-shape", "unbalanced-function"])
def test_a_shim_the_hook_cannot_read_is_refused(shim: str, words: str) -> None:
    with pytest.raises(ValueError, match=words):
        csp.shim_frame_script(shim)


# --- local_loaders: no outside host in the site ---------------------------------

def loader_site(tmp_path, text: str):
    site = tmp_path / "site"
    (site / "assets" / "javascripts").mkdir(parents=True)
    (site / "assets" / "javascripts" / "bundle.abc.min.js").write_text(text, encoding="utf-8")
    (site / "assets" / "javascripts" / "bundle.abc.min.js.map").write_text("{}", encoding="utf-8")
    (tmp_path / "polyfill.js").write_text("window.ResizeObserver=1", encoding="utf-8")
    return site


SETTINGS = {"copies": [{"from": "polyfill.js", "to": "assets/javascripts/ro.js"}],
            "patches": [{"files": "assets/javascripts/bundle.*.min.js", "find": '"https://unpkg.com/ro"',
                         "local": "assets/javascripts/ro.js"},
                        {"files": "assets/javascripts/bundle.*.min.js", "find": '"https://unpkg.com/m"',
                         "replace": '"about:invalid"'}],
            "drop": ["**/*.map"]}


def test_loaders_point_at_a_local_copy_or_nowhere_and_maps_go(tmp_path) -> None:
    site = loader_site(tmp_path, 'a(_t("https://unpkg.com/ro"));b(_t("https://unpkg.com/m"))\n//# sourceMappingURL=bundle.abc.min.js.map\n')
    local_loaders.apply_patches(site, SETTINGS, tmp_path)
    bundle = (site / "assets" / "javascripts" / "bundle.abc.min.js").read_text(encoding="utf-8")
    assert "unpkg" not in bundle and "sourceMappingURL" not in bundle
    assert 'new URL("ro.js",document.querySelector(\'script[src*="javascripts/bundle."]\').src).href' in bundle
    assert '"about:invalid"' in bundle
    assert (site / "assets" / "javascripts" / "ro.js").is_file()
    assert not list(site.rglob("*.map"))
    local_loaders.apply_patches(site, SETTINGS, tmp_path)  # a second build into the same folder


def test_a_changed_theme_stops_the_build(tmp_path) -> None:
    site = loader_site(tmp_path, 'a(_t("https://cdn.example/ro"))')
    with pytest.raises(PluginError, match=r"bundle\.abc\.min\.js holds '\"https://unpkg\.com/ro\"' 0 time\(s\), expected 1"):
        local_loaders.apply_patches(site, SETTINGS, tmp_path)


def test_the_real_patches_name_files_the_theme_ships() -> None:
    settings = yaml.safe_load((ROOT / "data" / "theme_patches.yml").read_text(encoding="utf-8"))
    assert {patch["find"] for patch in settings["patches"]} >= {'"https://unpkg.com/resize-observer-polyfill"',
                                                                '"https://unpkg.com/mermaid@11/dist/mermaid.min.js"'}
    assert (ROOT / settings["copies"][0]["from"]).is_file(), "npm ci (package-lock.json) installs it"


# --- tools: reviewed markup where a page asks for it ----------------------------------

def fake_render(name: str, lang: str) -> str:
    return f"<form data-tool='{name}' lang='{lang}'></form>"


def test_marker_is_replaced_by_the_tool_in_the_page_language() -> None:
    html = "<h2>Log</h2>\n<!-- tool: call-log -->\n<h2>Sheet</h2>"
    assert tools.render_tools(html, fake_render, "en", "docs/en/call-log.md", ["assets/call-log.js"]) == \
        "<h2>Log</h2>\n<form data-tool='call-log' lang='en'></form>\n<h2>Sheet</h2>"


def test_a_page_loading_the_tool_without_its_marker_stops_the_build() -> None:
    with pytest.raises(PluginError, match=r"docs/zh/call-log\.md: lists assets/call-log\.js .* no <!-- tool: call-log --> marker"):
        tools.render_tools("<p>prose</p>", fake_render, "zh", "docs/zh/call-log.md", ["assets/call-log.js"])


def test_an_unknown_tool_stops_the_build() -> None:
    with pytest.raises(PluginError, match=r"<!-- tool: pay-here --> names no tool"):
        tools.render_tools("<!-- tool: pay-here -->", fake_render, "zh", "docs/zh/a.md", [])


def test_tool_words_exist_in_both_languages_with_every_field() -> None:
    for lang in ("zh", "en"):
        words = tools.tool_words(ROOT / "data" / "call_log.yml", lang)
        assert {field["name"] for field in words["fields"]} == set(words["words"]["labels"])


# --- data_review: the build stops on unreviewed data ------------------------------------

def test_real_data_is_reviewed() -> None:
    assert data_review.on_config({"x": 1}) == {"x": 1}


def test_unreviewed_data_stops_the_build(monkeypatch, tmp_path) -> None:
    import shutil
    shutil.copytree(ROOT / "tests" / "fixtures" / "data" / "unreviewed", tmp_path / "data")
    monkeypatch.setattr(data_review, "ROOT", tmp_path)
    with pytest.raises(PluginError, match=r"contacts\.yml:8: contact 'nfra' lacks source"):
        data_review.on_config({})


def test_bundle_name_changes_with_its_content_only() -> None:
    first = asset_bundle.fingerprinted("assets/guide", ".css", "a{color:red}")
    assert first == asset_bundle.fingerprinted("assets/guide", ".css", "a{color:red}")
    assert first != asset_bundle.fingerprinted("assets/guide", ".css", "a{color:blue}")
    assert re.fullmatch(r"assets/guide\.[0-9a-f]{10}\.css", first)


def test_bundles_are_minified_and_replace_their_sources(tmp_path, monkeypatch) -> None:
    from mkdocs.structure.files import File, Files
    monkeypatch.setattr(asset_bundle, "bundles", {})
    monkeypatch.setattr(asset_bundle, "sources", set())
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "a.css").write_text("/* note */\na {\n  color: red;\n}\n", encoding="utf-8")
    (tmp_path / "assets" / "a.js").write_text("// note\nvar answer = 1 + 1;\n", encoding="utf-8")
    config = {"extra_css": ["assets/a.css"], "extra_javascript": ["assets/a.js"]}
    config = asset_bundle.on_config(type("Config", (dict,), {"docs_dir": str(tmp_path)})(config))
    css, js = config["extra_css"][0], config["extra_javascript"][0]
    assert asset_bundle.bundles == {css: "a{color:red}", js: "var answer=1+1;"}
    files = Files([File(name, str(tmp_path), str(tmp_path / "site"), False)
                   for name in ("assets/a.css", "assets/a.js", "assets/call-log.js")])
    kept = asset_bundle.on_files(files, config)
    assert [file.src_uri for file in kept] == ["assets/call-log.js"]
