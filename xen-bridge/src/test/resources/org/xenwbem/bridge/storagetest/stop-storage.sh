#!/bin/sh
# Stops what StorageDaemons started under one state directory, by the PIDs the daemons wrote, then
# unmounts, detaches and deletes the directory (storage.md §11.4). Idempotent: run by the JVM's
# shutdown hook, and again by the watchdog once the JVM is gone (a no-op then). Never by process name.
S="$1"
[ -n "$S" ] && [ -d "$S" ] || exit 0

alive() { # pid exists and is not a zombie (PID 1 does not reap orphans here)
  st=$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -c1)
  [ -n "$st" ] && [ "$st" != Z ]
}

# 1. tgt first: with RBD-backed LUNs, tgtadm hangs once Ceph is gone (storage.md §7)
if [ -f "$S/tgt/tgtd.pid" ]; then
  C=$(cat "$S/tgt/control-port" 2>/dev/null)
  for t in $(cat "$S/tgt/tids" 2>/dev/null); do
    timeout 5 tgtadm -C "$C" --lld iscsi --mode target --op delete --tid "$t" --force >/dev/null 2>&1
  done
  timeout 5 tgtadm -C "$C" --mode system --op delete --force >/dev/null 2>&1
  p=$(cat "$S/tgt/tgtd.pid" 2>/dev/null)
  i=0
  while [ -n "$p" ] && alive "$p" && [ $i -lt 10 ]; do sleep 0.1; i=$((i+1)); done
  [ -n "$p" ] && alive "$p" && kill -9 "$p" 2>/dev/null
  rm -f "$S/tgt/tgtd.pid"
  # tgtd leaves its management socket behind; only this instance's (its own control port)
  [ -n "$C" ] && rm -f "/var/run/tgtd/socket.$C" "/var/run/tgtd/socket.$C.lock"
fi

# 2. Ceph: TERM every daemon that wrote a pid file, 3 s of grace, then KILL
pids=""
for f in "$S"/ceph*/run/*.pid; do
  [ -f "$f" ] || continue
  p=$(cat "$f" 2>/dev/null)
  [ -n "$p" ] && alive "$p" && kill "$p" 2>/dev/null && pids="$pids $p"
done
i=0
while [ $i -lt 30 ]; do
  left=""
  for p in $pids; do alive "$p" && left="$left $p"; done
  [ -z "$left" ] && break
  sleep 0.1; i=$((i+1))
done
for p in $pids; do alive "$p" && kill -9 "$p" 2>/dev/null; done
rm -f "$S"/ceph*/run/*.pid

# 3. the XFS loop mount, its loop device, then the state itself
M="$S/xfs/mnt"
if mountpoint -q "$M" 2>/dev/null; then
  umount "$M" 2>/dev/null || { sleep 0.5; umount "$M" 2>/dev/null; } || umount -l "$M"
fi
if [ -f "$S/xfs/xfs.img" ]; then
  for l in $(losetup -n -O NAME -j "$S/xfs/xfs.img" 2>/dev/null); do losetup -d "$l" 2>/dev/null; done
fi
rm -rf "$S"
exit 0
