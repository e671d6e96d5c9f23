#!/usr/bin/env bash
# Set up a fresh machine for Katalog SOP: Python >= 3.11 with venv, Graphviz,
# Chromium (for the browser tests) and a .venv with the project installed.
# Safe to run again: it only does what is missing. System packages come from
# apt when we are root (or have password-less sudo); otherwise it says what to
# install and stops -- except Chromium, which only the tests need: without it
# it warns, so `make` still checks SOPs, and the browser tests fail saying so.
# No browser is downloaded: Playwright drives Debian's chromium.
set -euo pipefail

PYTHON=${PYTHON:-python3}
VENV=${VENV:-.venv}

say() { printf 'bootstrap: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

apt_updated=""

apt_install() {
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      sudo="sudo -n"
    else
      return 1
    fi
  fi
  command -v apt-get >/dev/null 2>&1 || return 1
  say "installing $* with apt-get"
  if [ -z "$apt_updated" ]; then
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
    apt_updated=1
  fi
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

command -v "$PYTHON" >/dev/null 2>&1 \
  || die "$PYTHON not found: install Python 3.11 or newer (Debian/Ubuntu: apt-get install python3 python3-venv)"
"$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
  || die "Python 3.11 or newer is needed; $PYTHON is $("$PYTHON" -c 'import platform; print(platform.python_version())')"

if ! "$PYTHON" -c 'import ensurepip, venv' >/dev/null 2>&1; then
  apt_install python3-venv \
    || die "Python's venv module is missing: install it (Debian/Ubuntu: sudo apt-get install python3-venv)"
fi

if ! command -v dot >/dev/null 2>&1 || ! command -v neato >/dev/null 2>&1; then
  apt_install graphviz \
    || die "Graphviz is missing: install it (Debian/Ubuntu: sudo apt-get install graphviz; macOS: brew install graphviz; Windows: winget install graphviz)"
fi

if ! command -v git >/dev/null 2>&1; then
  # sop diff reads git revisions and the site shows each SOP's last commit
  # date; both work without git (folders; no dates), but the tests use it.
  apt_install git \
    || say "warning: git is missing, so sop diff can compare folders only and the git tests will fail: install it (Debian/Ubuntu: sudo apt-get install git)"
fi

if ! command -v chromium >/dev/null 2>&1; then
  apt_install chromium \
    || say "warning: Chromium is missing, so the browser tests will fail: install it (Debian: sudo apt-get install chromium; on Ubuntu that package installs a snap, which needs snapd)"
fi

if ! command -v tesseract >/dev/null 2>&1 \
   || ! tesseract --list-langs 2>/dev/null | grep -qx ind \
   || ! tesseract --list-langs 2>/dev/null | grep -qx osd; then
  # sop import reads scanned SOPs with Tesseract (its Indonesian model, and
  # osd to stand pages upright); without it scans' lines are read, not their
  # text, and the OCR tests fail saying so.
  apt_install tesseract-ocr tesseract-ocr-ind tesseract-ocr-osd \
    || say "warning: Tesseract is missing, so sop import cannot read scanned text and the OCR tests will fail: install it (Debian/Ubuntu: sudo apt-get install tesseract-ocr tesseract-ocr-ind tesseract-ocr-osd)"
fi

# axe-core (the accessibility engine the browser tests run in Chromium) comes
# from the npm registry, pinned; npm comes with Debian's npm package.
AXE_VERSION=4.14.1
axe="$VENV/axe-core/node_modules/axe-core"
if [ ! -f "$axe/axe.min.js" ] || ! grep -q "\"version\": \"$AXE_VERSION\"" "$axe/package.json" 2>/dev/null; then
  if ! command -v npm >/dev/null 2>&1; then
    apt_install npm \
      || say "warning: npm is missing, so the accessibility tests will fail: install it (Debian/Ubuntu: sudo apt-get install npm)"
  fi
  if command -v npm >/dev/null 2>&1; then
    say "installing axe-core $AXE_VERSION for the accessibility tests"
    mkdir -p "$VENV/axe-core"
    npm install --silent --no-audit --no-fund --no-save --prefix "$VENV/axe-core" "axe-core@$AXE_VERSION" >/dev/null \
      || say "warning: axe-core could not be installed, so the accessibility tests will fail"
  fi
fi

stamp="$VENV/.installed"
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  if [ ! -x "$VENV/bin/python" ]; then
    say "creating $VENV"
    "$PYTHON" -m venv "$VENV"
  fi
  say "installing Katalog SOP and its dependencies into $VENV"
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -e '.[test]'
  touch "$stamp"
fi
