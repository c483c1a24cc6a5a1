package org.xenwbem.provider.server;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xenwbem.bridge.CredentialChecker;
import org.xenwbem.provider.cimom.Credential;
import org.xenwbem.provider.cimom.RequestContext;

/**
 * HTTP Basic authentication against xapi. Success stores the caller (user, role, client) as a
 * request attribute; failure answers 401 with a Basic challenge (P9) — or 503 when xapi cannot be
 * asked. {@code WSMANIDENTIFY: unauthenticated} without credentials passes as anonymous.
 * Passwords live only in a char array that is wiped after the check and are never logged.
 */
final class AuthHandler extends Handler.Wrapper {
    private static final Logger LOG = LoggerFactory.getLogger("xenwbem.access");
    static final String REALM = "xenwbem";
    /** The most of an unauthenticated request's body read before the 401 (beyond: the connection closes). */
    static final long UNAUTHENTICATED_BODY_LIMIT = 64 * 1024;
    private static final java.util.concurrent.atomic.AtomicLong REQUEST_IDS =
            new java.util.concurrent.atomic.AtomicLong(System.nanoTime() & 0xFFFFFFL);

    private final CredentialChecker checker;

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
            return challenge(request, response, callback, "credentials required");
        }
        String user;
        char[] password;
        try {
            String decoded = new String(Base64.getDecoder().decode(auth.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon <= 0) {
                return challenge(request, response, callback, "malformed Basic credentials");
            }
            user = decoded.substring(0, colon);
            password = decoded.substring(colon + 1).toCharArray();
        } catch (IllegalArgumentException e) {
            return challenge(request, response, callback, "malformed Basic credentials");
        }
        CredentialChecker.AuthOutcome outcome;
        Credential credential = new Credential(user, password);
        try {
            outcome = checker.check(user, password, client);
        } finally {
            Arrays.fill(password, '\0');
        }
        switch (outcome.status()) {
            case OK -> {
                request.setAttribute(Caller.CONTEXT, new RequestContext(user, outcome.role(), client, requestId, credential));
                try {
                    return super.handle(request, response, callback);
                } finally {
                    credential.wipe();
                }
            }
            case UNAVAILABLE -> {
                credential.wipe();
                LOG.warn("auth unavailable user={} client={}: {}", user, client, outcome.detail());
                response.setStatus(HttpStatus.SERVICE_UNAVAILABLE_503);
                response.getHeaders().put(HttpHeader.RETRY_AFTER, "5");
                response.write(true, ByteBuffer.wrap(bytes("xapi cannot check credentials right now\n")), callback);
                return true;
            }
            default -> {
                credential.wipe();
                LOG.warn("auth {} user={} client={}", outcome.status().name().toLowerCase(), user, client);
                return challenge(request, response, callback, "invalid user name or password");
            }
        }
    }

    /**
     * 401 with the Basic challenge. The request body is read first (a small one: clients send their
     * request, get the challenge, and send it again with credentials on the same connection); a
     * larger one is not read for an unauthenticated caller, and the connection is closed instead —
     * said in the response, so no client reuses a connection the server is about to drop.
     */
    private static boolean challenge(Request request, Response response, Callback callback, String why) {
        if (!Bodies.discard(request, UNAUTHENTICATED_BODY_LIMIT)) {
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
        }
        response.setStatus(HttpStatus.UNAUTHORIZED_401);
        response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Basic realm=\"" + REALM + "\"");
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain;charset=utf-8");
        response.write(true, ByteBuffer.wrap(bytes(why + "\n")), callback);
        return true;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
