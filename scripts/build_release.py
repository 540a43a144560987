"""Build everything readers get: the site, and per language an offline bundle and a PDF.

Why one script: the README's build command runs exactly this, and a
failure anywhere must leave the previous site/ (downloads included) as it
was. Steps, all in a private work folder:

1. per language, an offline build (Material's offline plugin, OFFLINE=true)
   with that language at the root, so the unzipped bundle opens in it;
2. a zip of each, without source maps and files the offline site never loads;
3. a PDF per language, typeset from that offline build (scripts/build_pdf.py);
4. a manifest (file, bytes, SHA-256) that the downloads page lists;
5. the online site, with the files copied into site/downloads/;
6. one rename swaps the new site in.

Usage: python scripts/build_release.py --output site
"""
from __future__ import annotations

import argparse
import fnmatch
import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Callable

from build_pdf import git_version, load_settings
from build_site import mkdocs_build, staging_folder, swap_in

ROOT = Path(__file__).resolve().parent.parent
DOWNLOADS = "downloads"
# A fixed timestamp makes the zip depend only on its content.
ZIP_DATE = (2020, 1, 1, 0, 0, 0)


class BuildFailed(Exception):
    pass


def language_env(lang: str, languages: list[str]) -> dict[str, str]:
    """The mkdocs.yml switches for an offline build with `lang` at the root."""
    # No site_url: the bundle has no address, and canonical or hreflang
    # links to the online site's .html twins would point at pages that
    # do not exist there.
    env = {"OFFLINE": "true", "SITE_URL": ""}
    for code in languages:
        env[f"{code.upper()}_DEFAULT"] = "true" if code == lang else "false"
    return env


def excluded(relative: str, patterns: list[str]) -> bool:
    return any(fnmatch.fnmatch(relative, pattern) for pattern in patterns)


def zip_folder(folder: Path, archive: Path, top: str, patterns: list[str]) -> None:
    """Zip folder under one top-level directory, in a stable order and date."""
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as bundle:
        for path in sorted(folder.rglob("*")):
            relative = path.relative_to(folder).as_posix()
            if path.is_dir() or excluded(relative, patterns):
                continue
            info = zipfile.ZipInfo(f"{top}/{relative}", date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            bundle.writestr(info, path.read_bytes())


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def describe(path: Path, lang: str, kind: str) -> dict[str, Any]:
    return {"file": path.name, "lang": lang, "kind": kind,
            "bytes": path.stat().st_size, "sha256": sha256(path)}


def run(label: str, step: Callable[[], None], timings: dict[str, float]) -> None:
    start = time.perf_counter()
    step()
    timings[label] = time.perf_counter() - start


def checked(result: subprocess.CompletedProcess[str], what: str) -> None:
    if result.returncode != 0:
        detail = (result.stderr or "") + (result.stdout or "")
        raise BuildFailed(f"{what} failed:\n{detail.strip()}")


def build_offline(config: Path, work: Path, lang: str, settings: dict[str, Any],
                  timings: dict[str, float]) -> Path:
    site = work / f"offline-{lang}"
    archive = work / DOWNLOADS / settings["files"]["offline"].format(lang=lang)

    def step() -> None:
        checked(mkdocs_build(config, site, language_env(lang, settings["languages"]), quiet=True),
                f"offline build ({lang})")
        zip_folder(site, archive, archive.stem, settings.get("offline_exclude", []))
    run(f"offline bundle ({lang})", step, timings)
    return archive


def build_pdf_file(work: Path, lang: str, version: str, settings: dict[str, Any],
                   timings: dict[str, float]) -> Path:
    output = work / DOWNLOADS / settings["files"]["pdf"].format(lang=lang)
    command = [sys.executable, str(ROOT / "scripts" / "build_pdf.py"), "--site",
               str(work / f"offline-{lang}"), "--lang", lang, "--output", str(output),
               "--version", version]
    run(f"PDF ({lang})", lambda: checked(
        subprocess.run(command, capture_output=True, text=True), f"PDF ({lang})"), timings)
    return output


def build_release(config: Path, output: Path) -> dict[str, float]:
    settings = load_settings(config.parent)
    languages: list[str] = settings["languages"]
    version = git_version(config.parent)
    timings: dict[str, float] = {}
    staging = staging_folder(output)
    work = Path(tempfile.mkdtemp(prefix="guide-release-"))
    try:
        (work / DOWNLOADS).mkdir()
        with ThreadPoolExecutor() as pool:
            bundles = list(pool.map(
                lambda lang: build_offline(config, work, lang, settings, timings), languages))
            pdfs = list(pool.map(
                lambda lang: build_pdf_file(work, lang, version, settings, timings), languages))
        manifest = [describe(path, lang, "offline") for path, lang in zip(bundles, languages)]
        manifest += [describe(path, lang, "pdf") for path, lang in zip(pdfs, languages)]
        manifest_file = work / "manifest.json"
        manifest_file.write_text(json.dumps(manifest, indent=2), encoding="utf-8")

        def site_step() -> None:
            checked(mkdocs_build(config, staging, {"DOWNLOADS_MANIFEST": str(manifest_file)},
                                 quiet=True), "site build")
            target = staging / DOWNLOADS
            target.mkdir(exist_ok=True)
            for entry in manifest:
                shutil.copy2(work / DOWNLOADS / entry["file"], target / entry["file"])
        run("site", site_step, timings)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        shutil.rmtree(work, ignore_errors=True)
    swap_in(staging, output)
    return timings


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=Path("site"))
    parser.add_argument("--config", type=Path, default=ROOT / "mkdocs.yml")
    args = parser.parse_args()
    output = args.output.resolve()
    start = time.perf_counter()
    try:
        timings = build_release(args.config.resolve(), output)
    except BuildFailed as error:
        print(f"build: {error}", file=sys.stderr)
        print(f"build: failed; {output} was left as it was", file=sys.stderr)
        return 1
    for label, seconds in timings.items():
        print(f"build: {label:<22} {seconds:5.1f} s")
    print(f"build: {'total':<22} {time.perf_counter() - start:5.1f} s")
    for path in sorted((output / DOWNLOADS).glob("*.*")):
        if path.suffix in (".pdf", ".zip"):
            print(f"build: {path.relative_to(output.parent)}  {path.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
