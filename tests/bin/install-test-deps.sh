#!/usr/bin/env bash
# Installs what the test suite needs on a fresh Debian 12 machine: a JDK and Maven to build, and the
# real third-party clients the interoperability tests drive (wsl + xmllint + uuidgen, python3-winrm,
# sblim-wbemcli), and the tools that build and validate the supplemental pack (rpm with rpmbuild and
# rpmsign, createrepo-c, gnupg, xorriso, dnf, python3-pycdlib). Idempotent: installs only what is missing.
set -euo pipefail
need=()
command -v java >/dev/null || need+=(openjdk-17-jdk-headless)
command -v javac >/dev/null || need+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null || need+=(maven)
[[ -x /usr/bin/wsl ]] || need+=(wsl)
[[ -x /usr/bin/xmllint ]] || need+=(libxml2-utils)
[[ -x /usr/bin/uuidgen ]] || need+=(uuid-runtime)
[[ -x /usr/bin/curl ]] || need+=(curl)
[[ -x /usr/bin/openssl ]] || need+=(openssl)
[[ -x /usr/bin/wbemcli ]] || need+=(sblim-wbemcli)
[[ -x /usr/bin/python3 ]] && /usr/bin/python3 -c 'import winrm, xmltodict' 2>/dev/null || need+=(python3 python3-winrm)
[[ -x /usr/bin/rpmbuild && -x /usr/bin/rpmsign ]] || need+=(rpm)
[[ -x /usr/bin/createrepo_c ]] || need+=(createrepo-c)
[[ -x /usr/bin/gpg && -x /usr/bin/gpgconf ]] || need+=(gnupg)
[[ -x /usr/bin/xorriso ]] || need+=(xorriso)
[[ -x /usr/bin/dnf ]] || need+=(dnf)
[[ -x /usr/bin/python3 ]] && /usr/bin/python3 -c 'import pycdlib' 2>/dev/null || need+=(python3-pycdlib)
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

# --- nodejs + npm: IntelWsmanInteropTest (npm-installs @device-management-toolkit/wsman-messages into
# tests/target/npm at test time). Separate block so other edits above stay independent; idempotent.
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  SUDO=""
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null || { echo "need root (or sudo) to install: nodejs npm" >&2; exit 1; }
    SUDO="sudo"
  fi
  echo "installing test dependencies: nodejs npm" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
fi
# --- end nodejs + npm ---

# --- XenAPI fidelity witnesses (org.xenwbem.tests.witness): Debian's XenAPI.py (python3-os-xenapi,
# loaded by file path) and node + npm for Xen Orchestra's xen-api, which the test npm-installs into
# ~/.cache/xenwbem at run time. Separate block; idempotent.
witness=()
[[ -f /usr/lib/python3/dist-packages/os_xenapi/client/XenAPI.py ]] || witness+=(python3-os-xenapi)
command -v node >/dev/null || witness+=(nodejs)
command -v npm >/dev/null || witness+=(npm)
if ((${#witness[@]})); then
  SUDO=""
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null || { echo "need root (or sudo) to install: ${witness[*]}" >&2; exit 1; }
    SUDO="sudo"
  fi
  echo "installing XenAPI witness clients: ${witness[*]}" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${witness[@]}" >/dev/null
fi
# --- end XenAPI fidelity witnesses ---

# --- storage daemons (xen-bridge's org.xenwbem.bridge.storagetest.StorageDaemons, storage.md §1, §11.3):
# single-node Ceph (mon + OSD, no mgr), tgt + libiscsi initiators + tgt-rbd, qemu-img with its rbd/iscsi/
# nfs drivers, XFS and btrfs tools for reflink loop mounts, libvhdi's read-only VHD tools. Package
# scripts never start a daemon here; the tests start each one on loopback. Separate block; idempotent.
storage=()
for t in ceph-mon:ceph-mon ceph-osd:ceph-osd rbd:ceph-common ceph-authtool:ceph-common tgtd:tgt \
         iscsi-readcapacity16:libiscsi-bin qemu-img:qemu-utils mkfs.xfs:xfsprogs mkfs.btrfs:btrfs-progs \
         vhdiinfo:libvhdi-utils ss:iproute2 filefrag:e2fsprogs losetup:mount setsid:util-linux; do
  tool=${t%%:*} pkg=${t#*:}
  PATH="$PATH:/usr/sbin:/sbin" command -v "$tool" >/dev/null || storage+=("$pkg")
done
[[ -e /usr/lib/tgt/backing-store/bs_rbd.so ]] || dpkg -s tgt-rbd >/dev/null 2>&1 || storage+=(tgt-rbd)
dpkg -s qemu-block-extra >/dev/null 2>&1 || storage+=(qemu-block-extra)
if ((${#storage[@]})); then
  SUDO=""
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null || { echo "need root (or sudo) to install: ${storage[*]}" >&2; exit 1; }
    SUDO="sudo"
  fi
  mapfile -t storage < <(printf '%s\n' "${storage[@]}" | sort -u)
  echo "installing storage daemons for the tests: ${storage[*]}" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${storage[@]}" >/dev/null
fi
# --- end storage daemons ---

# --- status page browser test (tests/.../StatusPageBrowserTest): Debian's headless chromium, which loads
# the status page from a test daemon, screenshots it and dumps its DOM; a font so the screenshot has text.
# Separate block; idempotent.
browser=()
command -v chromium >/dev/null || browser+=(chromium)
dpkg -s fonts-dejavu-core >/dev/null 2>&1 || browser+=(fonts-dejavu-core)
if ((${#browser[@]})); then
  SUDO=""
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null || { echo "need root (or sudo) to install: ${browser[*]}" >&2; exit 1; }
    SUDO="sudo"
  fi
  echo "installing the browser for the status page test: ${browser[*]}" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${browser[@]}" >/dev/null
fi
# --- end status page browser test ---
# --- testssl.sh (tests/.../bench/TestsslScanBenchmark scans the daemon on 127.0.0.1; Debian's package
# installs /usr/bin/testssl and uses the system openssl). Separate block; idempotent.
if ! command -v testssl >/dev/null; then
  SUDO=""
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null || { echo "need root (or sudo) to install: testssl.sh" >&2; exit 1; }
    SUDO="sudo"
  fi
  echo "installing testssl.sh for the TLS scan" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends testssl.sh >/dev/null
fi
# --- end testssl.sh ---
