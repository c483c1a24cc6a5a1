package org.xenwbem.bridge.sim;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.util.Callback;

/**
 * {@code /console?uuid=<console uuid>} (a console's {@code location}), authorised as xapi authorises
 * it: by the {@code session_id} query parameter (or cookie, or Basic), and xapi's
 * {@code connect_console} HTTP action needs vm-operator or stronger (read-only: HTTP 403). xapi
 * proxies the VM's VNC server after {@code CONNECT} (or {@code GET}); the simulator has no VNC server,
 * so it answers 200 with the RFB protocol banner a VNC server opens with (vt100 consoles: nothing)
 * and closes. An unknown console (the VM no longer runs) is HTTP 404; no credentials HTTP 401.
 */
final class SimConsoleHandler {
    /** What a VNC server sends first (RFB 3.8). */
    static final String RFB_BANNER = "RFB 003.008\n";

    private final SimHttpAuth auth;
    private final SimDatabase db;

    SimConsoleHandler(SimHttpAuth auth, SimDatabase db) {
        this.auth = auth;
        this.db = db;
    }

    boolean handle(Request request, Response response, Callback callback, SimEndpoint endpoint)
            throws InterruptedException {
        String method = request.getMethod();
        if (!HttpMethod.GET.is(method) && !HttpMethod.CONNECT.is(method)) {
            Response.writeError(request, response, callback, HttpStatus.METHOD_NOT_ALLOWED_405);
            return true;
        }
        Fields query = Request.extractQueryParameters(request);
        try (SimHttpAuth.Grant grant = auth.admit(request, response, callback, query, endpoint, true)) {
            if (grant == null) {
                return true;
            }
            String protocol = protocol(query.getValue("uuid"));
            if (protocol == null) {
                Response.writeError(request, response, callback, HttpStatus.NOT_FOUND_404);
                return true;
            }
            response.setStatus(HttpStatus.OK_200);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/octet-stream");
            String body = "rfb".equals(protocol) ? RFB_BANNER : "";
            response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.US_ASCII)), callback);
        }
        return true;
    }

    /** The console's protocol; null when there is no such console. */
    private String protocol(String uuid) {
        if (uuid == null) {
            return null;
        }
        return db.atomically(() -> {
            try {
                return String.valueOf(db.get("console", db.refByUuid("console", uuid), "protocol"));
            } catch (SimFault f) {
                return null;
            }
        });
    }
}
