#!/usr/bin/env bash
# Run one of the fast source checks without the whole test suite.
#
# Why: pre-commit (.pre-commit-config.yaml) and contributors get the same
# messages CI prints, in a second, after installing only what Python needs.
#
# Usage: bash scripts/check.sh sources     (scripts/check_sources.py: pages and data)
#        bash scripts/check.sh workflows   (scripts/check_workflows.py: .github/workflows)
#        bash scripts/check.sh data        (scripts/check_data.py: review fields, nothing hidden in data/)
#        bash scripts/check.sh scripts     (scripts/check_scripts.py: our JavaScript sends nothing)
#        bash scripts/check.sh images      (scripts/check_images.py: listed images, no QR codes)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

case "${1:-}" in
  sources|workflows|data|scripts|images) check="$1"; shift ;;
  *) echo "usage: bash scripts/check.sh sources|workflows|data|scripts|images" >&2; exit 2 ;;
esac
bash scripts/setup.sh lint >&2
exec .venv/bin/python "scripts/check_${check}.py" "$@"
