#!/usr/bin/env bash
# `npm run setup:e2e`: everything the e2e tests drive. Chromium and Japanese fonts (ensure-chromium.sh),
# then Caddy and nginx, which e2e/venue-network.spec.ts runs in front of the server with the configs
# in deploy/. Installs Debian's packages (root + apt-get) when missing; says what to do otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/ensure-chromium.sh

need=()
command -v caddy >/dev/null 2>&1 || [ -x /usr/bin/caddy ] || need+=(caddy)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need+=(nginx-light)

if [ ${#need[@]} -eq 0 ]; then
  echo "Caddy and nginx are installed."
  exit 0
fi

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing ${need[*]} with apt-get (the tests run their own instances from deploy/)…"
  export DEBIAN_FRONTEND=noninteractive
  # Both packages start a service on port 80 when installed: not here, where only the tests run
  # them (on high ports, from a temp folder). A policy-rc.d already in place is left as it is.
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
    chmod +x /usr/sbin/policy-rc.d
    trap 'rm -f /usr/sbin/policy-rc.d' EXIT
  fi
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  echo "Installed ${need[*]} (their system services were not started)."
else
  echo "Missing: ${need[*]} (for e2e/venue-network.spec.ts). Install them (Debian/Ubuntu: sudo apt-get install ${need[*]})." >&2
  exit 1
fi
