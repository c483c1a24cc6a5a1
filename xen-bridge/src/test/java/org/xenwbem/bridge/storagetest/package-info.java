/**
 * Test fixture: the real storage daemons the storage tests run against (shared/reference/storage.md
 * §2 single-node Ceph RBD, §4 XFS reflink on a loop file, §7 tgt userspace iSCSI, §11 rules), started
 * once per test JVM on 127.0.0.1, stopped by the PIDs they wrote, and stopped by a detached watchdog if
 * the JVM dies without running its shutdown hooks. Published in xen-bridge's test-jar so the simulator's
 * and the end-to-end tests use the same daemons (test dependency on xen-bridge, {@code <type>test-jar}).
 *
 * <pre>{@code
 * Ceph ceph = StorageDaemons.ceph();              // bluestore, pool "rbd", cephx user "admin"
 * ceph.run("create", "--size", "1G", "rbd/VHD-" + uuid);
 * Map<?, ?> info = (Map<?, ?>) ceph.json("info", "rbd/VHD-" + uuid);
 * ceph.deviceConfig();                           // conf, pool, user, keyring of an rbd SR
 *
 * Path dir = StorageDaemons.reflinkXfs();         // a new empty directory on reflink XFS
 * ReflinkXfs.isReflinked(a, b); ReflinkXfs.sharedBytes(b);
 *
 * Tgt tgt = StorageDaemons.tgt();
 * int tid = tgt.addTarget("iqn.2026-01.test:sr1", List.of(lunFile));   // or addRbdTarget(iqn, ceph, image)
 * String url = tgt.url("iqn.2026-01.test:sr1", 1);   // iscsi://127.0.0.1:PORT/IQN/1 - log in only here
 * }</pre>
 *
 * Every accessor skips the calling test when a tool is missing or the JVM is not root, and fails it
 * instead under {@code XENWBEM_REQUIRE_STORAGE=1} ({@code ./xenwbem test}, CI). System property
 * {@code xenwbem.ceph.objectstore=memstore} trades bluestore's 48 GiB sparse store for a faster start
 * and a 2 GiB RAM cap; state lives under {@code java.io.tmpdir}.
 */
package org.xenwbem.bridge.storagetest;
