package org.xenwbem.bridge.storagetest;

import java.util.ArrayList;
import java.util.List;

/** Fault injection for the fixture's own tests: fail the next Ceph start once its mon answers. */
final class Faults {
    private static boolean failAfterMon;
    private static final List<Long> FAILED_PIDS = new ArrayList<>();

    private Faults() {
    }

    static synchronized void failNextCephStartAfterMon() {
        failAfterMon = true;
        FAILED_PIDS.clear();
    }

    /** The daemons that were running when the injected fault struck. */
    static synchronized List<Long> pidsAtFault() {
        return List.copyOf(FAILED_PIDS);
    }

    static synchronized void afterMon(List<Long> pids) {
        if (failAfterMon) {
            failAfterMon = false;
            FAILED_PIDS.addAll(pids);
            throw new IllegalStateException("injected fault after the mon answered");
        }
    }
}
