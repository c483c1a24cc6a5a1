package org.xenwbem.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xenwbem.bridge.PowerState;

/**
 * WS-Eventing and CIM-XML indications end to end: a daemon over HTTPS on an ephemeral port, the
 * simulated pool changed through its state, and local receivers (a WS-Man push sink and a CIM-XML
 * listener, JDK HttpServer on 127.0.0.1) that record what arrives.
 */
class EventingTest {
    static final String WSE = "http://schemas.xmlsoap.org/ws/2004/08/eventing";
    static final String EVENT = "http://schemas.dmtf.org/wbem/wsman/1/wsman/Event";
    static final String HEARTBEAT = "http://schemas.dmtf.org/wbem/wsman/1/wsman/Heartbeat";
    static final String ACK = "http://schemas.dmtf.org/wbem/wsman/1/wsman/Ack";
    static final String CS = DaemonFixture.P + "Xen_ComputerSystem";
    static DaemonFixture fx;
    static HttpClient http;
    static Sink sink;

    /** Records POSTs; answers 200, or a wsman:Ack when the message asks for one. */
    static final class Sink implements AutoCloseable {
        record Received(String path, Map<String, String> headers, String body) {
            String action() {
                Matcher m = Pattern.compile("<wsa:Action[^>]*>([^<]*)</wsa:Action>").matcher(body);
                return m.find() ? m.group(1) : null;
            }
        }

        final HttpServer server;
        final BlockingQueue<Received> received = new LinkedBlockingQueue<>();

        Sink() throws Exception {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", ex -> {
                Map<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                ex.getRequestHeaders().forEach((k, v) -> h.put(k, String.join(",", v)));
                String body;
                try (InputStream in = ex.getRequestBody()) {
                    body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
                received.add(new Received(ex.getRequestURI().getPath(), h, body));
                byte[] out = body.contains("AckRequested") ? ack(body).getBytes(StandardCharsets.UTF_8) : new byte[0];
                ex.sendResponseHeaders(200, out.length == 0 ? -1 : out.length);
                try (OutputStream os = ex.getResponseBody()) {
                    os.write(out);
                }
            });
            server.start();
        }

        static String ack(String event) {
            Matcher m = Pattern.compile("<wsa:MessageID>([^<]*)</wsa:MessageID>").matcher(event);
            m.find();
            return "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\" xmlns:a=\"" + SoapReply.WSA
                    + "\"><s:Header><a:Action>" + ACK + "</a:Action><a:RelatesTo>" + m.group(1)
                    + "</a:RelatesTo></s:Header><s:Body/></s:Envelope>";
        }

        String url(String path) {
            return "http://127.0.0.1:" + server.getAddress().getPort() + path;
        }

        /** The next POST to {@code path} with {@code action} (null: any), others skipped; null after the wait. */
        Received next(String path, String action, long millis) throws InterruptedException {
            long end = System.currentTimeMillis() + millis;
            while (true) {
                long left = end - System.currentTimeMillis();
                Received r = left <= 0 ? null : received.poll(left, TimeUnit.MILLISECONDS);
                if (r == null || (r.path().equals(path) && (action == null || action.equals(r.action())))) {
                    return r;
                }
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    @BeforeAll
    static void start() throws Exception {
        fx = new DaemonFixture(6);
        http = RawHttps.client();
        sink = new Sink();
    }

    @AfterAll
    static void stop() {
        if (sink != null) {
            sink.close();
        }
        if (fx != null) {
            fx.close();
        }
        assertEquals(0, eventingThreads(), "eventing threads left after close");
    }

    static long eventingThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("xenwbem-eventing"))
                .filter(Thread::isAlive).count();
    }

    static String envelope(String action, String uri, String headers, String body) {
        return "<s:Envelope xmlns:s=\"" + SoapReply.SOAP + "\" xmlns:a=\"" + SoapReply.WSA + "\" xmlns:w=\""
                + SoapReply.WSMAN + "\" xmlns:e=\"" + WSE + "\" xmlns:n=\"" + SoapReply.WSEN + "\"><s:Header>"
                + "<a:To>" + fx.wsmanUrl() + "</a:To><a:MessageID>uuid:e2e-1</a:MessageID>"
                + "<a:ReplyTo><a:Address>" + SoapReply.WSA + "/role/anonymous</a:Address></a:ReplyTo>"
                + "<a:Action s:mustUnderstand=\"true\">" + action + "</a:Action>"
                + (uri == null ? "" : "<w:ResourceURI>" + uri + "</w:ResourceURI>")
                + "<w:OperationTimeout>PT10S</w:OperationTimeout>" + (headers == null ? "" : headers)
                + "</s:Header><s:Body>" + body + "</s:Body></s:Envelope>";
    }

    static String subscribe(String mode, String notifyTo, String delivery, String rest) {
        return "<e:Subscribe><e:Delivery Mode=\"" + mode + "\">"
                + (notifyTo == null ? "" : "<e:NotifyTo><a:Address>" + notifyTo + "</a:Address></e:NotifyTo>")
                + delivery + "</e:Delivery>" + rest + "</e:Subscribe>";
    }

    static SoapReply wsman(String xml) throws Exception {
        return SoapReply.of(RawHttps.send(http, RawHttps.post(fx.wsmanUrl(), xml.getBytes(StandardCharsets.UTF_8),
                "application/soap+xml;charset=UTF-8")));
    }

    static String identifier(SoapReply r) {
        return r.text(WSE, "Identifier");
    }

    static void unsubscribe(String id) throws Exception {
        SoapReply r = wsman(envelope(WSE + "/Unsubscribe", CS, "<e:Identifier>" + id + "</e:Identifier>",
                "<e:Unsubscribe/>"));
        assertEquals(200, r.status);
    }

    static String vmNamed(PowerState state) {
        for (String u : fx.systemVmUuids()) {
            if (fx.sim().vmPowerState(u) == state && !Boolean.TRUE.equals(fx.sim().vmRecord(u).get("is_control_domain"))) {
                return u;
            }
        }
        throw new AssertionError("the simulated pool has no VM " + state);
    }

    @Test
    void pushDeliversAModificationWithTheNewState() throws Exception {
        SoapReply r = wsman(envelope(WSE + "/Subscribe", CS, null,
                subscribe(WSE + "/DeliveryModes/Push", sink.url("/push"), "", "<e:Expires>PT2M</e:Expires>")));
        assertEquals(200, r.status, new String(r.bytes, StandardCharsets.UTF_8));
        String id = identifier(r);
        String vm = vmNamed(PowerState.Halted);
        fx.sim().setVmPowerState(vm, PowerState.Running);
        Sink.Received ev = sink.next("/push", EVENT, 10_000);
        assertNotNull(ev, "no event within 10 s");
        assertTrue(ev.body().contains("Xen_ComputerSystemModification") && ev.body().contains(vm), ev.body());
        String source = ev.body().substring(ev.body().indexOf("SourceInstance>"));
        assertTrue(source.contains("<p:EnabledState>2</p:EnabledState>"), source);
        unsubscribe(id);
    }

    @Test
    void pushWithAckAndWqlFilterOnTheSourceInstance() throws Exception {
        String filter = "<w:Filter Dialect=\"http://schemas.microsoft.com/wbem/wsman/1/WQL\">"
                + "SELECT * FROM Xen_ComputerSystem WHERE EnabledState = 2</w:Filter>";
        SoapReply r = wsman(envelope(WSE + "/Subscribe", DaemonFixture.P + "Xen_ComputerSystemModification", null,
                subscribe("http://schemas.dmtf.org/wbem/wsman/1/wsman/PushWithAck", sink.url("/ack"), "", filter)));
        assertEquals(200, r.status, new String(r.bytes, StandardCharsets.UTF_8));
        String vm = vmNamed(PowerState.Running);
        fx.sim().renameVm(vm, "renamed-while-running");
        Sink.Received ev = sink.next("/ack", EVENT, 10_000);
        assertNotNull(ev, "a change of a running VM passes the filter");
        assertTrue(ev.body().contains("<wsman:AckRequested/>") && ev.body().contains("renamed-while-running"), ev.body());
        fx.sim().setVmPowerState(vm, PowerState.Halted);
        assertNull(sink.next("/ack", EVENT, 2_000), "stopping is filtered out (EnabledState 3)");
        unsubscribe(identifier(r));
    }

    @Test
    void pullModeReturnsCreationAndTimesOutWhenIdle() throws Exception {
        SoapReply r = wsman(envelope(WSE + "/Subscribe", CS, null,
                subscribe("http://schemas.dmtf.org/wbem/wsman/1/wsman/Pull", null, "", "")));
        assertEquals(200, r.status, new String(r.bytes, StandardCharsets.UTF_8));
        String ctx = r.text(SoapReply.WSEN, "EnumerationContext");
        String pull = envelope(SoapReply.WSEN + "/Pull", CS, null, "<n:Pull><n:EnumerationContext>" + ctx
                + "</n:EnumerationContext><n:MaxTime>PT0.5S</n:MaxTime><n:MaxElements>10</n:MaxElements></n:Pull>");
        SoapReply idle = wsman(pull);
        assertEquals(500, idle.status);
        assertTrue(new String(idle.bytes, StandardCharsets.UTF_8).contains("TimedOut"));
        String created = fx.sim().addVm("pulled-vm", PowerState.Halted);
        SoapReply items = null;
        for (int i = 0; i < 20 && (items == null || items.status != 200); i++) {
            items = wsman(pull);
        }
        String text = new String(items.bytes, StandardCharsets.UTF_8);
        assertEquals(200, items.status, text);
        assertTrue(text.contains("Xen_ComputerSystemCreation") && text.contains(created), text);
        assertNull(items.first(SoapReply.WSEN, "EndOfSequence"));
        fx.sim().removeVm(created);
        SoapReply gone = wsman(pull.replace("PT0.5S", "PT5S"));
        assertTrue(new String(gone.bytes, StandardCharsets.UTF_8).contains("Xen_ComputerSystemDeletion"));
        unsubscribe(identifier(r));
        assertTrue(new String(wsman(pull).bytes, StandardCharsets.UTF_8).contains("InvalidEnumerationContext"));
    }

    @Test
    void renewGetStatusUnsubscribeAndExpiryWithHeartbeats() throws Exception {
        String endTo = "<e:EndTo><a:Address>" + sink.url("/end") + "</a:Address></e:EndTo>";
        SoapReply r = wsman(envelope(WSE + "/Subscribe", CS, null, subscribe(WSE + "/DeliveryModes/Push",
                sink.url("/beat"), "<w:Heartbeats>PT1S</w:Heartbeats>", endTo + "<e:Expires>PT3S</e:Expires>")));
        String id = identifier(r);
        String header = "<e:Identifier>" + id + "</e:Identifier>";
        SoapReply status = wsman(envelope(WSE + "/GetStatus", CS, header, "<e:GetStatus/>"));
        assertEquals(200, status.status);
        assertTrue(Duration.parse(status.text(WSE, "Expires")).compareTo(Duration.ofSeconds(3)) <= 0);
        SoapReply renewed = wsman(envelope(WSE + "/Renew", CS, header, "<e:Renew><e:Expires>PT4S</e:Expires></e:Renew>"));
        assertEquals("PT4S", renewed.text(WSE, "Expires"));
        assertNotNull(sink.next("/beat", HEARTBEAT, 5_000), "a heartbeat while idle");
        Sink.Received end = sink.next("/end", null, 10_000);
        assertNotNull(end, "SubscriptionEnd at expiry");
        assertTrue(end.body().contains(WSE + "/SubscriptionEnd") && end.body().contains(id), end.body());
        SoapReply afterwards = wsman(envelope(WSE + "/GetStatus", CS, header, "<e:GetStatus/>"));
        assertEquals(500, afterwards.status);
    }

    @Test
    void badSubscriptionsGetPreciseFaults() throws Exception {
        SoapReply batched = wsman(envelope(WSE + "/Subscribe", CS, null,
                subscribe("http://schemas.dmtf.org/wbem/wsman/1/wsman/Events", sink.url("/x"), "", "")));
        String text = new String(batched.bytes, StandardCharsets.UTF_8);
        assertEquals(500, batched.status);
        assertTrue(text.contains("DeliveryModeRequestedUnavailable") && text.contains("wsman/PushWithAck"), text);
        SoapReply badQuery = wsman(envelope(WSE + "/Subscribe", CS, null, subscribe(WSE + "/DeliveryModes/Push",
                sink.url("/x"), "", "<w:Filter Dialect=\"http://schemas.dmtf.org/wbem/wsman/1/WQL\">SELECT nonsense"
                        + "</w:Filter>")));
        assertTrue(new String(badQuery.bytes, StandardCharsets.UTF_8).contains("CannotProcessFilter"));
        SoapReply unknown = wsman(envelope(WSE + "/Unsubscribe", CS, "<e:Identifier>uuid:nope</e:Identifier>",
                "<e:Unsubscribe/>"));
        assertEquals(500, unknown.status);
    }

    static String cimxml(String method, String params) throws Exception {
        String body = "<?xml version=\"1.0\" encoding=\"utf-8\"?><CIM CIMVERSION=\"2.0\" DTDVERSION=\"2.0\">"
                + "<MESSAGE ID=\"7\" PROTOCOLVERSION=\"1.0\"><SIMPLEREQ><IMETHODCALL NAME=\"" + method + "\">"
                + "<LOCALNAMESPACEPATH><NAMESPACE NAME=\"root\"/><NAMESPACE NAME=\"interop\"/></LOCALNAMESPACEPATH>"
                + params + "</IMETHODCALL></SIMPLEREQ></MESSAGE></CIM>";
        HttpRequest req = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + fx.port() + "/cimom"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/xml; charset=utf-8")
                .header("CIMOperation", "MethodCall").header("CIMMethod", method).header("CIMObject", "root%2Finterop")
                .header("Authorization", RawHttps.basic("root", DaemonFixture.PASSWORD))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }

    static String create(String cls, String props) throws Exception {
        return cimxml("CreateInstance", "<IPARAMVALUE NAME=\"NewInstance\"><INSTANCE CLASSNAME=\"" + cls + "\">" + props
                + "</INSTANCE></IPARAMVALUE>");
    }

    static String prop(String name, String value) {
        return "<PROPERTY NAME=\"" + name + "\" TYPE=\"string\"><VALUE>" + value + "</VALUE></PROPERTY>";
    }

    /** The INSTANCENAME a CreateInstance returned. */
    static String instanceName(String response) {
        Matcher m = Pattern.compile("(<INSTANCENAME.*?</INSTANCENAME>)", Pattern.DOTALL).matcher(response);
        assertTrue(m.find(), response);
        return m.group(1);
    }

    @Test
    void cimXmlListenerGetsExportIndication() throws Exception {
        String filter = create("CIM_IndicationFilter", prop("Name", "e2e-filter") + prop("Query",
                "SELECT * FROM CIM_InstModification WHERE SourceInstance ISA Xen_ComputerSystem")
                + prop("QueryLanguage", "WQL") + prop("SourceNamespace", "root/cimv2"));
        String dest = create("CIM_ListenerDestinationCIMXML", prop("Name", "e2e-listener")
                + prop("Destination", sink.url("/cimxml")));
        String sub = create("CIM_IndicationSubscription", "<PROPERTY.REFERENCE NAME=\"Filter\"><VALUE.REFERENCE>"
                + instanceName(filter) + "</VALUE.REFERENCE></PROPERTY.REFERENCE><PROPERTY.REFERENCE NAME=\"Handler\">"
                + "<VALUE.REFERENCE>" + instanceName(dest) + "</VALUE.REFERENCE></PROPERTY.REFERENCE>");
        assertFalse(sub.contains("<ERROR"), sub);
        String vm = vmNamed(PowerState.Running);
        fx.sim().setVmPowerState(vm, PowerState.Suspended);
        Sink.Received ex = sink.next("/cimxml", null, 10_000);
        assertNotNull(ex, "no ExportIndication within 10 s");
        assertEquals("MethodRequest", ex.headers().get("CIMExport"));
        assertEquals("ExportIndication", ex.headers().get("CIMExportMethod"));
        assertTrue(ex.body().contains("<EXPPARAMVALUE NAME=\"NewIndication\"><INSTANCE CLASSNAME="
                + "\"Xen_ComputerSystemModification\">") && ex.body().contains(vm), ex.body());
        String subName = "<INSTANCENAME CLASSNAME=\"CIM_IndicationSubscription\"><KEYBINDING NAME=\"Filter\">"
                + "<VALUE.REFERENCE>" + instanceName(filter) + "</VALUE.REFERENCE></KEYBINDING><KEYBINDING NAME=\"Handler\">"
                + "<VALUE.REFERENCE>" + instanceName(dest) + "</VALUE.REFERENCE></KEYBINDING></INSTANCENAME>";
        String deleted = cimxml("DeleteInstance", "<IPARAMVALUE NAME=\"InstanceName\">" + subName + "</IPARAMVALUE>");
        assertFalse(deleted.contains("<ERROR"), deleted);
    }
}
