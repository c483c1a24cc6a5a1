package org.xenwbem.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue #17: Jetty's error pages were HTML that repeated exception messages (class names, the
 * client's input). Every error page is now plain text saying the status and its reason, nothing
 * else, whether Jetty refuses the request line or headers or a handler answers an error.
 */
class ErrorPagesTest {
    private static DaemonFixture fx;

    @BeforeAll
    static void start() throws Exception {
        fx = new DaemonFixture(2);
    }

    @AfterAll
    static void stop() {
        if (fx != null) {
            fx.close();
        }
    }

    private static String exchange(String request) throws Exception {
        try (SSLSocket s = RawSockets.tls(fx.port(), "127.0.0.1")) {
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            return RawSockets.readResponse(s.getInputStream());
        }
    }

    private static void assertPlainPage(String response, int status, String reason) {
        assertTrue(response.startsWith("HTTP/1.1 " + status + " "), response);
        String lower = response.toLowerCase(Locale.ROOT);
        assertTrue(lower.contains("content-type: text/plain"), response);
        assertTrue(response.endsWith("\r\n\r\n" + status + " " + reason + "\n"), "only the status: " + response);
        for (String leak : List.of("exception", "org.eclipse", "java.", "<html", "illegal")) {
            assertTrue(!lower.contains(leak), leak + " in " + response);
        }
    }

    private static String auth() {
        return "Authorization: " + RawHttps.basic("root", DaemonFixture.PASSWORD) + "\r\n";
    }

    @Test
    void unknownPathIsAPlain404() throws Exception {
        assertPlainPage(exchange("GET /nothing HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), 404, "Not Found");
    }

    @Test
    void aMalformedHeaderLineIsAPlain400() throws Exception {
        assertPlainPage(exchange("POST /wsman HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n"), 400, "Bad Request");
        assertPlainPage(exchange("POST /wsman HTTP/1.1\r\nHost: x\r\nX-Ctl: a\u0001b\r\n\r\n"), 400, "Bad Request");
    }

    @Test
    void aMalformedUriIsAPlain400() throws Exception {
        assertPlainPage(exchange("GET /%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), 400, "Bad Request");
    }

    @Test
    void oversizedHeadersAreAPlain431() throws Exception {
        String big = "X-Big: " + "a".repeat(20_000) + "\r\n";
        assertPlainPage(exchange("POST /wsman HTTP/1.1\r\nHost: x\r\n" + big + "\r\n"), 431,
                "Request Header Fields Too Large");
    }

    @Test
    void aWrongMethodIsAPlain405() throws Exception {
        assertPlainPage(exchange("GET /wsman HTTP/1.1\r\nHost: x\r\n" + auth() + "Connection: close\r\n\r\n"), 405,
                "Method Not Allowed");
    }

    @Test
    void noStackTraceReachesTheLogForAnyOfThem() throws Exception {
        ListAppender<ILoggingEvent> logs = RawSockets.captureLog();
        try {
            exchange("POST /wsman HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n");
            exchange("GET /%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            exchange("GET /wsman HTTP/1.1\r\nHost: x\r\n" + auth() + "Connection: close\r\n\r\n");
            assertEquals(List.of(), RawSockets.stackTraces(logs));
        } finally {
            RawSockets.stopCapture(logs);
        }
    }
}
