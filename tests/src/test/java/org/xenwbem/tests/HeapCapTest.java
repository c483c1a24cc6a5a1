package org.xenwbem.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue #17, "one read-only request kills the daemon": against a 1,000-VM simulated pool, a daemon in
 * its own JVM under the pack's flags (128 MB heap, ExitOnOutOfMemoryError) is sent, as the read-only
 * user, the whole catalog at once: a WS-Man Enumerate of CIM_ManagedElement with MaxElements 1000000
 * and no MaxEnvelopeSize (alone and twelve at once), and a CIM-XML EnumerateInstances of it. Each gets
 * a proper answer (a page within the 512 KiB ceiling with a context for the rest; the streamed
 * instances) and the daemon is alive afterwards. And a request that fails after opening its
 * enumeration context does not cost its user one of their 64. And the daemon's first pool sync of a
 * 10,000-VM pool (a simulated xapi in a JVM of its own) fits the 128 MB heap, with room to answer.
 */
class HeapCapTest {
    static final int VMS = 1000;
    static final long CEILING = 512 * 1024;
    private static final String PASSWORD = "heap-Cap-17";
    private static final HttpClient HTTP = RawHttps.client();
    /** A daemon per test (started by it): what one test does to it must not decide another's outcome. */
    private ChildDaemon daemon;
    private final List<String> opened = new ArrayList<>();

    private void start(int vms) throws Exception {
        daemon = ChildDaemon.simulated(vms, PASSWORD);
    }

    /** Releases what the test left open (as a client would), then stops the daemon. */
    @AfterEach
    void stop() throws Exception {
        if (daemon == null) {
            return;
        }
        try {
            for (String ctx : opened) {
                if (daemon.alive()) {
                    WholeCatalog.wsman(HTTP, daemon.wsmanUrl(), "reader", PASSWORD,
                            WholeCatalog.release(daemon.wsmanUrl(), ctx));
                }
            }
        } finally {
            daemon.close();
        }
    }

    private String enumerateEverything() throws Exception {
        HttpResponse<byte[]> r = WholeCatalog.wsman(HTTP, daemon.wsmanUrl(), "reader", PASSWORD,
                WholeCatalog.enumerateEverything(daemon.wsmanUrl()));
        String x = new String(r.body(), StandardCharsets.UTF_8);
        assertEquals(200, r.statusCode(), () -> x.substring(0, Math.min(x.length(), 2000)) + "\n" + daemon.logTail());
        assertTrue(r.body().length <= CEILING, "a page of " + r.body().length + " octets exceeds the ceiling");
        assertTrue(x.contains("<wsen:EnumerateResponse>") && x.contains("<wsman:Items>"), x.substring(0, 1500));
        assertFalse(x.contains("EndOfSequence"), "1,000 VMs times every class do not fit one page");
        String ctx = WholeCatalog.context(x);
        assertNotNull(ctx, "the rest stays in the context");
        opened.add(ctx);
        return x;
    }

    @Test
    void oneReaderEnumerateOfTheWholeCatalogGetsOnePageAndTheDaemonLives() throws Exception {
        start(VMS);
        String first = enumerateEverything();
        HttpResponse<byte[]> next = WholeCatalog.wsman(HTTP, daemon.wsmanUrl(), "reader", PASSWORD,
                WholeCatalog.pull(daemon.wsmanUrl(), WholeCatalog.context(first)));
        String page = new String(next.body(), StandardCharsets.UTF_8);
        assertEquals(200, next.statusCode(), page);
        assertTrue(next.body().length <= CEILING && page.contains("<wsen:Items>"), "the next page follows");
        assertTrue(daemon.alive(), daemon.logTail());
    }

    @Test
    void twelveAtOnceAllAnswerAndTheDaemonLives() throws Exception {
        start(VMS);
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            List<Future<String>> all = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                all.add(pool.submit(this::enumerateEverything));
            }
            for (Future<String> f : all) {
                assertTrue(f.get().contains("<wsman:Items>"));
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(daemon.alive(), daemon.logTail());
    }

    @Test
    void cimXmlEnumerateInstancesOfTheWholeCatalogIsStreamed() throws Exception {
        start(VMS);
        HttpResponse<InputStream> r = WholeCatalog.enumerateInstances(HTTP, daemon.cimomUrl(), "reader", PASSWORD);
        CimXmlTally t = CimXmlTally.of(r.body());
        assertEquals(200, r.statusCode(), t.head());
        assertFalse(t.head().contains("<ERROR"), t.head());
        assertTrue(t.complete(), "a whole answer: " + t.tail());
        assertTrue(t.instances() > 10L * VMS, t.instances() + " instances in " + t.bytes() + " octets");
        assertTrue(r.headers().firstValue("Content-Length").isEmpty(), "sent as produced, not as one buffer");
        assertTrue(daemon.alive(), daemon.logTail());
    }

    /**
     * The sync used to hold every class's whole answer at once (as bytes and as maps) and died of
     * OutOfMemoryError at 5,000 VMs; streamed class by class it fits, and the whole catalog is then served.
     */
    @Test
    void theFirstSyncOfA10000VmPoolFitsTheHeapAndTheDaemonAnswers() throws Exception {
        int vms = 10_000;
        try (ChildDaemon xapi = ChildDaemon.pool(vms, PASSWORD, (256 + vms / 7) + "m")) {
            daemon = ChildDaemon.serving(xapi.xapiUrl(), PASSWORD);
            // the port answers before the pool is loaded (FirstSyncTest): the load is awaited here
            long deadline = System.nanoTime() + 180_000_000_000L;
            while (System.nanoTime() < deadline && daemon.alive() && !daemon.log().contains("pool mirror synced")) {
                Thread.sleep(200);
            }
            java.util.regex.Matcher synced = java.util.regex.Pattern.compile("pool mirror synced .* vms=(\\d+)")
                    .matcher(daemon.log());
            assertTrue(synced.find() && Integer.parseInt(synced.group(1)) >= vms, daemon.logTail());
            enumerateEverything();
            assertTrue(daemon.alive(), daemon.logTail());
            stop();
            daemon = null;
        }
    }

    @Test
    void aFailedEnumerateDoesNotCostItsUserAContext() throws Exception {
        start(20);
        String url = daemon.wsmanUrl();
        String cs = "http://schemas.citrix.com/wbem/wscim/1/cim-schema/2/Xen_ComputerSystem";
        List<String> mine = new ArrayList<>();
        try {
            for (int i = 0; i < 63; i++) {
                mine.add(openAsOperator(WholeCatalog.open(url, cs, null)));
            }
            String failing = new String(WholeCatalog.wsman(HTTP, url, "operator", PASSWORD, WholeCatalog.envelope(url,
                    "Enumerate", cs, "<w:OperationTimeout>PT0.000001S</w:OperationTimeout>",
                    "<n:Enumerate><w:OptimizeEnumeration/><w:MaxElements>5</w:MaxElements></n:Enumerate>")).body(),
                    StandardCharsets.UTF_8);
            assertTrue(failing.contains("TimedOut"), failing);
            mine.add(openAsOperator(WholeCatalog.open(url, cs, null)));
            String over = new String(WholeCatalog.wsman(HTTP, url, "operator", PASSWORD,
                    WholeCatalog.open(url, cs, null)).body(), StandardCharsets.UTF_8);
            assertTrue(over.contains("QuotaLimit"), "64 is still the limit: " + over);
        } finally {
            for (String ctx : mine) {
                if (daemon.alive()) {
                    WholeCatalog.wsman(HTTP, url, "operator", PASSWORD, WholeCatalog.release(url, ctx));
                }
            }
        }
    }

    private String openAsOperator(String xml) throws Exception {
        String x = new String(WholeCatalog.wsman(HTTP, daemon.wsmanUrl(), "operator", PASSWORD, xml).body(),
                StandardCharsets.UTF_8);
        String ctx = WholeCatalog.context(x);
        assertNotNull(ctx, "a context for the user's enumeration " + mine(x));
        return ctx;
    }

    private static String mine(String x) {
        return x.substring(0, Math.min(x.length(), 1500));
    }
}
