package org.xenwbem.bridge.sim;

/**
 * Where a request arrived: the TCP endpoint of one host ({@code hostRef}), the pool-wide endpoint
 * that always acts as the master ({@code hostRef == null}), a standalone host's ({@code standaloneAddress}), or a dom0 Unix socket (trusted: any
 * credentials log in as the local superuser, and supporters forward every call to the master).
 */
record SimEndpoint(String hostRef, boolean unixSocket, String standaloneAddress) {
    /** The single endpoint of a pool started without member endpoints: always the master. */
    static final SimEndpoint POOL = new SimEndpoint(null, false, null);

    static SimEndpoint host(String hostRef) {
        return new SimEndpoint(hostRef, false, null);
    }

    static SimEndpoint unix(String hostRef) {
        return new SimEndpoint(hostRef, true, null);
    }

    /** The xapi of a host outside the pool, at {@code address} ({@link SimStandaloneHosts}). */
    static SimEndpoint standalone(String address) {
        return new SimEndpoint(null, false, address);
    }
}
