package org.xenwbem.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.xenwbem.bridge.client.XenApiConnection;
import org.xenwbem.bridge.client.XenApiException;
import org.xenwbem.bridge.sim.SimulatedPool;

/**
 * Xen_Console Login / Logout and SetupKVPCommunication through Debian's python3-winrm against the
 * daemon on a simulated pool: the SessionIdentifier is the console URI with a live xapi session of
 * the caller; another user cannot log it out; its owner can; a read-only user cannot open a console;
 * the session reference is in no log line of the daemon (access log included).
 */
class ConsoleScenarioTest {
    private static final String P = DaemonFixture.P;
    private static final String CONSOLE = "Xen_Console";
    private static final ListAppender<ILoggingEvent> LOGS = new ListAppender<>();
    private static final Logger ROOT = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private static Level level;
    private static DaemonFixture fx;
    private static PywinrmClient winrm;
    private static XenApiConnection xapi;

    @BeforeAll
    static void start() throws Exception {
        level = ROOT.getLevel();
        ROOT.setLevel(Level.DEBUG);
        LOGS.start();
        ROOT.addAppender(LOGS);
        fx = new DaemonFixture(2);
        winrm = PywinrmClient.install(fx, "py");
        xapi = XenApiConnection.create(fx.daemon.simulatedPool(SimulatedPool.class).url(), Duration.ofSeconds(2),
                Duration.ofSeconds(5));
    }

    @AfterAll
    static void stop() {
        if (fx != null) {
            fx.close();
        }
        ROOT.detachAppender(LOGS);
        ROOT.setLevel(level);
    }

    /** The selectors of the first console of an ordinary VM. */
    private static String[] console() {
        for (String c : fx.sim().uuids("console")) {
            String vm = fx.sim().uuidOfRef("VM", String.valueOf(fx.sim().record("console", c).get("VM")));
            if (!Boolean.TRUE.equals(fx.sim().vmRecord(vm).get("is_control_domain"))) {
                return new String[] {"CreationClassName=" + CONSOLE, "DeviceID=Xen:" + vm + "/" + c,
                    "SystemCreationClassName=Xen_ComputerSystem", "SystemName=" + vm};
            }
        }
        throw new AssertionError("no console of a running guest");
    }

    private static String[] args(String method, String params, String... sels) {
        String[] out = new String[4 + sels.length];
        out[0] = "invoke";
        out[1] = P + CONSOLE;
        out[2] = method;
        out[3] = params;
        System.arraycopy(sels, 0, out, 4, sels.length);
        return out;
    }

    private static Map<String, Object> as(String user, String method, String params) throws Exception {
        return MiniJson.object(winrm.linesFor(user, DaemonFixture.PASSWORD, args(method, params, console())).get(0));
    }

    private static String logoutXml(String sid) {
        return "<q:SessionIdentifier>" + sid.replace("&", "&amp;") + "</q:SessionIdentifier>";
    }

    private static String ref(String uri) {
        for (String p : URI.create(uri).getRawQuery().split("&")) {
            if (p.startsWith("session_id=")) {
                return URLDecoder.decode(p.substring(11), StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("no session_id in " + uri.replaceAll("session_id=.*", ""));
    }

    private static boolean live(String ref) throws Exception {
        try {
            xapi.call("session.get_uuid", ref, ref);
            return true;
        } catch (XenApiException e) {
            assertEquals("SESSION_INVALID", e.code());
            return false;
        }
    }

    @Test
    void loginLogoutAndWhoMay() throws Exception {
        Map<String, Object> in = as("operator", "Login", "");
        assertEquals("0", in.get("ReturnValue"), in.toString());
        String sid = String.valueOf(in.get("SessionIdentifier"));
        assertTrue(sid.startsWith("https://") && sid.contains("/console?"), "a console URI");
        String ref = ref(sid);
        assertTrue(live(ref));
        assertEquals("operator", xapi.call("session.get_auth_user_name", ref, ref));

        Map<String, Object> stolen = MiniJson.object(winrm.linesAs(DaemonFixture.PASSWORD,
                args("Logout", logoutXml(sid), console())).get(0));
        assertTrue(String.valueOf(stolen.get("fault")).contains("AccessDenied"), stolen.toString());
        assertTrue(live(ref));

        Map<String, Object> out = as("operator", "Logout", logoutXml(sid));
        assertEquals("0", out.get("ReturnValue"), out.toString());
        assertFalse(live(ref));

        Map<String, Object> reader = as("reader", "Login", "");
        assertTrue(String.valueOf(reader.get("fault")).contains("AccessDenied"), reader.toString());
        assertTrue(LOGS.list.stream().anyMatch(e -> e.getLoggerName().equals("xenwbem.access")
                && e.getFormattedMessage().contains("user=operator")), "the access log is captured");
        for (ILoggingEvent e : LOGS.list) {
            assertFalse(e.getFormattedMessage().contains(ref), "the session ref was logged by " + e.getLoggerName());
        }
    }

    @Test
    void stoppingTheDaemonLogsOpenConsoleSessionsOut() throws Exception {
        DaemonFixture own = new DaemonFixture(1);
        try {
            PywinrmClient client = PywinrmClient.install(own, "py-own");
            String vm = own.systemVmUuids().stream()
                    .filter(u -> !Boolean.TRUE.equals(own.sim().vmRecord(u).get("is_control_domain"))).findFirst()
                    .orElseThrow();
            String c = own.sim().uuids("console").stream().filter(u -> vm.equals(own.sim().uuidOfRef("VM",
                    String.valueOf(own.sim().record("console", u).get("VM"))))).findFirst().orElseThrow();
            Map<String, Object> in = MiniJson.object(client.linesFor("operator", DaemonFixture.PASSWORD, args("Login", "",
                    "CreationClassName=" + CONSOLE, "DeviceID=Xen:" + vm + "/" + c,
                    "SystemCreationClassName=Xen_ComputerSystem", "SystemName=" + vm)).get(0));
            assertEquals("0", in.get("ReturnValue"), in.toString());
        } finally {
            own.close();
        }
        assertTrue(LOGS.list.stream().anyMatch(e -> e.getFormattedMessage().startsWith("console session of operator on console ")
                && e.getFormattedMessage().endsWith(" closed at shutdown")), "the open session was logged out at shutdown");
    }

    @Test
    void setupKvpCommunicationSaysWhatTheGuestNeeds() throws Exception {
        String vm = fx.systemVmUuids().stream()
                .filter(u -> !Boolean.TRUE.equals(fx.sim().vmRecord(u).get("is_control_domain"))).findFirst().orElseThrow();
        Map<String, Object> out = winrm.first("invoke", P + "Xen_ComputerSystem", "SetupKVPCommunication", "",
                "CreationClassName=Xen_ComputerSystem", "Name=" + vm);
        assertEquals("0", out.get("ReturnValue"), out.toString());
        assertTrue(String.valueOf(out.get("Description")).contains("vm-data/<key>"), out.toString());
    }
}
