/**
 * Test fixture: the real storage daemons the storage tests run against (shared/reference/storage.md
 * §2 single-node Ceph RBD, §4 XFS reflink on a loop file, §7 tgt userspace iSCSI, §11 rules), started
 * once per test JVM on 127.0.0.1, stopped by the PIDs they wrote, and stopped by a detached watchdog if
 * the JVM dies without running its shutdown hooks. Published in xen-bridge's test-jar so the simulator's
 * and the end-to-end tests use the same daemons.
 */
package org.xenwbem.bridge.storagetest;
