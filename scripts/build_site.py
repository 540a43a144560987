"""Build the site with ``mkdocs build --strict`` and swap it in atomically.

Why: a reader's download must never be a half-built site. We build into a
fresh sibling folder and only when MkDocs succeeds do we rename it over the
old output; on failure the previous output stays exactly as it was and the
error (file and line, from our hooks or MkDocs) is printed.

Usage: python scripts/build_site.py --output site [--config mkdocs.yml]
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path


def build(config: Path, output: Path) -> int:
    output = output.resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{output.name}.new-", dir=output.parent))
    command = [sys.executable, "-m", "mkdocs", "build", "--strict",
               "--config-file", str(config), "--site-dir", str(staging)]
    result = subprocess.run(command, cwd=config.parent)
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
