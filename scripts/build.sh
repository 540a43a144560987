#!/usr/bin/env bash
# Build everything a reader can get: the bilingual site in site/, with an
# offline bundle and a PDF per language in site/downloads/.
#
# Why one script: a newcomer runs exactly this. It installs what it needs,
# then builds into a temporary folder and swaps it in only on success, so a
# failed build leaves the previous site/ untouched.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

bash scripts/setup.sh build
# Material prints an end-of-life notice on every build; we track the
# migration in README.md instead of in every build log.
export NO_MKDOCS_2_WARNING=1
.venv/bin/python scripts/build_release.py --output site
echo "build: site/ is ready (open site/index.html through a web server, e.g. .venv/bin/python -m http.server -d site)"
