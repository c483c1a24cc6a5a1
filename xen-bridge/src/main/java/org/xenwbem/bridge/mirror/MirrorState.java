package org.xenwbem.bridge.mirror;

import java.util.HashMap;
import java.util.Map;

/**
 * What the mirror remembers between batches besides the published snapshot: ref → UUID of every
 * object, and which VM or host owns each metrics object (so that a metrics change re-joins its owner).
 * Owned by the mirror thread; not thread-safe.
 */
final class MirrorState {
    final RefIndex refs = new RefIndex();
    /** VM_metrics ref key → VM UUID. */
    final Map<Object, String> vmByMetrics = new HashMap<>();
    /** host_metrics ref key → host UUID. */
    final Map<Object, String> hostByMetrics = new HashMap<>();

    void clear() {
        refs.clear();
        vmByMetrics.clear();
        hostByMetrics.clear();
    }
}
