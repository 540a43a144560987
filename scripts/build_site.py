"""Build the site with ``mkdocs build --strict`` and swap it in atomically.

Why: a reader's download must never be a half-built site. We build into a
fresh sibling folder and only when MkDocs succeeds do we rename it over the
old output; on failure the previous output stays exactly as it was and the
error (file and line, from our hooks or MkDocs) is printed.
scripts/build_release.py uses the same two steps for the full release.

Usage: python scripts/build_site.py --output site [--config mkdocs.yml]
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path


ROOT = Path(__file__).resolve().parent.parent
# What a build needs from the project: copies (bad-input tests, the
# benchmark) take these, and leave out .git, caches and outputs.
PROJECT_PARTS = ("mkdocs.yml", "docs", "data", "overrides", "scripts")


def copy_project(target: Path, root: Path = ROOT) -> Path:
    """Copy what a build needs, without .git: the copy is outside any repository."""
    for part in PROJECT_PARTS:
        source = root / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            target.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / part)
    # Every build copies npm-locked files into the site (the ResizeObserver
    # polyfill, data/theme_patches.yml): link the installed ones, not a copy.
    if (root / "node_modules").is_dir():
        (target / "node_modules").symlink_to((root / "node_modules").resolve(), target_is_directory=True)
    return target


def mkdocs_build(config: Path, site_dir: Path, env: dict[str, str] | None = None,
                 quiet: bool = False) -> subprocess.CompletedProcess[str]:
    """Run a strict MkDocs build; extra env switches select an output (see mkdocs.yml)."""
    command = [sys.executable, "-m", "mkdocs", "build", "--strict",
               "--config-file", str(config), "--site-dir", str(site_dir)]
    if quiet:
        command.append("--quiet")
    return subprocess.run(command, cwd=config.parent, env={**os.environ, **(env or {})},
                          text=True, capture_output=quiet)


def staging_folder(output: Path) -> Path:
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{output.name}.new-", dir=output.parent))
    # mkdtemp makes the folder private (0700); a published site must be readable.
    staging.chmod(0o755)
    return staging


def build(config: Path, output: Path) -> int:
    output = output.resolve()
    staging = staging_folder(output)
    result = mkdocs_build(config, staging)
    if result.returncode != 0:
        shutil.rmtree(staging, ignore_errors=True)
        print(f"build: failed; {output} was left as it was", file=sys.stderr)
        return result.returncode
    swap_in(staging, output)
    return 0


def swap_in(staging: Path, output: Path) -> None:
    """Replace output with staging using renames, so readers never see a mix."""
    retired = output.with_name(f".{output.name}.old")
    shutil.rmtree(retired, ignore_errors=True)
    if output.exists():
        output.rename(retired)
    staging.rename(output)
    shutil.rmtree(retired, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=Path("site"))
    parser.add_argument("--config", type=Path, default=Path("mkdocs.yml"))
    args = parser.parse_args()
    return build(args.config.resolve(), args.output)


if __name__ == "__main__":
    sys.exit(main())
