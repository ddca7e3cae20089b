#!/usr/bin/env bash
# Idempotent setup for a fresh Debian 12 machine: system packages (only those missing), npm
# packages, and the build. Safe to run twice.
set -euo pipefail
cd "$(dirname "$0")/.."

DEBS=(python3 python3-pandas python3-numpy python3-scipy python3-sklearn python3-matplotlib python3-torch
      python3-seaborn python3-statsmodels python3-xgboost python3-gensim bubblewrap locales
      chromium fonts-dejavu-core redis-server iproute2)
missing=()
for pkg in "${DEBS[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
npm run build --silent
echo "setup: ready ($(/usr/bin/python3 --version), node $(node --version))"
