#!/usr/bin/env bash
# Lint the pages and data files; with --fix, first correct what can be corrected.
#
# Why one script: contributors, pre-commit (.pre-commit-config.yaml) and the
# test suite run exactly this. It installs what it needs, like the README's
# commands. Rules and messages: scripts/lint.py.
#
# Usage: bash scripts/lint.sh [--fix] [files...]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

bash scripts/setup.sh lint >&2
exec .venv/bin/python scripts/lint.py "$@"
