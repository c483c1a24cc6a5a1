#!/usr/bin/env bash
# Installs what the test suite needs on a fresh Debian 12 machine: a JDK and Maven to build, and the
# real third-party clients the interoperability tests drive (wsl + xmllint + uuidgen, python3-winrm,
# sblim-wbemcli). Idempotent: installs only what is missing.
set -euo pipefail
need=()
command -v java >/dev/null || need+=(openjdk-17-jdk-headless)
command -v javac >/dev/null || need+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null || need+=(maven)
[[ -x /usr/bin/wsl ]] || need+=(wsl)
[[ -x /usr/bin/xmllint ]] || need+=(libxml2-utils)
[[ -x /usr/bin/uuidgen ]] || need+=(uuid-runtime)
[[ -x /usr/bin/curl ]] || need+=(curl)
[[ -x /usr/bin/wbemcli ]] || need+=(sblim-wbemcli)
[[ -x /usr/bin/python3 ]] && /usr/bin/python3 -c 'import winrm, xmltodict' 2>/dev/null || need+=(python3 python3-winrm)
if ((${#need[@]})); then
  SUDO=""
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null || { echo "need root (or sudo) to install: ${need[*]}" >&2; exit 1; }
    SUDO="sudo"
  fi
  echo "installing test dependencies: ${need[*]}" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
