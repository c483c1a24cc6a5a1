package org.xenwbem.provider.classes.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.xenwbem.bridge.PowerState;
import org.xenwbem.bridge.sim.SimulatedPool;
import org.xenwbem.cim.CimObjectPath;
import org.xenwbem.provider.cimom.CimException;
import org.xenwbem.provider.cimom.CimStatus;
import org.xenwbem.provider.cimom.MethodResult;
import org.xenwbem.provider.cimom.RequestContext;
import org.xenwbem.provider.methods.MethodFixture;

/** Every Xen_HostPool method on a simulated pool with a standalone host waiting to join. */
class HostPoolMethodsTest {
    private static final String NEW = "127.0.0.60";
    private static final String NEW_PASSWORD = "J0in-s3cret";
    private static final RequestContext ROOT = MethodFixture.as("root", "pool-admin");
    private static final List<RequestContext> WEAK = List.of(MethodFixture.as("reader", "read-only"),
            MethodFixture.as("operator", "vm-operator"), MethodFixture.as("admin", "vm-admin"));

    private MethodFixture fx;
    private HostPoolMethods pool;
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger rootLogger = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    @BeforeEach
    void start() throws Exception {
        logs.start();
        rootLogger.addAppender(logs);
        fx = new MethodFixture(SimulatedPool.builder().hosts(3).vms(3).seed(21)
                .standaloneHost(NEW, "joining-host", NEW_PASSWORD, false));
        pool = new HostPoolMethods(fx.env);
    }

    @AfterEach
    void stop() {
        fx.close();
        rootLogger.detachAppender(logs);
    }

    private MethodResult call(RequestContext who, String method, Map<String, Object> in) throws CimException {
        return fx.call(pool, who, method, in);
    }

    private Map<String, Object> addHostArgs(String password) {
        return Map.of("HostName", NEW, "Username", "root", "Password", password);
    }

    private static CimObjectPath host(String uuid) {
        return new CimObjectPath(MethodFixture.NS, "Xen_HostComputerSystem", Map.of("Name", uuid,
                "CreationClassName", "Xen_HostComputerSystem"));
    }

    @Test
    void createNamesThePoolAndTheNameIsReadAtOnce() throws Exception {
        assertEquals(0L, call(ROOT, "Create", Map.of("Name", "Production", "Description", "racks 1-4")).returnValue());
        assertEquals("Production", fx.env.pool().get().pool().nameLabel());
        assertEquals("racks 1-4", fx.env.pool().get().pool().nameDescription());
        assertEquals(CimStatus.INVALID_PARAMETER,
                assertThrows(CimException.class, () -> call(ROOT, "Create", Map.of("Description", "x"))).status());
    }

    @Test
    void aFailedDescriptionPutsTheOldNameBack() throws Exception {
        String before = fx.env.pool().get().pool().nameLabel();
        fx.pool.faults().on("pool.set_name_description").once().fail("INTERNAL_ERROR", "injected");
        assertThrows(CimException.class, () -> call(ROOT, "Create", Map.of("Name", "Half", "Description", "d")));
        fx.synced();
        assertEquals(before, fx.sim.record("pool", fx.sim.poolUuid()).get("name_label"));
    }

    @Test
    void addHostJoinsTheStandaloneHostAndNeverShowsItsPassword() throws Exception {
        MethodResult r = call(ROOT, "AddHost", addHostArgs(NEW_PASSWORD));
        assertEquals(0L, r.returnValue());
        String uuid = String.valueOf(((CimObjectPath) r.out().get("Host")).key("Name"));
        assertEquals(NEW, fx.env.pool().get().host(uuid).orElseThrow().address());
        assertEquals(4, fx.env.pool().get().hosts().size());
        CimException again = assertThrows(CimException.class, () -> call(ROOT, "AddHost", addHostArgs(NEW_PASSWORD)));
        assertEquals(CimStatus.INVALID_PARAMETER, again.status());
        assertNoPassword(NEW_PASSWORD);
    }

    @Test
    void addHostWithWrongCredentialsOrAtAFaultLeavesThePoolAsItWas() throws Exception {
        CimException e = assertThrows(CimException.class, () -> call(ROOT, "AddHost", addHostArgs("Wr0ng-pass")));
        assertEquals(CimStatus.ACCESS_DENIED, e.status());
        assertFalse(e.getMessage().contains("Wr0ng-pass"), e.getMessage());
        fx.pool.faults().on("pool.join").once().fail("INTERNAL_ERROR", "injected");
        e = assertThrows(CimException.class, () -> call(ROOT, "AddHost", addHostArgs(NEW_PASSWORD)));
        assertFalse(e.getMessage().contains(NEW_PASSWORD), e.getMessage());
        Map<String, Object> bad = new HashMap<>(addHostArgs(NEW_PASSWORD));
        bad.put("HostName", "evil/host@x");
        assertEquals(CimStatus.INVALID_PARAMETER, assertThrows(CimException.class, () -> call(ROOT, "AddHost", bad)).status());
        fx.synced();
        assertEquals(3, fx.env.pool().get().hosts().size());
        assertEquals(3, fx.sim.hostUuids().size());
        assertNoPassword(NEW_PASSWORD);
        assertNoPassword("Wr0ng-pass");
    }

    private void assertNoPassword(String password) {
        for (ILoggingEvent ev : logs.list) {
            assertFalse(ev.getFormattedMessage().contains(password), ev.getFormattedMessage());
            if (ev.getThrowableProxy() != null) {
                assertFalse(ev.getThrowableProxy().getMessage() != null
                        && ev.getThrowableProxy().getMessage().contains(password));
            }
        }
    }

    @Test
    void removeHostIsRefusedWithTheReasonWhileGuestsRunThenEjects() throws Exception {
        String victim = fx.sim.hostUuids().stream().filter(h -> !h.equals(fx.sim.masterUuid()))
                .filter(h -> !guestsOn(h).isEmpty()).findFirst().orElseThrow();
        CimException e = assertThrows(CimException.class, () -> call(ROOT, "RemoveHost", Map.of("Host", host(victim))));
        assertTrue(e.getMessage().contains("virtual machines are running"), e.getMessage());
        assertTrue(fx.env.pool().get().host(victim).isPresent());
        guestsOn(victim).forEach(g -> fx.sim.setVmPowerState(g, PowerState.Halted));
        String master = fx.sim.masterUuid();
        CimException m = assertThrows(CimException.class, () -> call(ROOT, "RemoveHost", Map.of("Host", host(master))));
        assertTrue(m.getMessage().contains("master"), m.getMessage());
        assertEquals(0L, call(ROOT, "RemoveHost", Map.of("Host", host(victim))).returnValue());
        assertTrue(fx.env.pool().get().host(victim).isEmpty());
        assertFalse(fx.sim.hostUuids().contains(victim));
    }

    private List<String> guestsOn(String host) {
        return fx.sim.vmUuids().stream().filter(v -> fx.sim.vmPowerState(v) == PowerState.Running
                && !Boolean.TRUE.equals(fx.sim.vmRecord(v).get("is_control_domain")) && host.equals(
                fx.sim.uuidOfRef("host", String.valueOf(fx.sim.vmRecord(v).get("resident_on"))))).toList();
    }

    @Test
    void highAvailabilityGoesOnWithTheChosenHeartbeatAndOff() throws Exception {
        assertEquals(0L, call(ROOT, "EnableHighAvailability", Map.of("HostFailuresToTolerate", 1L)).returnValue());
        var p = fx.env.pool().get().pool();
        assertTrue(p.haEnabled());
        assertEquals(1L, p.haHostFailuresToTolerate());
        assertEquals(1, p.haStatefileVdiUuids().size());
        assertEquals(fx.sim.defaultSrUuid(), fx.env.pool().get().vdi(p.haStatefileVdiUuids().get(0)).orElseThrow().srUuid());
        String victim = fx.sim.hostUuids().get(1);
        CimException e = assertThrows(CimException.class, () -> call(ROOT, "RemoveHost", Map.of("Host", host(victim))));
        assertTrue(e.getMessage().contains("high availability is on"), e.getMessage());
        assertEquals(0L, call(ROOT, "DisableHighAvailability", Map.of()).returnValue());
        assertFalse(fx.env.pool().get().pool().haEnabled());
        assertEquals(CimStatus.FAILED,
                assertThrows(CimException.class, () -> call(ROOT, "DisableHighAvailability", Map.of())).status());
    }

    @Test
    void aFailedFailuresSettingTurnsHaOffAgainAndBadInputIsRefused() throws Exception {
        assertEquals(CimStatus.INVALID_PARAMETER, assertThrows(CimException.class,
                () -> call(ROOT, "EnableHighAvailability", Map.of("HostFailuresToTolerate", 3L))).status());
        fx.pool.faults().on("pool.set_ha_host_failures_to_tolerate").once().fail("INTERNAL_ERROR", "injected");
        assertThrows(CimException.class, () -> call(ROOT, "EnableHighAvailability", Map.of("HostFailuresToTolerate", 1L)));
        fx.synced();
        assertEquals(false, fx.sim.record("pool", fx.sim.poolUuid()).get("ha_enabled"));
        assertTrue(((List<?>) fx.sim.record("pool", fx.sim.poolUuid()).get("ha_statefiles")).isEmpty());
    }

    @Test
    void rolesBelowPoolOperatorChangeNothing() throws Exception {
        for (RequestContext who : WEAK) {
            for (String m : List.of("Create", "AddHost", "RemoveHost", "EnableHighAvailability",
                    "DisableHighAvailability", "SetDefaultStoragePool")) {
                CimException e = assertThrows(CimException.class, () -> call(who, m, Map.of()), m);
                assertEquals(CimStatus.ACCESS_DENIED, e.status(), m + " as " + who.role());
            }
        }
        assertEquals(3, fx.sim.hostUuids().size());
        assertFalse(fx.env.pool().get().pool().haEnabled());
    }
}
