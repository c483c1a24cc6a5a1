package org.xenwbem.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import java.time.Duration;
import org.xenwbem.bridge.PowerState;
import org.xenwbem.bridge.client.XenApiConnection;
import org.xenwbem.bridge.client.XenApiSession;
import org.xenwbem.bridge.sim.SimulatedPool;
import org.xenwbem.bridge.spi.PoolShape;

/**
 * The anchor's pool tests (xs-cim test/cim-tests pool_tests.py and licensing_tests.py) through Debian's
 * python3-winrm against the daemon on a simulated pool with one standalone host waiting: Create toggles
 * the pool's name and description, RemoveHost is refused while guests run (the fault says why), then
 * ejects the host, and a second RemoveHost of it fails; AddHost joins it back by address and joins the
 * standalone host, with the caller's password; EnableHighAvailability with no parameters and
 * DisableHighAvailability flip HighAvailabilityEnabled. Neither the answers nor the daemon's log ever
 * carry the password given to AddHost.
 */
class HostPoolScenarioTest {
    private static final String P = DaemonFixture.P;
    private static final String CLS = P + "Xen_HostPool";
    private static DaemonFixture fx;
    private static PywinrmClient winrm;
    private static final ListAppender<ILoggingEvent> LOGS = new ListAppender<>();
    private static final Logger ROOT = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    @BeforeAll
    static void start() throws Exception {
        LOGS.start();
        ROOT.addAppender(LOGS);
        fx = new DaemonFixture(8, 1, 1, o -> o.simStandaloneHosts = 1);
        winrm = PywinrmClient.install(fx, "pool");
    }

    @AfterAll
    static void stop() {
        ROOT.detachAppender(LOGS);
        if (fx != null) {
            fx.close();
        }
    }

    private static Map<String, Object> pool(String method, String params) throws Exception {
        return winrm.first("invoke", CLS, method, params, "InstanceID=Xen:" + fx.sim().poolUuid());
    }

    private static Map<String, Object> poolInstance() throws Exception {
        return winrm.first("get", CLS, "InstanceID=Xen:" + fx.sim().poolUuid());
    }

    private static String q(String name, String value) {
        return "<q:" + name + ">" + value + "</q:" + name + ">";
    }

    private static String hostEpr(String uuid) {
        return "<q:Host><a:Address>https://localhost/wsman</a:Address><a:ReferenceParameters><w:ResourceURI>" + P
                + "Xen_HostComputerSystem</w:ResourceURI><w:SelectorSet><w:Selector Name=\"CreationClassName\">"
                + "Xen_HostComputerSystem</w:Selector><w:Selector Name=\"Name\">" + uuid
                + "</w:Selector></w:SelectorSet></a:ReferenceParameters></q:Host>";
    }

    private static int hosts() throws Exception {
        return winrm.lines("enum", P + "Xen_HostComputerSystem").size();
    }

    private static List<String> guestsOn(String host) {
        return fx.sim().vmUuids().stream().filter(v -> fx.sim().vmPowerState(v) == PowerState.Running
                && !Boolean.TRUE.equals(fx.sim().vmRecord(v).get("is_control_domain"))
                && host.equals(fx.sim().uuidOfRef("host", String.valueOf(fx.sim().vmRecord(v).get("resident_on")))))
                .toList();
    }

    /** Starts a halted guest on {@code host} through the simulated pool's own VM.start_on. */
    private static void startGuestOn(String host) throws Exception {
        String vm = fx.systemVmUuids().stream().filter(v -> fx.sim().vmPowerState(v) == PowerState.Halted)
                .findFirst().orElseThrow();
        XenApiSession s = XenApiConnection.create(fx.daemon.simulatedPool(SimulatedPool.class).url(),
                Duration.ofSeconds(2), Duration.ofSeconds(10)).login("root", DaemonFixture.PASSWORD.toCharArray(), "t");
        s.call("VM.start_on", s.call("VM.get_by_uuid", vm), s.call("host.get_by_uuid", host), false, false);
        s.logout();
        assertFalse(guestsOn(host).isEmpty());
    }

    @Test
    void createTogglesTheNameAndDescription() throws Exception {
        Map<String, Object> before = poolInstance();
        String name = before.get("ElementName") + "Changed";
        String description = before.get("Description") + "Changed";
        Map<String, Object> out = pool("Create", q("Name", name) + q("Description", description));
        assertEquals("0", out.get("ReturnValue"), out.toString());
        Map<String, Object> after = poolInstance();
        assertEquals(name, after.get("ElementName"));
        assertEquals(description, after.get("Description"));
    }

    @Test
    void removeThenAddHostsAndHighAvailability() throws Exception {
        String victim = fx.sim().hostUuids().stream().filter(h -> !h.equals(fx.sim().masterUuid())).findFirst()
                .orElseThrow();
        if (guestsOn(victim).isEmpty()) {
            startGuestOn(victim);
        }
        String address = String.valueOf(fx.sim().hostRecord(victim).get("address"));
        int before = hosts();
        Map<String, Object> refused = pool("RemoveHost", hostEpr(victim));
        assertTrue(refused.containsKey("fault") && String.valueOf(refused).contains("running"), refused.toString());
        guestsOn(victim).forEach(v -> fx.sim().setVmPowerState(v, PowerState.Halted));
        assertEquals("0", pool("RemoveHost", hostEpr(victim)).get("ReturnValue"));
        assertEquals(before - 1, hosts());
        assertTrue(pool("RemoveHost", hostEpr(victim)).containsKey("fault"), "a removed host is not removed twice");

        Map<String, Object> wrong = pool("AddHost", q("HostName", address) + q("Username", "root")
                + q("Password", "Not-The-Pw-42"));
        assertTrue(wrong.containsKey("fault"), wrong.toString());
        assertFalse(String.valueOf(wrong).contains("Not-The-Pw-42"));
        String creds = q("Username", "root") + q("Password", DaemonFixture.PASSWORD);
        Map<String, Object> back = pool("AddHost", q("HostName", address) + creds);
        assertEquals("0", back.get("ReturnValue"), back.toString());
        assertTrue(String.valueOf(back.get("Host")).contains("Xen_HostComputerSystem") || back.get("Host") != null);
        Map<String, Object> fresh = pool("AddHost", q("HostName", PoolShape.standaloneAddress(0)) + creds);
        assertEquals("0", fresh.get("ReturnValue"), fresh.toString());
        assertEquals(before + 1, hosts());
        assertFalse(String.valueOf(back).contains(DaemonFixture.PASSWORD));

        assertEquals("0", pool("EnableHighAvailability", "").get("ReturnValue"));
        assertEquals("true", poolInstance().get("HighAvailabilityEnabled"));
        assertEquals("0", pool("DisableHighAvailability", "").get("ReturnValue"));
        assertEquals("false", poolInstance().get("HighAvailabilityEnabled"));
        assertTrue(LOGS.list.stream().anyMatch(e -> e.getFormattedMessage().contains("joined " + address)),
                "the daemon's log is captured");
        for (ILoggingEvent e : LOGS.list) {
            assertFalse(e.getFormattedMessage().contains(DaemonFixture.PASSWORD), e.getFormattedMessage());
            assertFalse(e.getFormattedMessage().contains("Not-The-Pw-42"), e.getFormattedMessage());
        }
    }

    @Test
    void aReadOnlyUserChangesNothing() throws Exception {
        List<String> out = winrm.linesFor("reader", DaemonFixture.PASSWORD, "invoke", CLS, "EnableHighAvailability", "",
                "InstanceID=Xen:" + fx.sim().poolUuid());
        assertTrue(out.get(0).contains("fault") || out.get(0).contains("401"), out.toString());
        assertEquals("false", poolInstance().get("HighAvailabilityEnabled"));
    }
}
