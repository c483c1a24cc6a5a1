package org.xenwbem.provider.eventing;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/** A local HTTP (or HTTPS) receiver of pushed events and exports on 127.0.0.1 and an ephemeral port. */
final class EventSink implements AutoCloseable {
    /** One received POST. */
    record Received(Map<String, String> headers, String body) {
        String action() {
            Matcher m = Pattern.compile("<wsa:Action[^>]*>([^<]*)</wsa:Action>").matcher(body);
            return m.find() ? m.group(1) : null;
        }

        String messageId() {
            Matcher m = Pattern.compile("<wsa:MessageID>([^<]*)</wsa:MessageID>").matcher(body);
            return m.find() ? m.group(1) : null;
        }
    }

    /** What the sink answers: a status and a body. */
    record Answer(int status, String body) {
    }

    static final Function<Received, Answer> OK = r -> new Answer(200, "");

    /** A wsman:Ack for the received message. */
    static final Function<Received, Answer> ACK = r -> new Answer(200,
            "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\""
                    + " xmlns:a=\"http://schemas.xmlsoap.org/ws/2004/08/addressing\"><s:Header>"
                    + "<a:Action>http://schemas.dmtf.org/wbem/wsman/1/wsman/Ack</a:Action>"
                    + "<a:RelatesTo>" + r.messageId() + "</a:RelatesTo></s:Header><s:Body/></s:Envelope>");

    private final HttpServer server;
    private final String scheme;
    /** Exchanges (and, for HTTPS, their handshakes) run here, never on the server's dispatcher thread. */
    private final ExecutorService exchanges = Executors.newCachedThreadPool();
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private volatile Function<Received, Answer> answer = OK;

    EventSink() throws IOException {
        this(null);
    }

    /** @param tls the server's TLS context (its certificate), or null for plain HTTP */
    EventSink(SSLContext tls) throws IOException {
        InetSocketAddress local = new InetSocketAddress("127.0.0.1", 0);
        if (tls == null) {
            server = HttpServer.create(local, 0);
            scheme = "http";
        } else {
            HttpsServer https = HttpsServer.create(local, 0);
            https.setHttpsConfigurator(new HttpsConfigurator(tls));
            server = https;
            scheme = "https";
        }
        server.createContext("/", ex -> {
            Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            ex.getRequestHeaders().forEach((k, v) -> headers.put(k, String.join(",", v)));
            String body;
            try (InputStream in = ex.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            Received r = new Received(headers, body);
            received.add(r);
            Answer a = answer.apply(r);
            byte[] out = a.body().getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/soap+xml;charset=UTF-8");
            ex.sendResponseHeaders(a.status(), out.length == 0 ? -1 : out.length);
            try (OutputStream os = ex.getResponseBody()) {
                os.write(out);
            }
        });
        server.setExecutor(exchanges);
        server.start();
    }

    String url(String path) {
        return scheme + "://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    void answer(Function<Received, Answer> a) {
        this.answer = a;
    }

    /** The next message with this action (others before it are skipped), or null after the timeout. */
    Received next(String action, long timeoutMillis) throws InterruptedException {
        long end = System.currentTimeMillis() + timeoutMillis;
        while (true) {
            long left = end - System.currentTimeMillis();
            Received r = left <= 0 ? null : received.poll(left, TimeUnit.MILLISECONDS);
            if (r == null || action == null || action.equals(r.action())) {
                return r;
            }
        }
    }

    int pending() {
        return received.size();
    }

    void clear() {
        received.clear();
    }

    @Override
    public void close() {
        server.stop(0);
        exchanges.shutdownNow();
    }
}
