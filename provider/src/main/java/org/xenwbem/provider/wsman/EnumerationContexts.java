package org.xenwbem.provider.wsman;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.xenwbem.cim.CimInstance;

/**
 * Open enumerations (WS-Enumeration contexts). Each holds the result snapshot taken at Enumerate
 * time and a cursor. A context belongs to the user who opened it, expires after an idle period (or
 * its wsen:Expires), and each user may hold a bounded number at once.
 */
final class EnumerationContexts {
    /** How items are returned (WS-Man EnumerationMode). */
    enum Mode { OBJECT, EPR, OBJECT_AND_EPR }

    /** One open enumeration. Synchronized on itself while a Pull advances it. */
    static final class Context {
        final String id;
        final String owner;
        final List<CimInstance> items;
        final Mode mode;
        final ResourceUris.Parsed uri;
        final boolean excludeNil;
        long idleNanos;
        int position;
        /** Starting buffer size for the next item: the largest item so far, plus slack (guarded by this). */
        int itemCapacity = 1024;
        volatile long expiresAt;

        Context(String id, String owner, List<CimInstance> items, Mode mode, ResourceUris.Parsed uri,
                boolean excludeNil, long idleNanos, long now) {
            this.id = id;
            this.owner = owner;
            this.items = items;
            this.mode = mode;
            this.uri = uri;
            this.excludeNil = excludeNil;
            this.idleNanos = idleNanos;
            this.expiresAt = now + idleNanos;
        }

        boolean done() {
            return position >= items.size();
        }

        /** How long the context lives when idle. */
        Duration idle() {
            return Duration.ofNanos(idleNanos);
        }

        synchronized void renew(Duration d) {
            idleNanos = d.toNanos();
            expiresAt = System.nanoTime() + idleNanos;
        }
    }

    private final Map<String, Context> open = new ConcurrentHashMap<>();
    private final int maxPerUser;
    private final Duration defaultIdle;
    private final LongSupplier clock;

    EnumerationContexts(int maxPerUser, Duration defaultIdle, LongSupplier nanoClock) {
        this.maxPerUser = maxPerUser;
        this.defaultIdle = defaultIdle;
        this.clock = nanoClock;
    }

    Context create(String owner, List<CimInstance> items, Mode mode, ResourceUris.Parsed uri, boolean excludeNil,
                   Duration idle) throws WsmanFault {
        long now = clock.getAsLong();
        sweep(now);
        long mine = open.values().stream().filter(c -> c.owner.equals(owner)).count();
        if (mine >= maxPerUser) {
            throw new WsmanFault(FaultKind.QUOTA_LIMIT, null, "user " + owner + " already holds " + mine
                    + " open enumerations; Release some or let them expire", null);
        }
        Duration d = idle == null ? defaultIdle : idle;
        Context c = new Context("uuid:" + UUID.randomUUID(), owner, items, mode, uri, excludeNil, d.toNanos(), now);
        open.put(c.id, c);
        return c;
    }

    /** The live context with this id owned by this user, its idle timer restarted. */
    Context take(String id, String owner) throws WsmanFault {
        long now = clock.getAsLong();
        Context c = id == null ? null : open.get(id.trim());
        if (c == null || !c.owner.equals(owner) || now - c.expiresAt > 0) {
            if (c != null && now - c.expiresAt > 0) {
                open.remove(c.id);
            }
            throw new WsmanFault(FaultKind.INVALID_ENUMERATION_CONTEXT, null,
                    "the enumeration context is unknown, expired or released", null);
        }
        c.expiresAt = now + c.idleNanos;
        return c;
    }

    void release(Context c) {
        open.remove(c.id);
    }

    int size() {
        return open.size();
    }

    private void sweep(long now) {
        open.values().removeIf(c -> now - c.expiresAt > 0);
    }
}
