#!/bin/bash
# Installs the xenwbem supplemental pack from this mounted ISO on hosts that predate the update
# mechanism (XenServer 7.0; newer hosts use `xe-install-supplemental-pack xenwbem.iso`).
# Usage: ./install.sh [-b]   (-b: batch, never ask)
# XENWBEM_INSTALL_ROOT (tests): a directory standing for / (rpm gets --root).
set -euo pipefail
cd -P -- "$(dirname -- "$0")"
batch=no
[ "${1:-}" = -b ] && batch=yes
ROOT=${XENWBEM_INSTALL_ROOT:-}
ID="@ORIGINATOR@:@NAME@"
PRODUCT="@PRODUCT@"

fail() { echo "FATAL: $*" >&2; exit "${2:-1}"; }

# The same product as the pack was built for.
if [ -r "$ROOT/etc/xensource-inventory" ]; then
  brand=$(sed -n "s/^PRODUCT_BRAND='\(.*\)'$/\1/p" "$ROOT/etc/xensource-inventory")
  platform=$(sed -n "s/^PLATFORM_NAME='\(.*\)'$/\1/p" "$ROOT/etc/xensource-inventory")
  if [ "$brand" != "$PRODUCT" ] && [ "$platform" != "$PRODUCT" ]; then
    if [ "$batch" = yes ]; then fail "Repository is not compatible with installed product ($brand)" 2; fi
    read -r -p "This pack is for $PRODUCT, this host is $brand. Install anyway? [y/N] " answer
    [ "$answer" = y ] || exit 2
  fi
fi

# Every package listed in XS-PACKAGES is present, with its size and MD5.
rpms=()
while read -r file size md5; do
  [ -f "$file" ] || fail "missing package $file"
  [ "$(stat -c %s "$file")" = "$size" ] || fail "size mismatch on $file"
  [ "$(md5sum "$file" | cut -d' ' -f1)" = "$md5" ] || fail "MD5 mismatch on $file"
  rpms+=("$file")
done < <(sed -n 's/.*<package .*size="\([0-9]*\)".*md5="\([0-9a-f]*\)"[^>]*>\([^<]*\)<\/package>.*/\3 \1 \2/p' XS-PACKAGES)
[ ${#rpms[@]} -gt 0 ] || fail "XS-PACKAGES lists no package"

rpm ${ROOT:+--root "$ROOT"} -Uhv --replacepkgs "${rpms[@]}"
mkdir -p "$ROOT/etc/xensource/installed-repos/$ID"
cp XS-REPOSITORY XS-PACKAGES "$ROOT/etc/xensource/installed-repos/$ID/"
if command -v xe >/dev/null 2>&1; then xe host-refresh-pack-info >/dev/null 2>&1 || true; fi
echo "Pack installation successful."
