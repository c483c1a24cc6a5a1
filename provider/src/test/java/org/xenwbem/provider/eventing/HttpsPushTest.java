package org.xenwbem.provider.eventing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xenwbem.provider.eventing.WsEventingTest.ALICE;
import static org.xenwbem.provider.eventing.WsEventingTest.P;
import static org.xenwbem.provider.eventing.WsEventingTest.envelope;
import static org.xenwbem.provider.eventing.WsEventingTest.subscribe;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xenwbem.bridge.PowerState;
import org.xenwbem.bridge.VmRecord;
import org.xenwbem.cim.ClassRepository;
import org.xenwbem.provider.classes.lifecycle.LifecycleFixtures;
import org.xenwbem.provider.cimom.CimOperations;
import org.xenwbem.provider.delivery.SelfSignedListener;
import org.xenwbem.provider.wsman.WsmanService;
import org.xenwbem.provider.wsman.eventing.Wse;
import org.xenwbem.tls.OutboundTrust;

/**
 * Push delivery to an https subscriber whose certificate is self-signed: refused (the subscription
 * ends with DeliveryFailure, nothing reaches the subscriber) unless the daemon was told to trust it,
 * by a trust file or a pinned fingerprint.
 */
class HttpsPushTest {
    private static final long GB = 1L << 30;
    @TempDir
    static Path dir;
    private static SelfSignedListener listener;
    private final VmRecord halted = LifecycleFixtures.vm("aaaa", "alpha", PowerState.Halted, GB, 1);
    private final VmRecord running = LifecycleFixtures.vm("aaaa", "alpha", PowerState.Running, GB, 1);
    private static EventSink httpsSink;
    private static EventSink endTo;
    private Eventing eventing;
    private FakeMirror mirror;
    private WsmanService service;

    @BeforeAll
    static void startSinks() throws Exception {
        listener = new SelfSignedListener(dir.resolve("listener"));
        httpsSink = new EventSink(listener.serverContext());
        endTo = new EventSink();
    }

    @AfterAll
    static void stopSinks() {
        httpsSink.close();
        endTo.close();
    }

    @AfterEach
    void tearDown() {
        if (eventing != null) {
            eventing.close();
        }
        httpsSink.clear();
        endTo.clear();
    }

    /** Starts eventing trusting {@code trust}, subscribes a Push to the https sink, then changes a VM. */
    private void subscribeAndChange(OutboundTrust trust) {
        ClassRepository classes = LifecycleFixtures.schema();
        mirror = new FakeMirror(LifecycleFixtures.snapshot(1, halted));
        eventing = Eventing.create(classes, WsEventingTest.OPTIONS, trust, LifecycleFixtures::toInstance,
                "host.example", Clock.systemUTC());
        service = new WsmanService(CimOperations.builder().namespace("root/cimv2", classes).build(), "t", 8,
                Duration.ofMinutes(1));
        eventing.register(service);
        eventing.start(mirror);
        String end = "<e:EndTo><a:Address>" + endTo.url("/end") + "</a:Address></e:EndTo>";
        WsmanService.Response r = service.handle(envelope(Wse.SUBSCRIBE, P + "Xen_ComputerSystem", null,
                subscribe(null, httpsSink.url("/events"), "", end)).getBytes(StandardCharsets.UTF_8),
                "application/soap+xml;charset=UTF-8", ALICE, "https://h:5989/wsman", false);
        assertEquals(200, r.status(), new String(r.body(), r.charset()));
        assertTrue(httpsSink.url("/events").startsWith("https://127.0.0.1:"));
        mirror.publish(LifecycleFixtures.snapshot(2, running));
    }

    @Test
    void anUntrustedSelfSignedSubscriberIsRefusedDelivery() throws Exception {
        subscribeAndChange(WsEventingTest.TRUST);
        EventSink.Received ended = endTo.next(Wse.SUBSCRIPTION_END, 10_000);
        assertNotNull(ended, "the subscription ends once the retries are spent");
        assertTrue(ended.body().contains(Wse.STATUS_DELIVERY_FAILURE), ended.body());
        assertEquals(0, httpsSink.pending(), "nothing reached the untrusted subscriber");
    }

    @Test
    void aPinnedSubscriberIsDeliveredTo() throws Exception {
        subscribeAndChange(OutboundTrust.of(null, List.of(listener.sha256())));
        EventSink.Received ev = httpsSink.next(Wse.ACTION_EVENT, 20_000);
        assertNotNull(ev, "no event arrived");
        assertTrue(ev.body().contains("p:Xen_ComputerSystemModification"), ev.body());
    }

    @Test
    void aSubscriberInTheTrustFileIsDeliveredTo() throws Exception {
        subscribeAndChange(OutboundTrust.of(listener.writePem(dir.resolve("subscribers.pem")), List.of()));
        assertNotNull(httpsSink.next(Wse.ACTION_EVENT, 20_000), "no event arrived");
        assertEquals(0, endTo.pending(), "no SubscriptionEnd");
    }
}
