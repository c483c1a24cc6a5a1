package org.xenwbem.provider.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.xenwbem.bridge.PoolMirror;
import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.bridge.sim.SimulatedPool;
import org.xenwbem.provider.cimom.CimException;
import org.xenwbem.provider.config.ServerOptions;
import org.xenwbem.provider.transfer.RawHttps;

/**
 * Issue #15 item 4: the daemon answers before its pool mirror has loaded the pool from xapi. With the
 * simulated xapi holding the mirror's first {@code VM.get_all_records}, Daemon.start returns, Identify is
 * answered and an unknown action gets its fault while the pool is still not loaded; an Enumerate sent
 * with a 1 s OperationTimeout is answered TimedOut saying why (never an empty list); an Enumerate sent
 * without one waits and, once xapi answers, lists every VM. Without the change the start itself waited
 * for the load, so Daemon.start did not return while it was held.
 */
class FirstSyncTest {
    private static final String PASSWORD = "first-Sync-15";
    private static final String SOAP = "application/soap+xml;charset=UTF-8";
    private static final String CS = "http://schemas.citrix.com/wbem/wscim/1/cim-schema/2/Xen_ComputerSystem";

    @Test
    void identifyAndFaultsAnswerWhileTheFirstLoadIsHeldAndReadsWaitForIt() throws Exception {
        Path dir = Files.createTempDirectory("xenwbem-first-sync");
        CountDownLatch release = new CountDownLatch(1);
        try (SimulatedPool sim = SimulatedPool.builder().hosts(1).vms(3).seed(15).rootPassword(PASSWORD).build()) {
            URI xapi = sim.start("127.0.0.1", 0);
            sim.faults().on("VM.get_all_records").once().hold(release);
            Daemon d = CompletableFuture.supplyAsync(() -> start(xapi, dir)).get(60, TimeUnit.SECONDS);
            try {
                RawHttps anonymous = new RawHttps(d.identity().certificate(), d.port());
                RawHttps.Reply id = anonymous.send("POST", "/wsman", Map.of("Content-Type", SOAP,
                        "WSMANIDENTIFY", "unauthenticated"), IDENTIFY.getBytes(StandardCharsets.UTF_8));
                assertEquals(200, id.status(), text(id));
                assertTrue(text(id).contains("IdentifyResponse"), text(id));
                RawHttps root = new RawHttps(d.identity().certificate(), d.port()).as("root", PASSWORD);
                RawHttps.Reply unknown = root.send("POST", "/wsman", Map.of("Content-Type", SOAP),
                        envelope("http://example.org/NoSuchAction", "", "<x/>"));
                assertEquals(500, unknown.status(), text(unknown));
                assertTrue(text(unknown).contains("ActionNotSupported"), text(unknown));
                RawHttps.Reply timedOut = root.send("POST", "/wsman", Map.of("Content-Type", SOAP), enumerate(
                        "<w:OperationTimeout>PT1S</w:OperationTimeout>"));
                assertEquals(500, timedOut.status(), text(timedOut));
                assertTrue(text(timedOut).contains("TimedOut") && text(timedOut).contains("not yet loaded the pool"),
                        text(timedOut));
                assertFalse(d.mirrorHealth().synced(), "all this while xapi held the first load: " + d.mirrorHealth());

                CompletableFuture<RawHttps.Reply> waiting = CompletableFuture.supplyAsync(() -> send(root, enumerate("")));
                Thread.sleep(500);
                assertFalse(waiting.isDone(), "a read does not answer before the pool is loaded");
                release.countDown();
                RawHttps.Reply listed = waiting.get(60, TimeUnit.SECONDS);
                assertEquals(200, listed.status(), text(listed));
                List<String> vms = sim.state().vmUuids().stream()
                        .filter(u -> !Boolean.TRUE.equals(sim.state().vmRecord(u).get("is_a_template"))).toList();
                assertFalse(vms.isEmpty());
                for (String vm : vms) {
                    assertTrue(text(listed).contains(vm), vm + " listed once the pool is loaded: " + text(listed));
                }
            } finally {
                release.countDown();
                d.close();
            }
        }
    }

    @Test
    void pastItsWaitANeverLoadedPoolIsRefusedAtOnceWithTheReason() throws Exception {
        long t0 = System.nanoTime();
        try (FirstSync never = new FirstSync(new NeverLoaded(), Duration.ofMillis(300), () -> { })) {
            CimException e = assertThrows(CimException.class, () -> never.await(Duration.ofMillis(100)));
            assertEquals(CimException.Detail.NOT_READY, e.detail());
            assertTrue(e.getMessage().contains("not yet loaded the pool"), e.getMessage());
            assertThrows(CimException.class, () -> never.await(null)); // up to the deadline
            assertTrue(System.nanoTime() - t0 >= 290_000_000L, "waited until its deadline");
            long t1 = System.nanoTime();
            assertThrows(CimException.class, () -> never.await(Duration.ofSeconds(30)));
            assertTrue(System.nanoTime() - t1 < 1_000_000_000L, "past the deadline a request is refused at once");
            assertFalse(never.ready());
        }
    }

    @Test
    void whatFollowsTheLoadRunsBeforeRequestsAreLetThrough() throws Exception {
        NeverLoaded mirror = new NeverLoaded();
        CountDownLatch ran = new CountDownLatch(1);
        try (FirstSync sync = new FirstSync(mirror, Duration.ofSeconds(30), ran::countDown)) {
            mirror.loaded.countDown();
            sync.await(Duration.ofSeconds(30));
            assertEquals(0, ran.getCount(), "eventing and the sampler started before the first request went on");
            assertTrue(sync.ready());
        }
    }

    private static Daemon start(URI xapi, Path dir) {
        try {
            Path pw = Files.writeString(dir.resolve("password"), PASSWORD);
            ServerOptions o = new ServerOptions();
            o.port = 0;
            o.bind = "127.0.0.1";
            o.stateDir = dir.resolve("state");
            o.xapiUrl = xapi;
            o.xapiPasswordFile = pw;
            return Daemon.start(o);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static RawHttps.Reply send(RawHttps client, byte[] body) {
        try {
            return client.send("POST", "/wsman", Map.of("Content-Type", SOAP), body);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String text(RawHttps.Reply r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    private static byte[] enumerate(String headers) {
        return envelope("http://schemas.xmlsoap.org/ws/2004/09/enumeration/Enumerate", headers,
                "<n:Enumerate><w:OptimizeEnumeration/><w:MaxElements>100</w:MaxElements></n:Enumerate>");
    }

    private static byte[] envelope(String action, String headers, String body) {
        return ("<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\""
                + " xmlns:a=\"http://schemas.xmlsoap.org/ws/2004/08/addressing\""
                + " xmlns:n=\"http://schemas.xmlsoap.org/ws/2004/09/enumeration\""
                + " xmlns:w=\"http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd\"><s:Header>"
                + "<a:To>https://127.0.0.1/wsman</a:To><w:ResourceURI s:mustUnderstand=\"true\">" + CS + "</w:ResourceURI>"
                + "<a:ReplyTo><a:Address s:mustUnderstand=\"true\">"
                + "http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</a:Address></a:ReplyTo>"
                + "<a:Action s:mustUnderstand=\"true\">" + action + "</a:Action>"
                + "<a:MessageID>uuid:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0</a:MessageID>" + headers
                + "</s:Header><s:Body>" + body + "</s:Body></s:Envelope>").getBytes(StandardCharsets.UTF_8);
    }

    private static final String IDENTIFY = "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\" "
            + "xmlns:wsmid=\"http://schemas.dmtf.org/wbem/wsman/identity/1/wsmanidentity.xsd\">"
            + "<s:Header/><s:Body><wsmid:Identify/></s:Body></s:Envelope>";

    /** A mirror whose first load comes when the test counts {@link #loaded} down. */
    private static final class NeverLoaded implements PoolMirror {
        final CountDownLatch loaded = new CountDownLatch(1);

        @Override
        public PoolSnapshot current() {
            throw new UnsupportedOperationException("not read here");
        }

        @Override
        public boolean awaitInitialSync(Duration timeout) throws InterruptedException {
            return loaded.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
        }

        @Override
        public void addListener(Consumer<PoolSnapshot> listener) {
        }

        @Override
        public void removeListener(Consumer<PoolSnapshot> listener) {
        }

        @Override
        public void close() {
        }
    }
}
