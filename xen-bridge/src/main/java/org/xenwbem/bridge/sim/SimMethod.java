package org.xenwbem.bridge.sim;

import java.util.List;

/**
 * One simulated XenAPI message: its parameter count including the session, the RBAC permission it
 * needs (null for reads), whether {@code Async.} may wrap it, and its body.
 */
record SimMethod(int arity, String permission, boolean asyncable, Body body) {
    /** The work of a message; {@code args} excludes the session. */
    @FunctionalInterface
    interface Body {
        Object apply(SimSessions.Session session, List<Object> args) throws InterruptedException;
    }

    static SimMethod read(int arity, Body body) {
        return new SimMethod(arity, null, false, body);
    }

    static SimMethod write(int arity, String permission, Body body) {
        return new SimMethod(arity, permission, false, body);
    }

    static SimMethod action(int arity, String permission, Body body) {
        return new SimMethod(arity, permission, true, body);
    }
}
