package org.xenwbem.provider.cimom;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Per-user bounds shared by both protocols: how many open enumerations (WS-Man contexts, CIM-XML pull
 * contexts, each protocol counting its own) and how many operations in progress at once one user may
 * hold. The operation count is WinRM's MaxConcurrentOperationsPerUser (an enumeration's follow-on Pull
 * counts as one operation while it runs, not while its context sits idle); beyond it WS-Man answers
 * {@code wsman:QuotaLimit} (ERROR_WSMAN_QUOTA_MAX_OPERATIONS) and CIM-XML
 * {@code CIM_ERR_SERVER_LIMITS_EXCEEDED}. The count is kept per user name and the entry is dropped
 * when it returns to zero, so idle users cost nothing.
 *
 * @param enumerationsPerUser open enumeration contexts one user may hold, per protocol
 * @param operationsPerUser   requests one user may have in progress at once
 */
public record UserLimits(int enumerationsPerUser, int operationsPerUser, Operations operations) {
    public static final int DEFAULT_ENUMERATIONS = 64;
    public static final int DEFAULT_OPERATIONS = 32;

    public UserLimits(int enumerationsPerUser, int operationsPerUser) {
        this(enumerationsPerUser, operationsPerUser, new Operations(operationsPerUser));
    }

    public static UserLimits defaults() {
        return new UserLimits(DEFAULT_ENUMERATIONS, DEFAULT_OPERATIONS);
    }

    /** The counter of operations in progress per user. */
    public static final class Operations {
        private final int max;
        private final Map<String, AtomicInteger> running = new ConcurrentHashMap<>();
        private final AtomicInteger total = new AtomicInteger();

        Operations(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("the per-user operation limit must be at least 1");
            }
            this.max = max;
        }

        /** Starts an operation for {@code user}; null (nothing counted) when the user is at the limit. */
        public Slot enter(String user) {
            boolean[] ok = {false};
            running.compute(user, (u, n) -> {
                AtomicInteger c = n == null ? new AtomicInteger() : n;
                ok[0] = c.get() < max;
                if (ok[0]) {
                    c.incrementAndGet();
                }
                return c.get() == 0 ? null : c;
            });
            if (!ok[0]) {
                return null;
            }
            total.incrementAndGet();
            return new Slot(this, user);
        }

        private void leave(String user) {
            running.computeIfPresent(user, (u, c) -> c.decrementAndGet() == 0 ? null : c);
            total.decrementAndGet();
        }

        /** Operations in progress, over all users. */
        public int inProgress() {
            return total.get();
        }

        /** Operations {@code user} has in progress. */
        public int of(String user) {
            AtomicInteger c = running.get(user);
            return c == null ? 0 : c.get();
        }

        public int max() {
            return max;
        }
    }

    /** One operation in progress; closing it (once; later closes do nothing) ends it. */
    public static final class Slot implements AutoCloseable {
        private final Operations owner;
        private final String user;
        private final AtomicInteger closed = new AtomicInteger();

        private Slot(Operations owner, String user) {
            this.owner = owner;
            this.user = user;
        }

        @Override
        public void close() {
            if (closed.getAndIncrement() == 0) {
                owner.leave(user);
            }
        }

        /**
         * For work that outlives its request (a method answered TimedOut that goes on): the operation
         * moves to the returned slot, and closing this one does nothing.
         */
        public Slot handOff() {
            Slot next = new Slot(owner, user);
            if (closed.getAndIncrement() != 0) {
                next.closed.set(1); // already ended: nothing to carry
            }
            return next;
        }
    }

    /** What both protocols tell a user over the operation limit (after Windows' own wording, with the numbers). */
    public static String operationsExceeded(String user, int max) {
        return "the maximum number of concurrent operations for this user has been exceeded (user " + user
                + " already has " + max + " in progress); retry when some have finished, or raise max_operations_per_user";
    }
}
