package org.xenwbem.tests.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.xenwbem.tests.DaemonFixture;
import org.xenwbem.tests.RawHttps;

/**
 * Enumerate of Xen_ComputerSystem with 1,000 VMs in the simulated pool: EnumerateObjectAndEPR,
 * OptimizeEnumeration, MaxElements 32000, no MaxEnvelopeSize, and the envelope ceiling raised to
 * 32 MiB ({@code --max-envelope-kb 32768}; the default 512 KiB would page it), so one response holds
 * everything.
 * Prints the median (and p90) client-observed time, the server time from the daemon's access log
 * line ({@code ... {N}ms}, logger {@code xenwbem.access}), the response size and the encoder
 * throughput (response bytes / server time). Issue #5 goal: server time ≤ 50 ms median. Not asserted.
 */
@Tag("benchmark")
class EnumerateBenchmark {
    static final int VMS = 1000;
    static final int WARMUP = 5;
    static final int RUNS = 30;
    private static final Pattern MILLIS = Pattern.compile("(\\d+)ms$");

    /** Collects the access log's Enumerate lines as they are written. */
    static final class AccessLines extends AppenderBase<ILoggingEvent> {
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

        @Override
        protected void append(ILoggingEvent e) {
            String m = e.getFormattedMessage();
            if (m.startsWith("wsman Enumerate ")) {
                lines.add(m);
            }
        }
    }

    private static String enumerate(String to) {
        return "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\" "
                + "xmlns:a=\"http://schemas.xmlsoap.org/ws/2004/08/addressing\" "
                + "xmlns:n=\"http://schemas.xmlsoap.org/ws/2004/09/enumeration\" "
                + "xmlns:w=\"http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd\"><s:Header>"
                + "<a:To>" + to + "</a:To>"
                + "<w:ResourceURI s:mustUnderstand=\"true\">" + DaemonFixture.P + "Xen_ComputerSystem</w:ResourceURI>"
                + "<a:ReplyTo><a:Address s:mustUnderstand=\"true\">"
                + "http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</a:Address></a:ReplyTo>"
                + "<a:Action s:mustUnderstand=\"true\">http://schemas.xmlsoap.org/ws/2004/09/enumeration/Enumerate</a:Action>"
                + "<a:MessageID>uuid:" + UUID.randomUUID() + "</a:MessageID>"
                + "<w:OperationTimeout>PT60.000S</w:OperationTimeout></s:Header><s:Body><n:Enumerate>"
                + "<w:OptimizeEnumeration/><w:MaxElements>32000</w:MaxElements>"
                + "<w:EnumerationMode>EnumerateObjectAndEPR</w:EnumerationMode></n:Enumerate></s:Body></s:Envelope>";
    }

    @Test
    void enumerateThousandVms() throws Exception {
        BenchReport out = new BenchReport("enumerate");
        AccessLines access = new AccessLines();
        Logger logger = (Logger) LoggerFactory.getLogger("xenwbem.access");
        access.setContext(logger.getLoggerContext());
        access.start();
        logger.addAppender(access);
        HttpClient client = RawHttps.client();
        try (DaemonFixture fx = new DaemonFixture(VMS, 1, 1, o -> o.maxEnvelopeKb = 32 * 1024)) {
            int expected = fx.systemVmUuids().size();
            double[] clientMs = new double[RUNS];
            double[] serverMs = new double[RUNS];
            long bytes = 0;
            for (int i = 0; i < WARMUP + RUNS; i++) {
                HttpRequest req = RawHttps.post(fx.wsmanUrl(), enumerate(fx.wsmanUrl()).getBytes(StandardCharsets.UTF_8),
                        "application/soap+xml;charset=UTF-8");
                access.lines.clear();
                long t0 = System.nanoTime();
                HttpResponse<byte[]> r = client.send(req, HttpResponse.BodyHandlers.ofByteArray());
                double elapsed = (System.nanoTime() - t0) / 1e6;
                assertEquals(200, r.statusCode(), () -> new String(r.body(), StandardCharsets.UTF_8));
                String line = access.lines.poll(5, TimeUnit.SECONDS);
                assertNotNull(line, "the access log has a line for the Enumerate");
                Matcher m = MILLIS.matcher(line);
                assertTrue(m.find(), line);
                if (i == 0) {
                    checkComplete(r.body(), expected);
                }
                if (i >= WARMUP) {
                    clientMs[i - WARMUP] = elapsed;
                    serverMs[i - WARMUP] = Double.parseDouble(m.group(1));
                    bytes = r.body().length;
                }
            }
            double serverMedian = BenchReport.median(serverMs);
            out.print("enumerate.vms", expected, "instances");
            out.print("enumerate.response", bytes / 1024.0, "KiB");
            out.print("enumerate.client-median", BenchReport.median(clientMs), "ms");
            out.print("enumerate.client-p90", BenchReport.percentile(clientMs, 90), "ms");
            out.print("enumerate.server-median", serverMedian, "ms(goal<=50)");
            out.print("enumerate.server-p90", BenchReport.percentile(serverMs, 90), "ms");
            out.print("enumerate.encoder-throughput", bytes / 1e6 / (Math.max(serverMedian, 0.5) / 1000.0), "MB/s");
            out.print("enumerate.runs", RUNS, "runs");
        } finally {
            logger.detachAppender(access);
            access.stop();
        }
    }

    /** One response holds every VM, each as an Item with an EPR, and ends the sequence. */
    private static void checkComplete(byte[] body, int expected) {
        String xml = new String(body, StandardCharsets.UTF_8);
        assertTrue(xml.contains("EndOfSequence"), "one response holds everything");
        assertFalse(xml.contains("EnumerationContext>"), "no context after EndOfSequence");
        int items = count(xml, "<wsman:Item>");
        assertEquals(expected, items, "items in the response");
        assertEquals(expected, count(xml, "<wsa:EndpointReference>") + count(xml, "<wsa:EndpointReference "),
                "an EPR per item");
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + what.length())) {
            n++;
        }
        return n;
    }
}
