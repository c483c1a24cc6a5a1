package org.xenwbem.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xenwbem.bridge.PowerState;

/**
 * The status page of a real daemon over HTTPS, for each audience: anyone (the safe part), the
 * simulated pool's read-only and vm-operator users (the safe part, 403 for {@code ?view=full}) and
 * root (pool-admin: everything, HTML and JSON). A VM named like a script shows as text; a WS-Eventing
 * subscription shows with its owner. The real browser's view is {@link StatusPageBrowserTest}.
 */
class StatusPageTest {
    static final String EVIL = "<script>document.title='owned'</script>";
    private static DaemonFixture fx;
    private static HttpClient http;
    private static String evilVm;

    @BeforeAll
    static void start() throws Exception {
        fx = new DaemonFixture(4, 1, 1, o -> o.simHosts = 3);
        http = RawHttps.client();
        evilVm = fx.systemVmUuids().stream().filter(u -> fx.sim().vmPowerState(u) == PowerState.Running
                && !Boolean.TRUE.equals(fx.sim().vmRecord(u).get("is_control_domain"))).findFirst().orElseThrow();
        fx.sim().renameVm(evilVm, EVIL);
        awaitPage("root", "&lt;script&gt;");
    }

    @AfterAll
    static void stop() {
        if (fx != null) {
            fx.close();
        }
    }

    static HttpResponse<String> get(String method, String path, String user, String password, String accept)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + fx.port() + path))
                .timeout(Duration.ofSeconds(30)).method(method, HttpRequest.BodyPublishers.noBody());
        if (user != null) {
            b.header("Authorization", RawHttps.basic(user, password));
        }
        if (accept != null) {
            b.header("Accept", accept);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(String path, String user, String accept) throws Exception {
        return get("GET", path, user, DaemonFixture.PASSWORD, accept);
    }

    /** Waits until the mirror has the change the page must show. */
    static void awaitPage(String user, String text) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        String body = "";
        while (System.nanoTime() < deadline) {
            body = get("/", user, null).body();
            if (body.contains(text)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(text + " never showed:\n" + body);
    }

    private static List<String> poolNames() {
        List<String> names = new java.util.ArrayList<>();
        names.add(String.valueOf(fx.sim().record("pool", fx.sim().poolUuid()).get("name_label")));
        fx.sim().hostUuids().forEach(h -> names.add(String.valueOf(fx.sim().hostRecord(h).get("name_label"))));
        return names;
    }

    @Test
    void anyoneSeesTheVersionCertificateAndHealthOnly() throws Exception {
        HttpResponse<String> r = get("/", null, null);
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains(fx.daemon.identity().sha256Fingerprint())
                && r.body().contains(fx.daemon.identity().commonName()) && r.body().contains(">healthy<"), r.body());
        for (String name : poolNames()) {
            assertFalse(r.body().contains(name), name + " shown without credentials");
        }
        assertFalse(r.body().contains("script"), r.body());
        assertTrue(r.headers().firstValue("Content-Security-Policy").orElse("").contains("default-src 'none'"));
        Map<String, Object> json = MiniJson.object(get("/", null, "application/json").body());
        assertEquals(List.of("version", "certificate", "health", "view"), List.copyOf(json.keySet()));
        assertEquals("healthy", json.get("health"));
    }

    @Test
    void readOnlyAndVmOperatorUsersSeeTheSafePartAnd403ForTheFullOne() throws Exception {
        for (String user : List.of("reader", "operator")) {
            HttpResponse<String> r = get("/", user, null);
            assertEquals(200, r.statusCode(), user);
            assertTrue(r.body().contains("Signed in as " + user), r.body());
            for (String name : poolNames()) {
                assertFalse(r.body().contains(name), name + " shown to " + user);
            }
            HttpResponse<String> full = get("/?view=full", user, "application/json");
            assertEquals(403, full.statusCode(), user);
            assertTrue(full.body().contains("pool-admin"), full.body());
        }
        assertEquals(401, get("GET", "/", "root", "wrong", null).statusCode());
        assertEquals(401, get("/?view=full", null, null).statusCode());
    }

    @Test
    @SuppressWarnings("unchecked")
    void aPoolAdminSeesThePoolAndItsHostsAsHtmlAndJson() throws Exception {
        HttpResponse<String> r = get("/", "root", null);
        assertEquals(200, r.statusCode());
        for (String name : poolNames()) {
            assertTrue(r.body().contains(name), name + " missing:\n" + r.body());
        }
        assertTrue(r.body().contains("winrm enum http://schemas.citrix.com/wbem/wscim/1/cim-schema/2/"
                + "Xen_HostComputerSystem -r:https://127.0.0.1:" + fx.port() + " -encoding:utf-8 -a:basic -u:root"
                + " -p:&lt;password of root&gt; -skipcacheck"), r.body());
        assertFalse(r.body().contains(DaemonFixture.PASSWORD) || r.body().contains("OpaqueRef"), r.body());
        Map<String, Object> json = MiniJson.object(get("/", "root", "application/json").body());
        assertEquals("pool-admin", json.get("view"));
        assertEquals(fx.sim().poolUuid(), ((Map<String, Object>) json.get("pool")).get("uuid"));
        assertEquals(fx.sim().masterUuid(), ((Map<String, Object>) json.get("pool")).get("masterUuid"));
        List<Object> hosts = (List<Object>) json.get("hosts");
        assertEquals(3, hosts.size(), hosts.toString());
        Map<String, Object> xapi = (Map<String, Object>) json.get("xapi");
        assertEquals(Boolean.TRUE, xapi.get("synced"));
        assertEquals(Boolean.FALSE, xapi.get("stale"));
    }

    @Test
    void aVmNamedLikeAScriptIsShownAsText() throws Exception {
        String html = get("/", "root", null).body();
        assertFalse(html.contains("<script"), html);
        assertTrue(html.contains("&lt;script&gt;document.title=&#39;owned&#39;&lt;/script&gt;"), html);
        String json = get("/", "root", "application/json").body();
        assertFalse(json.contains("<script"), json);
        assertTrue(MiniJson.object(json).toString().contains(EVIL), json);
    }

    @Test
    void onlyGetAndHead() throws Exception {
        HttpResponse<String> head = get("HEAD", "/", "root", DaemonFixture.PASSWORD, null);
        assertEquals(200, head.statusCode());
        assertEquals("", head.body());
        assertTrue(head.headers().firstValueAsLong("Content-Length").orElse(0) > 1000, head.headers().toString());
        for (String m : List.of("POST", "PUT", "DELETE", "PATCH")) {
            HttpResponse<String> r = get(m, "/", "root", DaemonFixture.PASSWORD, null);
            assertEquals(405, r.statusCode(), m);
            assertEquals("GET, HEAD", r.headers().firstValue("Allow").orElse(""));
        }
    }

    /** A WS-Eventing Pull subscription by root, as a WS-Man client makes it. */
    static void subscribePull(DaemonFixture fx, HttpClient http) throws Exception {
        String wse = "http://schemas.xmlsoap.org/ws/2004/08/eventing";
        String xml = "<s:Envelope xmlns:s=\"" + SoapReply.SOAP + "\" xmlns:a=\"" + SoapReply.WSA + "\" xmlns:w=\""
                + SoapReply.WSMAN + "\" xmlns:e=\"" + wse + "\"><s:Header><a:To>" + fx.wsmanUrl() + "</a:To>"
                + "<a:MessageID>uuid:status-1</a:MessageID><a:ReplyTo><a:Address>" + SoapReply.WSA
                + "/role/anonymous</a:Address></a:ReplyTo><a:Action s:mustUnderstand=\"true\">" + wse + "/Subscribe"
                + "</a:Action><w:ResourceURI>" + DaemonFixture.P + "Xen_ComputerSystem</w:ResourceURI></s:Header><s:Body>"
                + "<e:Subscribe><e:Delivery Mode=\"http://schemas.dmtf.org/wbem/wsman/1/wsman/Pull\"/>"
                + "<e:Expires>PT10M</e:Expires></e:Subscribe></s:Body></s:Envelope>";
        HttpResponse<byte[]> r = RawHttps.send(http, RawHttps.post(fx.wsmanUrl(), xml.getBytes(StandardCharsets.UTF_8),
                "application/soap+xml;charset=UTF-8"));
        assertEquals(200, r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
    }

    @Test
    void aSubscriptionIsListedWithItsOwner() throws Exception {
        subscribePull(fx, http);
        String json = get("/", "root", "application/json").body();
        assertTrue(json.contains("\"protocol\":\"ws-eventing\",\"owner\":\"root\",\"mode\":\"Pull\""), json);
    }
}
