"""Unit tests for the small MkDocs hooks in overrides/hooks/."""
from __future__ import annotations

import datetime
import re
import sys

import pytest
from mkdocs.exceptions import PluginError

from conftest import ROOT

sys.path.insert(0, str(ROOT / "overrides" / "hooks"))

import accessible_names  # noqa: E402
import asset_bundle  # noqa: E402
import contacts  # noqa: E402
import downloads  # noqa: E402
import offline  # noqa: E402
import reviewed  # noqa: E402
import search_segments  # noqa: E402
import search_split  # noqa: E402
import table_labels  # noqa: E402
import template_cache  # noqa: E402

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


def test_table_without_heading_row_or_with_a_class_is_left_alone() -> None:
    bare = "<table><tbody><tr><td>a</td></tr></tbody></table>"
    classed = '<table class="downloads"><thead><tr><th>x</th></tr></thead><tr><td>a</td></tr></table>'
    assert table_labels.label_tables(bare) == bare
    assert table_labels.label_tables(classed) == classed


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
