package org.xenwbem.bridge.mirror;

/**
 * What the mirror remembers between batches besides the published snapshot: ref → UUID of every
 * object, and which VM or host owns each metrics object (so that a metrics change re-joins its owner).
 * Owned by the mirror thread; not thread-safe.
 */
final class MirrorState {
    final RefIndex refs = new RefIndex();
    /** VM_metrics ref → VM UUID. */
    final RefIndex vmByMetrics = new RefIndex();
    /** host_metrics ref → host UUID. */
    final RefIndex hostByMetrics = new RefIndex();
}
