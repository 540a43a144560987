#!/usr/bin/env bash
# Run every check: source lint, strict build, link check, content, browser.
#
# Why one script: .ci/run and a newcomer run exactly this. It installs what
# it needs (including Chromium for the browser tests) and builds its own
# copy of the site in a temporary folder, so it never touches site/.
# Tests run in parallel, one worker per core (pytest-xdist; pass -n 0 to run
# them in one process). Nothing here measures speed: timings belong to
# scripts/benchmark.py.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

bash scripts/setup.sh test
export NO_MKDOCS_2_WARNING=1
exec .venv/bin/python -m pytest --numprocesses auto "$@"
