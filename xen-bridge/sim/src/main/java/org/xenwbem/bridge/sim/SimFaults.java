package org.xenwbem.bridge.sim;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fault injection for tests, applied where requests enter the simulator (HTTP handler and dispatcher):
 * <pre>{@code
 * pool.faults().on("VM.get_all_records").always().delay(Duration.ofSeconds(3)); // latency on one method
 * pool.faults().onAny().always().delay(Duration.ofMillis(50));                 // global latency
 * pool.faults().on("VM.start").once().fail("SR_BACKEND_FAILURE_46", "", "disk gone", "");
 * pool.faults().on("VLAN.create").after(1).once().fail("INTERNAL_ERROR", "x");   // the second call fails
 * pool.faults().on("event.from").times(2).drop();                               // close without answering
 * pool.faults().on("VM.get_all_records").once().hold(latch);                    // answers once latch is down
 * pool.faults().restart();            // sessions and event tokens invalid, connections cut and refused briefly
 * pool.faults().failover(memberUuid); // pool.master moves; the old master answers HOST_IS_SLAVE
 * pool.faults().authFailureDelay(Duration.ofSeconds(5));
 * pool.faults().clear();              // remove every rule (not the effects of restart or failover)
 * }</pre>
 * A rule names a method as received ({@code VM.start}, {@code event.from}); a rule on {@code VM.start}
 * also matches {@code Async.VM.start}, whose error then ends up in the task, as with xapi. Rules are
 * tried in the order they were added; each request consumes at most one rule of each kind.
 */
public final class SimFaults {
    private static final Logger LOG = LoggerFactory.getLogger(SimFaults.class);
    private static final String ASYNC = "Async.";
    private static final String ANY = "*";
    /** How long connections are refused after {@link #restart()}. */
    public static final Duration DEFAULT_RESTART_REFUSAL = Duration.ofMillis(300);

    /** The longest a {@link Rule#hold held} call waits for its release. */
    static final Duration HOLD_LIMIT = Duration.ofMinutes(2);

    private enum Kind { FAIL, DROP, DELAY }

    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final SimSessions sessions;
    private final SimDatabase db;
    private final String poolRef;
    private volatile Runnable cutConnections = () -> { };
    private volatile long refuseUntil = System.nanoTime();

    SimFaults(SimSessions sessions, SimDatabase db, String poolRef) {
        this.sessions = sessions;
        this.db = db;
        this.poolRef = poolRef;
    }

    /** A rule for one method (see the class comment for Async matching). */
    public Rule on(String method) {
        return new Rule(Objects.requireNonNull(method));
    }

    /** A rule for every call. */
    public Rule onAny() {
        return new Rule(ANY);
    }

    /** Removes every rule. */
    public void clear() {
        rules.clear();
    }

    /** {@link #restart(Duration)} with {@link #DEFAULT_RESTART_REFUSAL}. */
    public void restart() {
        restart(DEFAULT_RESTART_REFUSAL);
    }

    /**
     * As if xapi restarted: every session ends (SESSION_INVALID), every event token from before is
     * stale (EVENTS_LOST), open connections are cut (pending {@code event.from} calls included), and new
     * connections are refused (closed unanswered) for {@code refusal}.
     */
    public void restart(Duration refusal) {
        refuseConnections(refusal);
        sessions.invalidateAll();
        db.forgetHistory();
        cutConnections.run();
        LOG.info("simulated xapi restart");
    }

    /** Closes new connections unanswered for {@code d}. */
    public void refuseConnections(Duration d) {
        refuseUntil = System.nanoTime() + d.toNanos();
    }

    /**
     * Master failover: {@code pool.master} becomes the host {@code newMasterUuid}; from then on every
     * other host's endpoint answers HOST_IS_SLAVE with its address. Needs member endpoints to be useful.
     */
    public void failover(String newMasterUuid) {
        db.atomically(() -> {
            db.set("pool", poolRef, "master", db.refByUuid("host", newMasterUuid));
            return null;
        });
        LOG.info("simulated master failover to host {}", newMasterUuid);
    }

    /** How long a failed login waits before SESSION_AUTHENTICATION_FAILED (xapi: 5 s). */
    public void authFailureDelay(Duration delay) {
        sessions.setAuthFailureDelay(Objects.requireNonNull(delay));
    }

    void onCutConnections(Runnable r) {
        cutConnections = r;
    }

    boolean refusing() {
        return System.nanoTime() - refuseUntil < 0;
    }

    /** Applies latency and drop rules for a call about to be dispatched. */
    void beforeCall(String method) throws InterruptedException {
        Rule delay = take(Kind.DELAY, method, true);
        if (delay != null && delay.release != null) {
            delay.release.await(HOLD_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } else if (delay != null) {
            Thread.sleep(delay.delay.toMillis());
        }
        if (take(Kind.DROP, method, true) != null) {
            throw new SimDropConnection("fault: drop " + method);
        }
    }

    /** Raises the injected error for {@code method} (the name without {@code Async.}), if a rule says so. */
    void checkError(String method) {
        Rule r = take(Kind.FAIL, method, false);
        if (r != null) {
            throw new SimFault(r.code, r.params.toArray(String[]::new));
        }
    }

    private Rule take(Kind kind, String method, boolean matchInner) {
        String inner = matchInner && method.startsWith(ASYNC) ? method.substring(ASYNC.length()) : method;
        for (Rule r : rules) {
            if (r.kind == kind && (r.method.equals(ANY) || r.method.equals(method) || r.method.equals(inner))
                    && r.consume()) {
                return r;
            }
        }
        return null;
    }

    /** One fault rule: choose how often ({@link #once()}, {@link #times}, {@link #always()}), then the fault. */
    public final class Rule {
        private final String method;
        private final AtomicInteger remaining = new AtomicInteger(1);
        private final AtomicInteger passing = new AtomicInteger(0);
        private Kind kind;
        private String code;
        private List<String> params = List.of();
        private Duration delay = Duration.ZERO;
        private CountDownLatch release;

        private Rule(String method) {
            this.method = method;
        }

        public Rule once() {
            return times(1);
        }

        public Rule times(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("times must be >= 1");
            }
            remaining.set(n);
            return this;
        }

        /** Lets the first {@code n} matching calls through untouched (to fail a later step of a sequence). */
        public Rule after(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("after must be >= 0");
            }
            passing.set(n);
            return this;
        }

        public Rule always() {
            remaining.set(-1);
            return this;
        }

        /** Answers with the XenAPI error {@code code} and its parameters instead of running the call. */
        public void fail(String code, String... params) {
            this.code = Objects.requireNonNull(code);
            this.params = List.of(params);
            add(Kind.FAIL);
        }

        /** Closes the connection without answering, after the request was read. */
        public void drop() {
            add(Kind.DROP);
        }

        /** Waits {@code d} before running the call. */
        public void delay(Duration d) {
            this.delay = Objects.requireNonNull(d);
            add(Kind.DELAY);
        }

        /**
         * Holds the call until {@code release} is counted down (at most {@link #HOLD_LIMIT}), then runs
         * it: a xapi that answers when the test says so (e.g. the daemon's first load held back).
         */
        public void hold(CountDownLatch release) {
            this.release = Objects.requireNonNull(release);
            add(Kind.DELAY);
        }

        private void add(Kind k) {
            this.kind = k;
            rules.add(this);
        }

        private boolean consume() {
            if (passing.getAndUpdate(x -> x > 0 ? x - 1 : x) > 0) {
                return false;
            }
            while (true) {
                int n = remaining.get();
                if (n < 0) {
                    return true;
                }
                if (n == 0) {
                    rules.remove(this);
                    return false;
                }
                if (remaining.compareAndSet(n, n - 1)) {
                    if (n == 1) {
                        rules.remove(this);
                    }
                    return true;
                }
            }
        }
    }
}
