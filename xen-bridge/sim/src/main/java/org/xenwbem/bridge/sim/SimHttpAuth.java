package org.xenwbem.bridge.sim;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * Authentication of xapi's plain HTTP handlers (xenapi.md §4.4): a {@code session_id} query parameter
 * (or cookie), else HTTP Basic, which opens a temporary session that {@link Grant#close()} logs out.
 * Failure is null: {@link #admit} answers 401 then (and 403 to a read-only caller of a handler that writes).
 */
final class SimHttpAuth {
    private final SimSessions sessions;
    private final SimDispatcher dispatcher;

    SimHttpAuth(SimSessions sessions, SimDispatcher dispatcher) {
        this.sessions = sessions;
        this.dispatcher = dispatcher;
    }

    /** An authenticated request; {@code temporary} sessions end with the request. */
    record Grant(SimSessions.Session session, boolean temporary, SimSessions sessions) implements AutoCloseable {
        @Override
        public void close() {
            if (temporary) {
                sessions.logout(session.ref());
            }
        }
    }

    /**
     * The request's grant, or null once the refusal is answered: 401 without a valid session or Basic
     * credentials, 403 when {@code writes} and the caller is read-only.
     */
    Grant admit(Request request, Response response, Callback callback, Fields query, SimEndpoint endpoint,
            boolean writes) throws InterruptedException {
        Grant grant = authenticate(request, query, endpoint);
        if (grant == null) {
            Response.writeError(request, response, callback, HttpStatus.UNAUTHORIZED_401);
        } else if (writes && grant.session().user().role() == SimRole.READ_ONLY) {
            Response.writeError(request, response, callback, HttpStatus.FORBIDDEN_403);
            grant.close();
            return null;
        }
        return grant;
    }

    Grant authenticate(Request request, Fields query, SimEndpoint endpoint) throws InterruptedException {
        String ref = query.getValue("session_id");
        if (ref == null) {
            ref = cookie(request);
        }
        if (ref != null) {
            try {
                return new Grant(sessions.require(ref), false, sessions);
            } catch (SimFault f) {
                return null;
            }
        }
        String auth = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (auth == null || !auth.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded = new String(Base64.getDecoder().decode(auth.substring(6).trim()), StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return null;
        }
        try {
            return new Grant(sessions.login(decoded.substring(0, colon), decoded.substring(colon + 1), "http-basic",
                    dispatcher.hostOf(endpoint)), true, sessions);
        } catch (SimFault f) {
            return null;
        }
    }

    private static String cookie(Request request) {
        String header = request.getHeaders().get(HttpHeader.COOKIE);
        if (header == null) {
            return null;
        }
        for (String part : header.split(";")) {
            String p = part.trim();
            if (p.startsWith("session_id=")) {
                return p.substring("session_id=".length());
            }
        }
        return null;
    }
}
