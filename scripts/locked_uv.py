"""Print the pip requirement for uv, with the hashes uv.lock holds for it.

Why: scripts/setup.sh installs every Python package with uv from the
hash-locked uv.lock, but uv itself has to come first, from pip. Reading its
version and hashes from the same lock keeps one source of truth, and pip's
--require-hashes refuses a uv wheel that is not the locked one.

Usage: python3 scripts/locked_uv.py [uv.lock] > requirement.txt
"""
from __future__ import annotations

import sys
import tomllib
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def uv_requirement(lock: dict[str, Any]) -> str:
    """'uv==VERSION --hash=sha256:... ...' for every file of uv in the lock."""
    package = next((p for p in lock.get("package", []) if p["name"] == "uv"), None)
    if package is None:
        raise SystemExit("uv.lock has no 'uv' package: add uv to the 'setup' group in pyproject.toml and relock")
    files = [*package.get("wheels", []), *([package["sdist"]] if "sdist" in package else [])]
    hashes = " ".join(f"--hash={file['hash']}" for file in files)
    return f"uv=={package['version']} {hashes}"


def main() -> int:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "uv.lock"
    with path.open("rb") as lock:
        print(uv_requirement(tomllib.load(lock)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
