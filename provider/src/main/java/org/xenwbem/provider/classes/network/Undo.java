package org.xenwbem.provider.classes.network;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xenwbem.bridge.ops.XenFailure;

/**
 * The steps a switch method has taken so far, each with the step that reverses it, so that a failure
 * midway leaves no half-made network, VLAN or bond behind (issue #13, "Nothing lost"): undone newest
 * first; a reversal that fails is logged and the rest still runs (the method's own error is what the
 * caller hears).
 */
final class Undo {
    private static final Logger LOG = LoggerFactory.getLogger(Undo.class);

    /** One reversal. */
    @FunctionalInterface
    interface Step {
        void run() throws XenFailure;
    }

    private record Entry(String what, Step step) {
    }

    private final Deque<Entry> done = new ArrayDeque<>();

    /** Records that {@code what} was done and how to reverse it. */
    void push(String what, Step reverse) {
        done.push(new Entry(what, reverse));
    }

    /** Reverses every recorded step, newest first. */
    void run() {
        while (!done.isEmpty()) {
            Entry e = done.pop();
            try {
                e.step().run();
            } catch (XenFailure f) {
                if (f.kind() != XenFailure.Kind.NOT_FOUND) {
                    LOG.warn("could not reverse '{}' after a failure: {} {}", e.what(), f.code(), f.params());
                }
            }
        }
    }
}
