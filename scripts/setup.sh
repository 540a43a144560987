#!/usr/bin/env bash
# Install what one command needs, and nothing more.
#
# Why: a newcomer runs one command and gets a working toolchain, and a
# contributor who only previews or lints does not wait for the test tools.
# System packages come from apt when we run as root; otherwise we list what
# is missing and stop, so nothing half-installs. Python packages go into
# .venv from the hash-locked uv.lock (the group of pyproject.toml named like
# the profile), installed by uv, which pip installs first with the hashes
# the same lock holds for it. A profile is installed again only when
# uv.lock changes.
#
# Usage: scripts/setup.sh [build|test|preview|lint]
#   build:   bash scripts/build.sh   (site, offline bundles, PDFs)
#   test:    bash scripts/test.sh    (everything build and lint need, and the test tools)
#   preview: bash scripts/preview.sh (MkDocs, the theme and its plugins only)
#   lint:    bash scripts/lint.sh, bash scripts/check.sh (linters only)
set -euo pipefail

profile="${1:-build}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

# What each profile needs from the system, as Debian/Ubuntu package names.
# fonts-noto-cjk: the PDFs embed Noto Sans CJK SC. libpango*/libharfbuzz-subset0:
# WeasyPrint, which typesets the PDFs. nodejs/npm: front-end files the
# offline bundle ships locally (package-lock.json). chromium: browser tests.
python_packages=(python3 python3-venv python3-pip)
build_packages=("${python_packages[@]}" fonts-noto-cjk poppler-utils
  libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 nodejs npm)
case "$profile" in
  preview|lint) packages=("${python_packages[@]}"); includes=("$profile") ;;
  build) packages=("${build_packages[@]}"); includes=(build preview) ;;
  test) packages=("${build_packages[@]}" chromium rclone); includes=(test build preview lint) ;;
  *) echo "usage: bash scripts/setup.sh [build|test|preview|lint]" >&2; exit 2 ;;
esac

# True when the machine already provides what the package would give.
satisfied() {
  case "$1" in
    # Debian's package; elsewhere point CHROMIUM at any Chromium or Chrome
    # binary (Ubuntu ships Chromium as a snap, GitHub's runners have Chrome).
    chromium) [ -x "${CHROMIUM:-/usr/bin/chromium}" ] ;;
    # A Python that is not Debian's (pyenv, a container image) brings venv and pip.
    python3|python3-venv|python3-pip) python3 -c "import venv, ensurepip" 2>/dev/null ;;
    # A Node.js from elsewhere (nvm, NodeSource, the CI runner) serves.
    nodejs) command -v node >/dev/null ;;
    npm) command -v npm >/dev/null ;;
    *) dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed" ;;
  esac
}

missing=()
for package in "${packages[@]}"; do
  satisfied "$package" || missing+=("$package")
done

if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    echo "setup: installing system packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "setup: these system packages are missing: ${missing[*]}" >&2
    echo "setup: install them, then run this command again:" >&2
    echo "    sudo apt-get install --no-install-recommends ${missing[*]}" >&2
    exit 1
  fi
fi

# pymdown-extensions needs 3.11.5 (pyproject.toml, requires-python).
python3 - <<'PY'
import sys
if sys.version_info < (3, 11, 5):
    sys.exit(f"setup: Python 3.11.5 or newer is needed, found {sys.version.split()[0]}")
PY

lock_hash="$(sha256sum uv.lock | cut -d' ' -f1)"
if [ "$(cat ".venv/.setup-$profile" 2>/dev/null)" != "$lock_hash" ] || [ ! -x .venv/bin/python ]; then
  echo "setup: installing Python packages ($profile) from uv.lock into .venv"
  [ -x .venv/bin/python ] || python3 -m venv .venv
  uv_wanted="$(python3 scripts/locked_uv.py)"
  if [ "$(.venv/bin/uv --version 2>/dev/null | cut -d' ' -f2)" != "$(echo "$uv_wanted" | sed 's/^uv==\([^ ]*\).*/\1/')" ]; then
    echo "$uv_wanted" > .venv/uv-requirement.txt
    .venv/bin/python -m pip install -q --disable-pip-version-check --no-deps --require-hashes -r .venv/uv-requirement.txt
  fi
  # --locked: stop if pyproject.toml changed without a relock. --inexact:
  # keep what other profiles installed. Never download a Python.
  UV_PROJECT_ENVIRONMENT=.venv UV_PYTHON_DOWNLOADS=never .venv/bin/uv sync -q --locked --inexact \
    --no-install-project --python .venv/bin/python --only-group "$profile"
  for included in "${includes[@]}"; do echo "$lock_hash" > ".venv/.setup-$included"; done
fi

# The build ships only "dependencies"; the tests also need the
# devDependencies (Lighthouse, axe-core). A test install serves a build.
# Preview and lint need no npm packages.
case "$profile" in preview|lint) exit 0 ;; esac
npm_hash="$(sha256sum package-lock.json | cut -d' ' -f1)"
npm_stamp="node_modules/.package-lock.sha256"
npm_have="$(cat "$npm_stamp" 2>/dev/null || true)"
if [ "$npm_have" != "$npm_hash test" ] && [ "$npm_have" != "$npm_hash $profile" ]; then
  echo "setup: installing npm packages ($profile) from package-lock.json into node_modules"
  omit=()
  [ "$profile" = "test" ] || omit=(--omit=dev)
  npm ci --no-audit --no-fund --loglevel=error "${omit[@]}"
  echo "$npm_hash $profile" > "$npm_stamp"
fi
