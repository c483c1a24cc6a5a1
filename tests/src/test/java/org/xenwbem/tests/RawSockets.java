package org.xenwbem.tests;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLSocket;
import org.slf4j.LoggerFactory;

/**
 * Connections as misbehaving clients make them: plain TCP sockets from a chosen loopback address
 * (127.0.0.0/8 is all loopback on Linux, so tests can be several clients), TLS sockets whose
 * bytes the test writes itself, and raw HTTP/1.1 responses read back. Test code only.
 */
public final class RawSockets {
    public static final String IDENTIFY = "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\" "
            + "xmlns:wsmid=\"http://schemas.dmtf.org/wbem/wsman/identity/1/wsmanidentity.xsd\">"
            + "<s:Header/><s:Body><wsmid:Identify/></s:Body></s:Envelope>";

    private RawSockets() {
    }

    /** A plain TCP connection to the daemon from {@code from} (sends nothing). */
    public static SocketChannel tcp(int port, String from) throws IOException {
        SocketChannel c = SocketChannel.open();
        c.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
        c.connect(new InetSocketAddress("127.0.0.1", port));
        return c;
    }

    /** True while the server keeps {@code c} open (a read neither ends nor is reset). */
    public static boolean open(SocketChannel c) {
        try {
            c.configureBlocking(false);
            return c.read(ByteBuffer.allocate(1)) >= 0;
        } catch (IOException e) {
            return false; // reset by the server
        }
    }

    /** How many of {@code channels} the server keeps open. */
    public static int countOpen(List<SocketChannel> channels) {
        int n = 0;
        for (SocketChannel c : channels) {
            n += open(c) ? 1 : 0;
        }
        return n;
    }

    /** A TLS connection from {@code from}, handshake done. */
    public static SSLSocket tls(int port, String from) throws IOException {
        SSLSocket s = (SSLSocket) RawHttps.trustAll().getSocketFactory()
                .createSocket("127.0.0.1", port, InetAddress.getByName(from), 0);
        s.setSoTimeout(30_000);
        s.startHandshake();
        return s;
    }

    /** A POST's head (no body), Basic credentials for root unless {@code credentials} is false. */
    public static String postHead(int port, String path, String contentType, long length, boolean credentials,
                                  String... extra) {
        StringBuilder h = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n")
                .append("Content-Type: ").append(contentType).append("\r\nContent-Length: ").append(length).append("\r\n");
        if (credentials) {
            h.append("Authorization: ").append(RawHttps.basic("root", DaemonFixture.PASSWORD)).append("\r\n");
        }
        for (int i = 0; i < extra.length; i += 2) {
            h.append(extra[i]).append(": ").append(extra[i + 1]).append("\r\n");
        }
        return h.append("\r\n").toString();
    }

    /** A whole Identify POST to /wsman, with credentials. */
    public static byte[] identify(int port) {
        byte[] body = IDENTIFY.getBytes(StandardCharsets.UTF_8);
        byte[] head = postHead(port, "/wsman", "application/soap+xml;charset=UTF-8", body.length, true)
                .getBytes(StandardCharsets.US_ASCII);
        byte[] all = java.util.Arrays.copyOf(head, head.length + body.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return all;
    }

    /** One response: status line and headers, then a Content-Length body. */
    public static String readResponse(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                throw new EOFException("connection closed after: " + head);
            }
            head.append((char) c);
        }
        Matcher m = Pattern.compile("(?i)content-length: *(\\d+)").matcher(head);
        byte[] body = m.find() ? in.readNBytes(Integer.parseInt(m.group(1))) : new byte[0];
        return head + new String(body, StandardCharsets.UTF_8);
    }

    /** Reads until the server closes the connection; true if it did (EOF or reset), false on timeout. */
    public static boolean closedByServer(Socket s) {
        try {
            InputStream in = s.getInputStream();
            byte[] buf = new byte[4096];
            while (in.read(buf) >= 0) {
                // a 408 or close_notify may come first
            }
            return true;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /** A list appender on the root logger, capturing every line the daemon logs from now on. */
    public static ListAppender<ILoggingEvent> captureLog() {
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
        return logs;
    }

    public static void stopCapture(ListAppender<ILoggingEvent> logs) {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
    }

    /** Lines (logger: message) logged at INFO or above that carry a stack trace. */
    public static List<String> stackTraces(ListAppender<ILoggingEvent> logs) {
        List<String> out = new ArrayList<>();
        for (ILoggingEvent e : List.copyOf(logs.list)) {
            if (e.getThrowableProxy() != null && e.getLevel().isGreaterOrEqual(Level.INFO)) {
                out.add(e.getLoggerName() + ": " + e.getFormattedMessage() + " / " + e.getThrowableProxy().getClassName());
            }
        }
        return out;
    }

    /** {@link #lines}, once at least {@code n} are there (the access line follows the response), or after 5 s. */
    public static List<String> awaitLines(ListAppender<ILoggingEvent> logs, String text, int n)
            throws InterruptedException {
        List<String> found = lines(logs, text);
        for (int i = 0; i < 100 && found.size() < n; i++) {
            Thread.sleep(50);
            found = lines(logs, text);
        }
        return found;
    }

    /** Formatted lines containing {@code text}. */
    public static List<String> lines(ListAppender<ILoggingEvent> logs, String text) {
        List<String> out = new ArrayList<>();
        for (ILoggingEvent e : List.copyOf(logs.list)) {
            if (e.getFormattedMessage().contains(text)) {
                out.add(e.getLevel() + " " + e.getFormattedMessage());
            }
        }
        return out;
    }
}
