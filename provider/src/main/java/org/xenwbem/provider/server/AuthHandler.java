package org.xenwbem.provider.server;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.xenwbem.bridge.CredentialChecker;
import org.xenwbem.provider.cimom.Credential;
import org.xenwbem.provider.cimom.RequestContext;

/**
 * HTTP Basic authentication against xapi. Success stores the caller (user, role, client) as a
 * request attribute; failure answers 401 with a Basic challenge (P9) — or 503 when xapi cannot be
 * asked — through {@link AuthRefusal}, which never waits for the body. {@code WSMANIDENTIFY:
 * unauthenticated} without credentials passes as anonymous.
 * <p>
 * A check that the {@link CredentialChecker} holds back after recent failures ({@code RATE_LIMITED},
 * with a time to wait) is parked without a thread: Jetty's scheduler asks again after the wait, and
 * the request continues on a pool thread. A wait that would end more than {@link #MAX_WAIT} after the
 * request arrived is not waited for: the request is refused as throttled, without asking xapi, no
 * sooner than {@link #THROTTLED_ANSWER_AFTER} after it arrived (as xapi answers a failed login after
 * 5 s), so a guesser cannot go faster by ignoring the answer. At most {@link #MAX_PARKED} requests per
 * handler wait at a time; beyond that a throttled request is refused at once.
 * Passwords live only in char arrays that are wiped after use and are never logged.
 */
final class AuthHandler extends Handler.Wrapper {
    static final String REALM = "xenwbem";
    /** The longest a request waits for its credential check (clients time out at 30–60 s). */
    static final Duration MAX_WAIT = Duration.ofSeconds(20);
    /** A throttled refusal is answered this long after the request arrived (or at once if it waited longer). */
    static final Duration THROTTLED_ANSWER_AFTER = Duration.ofSeconds(5);
    /** Requests parked at a time by one handler. */
    static final int MAX_PARKED = 2048;
    /** Longest user name and password accepted; longer ones are malformed (xapi has no such accounts). */
    static final int MAX_USER_CHARS = 256;
    static final int MAX_PASSWORD_CHARS = 1024;
    private static final AtomicLong REQUEST_IDS = new AtomicLong(System.nanoTime() & 0xFFFFFFL);

    private final CredentialChecker checker;
    private final AtomicInteger parked = new AtomicInteger();

    AuthHandler(CredentialChecker checker, Handler next) {
        super(next);
        this.checker = checker;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String client = Request.getRemoteAddr(request);
        String requestId = Long.toHexString(REQUEST_IDS.incrementAndGet()); // for logs; no secure random per request
        String auth = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (auth == null && "unauthenticated".equalsIgnoreCase(request.getHeaders().get("WSMANIDENTIFY"))) {
            request.setAttribute(Caller.ANONYMOUS, Boolean.TRUE);
            request.setAttribute(Caller.CONTEXT, new RequestContext("(anonymous)", "", client, requestId));
            return super.handle(request, response, callback);
        }
        if (auth == null || !auth.regionMatches(true, 0, "Basic ", 0, 6)) {
            AuthRefusal.MISSING.answer(request, response, callback, null, 0);
            return true;
        }
        Credential credential = decode(auth.substring(6).trim());
        if (credential == null) {
            AuthRefusal.MALFORMED.answer(request, response, callback, null, 0);
            return true;
        }
        return new Attempt(request, response, callback, credential, client, requestId).run(true);
    }

    /** user:password from the Basic token, or null when it is not one. */
    private static Credential decode(String token) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0 || colon > MAX_USER_CHARS || decoded.length() - colon - 1 > MAX_PASSWORD_CHARS) {
            return null;
        }
        char[] password = decoded.substring(colon + 1).toCharArray();
        try {
            return new Credential(decoded.substring(0, colon), password);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /** One request's credential check, continued on a pool thread when it had to wait. */
    private final class Attempt {
        private final Request request;
        private final Response response;
        private final Callback callback;
        private final Credential credential;
        private final String client;
        private final String requestId;
        private final long arrived = System.nanoTime();

        Attempt(Request request, Response response, Callback callback, Credential credential, String client,
                String requestId) {
            this.request = request;
            this.response = response;
            this.callback = callback;
            this.credential = credential;
            this.client = client;
            this.requestId = requestId;
        }

        /** Checks the credential and answers, lets the request in, or parks it; the value for handle(). */
        boolean run(boolean onRequestThread) throws Exception {
            CredentialChecker.AuthOutcome outcome;
            char[] password = credential.password();
            try {
                outcome = checker.check(credential.user(), password, client);
            } catch (RuntimeException e) {
                credential.wipe();
                throw e;
            } finally {
                Arrays.fill(password, '\0');
            }
            switch (outcome.status()) {
                case OK -> {
                    return proceed(outcome.role(), onRequestThread);
                }
                case RATE_LIMITED -> throttled(outcome.retryAfter());
                case UNAVAILABLE -> refuse(AuthRefusal.XAPI_UNAVAILABLE);
                default -> refuse(AuthRefusal.BAD_CREDENTIALS);
            }
            return true;
        }

        private boolean proceed(String role, boolean onRequestThread) throws Exception {
            request.setAttribute(Caller.CONTEXT, new RequestContext(credential.user(), role, client, requestId, credential));
            // the credential lives as long as the request, which may be handled later (a body still coming)
            Request.addCompletionListener(request, failure -> credential.wipe());
            boolean handled = AuthHandler.super.handle(request, response, callback);
            if (!handled && !onRequestThread) {
                Response.writeError(request, response, callback, org.eclipse.jetty.http.HttpStatus.NOT_FOUND_404);
            }
            return handled;
        }

        /** Waits (parked) when the check can happen within {@link #MAX_WAIT}; refuses as throttled otherwise. */
        private void throttled(Duration retryAfter) {
            long waited = System.nanoTime() - arrived;
            long wait = retryAfter == null ? 0 : Math.max(0, retryAfter.toNanos());
            if (waited + wait <= MAX_WAIT.toNanos() && later(wait, () -> run(false))) {
                return;
            }
            credential.wipe();
            long tarpit = THROTTLED_ANSWER_AFTER.toNanos() - waited;
            if (tarpit <= 0 || !later(tarpit, () -> refuse(AuthRefusal.THROTTLED))) {
                refuse(AuthRefusal.THROTTLED);
            }
        }

        private void refuse(AuthRefusal why) {
            credential.wipe();
            why.answer(request, response, callback, credential.user(), (System.nanoTime() - arrived) / 1_000_000);
        }

        /** Runs {@code task} on a pool thread after {@code nanos}, without holding one meanwhile; false if too many wait. */
        private boolean later(long nanos, Task task) {
            if (parked.incrementAndGet() > MAX_PARKED) {
                parked.decrementAndGet();
                return false;
            }
            Runnable resume = () -> {
                parked.decrementAndGet();
                try {
                    task.run();
                } catch (Throwable x) { // the boundary of a resumed request: Jetty answers 500 and logs it
                    credential.wipe();
                    callback.failed(x);
                }
            };
            request.getComponents().getScheduler().schedule(() -> dispatch(resume), nanos, TimeUnit.NANOSECONDS);
            return true;
        }

        private void dispatch(Runnable resume) {
            try {
                request.getContext().execute(resume);
            } catch (java.util.concurrent.RejectedExecutionException e) { // the server is stopping
                parked.decrementAndGet();
                credential.wipe();
                callback.failed(e);
            }
        }
    }

    /** A continuation of a parked request. */
    private interface Task {
        void run() throws Exception;
    }
}
