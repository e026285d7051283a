#!/usr/bin/env bash
# Debian packages the test suite needs (PDF rendering and checks, CJK fonts, headless browser).
# Idempotent: installs only what is missing. Run as root (CI and the dev machines are root).
set -euo pipefail
PACKAGES=(poppler-utils fonts-noto-cjk fonts-dejavu-core chromium chromium-driver libpango-1.0-0 libpangoft2-1.0-0)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "system packages missing (${missing[*]}); run this script as root" >&2
    exit 0
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
