package org.xenwbem.bridge.sim;

/** Thrown at the request boundary to close the client's connection without any response (a fault). */
final class SimDropConnection extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SimDropConnection(String why) {
        super(why, null, false, false);
    }
}
