"""Build the guide with extra fixture pages, for tests that need a page the
real site does not have (a page too long, a summary too low, a table whose
snippet used to start with "。").

The pages are copied into both languages and listed in the navigation under
"Fixtures"; the build is strict, like the real one, so the fixture pages go
through the same theme, hooks and stylesheets as every page.
"""
from __future__ import annotations

import shutil
from pathlib import Path

from conftest import copy_project, run_mkdocs_build


def build_with_pages(target: Path, page_folders: list[Path], **env: str) -> Path:
    """Copy the project into target/project, add every *.md of page_folders
    to both languages and the nav, build into target/site; return the site."""
    project = copy_project(target / "project")
    pages = sorted(page for folder in page_folders for page in folder.glob("*.md"))
    for lang in ("zh", "en"):
        for page in pages:
            shutil.copy2(page, project / "docs" / lang / page.name)
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    # A fixture's own styles come as a stylesheet beside its pages: the
    # Content-Security-Policy refuses style="…" attributes, as for real pages.
    for sheet in sorted(sheet for folder in page_folders for sheet in folder.glob("*.css")):
        shutil.copy2(sheet, project / "docs" / "assets" / f"fixture-{sheet.name}")
        config = config.replace("\nextra_css:\n", f"\nextra_css:\n  - assets/fixture-{sheet.name}\n", 1)
    fixture_nav = "  - Fixtures:\n" + "".join(f"      - {page.name}\n" for page in pages)
    config = config.replace("\nmarkdown_extensions:", fixture_nav + "\nmarkdown_extensions:", 1)
    assert "Fixtures:" in config
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    site = target / "site"
    result = run_mkdocs_build(project, site, **env)
    assert result.returncode == 0, f"fixture build failed:\n{result.stderr}"
    return site
