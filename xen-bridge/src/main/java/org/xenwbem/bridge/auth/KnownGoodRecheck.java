package org.xenwbem.bridge.auth;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.xenwbem.bridge.CredentialChecker;
import org.xenwbem.bridge.CredentialChecker.AuthOutcome;

/**
 * The re-check with xapi of a credential it accepted before (a known-good match past the cache TTL),
 * held to {@link #WAIT}: a slow xapi (under load, answering after 5 s) would otherwise hold one read of
 * each user a minute for a login, a role lookup and a logout. Past the wait the caller is let in with the
 * remembered role, as when xapi cannot be reached, and the check finishes on a runner thread: it logs
 * out and renews the cache entry, or forgets the password xapi no longer accepts. Only when xapi has
 * shown itself slow on a login it accepted: xapi answers a refused password after 5 s by design, so a
 * late answer alone says nothing, and a password changed at xapi must not get in while it is refused
 * slowly; with no such evidence the caller waits for the verdict. One re-check per user
 * at a time (others wait on it); runners end a second after their last check, at most {@link #RUNNERS}.
 */
final class KnownGoodRecheck {
    /** How long a re-check may hold the request (a prompt xapi answers a login well within it). */
    static final Duration WAIT = Duration.ofSeconds(3);
    static final String SLOW = "known good; xapi slow";
    private static final int RUNNERS = 8;

    private final Map<String, CompletableFuture<AuthOutcome>> inFlight = new ConcurrentHashMap<>();
    private final ThreadPoolExecutor runners = new ThreadPoolExecutor(0, RUNNERS, 1, TimeUnit.SECONDS,
            new SynchronousQueue<>(), r -> {
                Thread t = new Thread(r, "xen-bridge-auth-recheck");
                t.setDaemon(true);
                return t;
            });

    /** Longest wait for the verdict when xapi is not known to be slow (beyond any login timeout). */
    static final Duration VERDICT = Duration.ofSeconds(90);

    /**
     * {@code ask} (the xapi check, given its own copy of the password) for {@code user}, waited on for
     * {@link #WAIT}; the remembered role when it takes longer and {@code xapiSlow} says xapi is slow.
     */
    AuthOutcome check(String user, char[] password, String role, Function<char[], AuthOutcome> ask,
                      BooleanSupplier xapiSlow) {
        CompletableFuture<AuthOutcome> mine = new CompletableFuture<>();
        CompletableFuture<AuthOutcome> running = inFlight.putIfAbsent(user, mine);
        if (running == null) {
            running = mine;
            char[] copy = password.clone();
            try {
                runners.execute(() -> run(user, copy, ask, mine));
            } catch (RejectedExecutionException e) {
                inFlight.remove(user, mine);
                Arrays.fill(copy, '\0');
                return ask.apply(password); // every runner busy: checked here, unbounded as before
            }
        }
        try {
            try {
                return running.get(WAIT.toNanos(), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                if (xapiSlow.getAsBoolean()) {
                    return new AuthOutcome(CredentialChecker.Status.OK, user, role, SLOW);
                }
                return running.get(VERDICT.toNanos(), TimeUnit.NANOSECONDS);
            }
        } catch (TimeoutException e) {
            return new AuthOutcome(CredentialChecker.Status.UNAVAILABLE, user, null, "no verdict from xapi");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new AuthOutcome(CredentialChecker.Status.UNAVAILABLE, user, null, "interrupted");
        } catch (ExecutionException e) {
            throw new IllegalStateException("credential re-check failed", e.getCause());
        }
    }

    private void run(String user, char[] copy, Function<char[], AuthOutcome> ask, CompletableFuture<AuthOutcome> f) {
        try {
            f.complete(ask.apply(copy));
        } catch (RuntimeException e) { // runner boundary: handed to whoever waits
            f.completeExceptionally(e);
        } finally {
            Arrays.fill(copy, '\0');
            inFlight.remove(user, f);
        }
    }
}
