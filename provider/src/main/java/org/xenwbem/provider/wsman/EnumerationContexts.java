package org.xenwbem.provider.wsman;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.provider.cimom.CimException;
import org.xenwbem.provider.cimom.InstanceCursor;
import org.xenwbem.provider.cimom.RequestContext;
import org.xenwbem.provider.wsman.EnumerateRequest.Mode;

/**
 * Open enumerations (WS-Enumeration contexts). Each holds a cursor over its result, read lazily as
 * pages are asked for (see {@link InstanceCursor}), plus at most one instance read ahead. A context
 * belongs to the user who opened it, expires after an idle period (or its wsen:Expires), and each
 * user may hold a bounded number at once.
 */
final class EnumerationContexts {
    /** One open enumeration. Synchronized on itself while a page is read from it. */
    static final class Context {
        final String id;
        final String owner;
        final InstanceCursor cursor;
        final Mode mode;
        final ResourceUris.Parsed uri;
        final boolean excludeNil;
        long idleNanos;
        /** The next instance, read but not yet sent (it did not fit the last page, or was looked ahead at). */
        private CimInstance pending;
        private boolean exhausted;
        /** Starting buffer size for the next item: the largest item so far, plus slack (guarded by this). */
        int itemCapacity = 1024;
        /** Characters of items in the last page sent (guarded by this; read unlocked as a size hint). */
        int lastPage;
        volatile long expiresAt;

        Context(String id, String owner, InstanceCursor cursor, Mode mode, ResourceUris.Parsed uri,
                boolean excludeNil, long idleNanos, long now) {
            this.id = id;
            this.owner = owner;
            this.cursor = cursor;
            this.mode = mode;
            this.uri = uri;
            this.excludeNil = excludeNil;
            this.idleNanos = idleNanos;
            this.expiresAt = now + idleNanos;
        }

        /** The next instance to send, or null at the end. */
        CimInstance take(RequestContext rc) throws CimException {
            CimInstance i = pending;
            if (i != null) {
                pending = null;
                return i;
            }
            if (exhausted) {
                return null;
            }
            i = cursor.next(rc);
            exhausted = i == null;
            return i;
        }

        /** Keeps an instance that was taken but not sent for the next page. */
        void putBack(CimInstance i) {
            pending = i;
        }

        /** True when nothing is left to send; reads one instance ahead to know. */
        boolean atEnd(RequestContext rc) throws CimException {
            if (pending == null && !exhausted) {
                pending = cursor.next(rc);
                exhausted = pending == null;
            }
            return pending == null;
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

    Context create(String owner, InstanceCursor cursor, Mode mode, ResourceUris.Parsed uri, boolean excludeNil,
                   Duration idle) throws WsmanFault {
        long now = clock.getAsLong();
        sweep(now);
        long mine = open.values().stream().filter(c -> c.owner.equals(owner)).count();
        if (mine >= maxPerUser) {
            throw new WsmanFault(FaultKind.QUOTA_LIMIT, null, "user " + owner + " already holds " + mine
                    + " open enumerations; Release some or let them expire", null);
        }
        Duration d = idle == null ? defaultIdle : idle;
        Context c = new Context(MessageIds.secret(), owner, cursor, mode, uri, excludeNil, d.toNanos(), now);
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
        sweep(clock.getAsLong());
        return open.size();
    }

    private void sweep(long now) {
        open.values().removeIf(c -> now - c.expiresAt > 0);
    }
}
