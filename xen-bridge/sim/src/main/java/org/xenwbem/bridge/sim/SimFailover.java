package org.xenwbem.bridge.sim;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who is master, as xapi and HA change it, and hosts whose xapi died (needs member endpoints):
 * <ul>
 * <li>{@code pool.designate_new_master(host)} (Xapi_pool.designate_new_master, pool-operator and
 * stronger): HANDLE_INVALID for an unknown host; HA_IS_ENABLED while HA is on (HA elects masters
 * itself); nothing happens when the host is already master; the two-phase commit needs every member
 * alive, else HOST_OFFLINE [host]. Then {@code pool.master} is the host and both xapis restart as their
 * new roles: sessions end (SESSION_INVALID), event tokens are stale (EVENTS_LOST), and, once the answer
 * is out, open connections are cut. The old master's endpoint answers HOST_IS_SLAVE [new address].</li>
 * <li>{@link #kill}: a host's xapi stops answering: {@link Death#REFUSE} closes its listening socket
 * and its connections (connection refused), {@link Death#HANG} accepts connections but never answers.
 * Until a new master is promoted the other members keep answering HOST_IS_SLAVE naming the dead one,
 * as xapi's supporters do.</li>
 * <li>{@link #promote}: what HA does after the master died (emergency transition): the dead hosts are
 * not live any more, the chosen member becomes master, every xapi restarts (sessions and event tokens
 * lost, connections cut).</li>
 * <li>{@link #revive}: the host's xapi answers again (restarted: if it is still master, sessions and
 * event tokens are lost).</li>
 * </ul>
 */
public final class SimFailover {
    private static final Logger LOG = LoggerFactory.getLogger(SimFailover.class);
    private static final String HOST = "host";
    private static final String POOL = "pool";
    /** A hanging request is let go after this, so that no simulator thread waits forever. */
    private static final Duration HANG_BOUND = Duration.ofMinutes(5);
    /** After designate_new_master answers, the xapis restart (connections cut) this much later. */
    private static final long RESTART_AFTER_MS = 50;

    /** How a host's xapi dies. */
    public enum Death {
        /** Connection refused: nothing listens on the host's address any more. */
        REFUSE,
        /** Connections are accepted, requests never answered (a hung xapi or host). */
        HANG
    }

    /** What the server does for a dead or revived host's endpoint. */
    interface Endpoints {
        void stop(SimEndpoint endpoint);

        void reopen(SimEndpoint endpoint);

        void cutAll();
    }

    private final SimDatabase db;
    private final SimSessions sessions;
    private final String poolRef;
    private final Map<String, Death> dead = new ConcurrentHashMap<>();
    private volatile Endpoints endpoints;
    private boolean closed;

    SimFailover(SimDatabase db, SimSessions sessions, String poolRef) {
        this.db = db;
        this.sessions = sessions;
        this.poolRef = poolRef;
    }

    static List<String> permissions() {
        return List.of("pool.designate_new_master");
    }

    void register(Map<String, SimMethod> m) {
        m.put("pool.designate_new_master", SimMethod.action(2, "pool.designate_new_master",
                (s, a) -> designate(SimArgs.str(a, 0))));
    }

    void serve(Endpoints e) {
        this.endpoints = e;
    }

    /** Stops the xapi of host {@code hostUuid} answering, the way {@code how} says. */
    public void kill(String hostUuid, Death how) {
        Endpoints e = requireEndpoints();
        String ref = db.refByUuid(HOST, hostUuid);
        dead.put(ref, how);
        if (how == Death.REFUSE) {
            e.stop(SimEndpoint.host(ref));
        }
        LOG.info("simulated death of host {}'s xapi ({})", hostUuid, how);
    }

    /** Kills the current master; returns its UUID. */
    public String killMaster(Death how) {
        String uuid = db.atomically(() -> (String) db.get(HOST, master(), "uuid"));
        kill(uuid, how);
        return uuid;
    }

    /** HA's emergency transition: {@code hostUuid} (alive) becomes master, dead hosts are not live. */
    public void promote(String hostUuid) {
        Endpoints e = requireEndpoints();
        String ref = db.refByUuid(HOST, hostUuid);
        if (dead.containsKey(ref)) {
            throw new IllegalArgumentException("host " + hostUuid + " is dead; promote a live member");
        }
        db.atomically(() -> {
            for (String d : dead.keySet()) {
                db.set("host_metrics", (String) db.get(HOST, d, "metrics"), "live", false);
            }
            db.set(POOL, poolRef, "master", ref);
            return null;
        });
        restartXapis();
        e.cutAll();
        LOG.info("simulated HA failover: host {} is the new master", hostUuid);
    }

    /** The host's xapi answers again, as a restarted xapi does. */
    public void revive(String hostUuid) {
        Endpoints e = requireEndpoints();
        String ref = db.refByUuid(HOST, hostUuid);
        Death how = dead.remove(ref);
        if (how == null) {
            return;
        }
        synchronized (this) {
            notifyAll();
        }
        db.atomically(() -> {
            db.set("host_metrics", (String) db.get(HOST, ref, "metrics"), "live", true);
            return null;
        });
        if (ref.equals(db.atomically(this::master))) {
            restartXapis();
        }
        if (how == Death.REFUSE) {
            e.reopen(SimEndpoint.host(ref));
        }
        LOG.info("simulated xapi of host {} is back", hostUuid);
    }

    /** Whether the host an endpoint belongs to is dead (the pool-wide endpoint never is). */
    boolean dead(SimEndpoint endpoint) {
        return endpoint.hostRef() != null && !endpoint.unixSocket() && dead.containsKey(endpoint.hostRef());
    }

    /** A request reached a dead host: a hung one holds it until revived or closed (bounded), then drops it. */
    void swallow(SimEndpoint endpoint) throws InterruptedException {
        long until = System.nanoTime() + HANG_BOUND.toNanos();
        synchronized (this) {
            while (!closed && dead.get(endpoint.hostRef()) == Death.HANG && System.nanoTime() < until) {
                wait(Math.max(1, (until - System.nanoTime()) / 1_000_000));
            }
        }
        throw new SimDropConnection("host's xapi is dead");
    }

    /** Wakes hung requests for good (the simulator is closing). */
    synchronized void close() {
        closed = true;
        notifyAll();
    }

    private Object designate(String host) {
        boolean moved = db.atomically(() -> {
            db.record(HOST, host);
            if (Boolean.TRUE.equals(db.get(POOL, poolRef, "ha_enabled"))) {
                throw new SimFault("HA_IS_ENABLED");
            }
            if (host.equals(master())) {
                return false;
            }
            for (String h : db.refs(HOST)) {
                if (dead.containsKey(h) || !Boolean.TRUE.equals(
                        db.get("host_metrics", (String) db.get(HOST, h, "metrics"), "live"))) {
                    throw new SimFault("HOST_OFFLINE", h);
                }
            }
            db.set(POOL, poolRef, "master", host);
            return true;
        });
        if (moved) {
            restartXapis();
            Endpoints e = endpoints;
            if (e != null) {
                Thread t = new Thread(() -> cutLater(e), "sim-master-handover");
                t.setDaemon(true);
                t.start();
            }
            LOG.info("pool.designate_new_master: the master role moved");
        }
        return "";
    }

    private static void cutLater(Endpoints e) {
        try {
            Thread.sleep(RESTART_AFTER_MS);
            e.cutAll();
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sessions and event history live in the master's xapi; a new master starts without them. */
    private void restartXapis() {
        sessions.invalidateAll();
        db.forgetHistory();
    }

    private String master() {
        return (String) db.get(POOL, poolRef, "master");
    }

    private Endpoints requireEndpoints() {
        Endpoints e = endpoints;
        if (e == null) {
            throw new IllegalStateException("host deaths need a started pool with member endpoints");
        }
        return e;
    }
}
