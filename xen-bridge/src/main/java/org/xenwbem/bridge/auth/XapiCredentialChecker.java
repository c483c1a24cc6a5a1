package org.xenwbem.bridge.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xenwbem.bridge.CredentialChecker;
import org.xenwbem.bridge.client.XenApiConnection;
import org.xenwbem.bridge.client.XenApiError;
import org.xenwbem.bridge.client.XenApiException;
import org.xenwbem.bridge.client.XenApiSession;
import org.xenwbem.bridge.client.XenApiTransportException;

/**
 * {@link CredentialChecker} backed by xapi: cache ({@link CredentialCache}: a fresh match answers, no
 * matter who failed from where) → throttle ({@link LoginThrottle}, per client address and user name;
 * skipped for a credential xapi accepted before) → {@code session.login_with_password} (following
 * HOST_IS_SLAVE) → role ({@link RoleResolver}) → {@code session.logout}. When xapi cannot be reached
 * (the master died, a failover is in progress), a credential xapi accepted within
 * {@link CredentialCache#REMEMBER} is still accepted with its remembered role, so that reads from the
 * mirror go on; writes need a session on the master and fail anyway. So is one whose re-check takes
 * longer than {@link KnownGoodRecheck#WAIT} while xapi is known to be slow (a login it accepted lately took
 * that long): that check finishes in the background.
 * The connection must be TCP: a {@code unix:} connection (the dom0 socket, which accepts any password) is refused at
 * construction with an {@link IllegalArgumentException}. Thread-safe.
 */
public final class XapiCredentialChecker implements CredentialChecker {
    private static final Logger LOG = LoggerFactory.getLogger(XapiCredentialChecker.class);
    public static final Duration DEFAULT_TTL = Duration.ofSeconds(60);
    private static final String ORIGINATOR = "xenwbem-auth";
    private static final String UNREACHABLE = "xapi unreachable";
    /** xapi answers a wrong password after 5 s (xenapi.md §5); a login may take that long. */
    static final Duration MIN_LOGIN_TIMEOUT = Duration.ofSeconds(10);

    private final XenApiConnection connection;
    private final Clock clock;
    private final CredentialCache cache;
    private final LoginThrottle throttle;
    /** Set while xapi cannot be reached: the outage is logged once, not once per request. */
    private final AtomicBoolean unreachable = new AtomicBoolean();
    private final KnownGoodRecheck recheck = new KnownGoodRecheck();
    /** When (nanoTime) a login xapi accepted last took longer than {@link KnownGoodRecheck#WAIT}; 0: prompt. */
    private volatile long slowLoginAt;
    private final BooleanSupplier xapiKnownSlow;
    /** How long one slow accepted login counts as evidence that xapi is slow. */
    static final Duration SLOW_EVIDENCE = Duration.ofMinutes(2);

    public XapiCredentialChecker(XenApiConnection connection, Duration cacheTtl) {
        this(connection, cacheTtl, Clock.systemUTC());
    }

    /**
     * With what else knows xapi to be slow (the pool mirror's probe of the master), beside the checker's
     * own evidence (a login xapi accepted lately took longer than {@link KnownGoodRecheck#WAIT}).
     */
    public XapiCredentialChecker(XenApiConnection connection, Duration cacheTtl, BooleanSupplier xapiKnownSlow) {
        this(connection, cacheTtl, Clock.systemUTC(), LoginThrottle.DEFAULTS, xapiKnownSlow);
    }

    /** With an explicit clock, for tests of the cache TTL and the throttle. */
    public XapiCredentialChecker(XenApiConnection connection, Duration cacheTtl, Clock clock) {
        this(connection, cacheTtl, clock, LoginThrottle.DEFAULTS, () -> false);
    }

    XapiCredentialChecker(XenApiConnection connection, Duration cacheTtl, Clock clock, LoginThrottle.Limits limits) {
        this(connection, cacheTtl, clock, limits, () -> false);
    }

    private XapiCredentialChecker(XenApiConnection connection, Duration cacheTtl, Clock clock,
                                  LoginThrottle.Limits limits, BooleanSupplier xapiKnownSlow) {
        this.xapiKnownSlow = Objects.requireNonNull(xapiKnownSlow, "xapiKnownSlow");
        this.connection = Objects.requireNonNull(connection, "connection");
        if (connection.isUnixSocket()) {
            throw new IllegalArgumentException("credential checks must not use the dom0 Unix socket "
                    + connection.url() + ": it logs anyone in as root; configure a TCP URL such as http://127.0.0.1/");
        }
        this.clock = Objects.requireNonNull(clock, "clock");
        this.cache = new CredentialCache(Objects.requireNonNull(cacheTtl, "cacheTtl"));
        this.throttle = new LoginThrottle(limits);
    }

    @Override
    public AuthOutcome check(String user, char[] password, String clientAddress) {
        String client = clientAddress == null ? "" : clientAddress;
        Instant now = clock.instant();
        if (user == null || user.isEmpty() || password == null) {
            return new AuthOutcome(Status.DENIED, user, null, "missing user name or password");
        }
        Optional<CredentialCache.Hit> hit = cache.lookup(user, password, now);
        if (hit.isPresent() && hit.get().fresh()) {
            return new AuthOutcome(Status.OK, user, hit.get().role(), "cached");
        }
        LoginThrottle.Decision d = throttle.admit(client, user, hit.isPresent(), now);
        if (!d.admitted()) {
            return new AuthOutcome(Status.RATE_LIMITED, user, null, "failed logins from this client",
                    Duration.between(now, d.retryAt()));
        }
        LoginThrottle.Result result = LoginThrottle.Result.INCONCLUSIVE;
        try {
            AuthOutcome out = hit.isEmpty() ? askXapi(user, password, client)
                    : recheck.check(user, password, hit.get().role(), p -> askXapi(user, p, client), this::xapiSlow);
            if (out.status() == Status.UNAVAILABLE && UNREACHABLE.equals(out.detail()) && hit.isPresent()) {
                // the master is down or failing over: a credential xapi accepted lately still reads the mirror
                return new AuthOutcome(Status.OK, user, hit.get().role(), "known good; xapi unreachable");
            }
            result = switch (out.status()) {
                case OK -> LoginThrottle.Result.SUCCEEDED;
                case DENIED -> LoginThrottle.Result.FAILED;
                default -> LoginThrottle.Result.INCONCLUSIVE;
            };
            return out;
        } finally {
            throttle.release(client, user, result, clock.instant());
        }
    }

    private AuthOutcome askXapi(String user, char[] password, String client) {
        XenApiSession session;
        long t0 = System.nanoTime();
        try {
            session = connection.login(user, password, ORIGINATOR, loginTimeout());
        } catch (XenApiException e) {
            if (e.error() == XenApiError.SESSION_AUTHENTICATION_FAILED) {
                cache.forget(user, password); // only if it is this password that xapi no longer accepts
                LOG.debug("login refused for user {} from {}", user, client); // the access log says it too
                return new AuthOutcome(Status.DENIED, user, null, e.code());
            }
            LOG.warn("login check for user {} failed: {}", user, e.getMessage());
            return new AuthOutcome(Status.UNAVAILABLE, user, null, e.code());
        } catch (XenApiTransportException e) {
            if (unreachable.compareAndSet(false, true)) {
                LOG.warn("login checks cannot reach xapi ({}); credentials xapi accepted before are let in "
                        + "until it answers again", e.getMessage());
            } else {
                LOG.debug("login check for user {} could not reach xapi: {}", user, e.getMessage());
            }
            return new AuthOutcome(Status.UNAVAILABLE, user, null, UNREACHABLE);
        }
        if (unreachable.compareAndSet(true, false)) {
            LOG.info("login checks reach xapi again");
        }
        long took = System.nanoTime() - t0;
        slowLoginAt = took > KnownGoodRecheck.WAIT.toNanos() ? System.nanoTime() | 1 : 0;
        String role = roleQuietly(session);
        logoutQuietly(session);
        cache.put(user, password, role, clock.instant());
        return new AuthOutcome(Status.OK, user, role, "verified by xapi");
    }

    /** True while a login xapi accepted lately was slow (a refusal is slow by design and proves nothing). */
    private boolean xapiSlow() {
        long at = slowLoginAt;
        return at != 0 && System.nanoTime() - at < SLOW_EVIDENCE.toNanos() || xapiKnownSlow.getAsBoolean();
    }

    /** The throttle, for tests of its bounds. */
    LoginThrottle throttle() {
        return throttle;
    }

    /** The role, or null if it could not be determined (the credentials are still valid). */
    private static String roleQuietly(XenApiSession session) {
        try {
            return RoleResolver.roleOf(session);
        } catch (XenApiException | XenApiTransportException e) {
            LOG.warn("role lookup for user {} failed: {}", session.user(), e.getMessage());
            return null;
        }
    }

    private static void logoutQuietly(XenApiSession session) {
        try {
            session.logout();
        } catch (XenApiException | XenApiTransportException e) {
            LOG.debug("logout after credential check failed: {}", e.getMessage());
        }
    }

    /** Long enough for xapi's 5-second delay before SESSION_AUTHENTICATION_FAILED. */
    private Duration loginTimeout() {
        Duration t = connection.callTimeout();
        return t.compareTo(MIN_LOGIN_TIMEOUT) < 0 ? MIN_LOGIN_TIMEOUT : t;
    }

    @Override
    public String toString() {
        return "XapiCredentialChecker[" + connection.url().getHost() + ", " + cache + "]";
    }
}
