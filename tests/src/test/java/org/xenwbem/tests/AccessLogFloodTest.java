package org.xenwbem.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xenwbem.provider.server.Logging;

/**
 * Issue #15 item 5: an Identify flood from one client is a few lines in the daemon's log file, whose
 * counts add up to the requests answered, while every failed login among them is written.
 */
public class AccessLogFloodTest {
    static final String IDENTIFY = "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\" "
            + "xmlns:wsmid=\"http://schemas.dmtf.org/wbem/wsman/identity/1/wsmanidentity.xsd\">"
            + "<s:Header/><s:Body><wsmid:Identify/></s:Body></s:Envelope>";
    private static final Pattern REPEATED = Pattern.compile(" - repeated (\\d+) more times in \\d+ s, longest \\d+ms$");

    @TempDir
    Path dir;

    @Test
    void anIdentifyFloodIsCountedAndEveryFailedLoginWritten() throws Exception {
        Path file = dir.resolve("xenwbem.log");
        int requests = 1000;
        HttpClient client = RawHttps.client();
        // the daemon stops first: a request's access line is written after its answer has gone out
        try (AutoCloseable logging = Logging.configure("INFO", file, Logging.Keeping.DEFAULT);
             DaemonFixture fx = new DaemonFixture(2)) {
            flood(client, fx.wsmanUrl(), "root", DaemonFixture.PASSWORD, requests, 4);
            for (int i = 0; i < 3; i++) {
                assertEquals(401, client.send(identify(fx.wsmanUrl(), "root", "wrong-" + i),
                        HttpResponse.BodyHandlers.discarding()).statusCode());
            }
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        long identifies = 0;
        int identifyLines = 0;
        for (String l : lines) {
            if (l.contains("wsman Identify") && l.contains(" user=root client=127.0.0.1 outcome=")) {
                identifyLines++;
                Matcher m = REPEATED.matcher(l);
                identifies += m.find() ? Long.parseLong(m.group(1)) : 1;
            }
        }
        assertEquals(requests, identifies, "the counts add up to the requests: " + String.join("\n", lines));
        assertTrue(identifyLines <= 10, identifyLines + " lines for " + requests + " requests");
        assertEquals(3, lines.stream().filter(l -> l.contains(" WARN ") && l.contains("reason=bad-credentials")).count(),
                String.join("\n", lines));
    }

    /** {@code n} Identify requests over {@code threads} keep-alive connections, each answered 200. */
    public static void flood(HttpClient client, String url, String user, String password, int n, int threads)
            throws Exception {
        HttpRequest req = identify(url, user, password);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int share = n / threads + (t < n % threads ? 1 : 0);
                done.add(pool.submit(() -> {
                    for (int i = 0; i < share; i++) {
                        int status = client.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
                        if (status != 200) {
                            throw new IllegalStateException("HTTP " + status);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    static HttpRequest identify(String url, String user, String password) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/soap+xml;charset=UTF-8")
                .header("Authorization", RawHttps.basic(user, password))
                .POST(HttpRequest.BodyPublishers.ofString(IDENTIFY)).build();
    }
}
