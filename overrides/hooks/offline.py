"""Make Material's offline build need nothing from the network.

Why: Material's ``offline`` plugin makes search work from ``file://`` by
adding the iframe-worker shim, but it links the shim from unpkg.com, which
an unzipped bundle on a phone with no signal cannot load; without it the
search box disappears. The plugin skips its own link when a polyfill whose
URL mentions ``iframe-worker`` is already configured, so we configure the
copy that npm installed (package-lock.json) and copy it into the site.
Online builds (plugin disabled) are left untouched.
"""
from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

SHIM_SOURCE = Path("node_modules") / "iframe-worker" / "shim" / "index.js"
SHIM_TARGET = "assets/javascripts/iframe-worker-shim.js"


def offline_enabled(config: Any) -> bool:
    plugin = config.plugins.get("material/offline") or config.plugins.get("offline")
    return bool(plugin and plugin.config.enabled)


def project_root(config: Any) -> Path:
    return Path(config.config_file_path).resolve().parent


def add_local_shim(extra: dict[str, Any]) -> None:
    """Put the local shim first among the polyfills, once."""
    polyfills = [p for p in extra.get("polyfills", []) if "iframe-worker" not in p]
    extra["polyfills"] = [SHIM_TARGET, *polyfills]


# Before the offline plugin's own on_config, which adds the unpkg link
# unless an iframe-worker polyfill is already there.
@event_priority(100)
def on_config(config: Any) -> Any:
    if offline_enabled(config):
        add_local_shim(config.extra)
    return config


def on_post_build(config: Any) -> None:
    if not offline_enabled(config):
        return
    source = project_root(config) / SHIM_SOURCE
    if not source.is_file():
        raise PluginError(
            f"offline build: {source} is missing; run 'bash scripts/setup.sh' "
            "(it runs npm ci from package-lock.json)")
    target = Path(config.site_dir) / SHIM_TARGET
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
