package org.xenwbem.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The per-user limits end to end, over HTTPS against the daemon started with small ones (2 open
 * enumerations per protocol, 2 subscriptions, 2 operations in progress): the user past each limit gets
 * WinRM's fault (wsman:QuotaLimit, ERROR_WSMAN_QUOTA_LIMIT or ERROR_WSMAN_QUOTA_MAX_OPERATIONS) or
 * CIM_ERR_SERVER_LIMITS_EXCEEDED on CIM-XML, and another user is served meanwhile. Each test gives back
 * what it took, so the next starts from nothing held.
 */
class UserLimitsTest {
    static final String CS = DaemonFixture.P + "Xen_ComputerSystem";
    static final String WSEN = "http://schemas.xmlsoap.org/ws/2004/09/enumeration";
    static final String WSE = "http://schemas.xmlsoap.org/ws/2004/08/eventing";
    private static final Pattern CONTEXT = Pattern.compile("<[A-Za-z]+:EnumerationContext>([^<]+)</");
    private static final Pattern IDENTIFIER = Pattern.compile("<[A-Za-z]+:Identifier[^>]*>([^<]+)</");
    private static final Pattern CODE = Pattern.compile("WSManFault[^>]* Code=\"(\\d+)\"");
    private static DaemonFixture fx;
    private final HttpClient http = RawHttps.client();

    @BeforeAll
    static void start() throws Exception {
        fx = new DaemonFixture(4, 1, 1, o -> {
            o.maxEnumerationsPerUser = 2;
            o.maxSubscriptionsPerUser = 2;
            o.maxOperationsPerUser = 2;
        });
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    @Test
    void enumerationContextsPerUserOnBothProtocols() throws Exception {
        List<String> held = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            held.add(match(CONTEXT, ok(wsman("reader", WSEN + "/Enumerate", "", "<n:Enumerate/>"))));
        }
        String over = wsman("reader", WSEN + "/Enumerate", "", "<n:Enumerate/>");
        assertTrue(over.contains("QuotaLimit"), over);
        assertEquals(0x8033803FL, code(over), "ERROR_WSMAN_QUOTA_LIMIT: " + over);
        String other = ok(wsman("operator", WSEN + "/Enumerate", "", "<n:Enumerate/>"));
        release("operator", match(CONTEXT, other));
        for (int i = 0; i < 2; i++) {
            assertFalse(cimxml("reader", "OpenEnumerateInstances").contains("<ERROR"));
        }
        String cimOver = cimxml("reader", "OpenEnumerateInstances");
        assertTrue(cimOver.contains("<ERROR CODE=\"27\""), "CIM_ERR_SERVER_LIMITS_EXCEEDED: " + cimOver);
        assertFalse(cimxml("operator", "OpenEnumerateInstances").contains("<ERROR"), "operator is not held back");
        for (String ctx : held) {
            release("reader", ctx);
        }
        release("reader", match(CONTEXT, ok(wsman("reader", WSEN + "/Enumerate", "", "<n:Enumerate/>"))));
    }

    @Test
    void subscriptionsPerUser() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            ids.add(match(IDENTIFIER, ok(subscribe("reader"))));
        }
        String over = subscribe("reader");
        assertTrue(over.contains("QuotaLimit"), over);
        assertEquals(0x8033803FL, code(over), "ERROR_WSMAN_QUOTA_LIMIT: " + over);
        String other = ok(subscribe("operator"));
        unsubscribe("operator", match(IDENTIFIER, other));
        for (String id : ids) {
            unsubscribe("reader", id);
        }
    }

    /** Two Pulls waiting for events hold both of reader's places; reader's next request is refused, operator's is not. */
    @Test
    void operationsInProgressPerUser() throws Exception {
        List<String> ids = new ArrayList<>();
        List<CompletableFuture<String>> waiting = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String sub = ok(subscribe("reader"));
            ids.add(match(IDENTIFIER, sub));
            String pull = "<n:Pull><n:EnumerationContext>" + match(CONTEXT, sub) + "</n:EnumerationContext>"
                    + "<n:MaxTime>PT6S</n:MaxTime></n:Pull>";
            waiting.add(CompletableFuture.supplyAsync(() -> quietly(() -> wsman("reader", WSEN + "/Pull", "", pull))));
        }
        awaitInProgress(2);
        String over = wsman("reader", "http://schemas.xmlsoap.org/ws/2004/09/transfer/Get", vmSelectors(), "");
        assertTrue(over.contains("QuotaLimit"), over);
        assertEquals(0x803381A6L, code(over), "ERROR_WSMAN_QUOTA_MAX_OPERATIONS: " + over);
        String cim = cimxml("reader", "EnumerateInstanceNames");
        assertTrue(cim.contains("<ERROR CODE=\"27\""), "CIM_ERR_SERVER_LIMITS_EXCEEDED: " + cim);
        ok(wsman("operator", "http://schemas.xmlsoap.org/ws/2004/09/transfer/Get", vmSelectors(), ""));
        for (CompletableFuture<String> w : waiting) {
            assertTrue(w.get().contains("TimedOut"), "no event came, so each Pull timed out: " + w.get());
        }
        ok(wsman("reader", "http://schemas.xmlsoap.org/ws/2004/09/transfer/Get", vmSelectors(), ""));
        for (String id : ids) {
            unsubscribe("reader", id);
        }
    }

    private void awaitInProgress(int n) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        Pattern p = Pattern.compile("\"operationsInProgress\":(\\d+)");
        while (System.nanoTime() < deadline) {
            HttpRequest req = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + fx.port() + "/"))
                    .header("Accept", "application/json").header("Authorization", RawHttps.basic("root", DaemonFixture.PASSWORD))
                    .GET().build();
            Matcher m = p.matcher(http.send(req, HttpResponse.BodyHandlers.ofString()).body());
            // the status page is not a WS-Man or CIM-XML operation: it counts for nothing
            if (m.find() && Integer.parseInt(m.group(1)) >= n) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the Pulls were never seen in progress");
    }

    private String vmSelectors() {
        return "<w:SelectorSet><w:Selector Name=\"CreationClassName\">Xen_ComputerSystem</w:Selector>"
                + "<w:Selector Name=\"Name\">" + fx.systemVmUuids().get(0) + "</w:Selector></w:SelectorSet>";
    }

    private String subscribe(String user) throws Exception {
        return wsman(user, WSE + "/Subscribe", "", "<e:Subscribe><e:Delivery Mode=\"http://schemas.dmtf.org/wbem/wsman/1/"
                + "wsman/Pull\"/><e:Expires>PT10M</e:Expires></e:Subscribe>");
    }

    private void unsubscribe(String user, String id) throws Exception {
        ok(wsman(user, WSE + "/Unsubscribe", "<e:Identifier>" + id + "</e:Identifier>", "<e:Unsubscribe/>"));
    }

    private void release(String user, String ctx) throws Exception {
        ok(wsman(user, WSEN + "/Release", "", "<n:Release><n:EnumerationContext>" + ctx
                + "</n:EnumerationContext></n:Release>"));
    }

    private String wsman(String user, String action, String headers, String body) throws Exception {
        String xml = "<s:Envelope xmlns:s=\"" + SoapReply.SOAP + "\" xmlns:a=\"" + SoapReply.WSA + "\" xmlns:n=\"" + WSEN
                + "\" xmlns:e=\"" + WSE + "\" xmlns:w=\"" + SoapReply.WSMAN + "\"><s:Header><a:To>" + fx.wsmanUrl()
                + "</a:To><w:ResourceURI s:mustUnderstand=\"true\">" + CS + "</w:ResourceURI><a:ReplyTo><a:Address>"
                + SoapReply.WSA + "/role/anonymous</a:Address></a:ReplyTo><a:Action s:mustUnderstand=\"true\">" + action
                + "</a:Action><a:MessageID>uuid:" + UUID.randomUUID() + "</a:MessageID>" + headers + "</s:Header><s:Body>"
                + body + "</s:Body></s:Envelope>";
        HttpRequest req = HttpRequest.newBuilder(URI.create(fx.wsmanUrl())).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/soap+xml;charset=UTF-8")
                .header("Authorization", RawHttps.basic(user, DaemonFixture.PASSWORD))
                .POST(HttpRequest.BodyPublishers.ofString(xml)).build();
        return http.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).body();
    }

    private String cimxml(String user, String method) throws Exception {
        String body = "<?xml version=\"1.0\" encoding=\"utf-8\"?><CIM CIMVERSION=\"2.0\" DTDVERSION=\"2.0\">"
                + "<MESSAGE ID=\"14\" PROTOCOLVERSION=\"1.0\"><SIMPLEREQ><IMETHODCALL NAME=\"" + method + "\">"
                + "<LOCALNAMESPACEPATH><NAMESPACE NAME=\"root\"/><NAMESPACE NAME=\"cimv2\"/></LOCALNAMESPACEPATH>"
                + "<IPARAMVALUE NAME=\"ClassName\"><CLASSNAME NAME=\"Xen_ComputerSystem\"/></IPARAMVALUE>"
                + (method.startsWith("Open") ? "<IPARAMVALUE NAME=\"MaxObjectCount\"><VALUE>0</VALUE></IPARAMVALUE>" : "")
                + "</IMETHODCALL></SIMPLEREQ></MESSAGE></CIM>";
        HttpRequest req = HttpRequest.newBuilder(URI.create(fx.wsmanUrl().replace("/wsman", "/cimom")))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/xml; charset=\"utf-8\"")
                .header("Authorization", RawHttps.basic(user, DaemonFixture.PASSWORD))
                .header("CIMOperation", "MethodCall").header("CIMMethod", method).header("CIMObject", "root%2Fcimv2")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }

    private static String ok(String x) {
        assertFalse(x.contains(":Fault>"), x);
        return x;
    }

    private static long code(String x) {
        Matcher m = CODE.matcher(x);
        assertTrue(m.find(), "a WSManFault code: " + x);
        return Long.parseLong(m.group(1));
    }

    private static String match(Pattern p, String x) {
        Matcher m = p.matcher(x);
        assertTrue(m.find(), p + " in " + x);
        assertNotNull(m.group(1));
        return m.group(1);
    }

    private interface Call {
        String run() throws Exception;
    }

    private static String quietly(Call c) {
        try {
            return c.run();
        } catch (Exception e) {
            return e.toString();
        }
    }
}
