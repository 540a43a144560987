#!/usr/bin/env bash
# Preview the guide while you edit: a local server that reloads on every save.
#
# Why: a contributor sees the page exactly as readers will, in both languages
# (Chinese at /, English at /en/), without learning MkDocs. It installs what
# it needs, then runs "mkdocs serve" on this machine only.
#
# Usage: bash scripts/preview.sh          then open http://127.0.0.1:8000/
#        PORT=8001 bash scripts/preview.sh  (if 8000 is taken)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

bash scripts/setup.sh preview >&2
# Material prints an end-of-life notice on every build (see README.md).
export NO_MKDOCS_2_WARNING=1
port="${PORT:-8000}"
echo "preview: open http://127.0.0.1:${port}/ (English: http://127.0.0.1:${port}/en/); stop with Ctrl+C" >&2
exec .venv/bin/mkdocs serve --dev-addr "127.0.0.1:${port}"
