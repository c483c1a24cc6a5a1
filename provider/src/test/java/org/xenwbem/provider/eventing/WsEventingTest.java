package org.xenwbem.provider.eventing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xenwbem.bridge.PowerState;
import org.xenwbem.bridge.VmRecord;
import org.xenwbem.cim.ClassRepository;
import org.xenwbem.provider.cimom.CimOperations;
import org.xenwbem.provider.cimom.RequestContext;
import org.xenwbem.provider.wsman.WsmanService;
import org.xenwbem.provider.cimom.indications.EventingOptions;
import org.xenwbem.provider.classes.lifecycle.LifecycleFixtures;
import org.xenwbem.provider.wsman.eventing.Wse;
import org.xenwbem.tls.OutboundTrust;
import org.xenwbem.tls.TlsConfigException;

/** WS-Eventing in memory: requests as text through WsmanService, events to a local HTTP sink. */
class WsEventingTest {
    static final String P = "http://schemas.citrix.com/wbem/wscim/1/cim-schema/2/";
    static final RequestContext ALICE = new RequestContext("alice", "pool-admin", "127.0.0.1", "t");
    static final RequestContext BOB = new RequestContext("bob", "pool-admin", "127.0.0.1", "t");
    private static final long GB = 1L << 30;
    static final EventingOptions OPTIONS = new EventingOptions(3, 16, 8, Duration.ofMinutes(1), Duration.ofMinutes(5),
            Duration.ofMillis(300), Duration.ofSeconds(2), 1, Duration.ofMillis(50), Duration.ofSeconds(3), 2);

    /** What the daemon trusts when started without --event-trust-*: the system trust store alone. */
    static final OutboundTrust TRUST = systemTrust();

    private final VmRecord halted = LifecycleFixtures.vm("aaaa", "alpha", PowerState.Halted, GB, 1);
    private final VmRecord running = LifecycleFixtures.vm("aaaa", "alpha", PowerState.Running, GB, 1);
    private FakeMirror mirror;
    private Eventing eventing;
    private WsmanService service;
    private EventSink sink;
    private long generation = 1;

    @BeforeEach
    void setUp() throws Exception {
        ClassRepository classes = LifecycleFixtures.schema();
        mirror = new FakeMirror(LifecycleFixtures.snapshot(1, halted));
        eventing = Eventing.create(classes, OPTIONS, TRUST, LifecycleFixtures::toInstance, "host.example", Clock.systemUTC());
        CimOperations ops = CimOperations.builder().namespace("root/cimv2", classes).build();
        service = new WsmanService(ops, "test", 8, Duration.ofMinutes(1));
        eventing.register(service);
        eventing.start(mirror);
        sink = new EventSink();
    }

    @AfterEach
    void tearDown() {
        eventing.close();
        sink.close();
    }

    void publish(VmRecord... vms) {
        mirror.publish(LifecycleFixtures.snapshot(++generation, vms));
    }

    static OutboundTrust systemTrust() {
        try {
            return OutboundTrust.systemDefault();
        } catch (TlsConfigException e) {
            throw new IllegalStateException(e);
        }
    }

    static String envelope(String action, String uri, String headers, String body) {
        return "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\""
                + " xmlns:a=\"http://schemas.xmlsoap.org/ws/2004/08/addressing\""
                + " xmlns:w=\"http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd\""
                + " xmlns:e=\"http://schemas.xmlsoap.org/ws/2004/08/eventing\""
                + " xmlns:n=\"http://schemas.xmlsoap.org/ws/2004/09/enumeration\"><s:Header>"
                + "<a:To>https://h:5989/wsman</a:To><a:MessageID>uuid:m-1</a:MessageID>"
                + "<a:Action s:mustUnderstand=\"true\">" + action + "</a:Action>"
                + (uri == null ? "" : "<w:ResourceURI>" + uri + "</w:ResourceURI>")
                + (headers == null ? "" : headers) + "</s:Header><s:Body>" + body + "</s:Body></s:Envelope>";
    }

    static String subscribe(String mode, String notifyTo, String extraDelivery, String rest) {
        return "<e:Subscribe>" + (rest.contains("e:EndTo") ? "" : "")
                + "<e:Delivery" + (mode == null ? "" : " Mode=\"" + mode + "\"") + ">"
                + (notifyTo == null ? "" : "<e:NotifyTo><a:Address>" + notifyTo + "</a:Address>"
                + "<a:ReferenceParameters><x:Token xmlns:x=\"urn:test\">tok-1</x:Token></a:ReferenceParameters>"
                + "</e:NotifyTo>")
                + extraDelivery + "</e:Delivery>" + rest + "</e:Subscribe>";
    }

    String send(RequestContext who, String xml, int status) {
        WsmanService.Response r = service.handle(xml.getBytes(StandardCharsets.UTF_8),
                "application/soap+xml;charset=UTF-8", who, "https://h:5989/wsman", false);
        String text = new String(r.body(), r.charset());
        assertEquals(status, r.status(), text);
        return text;
    }

    static String group(String regex, String text) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), regex + " not in " + text);
        return m.group(1);
    }

    static String identifierHeader(String id) {
        return "<e:Identifier>" + id + "</e:Identifier>";
    }

    @Test
    void pushDeliversTheModificationWithReferenceParameters() throws Exception {
        String r = send(ALICE, envelope(Wse.SUBSCRIBE, P + "Xen_ComputerSystem", null,
                subscribe(null, sink.url("/events"), "", "<e:Expires>PT10M</e:Expires>")), 200);
        assertTrue(r.contains("<wsa:Action>" + Wse.SUBSCRIBE_RESPONSE + "</wsa:Action>"), r);
        assertTrue(r.contains("<wsa:RelatesTo>uuid:m-1</wsa:RelatesTo>"), r);
        assertTrue(r.contains("<wse:Expires>PT5M</wse:Expires>"), "capped at the maximum: " + r);
        group("<wse:Identifier[^>]*>(uuid:[^<]+)</wse:Identifier>", r);
        assertFalse(r.contains("EnumerationContext"), r);
        publish(running);
        EventSink.Received ev = sink.next(Wse.ACTION_EVENT, 5000);
        assertNotNull(ev, "no event arrived");
        assertTrue(ev.body().contains("<wsa:To>" + sink.url("/events") + "</wsa:To>"), ev.body());
        assertTrue(ev.body().contains("<x:Token xmlns:x=\"urn:test\">tok-1</x:Token>"), ev.body());
        assertTrue(ev.body().contains("p:Xen_ComputerSystemModification"), ev.body());
        assertTrue(ev.headers().get("Content-Type").startsWith("application/soap+xml"));
        String src = group("<p:SourceInstance>(.*?)</p:SourceInstance>", ev.body());
        assertTrue(src.contains("<p:EnabledState>2</p:EnabledState>"), src);
        String prev = group("<p:PreviousInstance>(.*?)</p:PreviousInstance>", ev.body());
        assertTrue(prev.contains("<p:EnabledState>3</p:EnabledState>"), prev);
        assertFalse(ev.body().contains("AckRequested"));
    }

    @Test
    void pushWithAckWaitsForTheAckAndEndsWhenNoneComes() throws Exception {
        sink.answer(EventSink.ACK);
        String endTo = "<e:EndTo><a:Address>" + sink.url("/end") + "</a:Address></e:EndTo>";
        send(ALICE, envelope(Wse.SUBSCRIBE, P + "Xen_ComputerSystemModification", null,
                subscribe(Wse.MODE_PUSH_WITH_ACK, sink.url("/ack"), "", endTo)), 200);
        publish(running);
        EventSink.Received ev = sink.next(Wse.ACTION_EVENT, 5000);
        assertNotNull(ev);
        assertTrue(ev.body().contains("<wsman:AckRequested/>"), ev.body());
        Thread.sleep(300);
        assertEquals(0, sink.pending(), "acknowledged once, not resent");
        sink.answer(EventSink.OK);
        publish(halted);
        assertNotNull(sink.next(Wse.ACTION_EVENT, 5000), "first attempt");
        EventSink.Received end = sink.next(Wse.SUBSCRIPTION_END, 5000);
        assertNotNull(end, "an unacknowledged event ends the subscription");
        assertTrue(end.body().contains(Wse.STATUS_DELIVERY_FAILURE), end.body());
    }

    @Test
    void pullReturnsQueuedEventsAndTimesOutWhenThereAreNone() throws Exception {
        String r = send(ALICE, envelope(Wse.SUBSCRIBE, P + "Xen_ComputerSystem", null,
                subscribe(Wse.MODE_PULL, null, "", "")), 200);
        String ctx = group("<wsen:EnumerationContext>([^<]+)</wsen:EnumerationContext>", r);
        String pull = envelope("http://schemas.xmlsoap.org/ws/2004/09/enumeration/Pull", P + "Xen_ComputerSystem", null,
                "<n:Pull><n:EnumerationContext>" + ctx + "</n:EnumerationContext><n:MaxTime>PT0.3S</n:MaxTime>"
                        + "<n:MaxElements>5</n:MaxElements></n:Pull>");
        String timedOut = send(ALICE, pull, 500);
        assertTrue(timedOut.contains("TimedOut"), timedOut);
        publish(running);
        Thread.sleep(200);
        publish(running, LifecycleFixtures.vm("cccc", "gamma", PowerState.Halted, GB, 1));
        Thread.sleep(200);
        String items = send(ALICE, pull, 200);
        assertTrue(items.contains("Xen_ComputerSystemModification") && items.contains("Xen_ComputerSystemCreation"), items);
        assertTrue(items.contains("<wsen:EnumerationContext>" + ctx + "</wsen:EnumerationContext>"), items);
        assertFalse(items.contains("EndOfSequence"), items);
        assertTrue(send(BOB, pull, 500).contains("InvalidEnumerationContext"), "another user's context");
    }

    @Test
    void aFullPullQueueDropsTheOldestAndTheNextPullSaysHowManyFirst() throws Exception {
        String r = send(ALICE, envelope(Wse.SUBSCRIBE, P + "Xen_ComputerSystem", null,
                subscribe(Wse.MODE_PULL, null, "", "")), 200);
        String ctx = group("<wsen:EnumerationContext>([^<]+)</wsen:EnumerationContext>", r);
        int changes = OPTIONS.queueCapacity() + 2;
        for (int i = 0; i < changes; i++) {
            publish(i % 2 == 0 ? running : halted);
            Thread.sleep(150);
        }
        String items = send(ALICE, envelope("http://schemas.xmlsoap.org/ws/2004/09/enumeration/Pull", null, null,
                "<n:Pull><n:EnumerationContext>" + ctx + "</n:EnumerationContext>"
                        + "<n:MaxElements>100</n:MaxElements></n:Pull>"), 200);
        String itemsXml = group("<wsen:Items>(.*)</wsen:Items>", items);
        assertTrue(itemsXml.startsWith("<wsman:DroppedEvents Action=\"" + Wse.ACTION_EVENT + "\">2</wsman:DroppedEvents>"),
                itemsXml);
        long events = Pattern.compile("<p:Xen_ComputerSystemModification[ >]").matcher(itemsXml).results().count();
        assertEquals(OPTIONS.queueCapacity(), events, "the newest events are kept: " + itemsXml);
    }

    @Test
    void pullWaitsForTheFirstEvent() throws Exception {
        String r = send(ALICE, envelope(Wse.SUBSCRIBE, P + "Xen_ComputerSystem", null,
                subscribe(Wse.MODE_PULL, null, "", "")), 200);
        String ctx = group("<wsen:EnumerationContext>([^<]+)</wsen:EnumerationContext>", r);
        new Thread(() -> {
            sleep(300);
            publish(running);
        }).start();
        String items = send(ALICE, envelope("http://schemas.xmlsoap.org/ws/2004/09/enumeration/Pull", null,
                "<w:OperationTimeout>PT5S</w:OperationTimeout>",
                "<n:Pull><n:EnumerationContext>" + ctx + "</n:EnumerationContext></n:Pull>"), 200);
        assertTrue(items.contains("Xen_ComputerSystemModification"), items);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void renewGetStatusUnsubscribe() throws Exception {
        String r = send(ALICE, envelope(Wse.SUBSCRIBE, P + "Xen_ComputerSystem", null,
                subscribe(null, sink.url("/e"), "", "<e:Expires>PT1M</e:Expires>")), 200);
        String id = group("<wse:Identifier[^>]*>(uuid:[^<]+)</wse:Identifier>", r);
        String renewed = send(ALICE, envelope(Wse.RENEW, P + "Xen_ComputerSystem", identifierHeader(id),
                "<e:Renew><e:Expires>PT2M</e:Expires></e:Renew>"), 200);
        assertTrue(renewed.contains("<wse:Expires>PT2M</wse:Expires>"), renewed);
        String status = send(ALICE, envelope(Wse.GET_STATUS, P + "Xen_ComputerSystem", identifierHeader(id),
                "<e:GetStatus/>"), 200);
        Duration left = Duration.parse(group("<wse:Expires>([^<]+)</wse:Expires>", status));
        assertTrue(left.compareTo(Duration.ofSeconds(100)) > 0 && left.compareTo(Duration.ofMinutes(2)) <= 0, status);
        assertTrue(send(BOB, envelope(Wse.GET_STATUS, null, identifierHeader(id), "<e:GetStatus/>"), 500)
                .contains("no active subscription"), "another user's subscription");
        String unsub = send(ALICE, envelope(Wse.UNSUBSCRIBE, null, identifierHeader(id), "<e:Unsubscribe/>"), 200);
        assertTrue(unsub.contains(Wse.UNSUBSCRIBE_RESPONSE), unsub);
        assertTrue(send(ALICE, envelope(Wse.RENEW, null, identifierHeader(id), "<e:Renew/>"), 500)
                .contains("InvalidMessage"));
        publish(running);
        assertNull(sink.next(Wse.ACTION_EVENT, 500), "no event after Unsubscribe");
        assertNull(sink.next(Wse.SUBSCRIPTION_END, 1), "no SubscriptionEnd after Unsubscribe");
    }

    @Test
    void expiryEndsTheSubscriptionAndHeartbeatsFlowWhenIdle() throws Exception {
        String endTo = "<e:EndTo><a:Address>" + sink.url("/end") + "</a:Address></e:EndTo>";
        send(ALICE, envelope(Wse.SUBSCRIBE, P + "Xen_ComputerSystem", null,
                subscribe(null, sink.url("/e"), "<w:Heartbeats>PT0.3S</w:Heartbeats>",
                        endTo + "<e:Expires>PT1.5S</e:Expires>")), 200);
        assertNotNull(sink.next(Wse.ACTION_HEARTBEAT, 3000), "heartbeat");
        EventSink.Received end = sink.next(Wse.SUBSCRIPTION_END, 5000);
        assertNotNull(end, "SubscriptionEnd on expiry");
        assertTrue(end.body().contains(Wse.STATUS_CANCELLING), end.body());
        assertTrue(end.body().contains("<wse:Identifier"), end.body());
    }

    @Test
    void filterSelectsOnlyRunningSystems() throws Exception {
        send(ALICE, envelope(Wse.SUBSCRIBE, P + "Xen_ComputerSystemModification", null,
                subscribe(null, sink.url("/e"), "", "<w:Filter Dialect=\"http://schemas.dmtf.org/wbem/wsman/1/WQL\">"
                        + "SELECT * FROM Xen_ComputerSystem WHERE EnabledState = 2</w:Filter>")), 200);
        publish(running);
        assertNotNull(sink.next(Wse.ACTION_EVENT, 5000));
        publish(halted);
        Thread.sleep(300);
        publish(running);
        assertNotNull(sink.next(Wse.ACTION_EVENT, 5000));
        assertNull(sink.next(Wse.ACTION_EVENT, 500), "the stop was filtered out");
    }

    @Test
    void closeEndsSubscriptionsAndStopsEveryThread() throws Exception {
        String endTo = "<e:EndTo><a:Address>" + sink.url("/end") + "</a:Address></e:EndTo>";
        send(ALICE, envelope(Wse.SUBSCRIBE, P + "Xen_ComputerSystem", null,
                subscribe(null, sink.url("/e"), "<w:Heartbeats>PT1S</w:Heartbeats>", endTo)), 200);
        assertEquals(1, mirror.listeners());
        eventing.close();
        EventSink.Received end = sink.next(Wse.SUBSCRIPTION_END, 5000);
        assertNotNull(end, "SubscriptionEnd at shutdown");
        assertTrue(end.body().contains(Wse.STATUS_SHUTTING_DOWN), end.body());
        assertEquals(0, mirror.listeners(), "the mirror listener is removed");
        long deadline = System.currentTimeMillis() + 3000;
        while (eventingThreads() > 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(0, eventingThreads(), "no eventing thread outlives close()");
        assertTrue(send(ALICE, envelope(Wse.SUBSCRIBE, P + "Xen_ComputerSystem", null,
                subscribe(Wse.MODE_PULL, null, "", "")), 500).contains("shutting down"));
    }

    static long eventingThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("xenwbem-eventing")).count();
    }
}
