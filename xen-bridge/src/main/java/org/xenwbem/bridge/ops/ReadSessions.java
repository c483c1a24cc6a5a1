package org.xenwbem.bridge.ops;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.xenwbem.bridge.client.PasswordDigest;

/**
 * Users' xapi sessions for methods that change nothing (a migration check), shared for at most
 * {@link #TTL} after their login by the requests that present the same user and password: a burst of
 * checks costs one login and one logout instead of one each (SoakBenchmark's Invoke: two of its three
 * xapi round trips). Safe because it never widens what an old password can do: xapi keeps a
 * session alive after a password change, so a shared session lets the old password run checks for at
 * most {@link #TTL}, while the daemon's credential cache already lets it read for a minute; a method
 * that changes anything never shares (it logs in afresh, where xapi refuses the old password at once).
 * Per user one session, matched by a random salt and SHA-256(salt ‖ password) compared in constant time
 * (the password is never kept); not extended by use; dropped when a login or a call on it is refused,
 * or another password is presented. A shared session is logged out (through {@link Logouts}) once it
 * has expired and the last request using it is done. Session refs are never logged. Thread-safe.
 */
public final class ReadSessions implements AutoCloseable {
    /** How long after its login a session is handed to further requests; at most the credential cache's. */
    static final Duration TTL = Duration.ofSeconds(5);
    /** Users with a shared session at once, at most; past it, sessions are not shared. */
    static final int MAX_USERS = 256;

    /** Logs in as the user (the caller's own session, as without sharing). */
    @FunctionalInterface
    public interface Login {
        PoolSession open() throws XenFailure;
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final ScheduledExecutorService expiry;
    private final long ttlNanos;

    public ReadSessions(String threadPrefix) {
        this(threadPrefix, TTL);
    }

    ReadSessions(String threadPrefix, Duration ttl) {
        this.ttlNanos = ttl.toNanos();
        this.expiry = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadPrefix + "read-session-expiry");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * A session as {@code user}: the shared one when it was opened with this password less than
     * {@link #TTL} ago, else a fresh login, shared from now on. Close (or closeSoon) it when done;
     * {@link PoolSession#close} after a refused call is what drops it ({@link Lease#refused}).
     */
    public PoolSession lease(String user, char[] password, Login login) throws XenFailure {
        Entry e = entries.get(user);
        if (e != null && e.matches(password) && e.acquire(System.nanoTime())) {
            return new Lease(e);
        }
        if (e != null) {
            retire(user, e); // expired, or another password: never handed out again
        }
        PoolSession fresh;
        try {
            fresh = login.open();
        } catch (XenFailure f) {
            Entry gone = entries.remove(user);
            if (gone != null) {
                gone.retire(); // any refusal drops what this user shared
            }
            throw f;
        }
        if (entries.size() >= MAX_USERS || expiry.isShutdown()) {
            return fresh; // not shared: the caller's close logs it out
        }
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        Entry made = new Entry(fresh, salt, digest(salt, password), System.nanoTime() + ttlNanos);
        made.acquire(System.nanoTime());
        Entry before = entries.put(user, made);
        if (before != null) {
            before.retire();
        }
        try {
            expiry.schedule(() -> retire(user, made), ttlNanos, TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            entries.remove(user, made); // closed meanwhile: not shared, the caller's close logs it out
            return fresh;
        }
        return new Lease(made);
    }

    /** Users with a shared session now (for tests). */
    int size() {
        return entries.size();
    }

    private void retire(String user, Entry e) {
        entries.remove(user, e);
        e.retire();
    }

    /** Logs out every shared session once its requests are done; sessions leased later are not shared. */
    @Override
    public void close() {
        expiry.shutdownNow();
        entries.forEach(this::retire);
    }

    private static byte[] digest(byte[] salt, char[] password) {
        return PasswordDigest.salted(salt, password);
    }

    /** One shared session: how many requests hold it, and whether it may still be handed out. */
    private static final class Entry {
        private final PoolSession session;
        private final byte[] salt;
        private final byte[] digest;
        private final long expiresAt;
        private int holders;
        private boolean retired;

        Entry(PoolSession session, byte[] salt, byte[] digest, long expiresAt) {
            this.session = session;
            this.salt = salt;
            this.digest = digest;
            this.expiresAt = expiresAt;
        }

        boolean matches(char[] password) {
            return MessageDigest.isEqual(digest, ReadSessions.digest(salt, password));
        }

        synchronized boolean acquire(long now) {
            if (retired || now - expiresAt >= 0) {
                return false;
            }
            holders++;
            return true;
        }

        void retire() {
            boolean idle;
            synchronized (this) {
                idle = !retired && holders == 0;
                retired = true;
            }
            if (idle) {
                session.closeSoon();
            }
        }

        void release() {
            boolean last;
            synchronized (this) {
                holders--;
                last = retired && holders == 0;
            }
            if (last) {
                session.closeSoon();
            }
        }
    }

    /** A request's hold on a shared session: closing it releases the hold (once). */
    private final class Lease implements PoolSession {
        private final Entry entry;
        private final java.util.concurrent.atomic.AtomicBoolean released = new java.util.concurrent.atomic.AtomicBoolean();

        Lease(Entry entry) {
            this.entry = entry;
        }

        @Override
        public String user() {
            return entry.session.user();
        }

        @Override
        public VmOps vms() {
            return entry.session.vms();
        }

        @Override
        public DeviceOps devices() {
            return entry.session.devices();
        }

        @Override
        public HostOps hosts() {
            return entry.session.hosts();
        }

        @Override
        public TaskOps tasks() {
            return entry.session.tasks();
        }

        @Override
        public StorageOps storage() {
            return entry.session.storage();
        }

        @Override
        public NetworkOps networks() {
            return entry.session.networks();
        }

        @Override
        public FieldOps fields() {
            return entry.session.fields();
        }

        @Override
        public MetricsOps metrics() {
            return entry.session.metrics();
        }

        @Override
        public void refused() {
            entries.values().remove(entry);
            entry.retire();
        }

        @Override
        public void close() {
            if (released.compareAndSet(false, true)) {
                entry.release();
            }
        }

        @Override
        public void closeSoon() {
            close();
        }
    }
}
