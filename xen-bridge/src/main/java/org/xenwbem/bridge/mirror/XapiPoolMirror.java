package org.xenwbem.bridge.mirror;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xenwbem.bridge.PoolMirror;
import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.bridge.client.XenApiConnection;
import org.xenwbem.bridge.client.XenApiException;
import org.xenwbem.bridge.client.XenApiSession;
import org.xenwbem.bridge.client.XenApiTransportException;

/**
 * The {@link PoolMirror} backed by xapi. One daemon thread logs in with the service account, takes
 * an event token, loads every mirrored class with {@code get_all_records}, then loops on
 * {@code event.from(classes, token, 30.0)}, applying each batch and publishing a new immutable
 * snapshot through a volatile reference. SESSION_INVALID or HOST_IS_SLAVE (the master moved) → log in
 * again (login follows the redirect) and resync;
 * EVENTS_LOST or a bad token → resync; transport failures → retry with backoff (100 ms doubling to 5 s).
 */
public final class XapiPoolMirror implements PoolMirror {
    private static final Logger LOG = LoggerFactory.getLogger(XapiPoolMirror.class);
    static final String THREAD_NAME = "xen-bridge-mirror";
    private static final String ORIGINATOR = "xenwbem";
    private static final double EVENT_TIMEOUT_SECONDS = 30.0;
    private static final Duration INITIAL_BACKOFF = Duration.ofMillis(100);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(5);

    private final XenApiConnection connection;
    private final String user;
    private final char[] password;
    private final ObjectStore store = new ObjectStore();
    private final RecordMapper mapper = new RecordMapper(store);
    private final CountDownLatch initialSync = new CountDownLatch(1);
    private final List<Consumer<PoolSnapshot>> listeners = new CopyOnWriteArrayList<>();
    private volatile MirrorSnapshot current = MirrorSnapshot.EMPTY;
    private volatile boolean running;
    private Thread thread;

    // owned by the mirror thread (and by close() once that thread has ended)
    private XenApiSession session;
    private String token;
    private long generation;

    public XapiPoolMirror(XenApiConnection connection, String user, char[] password) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.user = Objects.requireNonNull(user, "user");
        this.password = password.clone();
    }

    /** Starts the background thread; returns at once (see {@link #awaitInitialSync}). */
    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("already started");
        }
        running = true;
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

    /** Called on the mirror thread after each published snapshot; must be quick and must not block. */
    public void addListener(Consumer<PoolSnapshot> listener) {
        listeners.add(Objects.requireNonNull(listener));
    }

    public void removeListener(Consumer<PoolSnapshot> listener) {
        listeners.remove(listener);
    }

    /** Stops the thread (interrupting a pending event.from), then logs the service session out. */
    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            running = false;
            t = thread;
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
                LOG.warn("xapi unreachable ({}); retrying in {} ms", e.getMessage(), backoff.toMillis());
                session = null;
                token = null;
                if (!pause(backoff)) {
                    break;
                }
                backoff = doubled(backoff);
            }
        }
    }

    private void step() throws XenApiException, XenApiTransportException {
        if (session == null) {
            session = connection.login(user, password, ORIGINATOR);
        }
        if (token == null) {
            resync();
        } else {
            poll();
        }
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

    private void resync() throws XenApiException, XenApiTransportException {
        // A cheap token first (pool has one object): changes made while loading are replayed after.
        Map<String, Object> first = Fields.struct(session.call(connection.callTimeout(), "event.from",
                List.of(List.of("pool"), "", 0.0)));
        String fresh = Fields.str(first, "token");
        store.clear();
        for (Map.Entry<String, String> c : ObjectStore.CLASSES.entrySet()) {
            store.replace(c.getValue(), Fields.struct(session.call(c.getKey() + ".get_all_records")));
        }
        token = fresh;
        publish();
        LOG.info("pool mirror synced: {} hosts, {} VMs", current.hosts().size(), current.vms().size());
        initialSync.countDown();
    }

    private void poll() throws XenApiException, XenApiTransportException {
        Duration timeout = connection.callTimeout().plusSeconds((long) EVENT_TIMEOUT_SECONDS);
        Map<String, Object> batch = Fields.struct(session.call(timeout, "event.from",
                List.of(ObjectStore.EVENT_CLASSES, token, EVENT_TIMEOUT_SECONDS)));
        boolean changed = false;
        for (Object o : Fields.list(batch, "events")) {
            Map<String, Object> ev = Fields.struct(o);
            changed |= store.apply(Fields.str(ev, "class"), Fields.str(ev, "operation"), Fields.str(ev, "ref"),
                    ev.get("snapshot"));
        }
        token = Fields.str(batch, "token");
        if (changed) {
            publish();
        }
    }

    private void publish() {
        MirrorSnapshot snapshot = mapper.snapshot(++generation);
        current = snapshot;
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
