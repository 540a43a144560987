"""The benchmark compares like with like (scripts/benchmark.py).

Its figures are only worth printing if the reference really is stock
mkdocs-material with the same pages, the "first build" really finds no
cache, and the live-preview copy is a git checkout as a contributor's is.
"""
from __future__ import annotations

import subprocess
from pathlib import Path

from mkdocs.utils.yaml import yaml_load

import benchmark
from conftest import ROOT


def test_reference_is_stock_material_with_the_same_pages_and_markdown(tmp_path: Path) -> None:
    project = benchmark.stock_project(tmp_path / "reference")
    config = yaml_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    ours = yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["theme"] == {"name": "material", "language": "zh"}  # default font, palette, features
    assert "hooks" not in config and "extra_css" not in config and "extra_javascript" not in config
    assert config["nav"] == ours["nav"]
    assert str(config["markdown_extensions"]) == str(ours["markdown_extensions"])
    pages = sorted(p.relative_to(project / "docs") for p in (project / "docs").rglob("*.md"))
    assert pages == sorted(p.relative_to(ROOT / "docs") for p in (ROOT / "docs").rglob("*.md"))
    assert "{{ phone." not in (project / "docs" / "zh" / "index.md").read_text(encoding="utf-8")


def test_first_build_finds_no_cache(tmp_path: Path) -> None:
    env = benchmark.empty_caches(tmp_path / "caches")
    assert Path(env["TMPDIR"]).is_dir() and not any(Path(env["TMPDIR"]).iterdir())
    assert not Path(env["SEARCH_SEGMENTS"]).exists()
    assert Path(env["SEARCH_SEGMENTS"]).is_relative_to(tmp_path)


def test_live_preview_copy_is_a_git_checkout(tmp_path: Path) -> None:
    (tmp_path / "page.md").write_text("# Page\n", encoding="utf-8")
    benchmark.git_checkout(tmp_path)
    log = subprocess.run(["git", "log", "--format=%s", "--", "page.md"], cwd=tmp_path,
                         capture_output=True, text=True, check=True)
    assert log.stdout.strip() == "benchmark"
