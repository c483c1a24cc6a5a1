package org.xenwbem.bridge.mirror;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xenwbem.bridge.HostRecord;
import org.xenwbem.bridge.MirrorHealth;
import org.xenwbem.bridge.PoolMirror;
import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.bridge.client.XenApiConnection;
import org.xenwbem.bridge.client.XenApiException;
import org.xenwbem.bridge.client.XenApiSession;
import org.xenwbem.bridge.client.XenApiTransportException;

/**
 * The {@link PoolMirror} backed by xapi. One daemon thread logs in with the service account, takes
 * an event token, loads every mirrored class with {@code get_all_records} (each answer streamed and
 * mapped record by record), then loops on
 * {@code event.from(classes, token, 30.0)}, applying each batch and publishing a new immutable
 * snapshot through a volatile reference. SESSION_INVALID (xapi restarted, or the session expired) →
 * log in again and resync; HOST_IS_SLAVE (the master moved) is followed by the connection itself;
 * EVENTS_LOST or a bad token → resync; transport failures (xapi restarting, a dropped connection) →
 * retry the same call with backoff (100 ms doubling to 5 s), keeping session and token, so that a
 * restarted xapi answers SESSION_INVALID or EVENTS_LOST and a merely dropped connection costs no resync.
 * After each login the UUID of the host the session belongs to ({@code session.get_this_host}) is
 * recorded for {@link #thisHostUuid()}.
 * <p>
 * Master failover: the members' addresses ({@code host.address}) go to the connection's
 * {@link PoolMaster} with every snapshot. When a call fails in transport, the members are asked who is
 * master ({@link XenApiConnection#locateMaster}): the same master → retry as above; another → log in
 * there and resync; none → the pool master is unreachable: {@link #health()} says stale, the bridge's
 * other calls (users' writes) fail at once with that reason, and the search is repeated every second
 * at most until a master answers. Reads meanwhile come from the last snapshot. A master that goes
 * silent during the long poll is caught by {@link MasterWatch}: at once when refused, after the call
 * timeout when it hangs; one that answers slowly is reported slow, never failed over.
 */
public final class XapiPoolMirror implements PoolMirror {
    private static final Logger LOG = LoggerFactory.getLogger(XapiPoolMirror.class);
    static final String THREAD_NAME = "xen-bridge-mirror";
    private static final String ORIGINATOR = "xenwbem";
    private static final double EVENT_TIMEOUT_SECONDS = 30.0;
    private static final Duration INITIAL_BACKOFF = Duration.ofMillis(100);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(5);
    /** While the master is unreachable, the members are asked again at least this often. */
    private static final Duration STALE_BACKOFF = Duration.ofSeconds(1);

    private final XenApiConnection connection;
    private final String user;
    private final char[] password;
    private final CountDownLatch initialSync = new CountDownLatch(1);
    private final List<Consumer<PoolSnapshot>> listeners = new CopyOnWriteArrayList<>();
    private final HealthTracker health = new HealthTracker();
    private final MasterFollower follower;
    private volatile MirrorSnapshot current = MirrorSnapshot.EMPTY;
    private volatile boolean running;
    private volatile String thisHostUuid = "";
    private Thread thread;
    private MasterWatch watch;

    // owned by the mirror thread (and by close() once that thread has ended)
    private XenApiSession session;
    private String token;
    private MirrorState state = new MirrorState();
    private long generation;

    public XapiPoolMirror(XenApiConnection connection, String user, char[] password) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.follower = new MasterFollower(connection, health);
        this.user = Objects.requireNonNull(user, "user");
        this.password = password.clone();
    }

    /** Starts the background thread; returns at once (see {@link #awaitInitialSync}). */
    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("already started");
        }
        running = true;
        if (connection.poolMaster().isPresent()) {
            watch = new MasterWatch(connection, health, THREAD_NAME + "-watch");
        }
        thread = new Thread(this::runLoop, THREAD_NAME);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public PoolSnapshot current() {
        return current;
    }

    @Override
    public boolean awaitInitialSync(Duration timeout) throws InterruptedException {
        return initialSync.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public MirrorHealth health() {
        return health.snapshot(connection.isUnixSocket() ? "local xapi (Unix socket)" : connection.url().getHost());
    }

    /** The UUID of the host of the service session (empty until the first login). */
    public Optional<String> thisHostUuid() {
        String uuid = thisHostUuid;
        return uuid.isEmpty() ? Optional.empty() : Optional.of(uuid);
    }

    @Override
    public void addListener(Consumer<PoolSnapshot> listener) {
        listeners.add(Objects.requireNonNull(listener));
    }

    @Override
    public void removeListener(Consumer<PoolSnapshot> listener) {
        listeners.remove(listener);
    }

    /** Stops the thread (interrupting a pending event.from), then logs the service session out. */
    @Override
    public void close() {
        Thread t;
        MasterWatch w;
        synchronized (this) {
            running = false;
            t = thread;
            w = watch;
        }
        if (w != null) {
            w.close();
        }
        if (t != null) {
            t.interrupt();
            try {
                t.join(JOIN_TIMEOUT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (!t.isAlive()) {
                logoutQuietly();
            }
        }
        Arrays.fill(password, '\0');
    }

    private void runLoop() {
        Duration backoff = INITIAL_BACKOFF;
        while (running && !Thread.currentThread().isInterrupted()) {
            try {
                step();
                backoff = INITIAL_BACKOFF;
            } catch (XenApiException e) {
                if (!running) {
                    break;
                }
                if (needsPause(e)) {
                    if (!pause(backoff)) {
                        break;
                    }
                    backoff = doubled(backoff);
                }
            } catch (XenApiTransportException e) {
                if (!running) {
                    break;
                }
                backoff = afterTransportFailure(e, backoff);
                if (backoff == null) {
                    break;
                }
            }
        }
    }

    /**
     * A transport failure: a moved master is used at once; otherwise waits (at most {@link #STALE_BACKOFF}
     * while the master is unreachable, warning once per outage). Returns the next backoff, null when
     * interrupted.
     */
    private Duration afterTransportFailure(XenApiTransportException e, Duration backoff) {
        boolean wasStale = health.isStale();
        if (failedOver(e)) {
            return INITIAL_BACKOFF;
        }
        boolean stale = health.isStale();
        Duration wait = stale && backoff.compareTo(STALE_BACKOFF) > 0 ? STALE_BACKOFF : backoff;
        if (wasStale) {
            LOG.debug("xapi still unreachable ({}); retrying in {} ms", e.getMessage(), wait.toMillis());
        } else {
            LOG.warn("xapi unreachable ({}); retrying in {} ms", e.getMessage(), wait.toMillis());
        }
        return pause(wait) ? doubled(backoff) : null;
    }

    private void step() throws XenApiException, XenApiTransportException {
        if (session == null) {
            session = connection.login(user, password, ORIGINATOR);
            Object host = session.callOnSelf("session.get_this_host");
            thisHostUuid = String.valueOf(session.call("host.get_uuid", host));
        }
        if (token == null) {
            resync();
        } else {
            poll();
        }
        health.heard();
    }

    /** After a transport failure: true when the master moved (session and token are dropped: log in there). */
    private boolean failedOver(XenApiTransportException e) {
        if (follower.after(e) != MasterFollower.Outcome.MOVED) {
            return false;
        }
        session = null;
        token = null;
        return true;
    }

    /** Decides what an error invalidates; returns true when the loop should wait before retrying. */
    private boolean needsPause(XenApiException e) {
        switch (e.error()) {
            case SESSION_INVALID, HOST_IS_SLAVE -> {
                LOG.info("mirror session no longer usable ({}); logging in again", e.code());
                session = null;
                token = null;
                return false;
            }
            case EVENTS_LOST, EVENT_FROM_TOKEN_PARSE_FAILURE -> {
                LOG.info("event stream lost ({}); resyncing", e.code());
                token = null;
                return false;
            }
            default -> {
                LOG.warn("xapi error in the mirror loop: {}; resyncing", e.getMessage());
                token = null;
                return true;
            }
        }
    }

    /**
     * Loads every class afresh, one after the other, each record mapped as it arrives off the wire and
     * its wire form dropped at once. Records equal to the current snapshot's are shared with it, so the
     * peak is the current snapshot plus the records that changed (on the first sync: the snapshot plus
     * one record). The published snapshot and the state events are applied to change only once the whole
     * load succeeded.
     */
    private void resync() throws XenApiException, XenApiTransportException {
        // A cheap token first (pool has one object): changes made while loading are replayed after.
        Map<String, Object> first = Fields.struct(session.call(connection.callTimeout(), "event.from",
                List.of(List.of("pool"), "", 0.0)));
        String fresh = Fields.str(first, "token");
        long t0 = System.nanoTime();
        MirrorState loaded = new MirrorState();
        SnapshotBuilder builder = load(loaded, state.refs);
        if (!builder.guessesHeld()) {
            LOG.info("pool mirror: objects changed while loading; loading once more");
            loaded = new MirrorState();
            builder = load(loaded, null);
        }
        int deferred = builder.resolveForwardRefs();
        state = loaded;
        token = fresh;
        publish(builder);
        LOG.info("pool mirror synced in {} ms ({} records completed after the load, {} unchanged): {}",
                (System.nanoTime() - t0) / 1_000_000, deferred, builder.shared(), current);
        health.synced();
        initialSync.countDown();
    }

    /** Every class, one after the other, into {@code into}; refs of classes still to come taken from {@code hints}. */
    private SnapshotBuilder load(MirrorState into, RefIndex hints) throws XenApiException, XenApiTransportException {
        SnapshotBuilder builder = SnapshotBuilder.fullLoad(into, current, hints);
        for (MirrorClass c : MirrorClass.LOAD_ORDER) {
            builder.startClass(c);
            session.callStreamed(connection.callTimeout(), c.wireClass() + ".get_all_records", List.of(),
                    (ref, rec) -> builder.apply(c, "add", ref, Fields.struct(rec)));
        }
        return builder;
    }

    /** The long poll, watched by {@link MasterWatch} (when there is one) for a master that went silent. */
    private Object awaitEvents(Duration timeout) throws XenApiException, XenApiTransportException {
        MasterWatch w = watch;
        if (w != null) {
            w.begin();
        }
        try {
            return session.call(timeout, "event.from", List.of(MirrorClass.EVENT_CLASSES, token, EVENT_TIMEOUT_SECONDS));
        } catch (XenApiTransportException e) {
            if (w != null && w.end()) {
                throw new XenApiTransportException("event.from: the master stopped answering",
                        new java.net.SocketTimeoutException("no answer to the master probe"));
            }
            throw e;
        } finally {
            if (w != null) {
                w.end();
            }
        }
    }

    private void poll() throws XenApiException, XenApiTransportException {
        Duration timeout = connection.callTimeout().plusSeconds((long) EVENT_TIMEOUT_SECONDS);
        long asked = System.nanoTime();
        Map<String, Object> batch = Fields.struct(awaitEvents(timeout));
        List<?> events = Fields.list(batch, "events");
        if (!events.isEmpty()) { // events handed over at once: proof of a prompt master (a late batch proves nothing)
            health.prompt(Duration.ofNanos(System.nanoTime() - asked));
        }
        SnapshotBuilder builder = new SnapshotBuilder(current, state);
        for (Object o : events) {
            Map<String, Object> ev = Fields.struct(o);
            if (ev.get("snapshot") instanceof Map<?, ?>) {
                builder.learn(Fields.str(ev, "ref"), Fields.struct(ev.get("snapshot")));
            }
        }
        boolean changed = false;
        for (Object o : events) {
            Map<String, Object> ev = Fields.struct(o);
            MirrorClass c = MirrorClass.byEventClass(Fields.str(ev, "class"));
            if (c != null) {
                Object snap = ev.get("snapshot");
                changed |= builder.apply(c, Fields.str(ev, "operation"), Fields.str(ev, "ref"),
                        snap instanceof Map<?, ?> ? Fields.struct(snap) : null);
            }
        }
        token = Fields.str(batch, "token");
        if (changed) {
            publish(builder);
        }
    }

    private void publish(SnapshotBuilder builder) {
        MirrorSnapshot snapshot = builder.build(++generation);
        current = snapshot;
        connection.poolMaster().ifPresent(p -> p.learnMembers(snapshot.hosts().stream().map(HostRecord::address).toList()));
        for (Consumer<PoolSnapshot> l : listeners) {
            try {
                l.accept(snapshot);
            } catch (RuntimeException e) {
                // listener boundary: one faulty listener must not stop the mirror
                LOG.warn("pool mirror listener failed", e);
            }
        }
    }

    private static boolean pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Duration doubled(Duration d) {
        Duration twice = d.multipliedBy(2);
        return twice.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : twice;
    }

    private void logoutQuietly() {
        XenApiSession s = session;
        session = null;
        if (s == null) {
            return;
        }
        try {
            s.logout();
        } catch (XenApiException | XenApiTransportException e) {
            LOG.debug("mirror logout failed: {}", e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "XapiPoolMirror[" + user + "@" + connection.url().getHost() + ", " + current + "]";
    }
}
