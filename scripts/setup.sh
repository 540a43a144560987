#!/usr/bin/env bash
# Install what the build (and, with "test", the test suite) needs.
#
# Why: a newcomer runs one command and gets a working toolchain. System
# packages come from apt when we run as root; otherwise we list what is
# missing and stop, so nothing half-installs. Python packages go into .venv
# from the hash-locked requirements.txt, reinstalled only when it changes.
#
# Usage: scripts/setup.sh [build|test|python]
#   python: only Python and .venv (enough for scripts/lint.sh and scripts/preview.sh)
set -euo pipefail

profile="${1:-build}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

# What each profile needs from the system, as Debian/Ubuntu package names.
# fonts-noto-cjk: the PDFs embed Noto Sans CJK SC. libpango*/libharfbuzz-subset0:
# WeasyPrint, which typesets the PDFs. nodejs/npm: front-end files the
# offline bundle ships locally (package-lock.json).
build_packages=(python3 python3-venv python3-pip fonts-noto-cjk poppler-utils
  libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 nodejs npm)
test_packages=(chromium rclone)

packages=("${build_packages[@]}")
if [ "$profile" = "test" ]; then
  packages+=("${test_packages[@]}")
elif [ "$profile" = "python" ]; then
  packages=(python3 python3-venv python3-pip)
fi

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

python3 - <<'PY'
import sys
if sys.version_info < (3, 10):
    sys.exit(f"setup: Python 3.10 or newer is needed, found {sys.version.split()[0]}")
PY

lock_hash="$(sha256sum requirements.txt | cut -d' ' -f1)"
stamp=".venv/.requirements.sha256"
if [ ! -x .venv/bin/python ] || [ "$(cat "$stamp" 2>/dev/null)" != "$lock_hash" ]; then
  echo "setup: installing Python packages from requirements.txt into .venv"
  python3 -m venv .venv
  .venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip
  .venv/bin/python -m pip install -q --disable-pip-version-check --require-hashes -r requirements.txt
  echo "$lock_hash" > "$stamp"
fi

# The build ships only "dependencies"; the tests also need the
# devDependencies (Lighthouse, axe-core). A test install serves a build.
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
