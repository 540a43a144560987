"""Reuse the Chinese word segmentation of earlier builds.

Why: Material's search plugin cuts Chinese text into words with jieba, and
jieba takes about 0.9 s to load its dictionary: a third of a whole build,
paid again on every build although most sentences have not changed. This
hook hands the search plugin a segmenter that remembers how jieba cut each
run of Chinese characters (in .cache/search-segments.json) and loads jieba
only for a run it has not seen. The words still come from jieba, so the
search index is the same either way.

Terms that jieba would split into common pieces (反催收 → 反 / 催收) are
added to its dictionary first: keep_whole in data/reader_words.yml.

The cache is keyed by jieba's version, the search plugin's dictionary
settings and those terms; if any changes, or the file is unreadable, it
starts empty.
SEARCH_SEGMENTS names another cache file (the benchmark times a build with
no caches that way).
"""
from __future__ import annotations

import atexit
import json
import logging
import os
import tempfile
from pathlib import Path
from typing import Any

log = logging.getLogger("mkdocs.hooks.search_segments")

CACHE_FILE = Path(".cache") / "search-segments.json"
READER_WORDS = Path("data") / "reader_words.yml"


def whole_words(project: Path) -> list[str]:
    """The terms jieba must keep whole (data/reader_words.yml, keep_whole)."""
    path = project / READER_WORDS
    if not path.is_file():
        return []
    import yaml
    return sorted(str(word) for word in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("keep_whole") or [])


class CachedSegmenter:
    """Stands in for the jieba module: cut() answers from the cache first."""

    def __init__(self, jieba: Any, path: Path, fingerprint: str, words: list[str] | None = None) -> None:
        self.jieba = jieba
        self.path = path
        self.fingerprint = fingerprint
        self.words = list(words or [])  # added to jieba before its first cut
        self.known: dict[str, list[str]] = load(path, fingerprint)
        self.used: set[str] = set()
        self.new = 0

    def cut(self, sentence: bytes | str, *args: Any, **kwargs: Any) -> list[str]:
        if args or kwargs:  # a different cutting mode: not what we cache
            return list(self.jieba.cut(sentence, *args, **kwargs))
        text = sentence.decode("utf-8") if isinstance(sentence, bytes) else sentence
        words = self.known.get(text)
        if words is None:
            while self.words:  # adding a word loads jieba's dictionary: only when jieba is needed
                self.jieba.add_word(self.words.pop())
            words = self.known[text] = list(self.jieba.cut(text))
            self.new += 1
        self.used.add(text)
        return words

    def __getattr__(self, name: str) -> Any:
        # set_dictionary, load_userdict and the rest go to jieba itself.
        return getattr(self.jieba, name)

    def save(self, prune: bool = False) -> None:
        """Write new sentences; with prune, also drop the ones this process never used.

        Pruning waits for the end of the process because one build may cut
        one language first and the other later (mkdocs-static-i18n).
        """
        stale = len(self.known) - len(self.used)
        prune = prune and stale > len(self.used)
        if not (self.new or prune):
            return
        if prune:
            self.known = {text: self.known[text] for text in self.used}
        write_atomically(self.path, {"fingerprint": self.fingerprint, "segments": self.known})
        self.new = 0


def load(path: Path, fingerprint: str) -> dict[str, list[str]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("fingerprint") != fingerprint:
        return {}
    segments = data.get("segments")
    return segments if isinstance(segments, dict) else {}


def write_atomically(path: Path, data: dict[str, Any]) -> None:
    # Two builds may run at once (the offline bundles): each renames a
    # complete file into place, so a reader never sees half of one.
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(handle, "w", encoding="utf-8") as file:
        json.dump(data, file, ensure_ascii=False, separators=(",", ":"))
    os.chmod(temporary, 0o644)  # mkstemp makes it private; it holds only public text
    os.replace(temporary, path)


def fingerprint(jieba: Any, search_config: Any, words: list[str] | None = None) -> str:
    settings = {"jieba": getattr(jieba, "__version__", "?"),
                "dict": search_config.get("jieba_dict"),
                "user_dict": search_config.get("jieba_dict_user"),
                "words": words or []}
    return json.dumps(settings, sort_keys=True)


def on_config(config: Any) -> Any:
    try:
        from material.plugins.search import plugin as search_plugin
    except ImportError:
        return config
    current = getattr(search_plugin, "jieba", None)
    search = config.plugins.get("material/search") or config.plugins.get("search")
    if current is None or search is None:
        return config  # no jieba, or no search: nothing to segment
    jieba = getattr(current, "jieba", current)  # already wrapped by an earlier build
    project = Path(config.config_file_path).parent
    path = Path(os.environ.get("SEARCH_SEGMENTS") or project / CACHE_FILE)
    words = whole_words(project)
    settings = fingerprint(jieba, search.config, words)
    if getattr(current, "path", None) == path and getattr(current, "fingerprint", None) == settings:
        return config  # the next language, or a live-preview rebuild: keep what it learnt
    segmenter = CachedSegmenter(jieba, path, settings, words)
    search_plugin.jieba = segmenter
    atexit.register(save_quietly, segmenter, True)
    return config


def on_post_build(config: Any) -> None:
    from material.plugins.search import plugin as search_plugin
    segmenter = getattr(search_plugin, "jieba", None)
    if hasattr(segmenter, "save"):
        save_quietly(segmenter)


def save_quietly(segmenter: CachedSegmenter, prune: bool = False) -> None:
    try:
        segmenter.save(prune)
    except OSError as error:  # a read-only checkout still builds, only slower
        log.info(f"search segments not cached: {error}")
