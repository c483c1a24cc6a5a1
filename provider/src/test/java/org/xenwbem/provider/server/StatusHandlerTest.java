package org.xenwbem.provider.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xenwbem.bridge.CredentialChecker;
import org.xenwbem.bridge.MirrorHealth;
import org.xenwbem.bridge.PoolRecord;
import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.provider.status.StatusCollector;

/**
 * Who sees what at /: the status handler behind the daemon's own {@link AuthHandler}, with a checker
 * that knows three users (a pool-admin, a read-only user and a vm-operator), over plain HTTP on loopback.
 */
class StatusHandlerTest {
    private static final String POOL = "Unit pool";
    private final Map<String, String> roles = Map.of("admin", "pool-admin", "reader", "read-only", "op", "vm-operator");
    private final AtomicReference<MirrorHealth> health = new AtomicReference<>(
            new MirrorHealth(true, false, Instant.parse("2026-12-06T18:00:00Z"), "10.0.0.1", ""));
    private final List<String> checked = new ArrayList<>();
    private Server server;
    private HttpClient http;
    private String base;

    @BeforeEach
    void start() throws Exception {
        CredentialChecker checker = (user, password, client) -> {
            checked.add(user);
            boolean ok = roles.containsKey(user) && "pw".equals(new String(password));
            return new CredentialChecker.AuthOutcome(ok ? CredentialChecker.Status.OK : CredentialChecker.Status.DENIED,
                    user, ok ? roles.get(user) : "", "");
        };
        StatusCollector collector = new StatusCollector("9.9.9", "unit.example", "AA:BB", () -> "https://unit.example:5989", true,
                new StatusCollector.Sources(StatusHandlerTest::snapshot, health::get, List::of, List::of),
                Clock.fixed(Instant.parse("2026-12-06T18:00:05Z"), ZoneOffset.UTC));
        server = new Server();
        ServerConnector c = new ServerConnector(server);
        c.setHost("127.0.0.1");
        c.setPort(0);
        server.addConnector(c);
        server.setHandler(new StatusHandler(collector, checker));
        server.start();
        base = "http://127.0.0.1:" + c.getLocalPort();
        http = HttpClient.newHttpClient();
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
    }

    private static PoolSnapshot snapshot() {
        PoolRecord pool = new PoolRecord("p-1", POOL, "", "", "", false, Map.of());
        InvocationHandler h = (proxy, m, args) -> switch (m.getName()) {
            case "generation" -> 1L;
            case "pool" -> pool;
            case "all", "childrenOf" -> List.of();
            case "get" -> java.util.Optional.empty();
            default -> m.isDefault() ? InvocationHandler.invokeDefault(proxy, m, args) : null;
        };
        return (PoolSnapshot) Proxy.newProxyInstance(PoolSnapshot.class.getClassLoader(),
                new Class<?>[] {PoolSnapshot.class}, h);
    }

    private HttpResponse<String> get(String method, String path, String user, String accept) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).method(method,
                HttpRequest.BodyPublishers.noBody());
        if (user != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + (user.equals("bad")
                    ? "wrong" : "pw")).getBytes(StandardCharsets.UTF_8)));
        }
        if (accept != null) {
            b.header("Accept", accept);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void withoutCredentialsOnlyTheSafePartIsShownAndNoOneIsAsked() throws Exception {
        HttpResponse<String> r = get("GET", "/", null, "text/html,application/xhtml+xml,*/*");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), r.headers().toString());
        assertTrue(r.body().contains("9.9.9") && r.body().contains("unit.example") && r.body().contains("AA:BB")
                && r.body().contains(">healthy<"), r.body());
        assertFalse(r.body().contains(POOL), r.body());
        assertTrue(r.headers().firstValue("Content-Security-Policy").orElse("").startsWith("default-src 'none'"));
        assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(""));
        assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(""));
        assertTrue(checked.isEmpty(), "nobody to check: " + checked);
    }

    @Test
    void aStaleMirrorMakesThePageDegraded() throws Exception {
        health.set(new MirrorHealth(true, true, Instant.parse("2026-12-06T17:59:00Z"), "10.0.0.1", "master gone"));
        HttpResponse<String> r = get("GET", "/", null, "application/json");
        assertEquals("application/json;charset=utf-8", r.headers().firstValue("Content-Type").orElse(""));
        assertEquals("{\"version\":\"9.9.9\",\"certificate\":{\"cn\":\"unit.example\",\"sha256\":\"AA:BB\"},"
                + "\"health\":\"degraded\",\"view\":\"public\"}\n", r.body());
    }

    @Test
    void aPoolAdminSeesThePool() throws Exception {
        HttpResponse<String> r = get("GET", "/", "admin", null);
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains(POOL) && r.body().contains("-a:basic -u:admin -p:&lt;password of admin&gt; -skipcacheck"), r.body());
        HttpResponse<String> j = get("GET", "/?view=full", "admin", "application/json");
        assertTrue(j.body().contains("\"view\":\"pool-admin\"") && j.body().contains("\"name\":\"Unit pool\"")
                && j.body().contains("\"lagSeconds\":5"), j.body());
        assertEquals(List.of("admin", "admin"), checked);
    }

    @Test
    void lowerRolesGetTheSafePartOr403WhenTheyAskForTheFullOne() throws Exception {
        for (String user : List.of("reader", "op")) {
            HttpResponse<String> r = get("GET", "/", user, null);
            assertEquals(200, r.statusCode(), user);
            assertFalse(r.body().contains(POOL), r.body());
            assertTrue(r.body().contains("Signed in as " + user), r.body());
            HttpResponse<String> full = get("GET", "/?view=full", user, "application/json");
            assertEquals(403, full.statusCode(), user);
            assertFalse(full.body().contains(POOL), full.body());
            assertTrue(full.body().contains("pool-admin"), full.body());
        }
    }

    @Test
    void askingForTheFullPageWithoutOrWithWrongCredentialsIsChallenged() throws Exception {
        for (String user : new String[] {null, "bad"}) {
            HttpResponse<String> r = get("GET", "/?view=full", user, null);
            assertEquals(401, r.statusCode(), user);
            assertEquals("Basic realm=\"xenwbem\"", r.headers().firstValue("WWW-Authenticate").orElse(""));
            assertFalse(r.body().contains(POOL));
        }
        assertEquals(401, get("GET", "/", "bad", null).statusCode(), "wrong credentials are refused, not ignored");
    }

    @Test
    void onlyGetAndHeadAreAnswered() throws Exception {
        HttpResponse<String> head = get("HEAD", "/", "admin", null);
        assertEquals(200, head.statusCode());
        assertEquals("", head.body());
        long length = head.headers().firstValueAsLong("Content-Length").orElse(-1);
        assertEquals(get("GET", "/", "admin", null).body().getBytes(StandardCharsets.UTF_8).length, length, 
                "HEAD announces the GET's length");
        for (String m : List.of("POST", "PUT", "DELETE", "OPTIONS")) {
            HttpResponse<String> r = get(m, "/", "admin", null);
            assertEquals(405, r.statusCode(), m);
            assertEquals("GET, HEAD", r.headers().firstValue("Allow").orElse(""), m);
            assertFalse(r.body().contains(POOL), m);
        }
    }
}
