package org.xenwbem.provider.eventing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xenwbem.provider.eventing.WsEventingTest.ALICE;
import static org.xenwbem.provider.eventing.WsEventingTest.P;
import static org.xenwbem.provider.eventing.WsEventingTest.envelope;
import static org.xenwbem.provider.eventing.WsEventingTest.subscribe;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xenwbem.cim.ClassRepository;
import org.xenwbem.provider.cimom.CimOperations;
import org.xenwbem.provider.cimom.RequestContext;
import org.xenwbem.provider.wsman.WsmanService;
import org.xenwbem.provider.classes.lifecycle.LifecycleFixtures;
import org.xenwbem.provider.wsman.eventing.Wse;

/** Every refused subscription gets a precise fault. */
class SubscribeFaultsTest {
    private static final String SINK = "http://127.0.0.1:9/e";
    private Eventing eventing;
    private WsmanService service;

    @BeforeEach
    void setUp() {
        ClassRepository classes = LifecycleFixtures.schema();
        eventing = Eventing.create(classes, WsEventingTest.OPTIONS, WsEventingTest.TRUST, LifecycleFixtures::toInstance,
                "h", Clock.systemUTC());
        service = new WsmanService(CimOperations.builder().namespace("root/cimv2", classes).build(), "t", 8,
                Duration.ofMinutes(1));
        eventing.register(service);
    }

    @AfterEach
    void tearDown() {
        eventing.close();
    }

    private String fault(RequestContext who, String uri, String body) {
        WsmanService.Response r = service.handle(envelope(Wse.SUBSCRIBE, uri, null, body).getBytes(StandardCharsets.UTF_8),
                "application/soap+xml;charset=UTF-8", who, "https://h/wsman", false);
        String text = new String(r.body(), r.charset());
        assertEquals(500, r.status(), text);
        return text;
    }

    private String fault(String body) {
        return fault(ALICE, P + "Xen_ComputerSystem", body);
    }

    @Test
    void onlyPoolRolesMayMakeTheDaemonConnectOut() {
        RequestContext reader = new RequestContext("bob", "read-only", "c", "t");
        String f = fault(reader, P + "Xen_ComputerSystem", subscribe(null, SINK, "", ""));
        assertTrue(f.contains("AccessDenied") && f.contains("Pull delivery only"), f);
        WsmanService.Response pull = service.handle(envelope(Wse.SUBSCRIBE, P + "Xen_ComputerSystem", null,
                subscribe(Wse.MODE_PULL, null, "", "")).getBytes(StandardCharsets.UTF_8),
                "application/soap+xml;charset=UTF-8", reader, "https://h/wsman", false);
        assertEquals(200, pull.status(), new String(pull.body(), pull.charset()));
    }

    @Test
    void batchedDeliveryIsRefusedNamingTheSupportedModes() {
        String f = fault(subscribe(Wse.MODE_EVENTS, SINK, "", ""));
        assertTrue(f.contains(":DeliveryModeRequestedUnavailable") && f.contains("http://schemas.xmlsoap.org/ws/2004/08/eventing"), f);
        for (String mode : Wse.SUPPORTED_MODES) {
            assertTrue(f.contains(mode), f);
        }
        assertTrue(fault(subscribe("urn:nonsense", SINK, "", "")).contains("DeliveryModeRequestedUnavailable"));
    }

    @Test
    void targetsMustBeHttpUrls() {
        assertTrue(fault(subscribe(null, null, "", "")).contains("needs wse:NotifyTo"));
        assertTrue(fault(subscribe(null, "ftp://127.0.0.1/x", "", "")).contains("http:// or https://"));
        assertTrue(fault(subscribe(null, SINK, "", "<e:EndTo><a:Address>mailto:x@y</a:Address></e:EndTo>"))
                .contains("EndTo"));
    }

    @Test
    void expiriesMustBeInTheFutureAndReadable() {
        assertTrue(fault(subscribe(null, SINK, "", "<e:Expires>PT0S</e:Expires>")).contains("InvalidExpirationTime"));
        assertTrue(fault(subscribe(null, SINK, "", "<e:Expires>2001-01-01T00:00:00Z</e:Expires>"))
                .contains("InvalidExpirationTime"));
        assertTrue(fault(subscribe(null, SINK, "", "<e:Expires>P1Y</e:Expires>")).contains("UnsupportedExpirationType"));
    }

    @Test
    void filtersAndResourceUrisAreChecked() {
        assertTrue(fault(subscribe(null, SINK, "", "<w:Filter Dialect=\"http://www.w3.org/TR/1999/REC-xpath-19991116\">"
                + "/x</w:Filter>")).contains("FilteringRequestedUnavailable"));
        assertTrue(fault(subscribe(null, SINK, "", "<w:Filter Dialect=\"http://schemas.dmtf.org/wbem/wsman/1/WQL\">"
                + "SELECT * FROM</w:Filter>")).contains("CannotProcessFilter"));
        assertTrue(fault(ALICE, P + "NoSuchClass", subscribe(null, SINK, "", "")).contains("InvalidResourceURI"));
        assertTrue(fault(ALICE, P + "Xen_HostComputerSystem", subscribe(null, SINK, "", ""))
                .contains("no indications are produced"));
        assertTrue(fault(ALICE, "http://schemas.dmtf.org/wbem/wscim/1/*", subscribe(null, SINK, "", ""))
                .contains("needs a query filter"));
        assertTrue(fault(ALICE, null, subscribe(null, SINK, "", "")).contains("needs a wsman:ResourceURI"));
    }

    @Test
    void bookmarksAndDeliveryCredentialsAreUnsupported() {
        assertTrue(fault(subscribe(null, SINK, "", "<w:SendBookmarks/>")).contains("faultDetail/Bookmarks"));
        assertTrue(fault(subscribe(null, SINK, "<w:Auth Profile=\"http://x\"/>", "")).contains("AuthorizationMode"));
    }

    @Test
    void subscriptionsPerUserAreBounded() {
        for (int i = 0; i < WsEventingTest.OPTIONS.maxSubscriptionsPerUser(); i++) {
            WsmanService.Response r = service.handle(envelope(Wse.SUBSCRIBE, P + "Xen_ComputerSystem", null,
                    subscribe(Wse.MODE_PULL, null, "", "")).getBytes(StandardCharsets.UTF_8),
                    "application/soap+xml;charset=UTF-8", ALICE, "https://h/wsman", false);
            assertEquals(200, r.status());
        }
        assertTrue(fault(subscribe(Wse.MODE_PULL, null, "", "")).contains("QuotaLimit"));
    }

    @Test
    void withoutTheIndicationClassesSubscribeSaysWhy() {
        Eventing off = Eventing.create(ClassRepository.builder().build(), WsEventingTest.OPTIONS, WsEventingTest.TRUST,
                LifecycleFixtures::toInstance, "h", Clock.systemUTC());
        try {
            WsmanService s = new WsmanService(CimOperations.builder().build(), "t", 8, Duration.ofMinutes(1));
            off.register(s);
            WsmanService.Response r = s.handle(envelope(Wse.SUBSCRIBE, P + "Xen_ComputerSystem", null,
                    subscribe(null, SINK, "", "")).getBytes(StandardCharsets.UTF_8), "application/soap+xml", ALICE,
                    "https://h/wsman", false);
            String text = new String(r.body(), StandardCharsets.UTF_8);
            assertEquals(500, r.status());
            assertTrue(text.contains("lacks the indication classes") && text.contains("Xen_ComputerSystemModification"),
                    text);
            assertTrue(off.providers("root/interop").isEmpty());
        } finally {
            off.close();
        }
    }
}
