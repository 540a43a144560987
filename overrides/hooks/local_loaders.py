"""Make the theme's dormant loaders load nothing from other hosts.

Why: Material's bundle fetches the ResizeObserver polyfill and Mermaid from
unpkg.com, and its repository widget calls the GitHub and GitLab APIs, when
a browser or a page needs them. None of that is used today, but "nothing
leaves the site" must hold for every browser and whatever slips into a page.
After the build this hook applies data/theme_patches.yml: it copies the
npm-locked polyfill into the site and points the loader at it, points the
others at about:invalid (they fail closed), and leaves out source maps.
A patch whose text is not found the expected number of times stops the
build: a theme update changed the code and a person must look.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import yaml
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

ROOT = Path(__file__).resolve().parents[2]
PATCHES = ROOT / "data" / "theme_patches.yml"
SOURCE_MAP_COMMENT = re.compile(r"\n?(?://# sourceMappingURL=[^\n]*|/\*# sourceMappingURL=[^*]*\*/)\s*$")


def local_url(target: str, patched_file: str) -> str:
    """A JavaScript expression for `target`, resolved next to the theme's
    bundle script (pages sit at any depth; the bundle knows where it is)."""
    relative = Path(target).relative_to(Path(patched_file).parent).as_posix()
    return ('new URL(' + repr(relative).replace("'", '"') +
            ',document.querySelector(\'script[src*="javascripts/bundle."]\').src).href')


def apply_patches(site: Path, settings: dict[str, Any], project: Path, offline: bool = False) -> None:
    for copy in settings.get("copies") or []:
        source = project / copy["from"]
        if not source.is_file():
            raise PluginError(f"data/theme_patches.yml: {copy['from']} is missing; run 'bash scripts/setup.sh' "
                              f"(it runs npm ci from package-lock.json)")
        target = site / copy["to"]
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    for patch in settings.get("patches") or []:
        if patch.get("offline") and not offline:
            continue
        files = sorted(site.glob(patch["files"]))
        if not files:
            raise PluginError(f"data/theme_patches.yml: no file in the site matches {patch['files']}")
        expected = int(patch.get("count", 1))
        for path in files:
            text = path.read_text(encoding="utf-8")
            found = text.count(patch["find"])
            new = (local_url(patch["local"], path.relative_to(site).as_posix()) if "local" in patch
                   else patch["replace"])
            if found == 0 and new and text.count(new) >= expected:
                continue  # patched by an earlier build into the same folder (live preview)
            if found != expected:
                raise PluginError(
                    f"data/theme_patches.yml: {path.relative_to(site).as_posix()} holds {patch['find']!r} "
                    f"{found} time(s), expected {expected}: the theme changed; check what the code does now "
                    f"and update the patch")
            path.write_text(text.replace(patch["find"], new), encoding="utf-8")
    dropped = False
    for pattern in settings.get("drop") or []:
        for path in list(site.glob(pattern)):
            if path.is_dir():
                shutil.rmtree(path)
            elif path.exists():
                path.unlink()
            dropped = True
    if dropped:
        for path in list(site.rglob("*.js")) + list(site.rglob("*.css")):
            text = path.read_text(encoding="utf-8", errors="surrogateescape")
            stripped = SOURCE_MAP_COMMENT.sub("", text)
            if stripped != text:
                path.write_text(stripped, encoding="utf-8", errors="surrogateescape")


def offline_enabled(config: Any) -> bool:
    plugin = config.plugins.get("material/offline") or config.plugins.get("offline")
    return bool(plugin and plugin.config.enabled)


# After every other hook that writes into the site (offline.py copies the
# iframe-worker shim at 0, search_split.py writes indexes at -200), before
# the Content-Security-Policy hook (-300) hashes what the pages run.
@event_priority(-250)
def on_post_build(config: Any) -> None:
    i18n = config.plugins.get("i18n")
    if i18n is not None and getattr(i18n, "building", False):
        return  # the other language: theme files are shared with the root
    project = Path(config.config_file_path).resolve().parent
    settings = yaml.safe_load(PATCHES.read_text(encoding="utf-8")) or {}
    apply_patches(Path(config.site_dir), settings, project, offline_enabled(config))
