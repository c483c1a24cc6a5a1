package org.xenwbem.bridge.sim;

import java.util.List;

/**
 * One simulated XenAPI message: its parameter count including the session ({@code minArity} when
 * trailing parameters have defaults and may be omitted, xenapi.md §2.6), the RBAC permission it needs
 * (null for reads), whether {@code Async.} may wrap it, and its body.
 */
record SimMethod(int minArity, int arity, String permission, boolean asyncable, Body body) {
    /** The work of a message; {@code args} excludes the session. */
    @FunctionalInterface
    interface Body {
        Object apply(SimSessions.Session session, List<Object> args) throws InterruptedException;
    }

    static SimMethod read(int arity, Body body) {
        return new SimMethod(arity, arity, null, false, body);
    }

    static SimMethod write(int arity, String permission, Body body) {
        return new SimMethod(arity, arity, permission, false, body);
    }

    static SimMethod action(int arity, String permission, Body body) {
        return new SimMethod(arity, arity, permission, true, body);
    }

    /** An Async-capable message whose last {@code arity - minArity} parameters may be omitted. */
    static SimMethod action(int minArity, int arity, String permission, Body body) {
        return new SimMethod(minArity, arity, permission, true, body);
    }

    boolean accepts(int count) {
        return count >= minArity && count <= arity;
    }
}
