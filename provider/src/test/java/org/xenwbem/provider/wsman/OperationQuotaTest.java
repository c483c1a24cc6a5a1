package org.xenwbem.provider.wsman;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.cim.ClassRepository;
import org.xenwbem.cim.mof.SchemaLoader;
import org.xenwbem.provider.cimom.CimOperations;
import org.xenwbem.provider.cimom.RequestContext;
import org.xenwbem.provider.cimom.TestProviders;
import org.xenwbem.provider.cimom.UserLimits;

/**
 * WinRM's MaxConcurrentOperationsPerUser: a user with the most operations in progress gets
 * wsman:QuotaLimit with ERROR_WSMAN_QUOTA_MAX_OPERATIONS (0x803381A6); others are served; every
 * request, answered or faulted, gives its place back.
 */
class OperationQuotaTest {
    static final String CS = WsmanServiceTest.P + "Xen_ComputerSystem";
    private static final String SELECTORS = "<w:Selector Name=\"Name\">vm-1</w:Selector>"
            + "<w:Selector Name=\"CreationClassName\">Xen_ComputerSystem</w:Selector>";
    private final UserLimits.Operations ops = new UserLimits(64, 2).operations();
    private WsmanService service;

    @BeforeEach
    void setUp() {
        ClassRepository classes = SchemaLoader.cimv2();
        CimInstance vm = CimInstance.builder(classes.get("Xen_ComputerSystem")).namespace("root/cimv2")
                .set("CreationClassName", "Xen_ComputerSystem").set("Name", "vm-1").build();
        CimOperations cim = CimOperations.builder().namespace("root/cimv2", classes)
                .provider("root/cimv2", TestProviders.instances("Xen_ComputerSystem", List.of(vm))).build();
        service = new WsmanService(cim, "test", 3, Duration.ofMinutes(1)).limit(ops);
    }

    private String get(String user, String uri) {
        String xml = WsmanServiceTest.envelope(Ns.ACTION_GET, uri, SELECTORS, null, "");
        WsmanService.Response r = service.handle(xml.getBytes(StandardCharsets.UTF_8), "application/soap+xml",
                new RequestContext(user, "read-only", "127.0.0.1", "t"), "https://h/wsman", false);
        return new String(r.body(), r.charset());
    }

    @Test
    void aUserWithTheMostInProgressGetsQuotaLimitAndAnotherUserIsServed() {
        try (UserLimits.Slot a = ops.enter("alice"); UserLimits.Slot b = ops.enter("alice")) {
            String x = get("alice", CS);
            assertTrue(x.contains("<wsman:QuotaLimit") || x.contains(":QuotaLimit</"), x);
            assertEquals(0x803381A6L, WsmanServiceTest.wsmanCode(x), "ERROR_WSMAN_QUOTA_MAX_OPERATIONS: " + x);
            assertTrue(x.contains("maximum number of concurrent operations for this user"), x);
            String other = get("bob", CS);
            assertFalse(other.contains("Fault"), other);
        }
        String again = get("alice", CS);
        assertFalse(again.contains("Fault"), "alice is served once her operations ended: " + again);
        assertEquals(0, ops.inProgress(), "each answered request gave its place back");
    }

    @Test
    void aFaultedRequestGivesItsPlaceBack() {
        for (int i = 0; i < 5; i++) {
            assertTrue(get("alice", WsmanServiceTest.P + "Xen_NoSuchClass").contains("Fault"));
        }
        assertEquals(0, ops.inProgress());
        assertFalse(get("alice", CS).contains("Fault"));
    }

    @Test
    void theEnumerationContextQuotaKeepsItsOwnCode() {
        String xml = WsmanServiceTest.envelope(Ns.ACTION_ENUMERATE, CS, null, null, "<n:Enumerate/>");
        RequestContext alice = new RequestContext("alice", "read-only", "127.0.0.1", "t");
        String x = "";
        for (int i = 0; i < 4; i++) {
            WsmanService.Response r = service.handle(xml.getBytes(StandardCharsets.UTF_8), "application/soap+xml",
                    alice, "https://h/wsman", false);
            x = new String(r.body(), r.charset());
        }
        assertEquals(0x8033803FL, WsmanServiceTest.wsmanCode(x), "ERROR_WSMAN_QUOTA_LIMIT: " + x);
        assertEquals(3, service.openEnumerations());
    }
}
