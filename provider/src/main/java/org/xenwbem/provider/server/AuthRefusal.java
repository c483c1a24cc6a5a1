package org.xenwbem.provider.server;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a request that is not let in: 401 with the Basic challenge, or 503 when xapi cannot be
 * asked, and one access-log line saying why ({@code outcome=401 reason=…}), never the password. The
 * body is never waited for: what has already arrived is consumed; when that is the whole body the
 * connection stays open for the client's authenticated retry, otherwise the answer says
 * {@code Connection: close} and the connection closes.
 */
enum AuthRefusal {
    /** No Authorization header, or not Basic: the first leg of every client's handshake. */
    MISSING("missing", "credentials required"),
    /** Basic credentials that do not decode to user:password, or absurdly long ones. */
    MALFORMED("malformed", "malformed Basic credentials"),
    /** xapi said the user name or password is wrong. */
    BAD_CREDENTIALS("bad-credentials", "invalid user name or password"),
    /** Not checked: recent failed logins from this client; the wait would be too long. */
    THROTTLED("throttled", "too many failed logins from this client; try again later"),
    /** xapi could not be asked (503). */
    XAPI_UNAVAILABLE("xapi-unavailable", "xapi cannot check credentials right now");

    private static final Logger ACCESS = LoggerFactory.getLogger("xenwbem.access");
    /** The most of an unauthenticated request's body consumed (only what has arrived) before answering. */
    static final long UNAUTHENTICATED_BODY_LIMIT = 64 * 1024;
    /** Longest user name shown in a log line; longer ones are cut. */
    private static final int LOGGED_USER_CHARS = 64;

    private final String reason;
    private final String message;

    AuthRefusal(String reason, String message) {
        this.reason = reason;
        this.message = message;
    }

    String reason() {
        return reason;
    }

    /** Writes the answer and logs it; {@code user} may be null, {@code waitedMs} is the time since arrival. */
    void answer(Request request, Response response, Callback callback, String user, long waitedMs) {
        boolean whole = Bodies.consumeArrived(request, UNAUTHENTICATED_BODY_LIMIT);
        if (!whole) {
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
        }
        int status = this == XAPI_UNAVAILABLE ? HttpStatus.SERVICE_UNAVAILABLE_503 : HttpStatus.UNAUTHORIZED_401;
        response.setStatus(status);
        if (status == HttpStatus.UNAUTHORIZED_401) {
            response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Basic realm=\"" + AuthHandler.REALM + "\"");
        } else {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, "5");
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain;charset=utf-8");
        ByteBuffer text = ByteBuffer.wrap((message + "\n").getBytes(StandardCharsets.UTF_8));
        if (whole) {
            response.write(true, text, callback);
        } else {
            // the answer goes out at once; the rest of the body is then read and dropped as it comes
            // (no thread waits), bounded, so that closing does not reset the connection under the
            // client's feet before it has read the 401
            response.write(true, text, Callback.from(() -> LingeringDrain.start(request, callback), callback::failed));
        }
        String path = Request.getPathInContext(request);
        String who = loggable(user);
        String client = Request.getRemoteAddr(request);
        String close = whole ? "" : " connection=close";
        if (this == MISSING) {
            ACCESS.info("auth {} user={} client={} outcome={} reason={}{} {}ms", path, who, client, status, reason, close,
                    waitedMs);
        } else {
            ACCESS.warn("auth {} user={} client={} outcome={} reason={}{} {}ms", path, who, client, status, reason, close,
                    waitedMs);
        }
    }

    /** A user name as a log line may show it: printable, at most {@value #LOGGED_USER_CHARS} characters. */
    static String loggable(String user) {
        if (user == null || user.isEmpty()) {
            return "-";
        }
        StringBuilder b = new StringBuilder(Math.min(user.length(), LOGGED_USER_CHARS + 1));
        for (int i = 0; i < user.length() && b.length() < LOGGED_USER_CHARS; i++) {
            char c = user.charAt(i);
            b.append(Character.isISOControl(c) || Character.isWhitespace(c) ? '?' : c);
        }
        return user.length() > LOGGED_USER_CHARS ? b.append('…').toString() : b.toString();
    }
}
