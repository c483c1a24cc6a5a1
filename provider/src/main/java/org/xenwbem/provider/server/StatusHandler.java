package org.xenwbem.provider.server;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xenwbem.bridge.CredentialChecker;
import org.xenwbem.provider.cimom.RequestContext;
import org.xenwbem.provider.methods.Rbac;
import org.xenwbem.provider.status.StatusCollector;
import org.xenwbem.provider.status.StatusHtml;
import org.xenwbem.provider.status.StatusJson;
import org.xenwbem.provider.status.StatusReport;

/**
 * GET and HEAD / (405 otherwise): the status page, HTML or JSON ({@code Accept: application/json}).
 * Without credentials: the safe part only (version, certificate, healthy or degraded). With
 * credentials, checked by the same {@link AuthHandler} as /wsman (401 when wrong): a pool-admin gets
 * the full page; another role gets the safe part, or 403 when it asked for the full one
 * ({@code /?view=full}, which also asks a browser without credentials to sign in, 401).
 */
final class StatusHandler extends Handler.Abstract {
    private static final Logger ACCESS = LoggerFactory.getLogger("xenwbem.access");
    static final List<String> METHODS = List.of("GET", "HEAD");

    private final StatusCollector collector;
    private final Handler authenticated;

    StatusHandler(StatusCollector collector, CredentialChecker checker) {
        this.collector = collector;
        this.authenticated = new AuthHandler(checker, new SignedIn());
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (!METHODS.contains(request.getMethod())) {
            response.getHeaders().put(HttpHeader.ALLOW, String.join(", ", METHODS));
            Response.writeError(request, response, callback, HttpStatus.METHOD_NOT_ALLOWED_405);
            return true;
        }
        if (request.getHeaders().get(HttpHeader.AUTHORIZATION) == null && !asksFull(request)) {
            answer(request, response, callback, collector.safe(), null, true, "-");
            return true;
        }
        return authenticated.handle(request, response, callback);
    }

    /** Behind authentication: the caller's role decides. */
    private final class SignedIn extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            RequestContext caller = Caller.of(request);
            Rbac role = Rbac.of(caller.role());
            if (role == Rbac.POOL_ADMIN && !Caller.anonymous(request)) {
                answer(request, response, callback, collector.full(caller.user()), null, false, caller.user());
            } else if (asksFull(request)) {
                byte[] body = (caller.user() + " (" + caller.role() + ") may not see the full status page; it needs"
                        + " the xapi role pool-admin\n").getBytes(StandardCharsets.UTF_8);
                write(request, response, callback, HttpStatus.FORBIDDEN_403, "text/plain;charset=utf-8", body);
                log(request, caller.user(), HttpStatus.FORBIDDEN_403, "refused");
            } else {
                String note = "Signed in as " + caller.user() + " (" + caller.role() + "): the pool, jobs and transfers"
                        + " are shown to the xapi role pool-admin only.";
                answer(request, response, callback, collector.safe(), note, false, caller.user());
            }
            return true;
        }
    }

    private void answer(Request request, Response response, Callback callback, StatusReport report, String note,
                        boolean fullLink, String user) {
        boolean json = wantsJson(request);
        byte[] body = (json ? StatusJson.render(report) : StatusHtml.render(report, note, fullLink))
                .getBytes(StandardCharsets.UTF_8);
        write(request, response, callback, HttpStatus.OK_200,
                json ? "application/json;charset=utf-8" : "text/html;charset=utf-8", body);
        log(request, user, HttpStatus.OK_200, report.detail() == null ? "public" : "full");
    }

    private static void write(Request request, Response response, Callback callback, int status, String type,
                              byte[] body) {
        response.setStatus(status);
        var h = response.getHeaders();
        h.put(HttpHeader.CONTENT_TYPE, type);
        h.put("Content-Security-Policy", StatusHtml.CONTENT_SECURITY_POLICY);
        h.put("X-Content-Type-Options", "nosniff");
        h.put("X-Frame-Options", "DENY");
        h.put("Referrer-Policy", "no-referrer");
        h.put(HttpHeader.CACHE_CONTROL, "no-store");
        h.put(HttpHeader.VARY, "Accept, Authorization");
        h.put(HttpHeader.CONTENT_LENGTH, body.length);
        boolean head = "HEAD".equals(request.getMethod());
        response.write(true, head ? ByteBuffer.allocate(0) : ByteBuffer.wrap(body), callback);
    }

    private static void log(Request request, String user, int status, String view) {
        ACCESS.info("status {} {} user={} client={} outcome={}", request.getMethod(), view, user,
                Request.getRemoteAddr(request), status);
    }

    /** {@code ?view=full}: the caller wants the pool-admin page (sign in, or be told it is not theirs). */
    static boolean asksFull(Request request) {
        String q = request.getHttpURI().getQuery();
        return q != null && Arrays.asList(q.split("&")).contains("view=full");
    }

    /** JSON when Accept names application/json before (or without) text/html. */
    static boolean wantsJson(Request request) {
        String accept = request.getHeaders().get(HttpHeader.ACCEPT);
        if (accept == null) {
            return false;
        }
        int json = accept.indexOf("application/json");
        int html = accept.indexOf("text/html");
        return json >= 0 && (html < 0 || json < html);
    }

    @Override
    protected void doStart() throws Exception {
        authenticated.setServer(getServer());
        addBean(authenticated);
        super.doStart();
    }
}
