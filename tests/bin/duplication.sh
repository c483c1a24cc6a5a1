#!/usr/bin/env bash
# The duplication figure of the main code (issue #16: at most 1.5 % of main lines).
#   tests/bin/duplication.sh          prints the figure and the rows behind it
# Copies the git-tracked src/main trees of cim-schema, xen-bridge, xen-bridge/sim, tls, provider and
# supplemental-pack to a scratch folder (so the tests and the docs do not count, and pairs across
# modules do), runs the `duplicates` command there (runs of 6+ lines alike but for names and
# literals), and counts: duplicated lines = the union of the line ranges of both sides of every row
# not marked boilerplate; main lines = all lines of the .java files read.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
command -v duplicates >/dev/null || { echo "duplicates: not on PATH" >&2; exit 2; }
SCRATCH="$(mktemp -d)"
trap 'rm -rf "$SCRATCH"' EXIT
cd "$ROOT"
for m in cim-schema xen-bridge xen-bridge/sim tls provider supplemental-pack; do
  git ls-files -- "$m/src/main" | while read -r f; do
    mkdir -p "$SCRATCH/$(dirname "$f")" && cp "$f" "$SCRATCH/$f"
  done
done
(cd "$SCRATCH" && duplicates --most 200 --seconds 300) > "$SCRATCH/rows.txt"
python3 - "$SCRATCH" <<'EOF'
import os, re, sys
root = sys.argv[1]
rows = open(os.path.join(root, "rows.txt")).read().splitlines()
covered = {}
for r in rows:
    if re.match(r"D\d+ ", r) and "boilerplate" not in r:
        for f, a, b in re.findall(r"(\S+):(\d+)-(\d+)", r):
            covered.setdefault(f, set()).update(range(int(a), int(b) + 1))
total = 0
for d, _, files in os.walk(root):
    for f in files:
        if f.endswith(".java"):
            with open(os.path.join(d, f), errors="ignore") as fh:
                total += sum(1 for _ in fh)
dup = sum(len(s) for s in covered.values())
print(rows[0] if rows else "no output from duplicates")
print("main lines %d, duplicated lines (rows not marked boilerplate) %d = %.2f %%" % (total, dup, 100.0 * dup / total))
for r in rows[1:]:
    if "boilerplate" not in r:
        print("  " + r)
EOF
