"""Take phone screenshots (360 x 740) of the pages a frightened reader opens
first, for people to compare before and after a change.

Why: issue 13's note shows the home, family, violations and complaints
pages in both languages, before and after the content rewrite; one script
takes both sets the same way, so the two sets differ only in the site.
For each page it saves the first screen (what the reader sees without
scrolling) and the whole page, with folded blocks closed, as
test-artifacts/screens/<label>/<lang>-<page>.png and ...-full.png.

Usage: python scripts/screenshots.py --label before [--site DIR]
Without --site it builds the site into a temporary folder first.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from page_metrics import chromium_on_site, load_budgets  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts" / "screens"
# slug -> path under a language's root ("" is the home page)
PAGES = {"home": "", "family": "family/", "violations": "violations/", "complaints": "complaints/"}
LANGUAGES = {"zh": "", "en": "en/"}


def take_screenshots(browser: object, site_url: str, label: str, screen: dict[str, int],
                     target: Path = ARTIFACTS) -> list[Path]:
    """Screenshot every page of PAGES in both languages; return the files written."""
    folder = target / label
    folder.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport=screen, is_mobile=True, has_touch=True)  # type: ignore[attr-defined]
    page = context.new_page()
    written = []
    for lang, prefix in LANGUAGES.items():
        for name, path in PAGES.items():
            page.goto(site_url + prefix + path, wait_until="load")
            first, full = folder / f"{lang}-{name}.png", folder / f"{lang}-{name}-full.png"
            page.screenshot(path=str(first))
            page.screenshot(path=str(full), full_page=True)
            written += [first, full]
    context.close()
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--label", required=True, help="folder name under test-artifacts/screens/, e.g. before")
    parser.add_argument("--site", type=Path, help="a built site (default: build one now)")
    args = parser.parse_args()
    screen = load_budgets()["screen"]
    with chromium_on_site(args.site) as (browser, url):
        written = take_screenshots(browser, url, args.label, screen)
    for path in written:
        print(path.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
