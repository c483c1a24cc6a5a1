package org.xenwbem.provider.classes.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.xenwbem.bridge.ConsoleRecord;
import org.xenwbem.bridge.client.XenApiConnection;
import org.xenwbem.bridge.client.XenApiException;
import org.xenwbem.cim.CimObjectPath;
import org.xenwbem.provider.cimom.CimException;
import org.xenwbem.provider.cimom.CimStatus;
import org.xenwbem.provider.cimom.MethodResult;
import org.xenwbem.provider.cimom.RequestContext;
import org.xenwbem.provider.methods.MethodEnvironment;
import org.xenwbem.provider.methods.MethodFixture;

/** Xen_Console Login / Logout on a simulated pool: real xapi sessions, owned, expiring, never logged. */
class ConsoleAccessTest {
    private static final RequestContext ROOT = MethodFixture.as("root", "pool-admin");
    private static final RequestContext OPERATOR = MethodFixture.as("operator", "vm-operator");
    private static final RequestContext READER = MethodFixture.as("reader", "read-only");

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private Level level;
    private MethodFixture fx;
    private ConsoleSessions sessions;
    private ConsoleAccess access;
    private XenApiConnection xapi;

    @BeforeEach
    void up() throws Exception {
        level = root.getLevel();
        root.setLevel(Level.DEBUG);
        logs.start();
        root.addAppender(logs);
        fx = new MethodFixture(1, 2, 13);
        xapi = XenApiConnection.create(fx.pool.url(), Duration.ofSeconds(2), Duration.ofSeconds(5));
    }

    @AfterEach
    void down() {
        if (sessions != null) {
            sessions.close();
        }
        fx.close();
        root.detachAppender(logs);
        root.setLevel(level);
    }

    private void service(Duration lifetime) {
        sessions = new ConsoleSessions(lifetime);
        access = new ConsoleAccess(fx.env, sessions);
    }

    private CimObjectPath console() {
        ConsoleRecord c = fx.bridge.mirror().current().consoles().stream()
                .filter(r -> fx.bridge.mirror().current().vm(r.vmUuid()).map(v -> !v.isControlDomain()).orElse(false))
                .findFirst().orElseThrow();
        return VmRefs.device(VmConsoleProvider.CLASS, c.vmUuid(), "Xen:" + c.vmUuid() + "/" + c.uuid());
    }

    private MethodResult call(RequestContext ctx, String method, Map<String, Object> in) throws CimException {
        return access.invoke(ctx, console(), fx.classes.get(VmConsoleProvider.CLASS).method(method), in);
    }

    private String login(RequestContext ctx) throws CimException {
        MethodResult r = call(ctx, "Login", Map.of());
        assertEquals(MethodEnvironment.COMPLETED, ((Number) r.returnValue()).longValue());
        return (String) r.out().get("SessionIdentifier");
    }

    private static String ref(String uri) {
        for (String p : URI.create(uri).getRawQuery().split("&")) {
            if (p.startsWith("session_id=")) {
                return URLDecoder.decode(p.substring(11), StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("no session_id in the console URI");
    }

    private boolean live(String ref) throws Exception {
        try {
            xapi.call("session.get_uuid", ref, ref);
            return true;
        } catch (XenApiException e) {
            assertEquals("SESSION_INVALID", e.code());
            return false;
        }
    }

    /** GET of a console URI at the simulated pool (whose consoles name the host address, not its port). */
    private HttpResponse<String> open(String uri) throws Exception {
        URI u = URI.create(uri);
        URI at = fx.pool.url().resolve(u.getRawPath() + "?" + u.getRawQuery());
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(at).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private void assertNotLogged(String ref) {
        assertTrue(logs.list.stream().anyMatch(e -> e.getFormattedMessage().startsWith("console session opened for")),
                "the console log lines are captured");
        for (ILoggingEvent e : logs.list) {
            assertFalse(e.getFormattedMessage().contains(ref), "logged: " + e.getFormattedMessage());
        }
    }

    @Test
    void loginReturnsTheConsoleUriWithALiveSessionOfTheCaller() throws Exception {
        service(Duration.ofMinutes(30));
        String sid = login(OPERATOR);
        String location = fx.bridge.mirror().current().consoles().stream()
                .filter(c -> console().key("DeviceID").toString().endsWith(c.uuid())).findFirst().orElseThrow().location();
        assertTrue(sid.startsWith(location + "&session_id="), sid);
        String ref = ref(sid);
        assertTrue(live(ref));
        assertEquals("operator", xapi.call("session.get_auth_user_name", ref, ref));
        assertEquals(MethodEnvironment.COMPLETED,
                ((Number) call(OPERATOR, "Logout", Map.of("SessionIdentifier", sid)).returnValue()).longValue());
        assertFalse(live(ref));
        assertEquals(0, sessions.size());
        assertEquals(MethodEnvironment.INVALID_PARAMETER,
                ((Number) call(OPERATOR, "Logout", Map.of("SessionIdentifier", sid)).returnValue()).longValue());
        assertNotLogged(ref);
    }

    @Test
    void theUriOpensTheConsoleUntilLogout() throws Exception {
        service(Duration.ofMinutes(30));
        String sid = login(OPERATOR);
        HttpResponse<String> r = open(sid);
        assertEquals(200, r.statusCode());
        assertEquals("RFB 003.008\n", r.body());
        call(OPERATOR, "Logout", Map.of("SessionIdentifier", sid));
        assertEquals(401, open(sid).statusCode());
        String bare = sid.substring(0, sid.indexOf("&session_id="));
        assertEquals(401, open(bare).statusCode(), "the location alone opens nothing");
    }

    @Test
    void xapiRefusesAReadOnlySessionTheConsoleAsLoginDoes() throws Exception {
        service(Duration.ofMinutes(30));
        String sid = login(OPERATOR);
        String bare = sid.substring(0, sid.indexOf("&session_id="));
        org.xenwbem.bridge.client.XenApiSession reader = xapi.login("reader", "pw".toCharArray(), "test");
        assertEquals(403, open(reader.authorise(bare)).statusCode());
        reader.logout();
    }

    @Test
    void anotherUserCannotLogItOut() throws Exception {
        service(Duration.ofMinutes(30));
        String sid = login(OPERATOR);
        CimException e = assertThrows(CimException.class, () -> call(ROOT, "Logout", Map.of("SessionIdentifier", sid)));
        assertEquals(CimStatus.ACCESS_DENIED, e.status());
        assertTrue(live(ref(sid)));
        assertEquals(1, sessions.size());
        assertNotLogged(ref(sid));
    }

    @Test
    void itExpires() throws Exception {
        service(Duration.ofMillis(300));
        String ref = ref(login(ROOT));
        assertTrue(live(ref));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (live(ref) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertFalse(live(ref));
        assertEquals(0, sessions.size());
        assertNotLogged(ref);
    }

    @Test
    void shutdownLogsEveryConsoleSessionOut() throws Exception {
        service(Duration.ofMinutes(30));
        String a = ref(login(ROOT));
        String b = ref(login(OPERATOR));
        sessions.close();
        assertFalse(live(a));
        assertFalse(live(b));
    }

    @Test
    void oneUserHoldsAtMostSoManySessionsOthersAreNotHeldBack() throws Exception {
        service(Duration.ofMinutes(30));
        RequestContext wrong = new RequestContext("operator", "vm-operator", "local", "t",
                new org.xenwbem.provider.cimom.Credential("operator", "not-it".toCharArray()));
        assertEquals(CimStatus.ACCESS_DENIED, assertThrows(CimException.class, () -> call(wrong, "Login", Map.of())).status());
        for (int i = 0; i < ConsoleSessions.MAX_PER_USER; i++) {
            login(OPERATOR);
        }
        long logins = fx.pool.callCount("session.login_with_password");
        CimException e = assertThrows(CimException.class, () -> call(OPERATOR, "Login", Map.of()));
        assertEquals(CimStatus.FAILED, e.status());
        assertEquals(logins, fx.pool.callCount("session.login_with_password"), "no xapi login for a refused Login");
        assertTrue(e.getMessage().contains("Logout"), e.getMessage());
        assertEquals(ConsoleSessions.MAX_PER_USER, sessions.size(), "the refused Login opened no xapi session");
        assertTrue(live(ref(login(ROOT))));
    }

    @Test
    void aReadOnlyUserMayNotOpenAConsoleAsXapiRefusesItConnectConsole() throws Exception {
        service(Duration.ofMinutes(30));
        CimException e = assertThrows(CimException.class, () -> call(READER, "Login", Map.of()));
        assertEquals(CimStatus.ACCESS_DENIED, e.status());
        assertEquals(0, sessions.size());
    }

    @Test
    void aHaltedVmHasNoConsoleToLogInTo() throws Exception {
        service(Duration.ofMinutes(30));
        CimObjectPath gone = VmRefs.device(VmConsoleProvider.CLASS, "nope", "Xen:nope/nope");
        CimException e = assertThrows(CimException.class, () -> access.invoke(OPERATOR, gone,
                fx.classes.get(VmConsoleProvider.CLASS).method("Login"), Map.of()));
        assertEquals(CimStatus.NOT_FOUND, e.status());
    }
}
