package org.xenwbem.provider.classes.vm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xenwbem.bridge.ops.PoolSession;

/**
 * The xapi sessions {@code Xen_Console.Login} opened for its callers, keyed by the SessionIdentifier
 * handed back (the console URI carrying the session's {@code session_id}). Each is logged out on its
 * owner's Logout, when it expires, or when the daemon stops. The identifier is a credential: it is
 * never logged; log lines name the owner and the console only.
 */
public final class ConsoleSessions implements AutoCloseable {
    /** How long a console session lives unless its owner logs it out first. */
    public static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(30);
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleSessions.class);

    /** How many console sessions one user may hold open at once (each is an xapi session). */
    public static final int MAX_PER_USER = 16;

    /** One open session: who owns it, for which console, and its expiry. */
    private record Open(String owner, String console, PoolSession session, ScheduledFuture<?> expiry) {
    }

    /** What Logout found. */
    public enum Outcome { LOGGED_OUT, UNKNOWN, NOT_OWNER }

    private final Duration lifetime;
    private final Map<String, Open> open = new ConcurrentHashMap<>();
    /** Places held per owner: open sessions plus logins under way. */
    private final Map<String, Integer> held = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;

    public ConsoleSessions() {
        this(DEFAULT_LIFETIME);
    }

    public ConsoleSessions(Duration lifetime) {
        this.lifetime = lifetime;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "console-session-expiry");
            t.setDaemon(true);
            return t;
        });
    }

    public Duration lifetime() {
        return lifetime;
    }

    /**
     * Takes one of {@code owner}'s {@link #MAX_PER_USER} places (false when none is left), before the
     * xapi login: {@link #remember} fills it, {@link #release} gives it back when the login failed.
     */
    public boolean reserve(String owner) {
        boolean[] ok = {false};
        held.compute(owner, (k, n) -> {
            int have = n == null ? 0 : n;
            ok[0] = have < MAX_PER_USER;
            return ok[0] ? have + 1 : have;
        });
        return ok[0];
    }

    /** Gives back a place {@link #reserve} took. */
    public void release(String owner) {
        held.computeIfPresent(owner, (k, n) -> n <= 1 ? null : n - 1);
    }

    /** Remembers {@code session}, opened for {@code owner} (in a place it reserved) on {@code console}; returns the identifier. */
    public String remember(String owner, String console, String location, PoolSession session) {
        String id = session.consoleUrl(location);
        ScheduledFuture<?> expiry;
        try {
            expiry = timer.schedule(() -> expire(id), lifetime.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            release(owner);
            session.close();
            throw new IllegalStateException("the daemon is stopping: no console session opened", e);
        }
        open.put(id, new Open(owner, console, session, expiry));
        LOG.info("console session opened for {} on console {} (expires in {})", owner, console, lifetime);
        return id;
    }

    /** Logs out the session {@code id} names, if {@code user} owns it. */
    public Outcome logout(String user, String id) {
        Open o = open.get(id);
        if (o == null) {
            return Outcome.UNKNOWN;
        }
        if (!o.owner().equals(user)) {
            LOG.warn("{} tried to log out {}'s console session on console {}", user, o.owner(), o.console());
            return Outcome.NOT_OWNER;
        }
        if (open.remove(id, o)) {
            o.expiry().cancel(false);
            end(o, "logged out");
        }
        return Outcome.LOGGED_OUT;
    }

    /** How many sessions are open. */
    public int size() {
        return open.size();
    }

    private void expire(String id) {
        Open o = open.remove(id);
        if (o != null) {
            end(o, "expired");
        }
    }

    private void end(Open o, String why) {
        release(o.owner());
        o.session().close();
        LOG.info("console session of {} on console {} {}", o.owner(), o.console(), why);
    }

    /** Logs out every open session (daemon shutdown). */
    @Override
    public void close() {
        timer.shutdownNow();
        List<String> ids = new ArrayList<>(open.keySet());
        for (String id : ids) {
            Open o = open.remove(id);
            if (o != null) {
                end(o, "closed at shutdown");
            }
        }
    }
}
