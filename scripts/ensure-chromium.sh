#!/usr/bin/env bash
# Makes sure the e2e tests have a Chromium to drive, and fonts to draw Japanese in screenshots.
# Uses CHROMIUM_PATH if set; otherwise installs Debian's chromium (root + apt-get) when missing.
set -euo pipefail

if [ -n "${CHROMIUM_PATH:-}" ]; then
  [ -x "$CHROMIUM_PATH" ] || { echo "CHROMIUM_PATH=$CHROMIUM_PATH is not an executable file." >&2; exit 1; }
  echo "Using CHROMIUM_PATH=$CHROMIUM_PATH"
  exit 0
fi

need=()
command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || need+=(chromium)
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || need+=(fonts-noto-cjk)

if [ ${#need[@]} -eq 0 ]; then
  echo "Chromium and Japanese fonts are installed."
  exit 0
fi

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing ${need[*]} with apt-get (a few minutes on a fresh machine)…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  echo "Installed ${need[*]}."
else
  echo "Missing: ${need[*]}. Install them (Debian/Ubuntu: sudo apt-get install ${need[*]}), or set CHROMIUM_PATH to a Chromium or Chrome binary." >&2
  exit 1
fi
