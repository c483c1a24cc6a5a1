#!/usr/bin/env bash
# Installs the Debian 12 tools the pack build drives, when missing: jlink/jdeps with the JDK's
# jmods, rpmbuild + rpmsign (rpm), createrepo_c (createrepo-c), gpg (gnupg), xorriso.
# Idempotent: installs only what is missing. Needs root or sudo.
set -euo pipefail
need=()
command -v jlink >/dev/null && command -v jdeps >/dev/null || need+=(openjdk-17-jdk-headless)
# (Debian's openjdk-17-jdk-headless carries the jmods that jlink links from.)
command -v rpmbuild >/dev/null && command -v rpmsign >/dev/null || need+=(rpm)
command -v createrepo_c >/dev/null || need+=(createrepo-c)
command -v gpg >/dev/null && command -v gpgconf >/dev/null || need+=(gnupg)
command -v xorriso >/dev/null || need+=(xorriso)
((${#need[@]})) || exit 0
SUDO=""
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "need root (or sudo) to install: ${need[*]}" >&2; exit 1; }
  SUDO="sudo"
fi
echo "installing pack build tools: ${need[*]}" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
