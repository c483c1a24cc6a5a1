package org.xenwbem.bridge.sim;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hosts that are not (yet) members of the simulated pool, each with its own xapi at its own loopback
 * address on the pool's port, as a freshly installed XCP-ng host has. {@code pool.join} is sent there,
 * as xapi requires: to the joining host's xapi, in a session of its own root, naming the master's
 * address and the master's credentials. The standalone xapi answers only {@code session.*} and
 * {@code pool.join}; the join logs in to the master with the given credentials
 * (SESSION_AUTHENTICATION_FAILED; RBAC_PERMISSION_DENIED unless the account may join hosts), fails
 * with POOL_JOINING_HOST_CONNECTION_FAILED when the address is not the master's, with
 * JOINING_HOST_CANNOT_CONTAIN_SHARED_SRS when the host has shared storage and with HA_IS_ENABLED while
 * the pool has HA on. Then the host's records appear in the pool ({@link SimPoolSeeder#joinHost}) and its
 * endpoint answers as a member (HOST_IS_SLAVE). The master credentials are compared, never stored.
 */
final class SimStandaloneHosts {
    /** One standalone host: its address, name, root password and whether it has a shared SR. */
    record Standalone(String address, String name, SimSessions sessions, boolean sharedSr) {
    }

    private final Map<String, Standalone> byAddress = new LinkedHashMap<>();
    private final SimDatabase db;
    private final SimSessions poolSessions;
    private final SimPoolSeeder seeder;
    private final String poolRootPassword;
    private final Map<String, String> ejectedRefs = new java.util.concurrent.ConcurrentHashMap<>();

    SimStandaloneHosts(SimDatabase db, SimSessions poolSessions, SimPoolSeeder seeder, String poolRootPassword) {
        this.db = db;
        this.poolSessions = poolSessions;
        this.seeder = seeder;
        this.poolRootPassword = poolRootPassword;
    }

    /**
     * An ejected member reboots standalone at its address, keeping the root password the pool gave it;
     * its member endpoint (if it had one) now answers as that standalone host.
     */
    synchronized void ejected(String hostRef, String address, String name) {
        add(address, name, poolRootPassword, false);
        ejectedRefs.put(hostRef, address);
    }

    /** The address of the ejected member {@code hostRef}, or null. */
    String ejectedAddress(String hostRef) {
        return hostRef == null ? null : ejectedRefs.get(hostRef);
    }

    synchronized void add(String address, String name, String rootPassword, boolean sharedSr) {
        SimSessions own = new SimSessions(List.of(new SimUser("root", rootPassword, SimRole.POOL_ADMIN, true)),
                Duration.ZERO);
        byAddress.put(address, new Standalone(address, name, own, sharedSr));
    }

    /** Address → standalone host, for binding their endpoints. */
    synchronized Map<String, Standalone> all() {
        return Map.copyOf(byAddress);
    }

    /** The member host now at {@code address}, or null while it is standalone. */
    String memberAt(String address) {
        return db.atomically(() -> db.refs("host").stream().filter(h -> address.equals(db.get("host", h, "address")))
                .findFirst().orElse(null));
    }

    /** A call to the standalone host at {@code address}. */
    Object invoke(String address, String method, List<Object> params) throws InterruptedException {
        Standalone h;
        synchronized (this) {
            h = byAddress.get(address);
        }
        switch (method) {
            case "session.login_with_password" -> {
                if (params.size() < 2) {
                    throw new SimFault("MESSAGE_PARAMETER_COUNT_MISMATCH", method, "4", Integer.toString(params.size()));
                }
                return h.sessions().login(SimArgs.str(params, 0), SimArgs.str(params, 1), "", null).ref();
            }
            case "session.logout" -> {
                h.sessions().logout(String.valueOf(params.get(0)));
                return "";
            }
            case "pool.join" -> {
                if (params.size() != 4) {
                    throw new SimFault("MESSAGE_PARAMETER_COUNT_MISMATCH", method, "4", Integer.toString(params.size()));
                }
                h.sessions().require(params.get(0));
                return join(h, SimArgs.str(params, 1), SimArgs.str(params, 2), SimArgs.str(params, 3));
            }
            default -> throw new SimFault("MESSAGE_METHOD_UNKNOWN", method);
        }
    }

    private Object join(Standalone h, String masterAddress, String user, String password) throws InterruptedException {
        String master = db.atomically(() -> (String) db.get("pool", db.refs("pool").get(0), "master"));
        if (!masterAddress.equals(db.atomically(() -> db.get("host", master, "address")))) {
            throw new SimFault("POOL_JOINING_HOST_CONNECTION_FAILED");
        }
        SimSessions.Session s = poolSessions.login(user, password, "pool.join", master);
        try {
            if (!s.user().localSuperuser() && !s.user().role().permissions().contains("pool.join")) {
                throw new SimFault("RBAC_PERMISSION_DENIED", "pool.join", "The role of the master account may not join hosts");
            }
            if (h.sharedSr()) {
                throw new SimFault("JOINING_HOST_CANNOT_CONTAIN_SHARED_SRS");
            }
            return db.atomically(() -> {
                if (Boolean.TRUE.equals(db.get("pool", db.refs("pool").get(0), "ha_enabled"))) {
                    throw new SimFault("HA_IS_ENABLED");
                }
                if (memberAt(h.address()) != null) {
                    throw new SimFault("HOST_IS_SLAVE", masterAddress);
                }
                seeder.joinHost(h.address(), h.name());
                return "";
            });
        } finally {
            poolSessions.logout(s.ref());
        }
    }
}
