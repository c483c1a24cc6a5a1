package org.xenwbem.tests.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.xenwbem.tests.RawHttps;

/**
 * One soak client's requests, raw WS-Management as a WinRM-style client sends them: Get of a VM,
 * Enumerate + Pull + Release of Xen_ComputerSystem in small pages, the whole class paged through to
 * its end, Invoke of CheckVirtualSystemIsMigratableToHost (a synchronous read of xapi, no state
 * changed), and a WS-Eventing pull-mode Subscribe followed by its Unsubscribe. Each request's
 * latency goes to {@link SoakStats} under its kind; a non-200 answer, a SOAP fault or an exception is
 * an error of that kind.
 */
final class SoakClient {
    static final String P = "http://schemas.citrix.com/wbem/wscim/1/cim-schema/2/";
    static final String CS = P + "Xen_ComputerSystem";
    static final String MIGRATION = P + "Xen_VirtualSystemMigrationService";
    private static final String WSEN = "http://schemas.xmlsoap.org/ws/2004/09/enumeration";
    private static final String WSE = "http://schemas.xmlsoap.org/ws/2004/08/eventing";
    private static final String WSMAN = "http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd";
    private static final Pattern CONTEXT = Pattern.compile("<[A-Za-z]+:EnumerationContext>([^<]+)</");
    private static final Pattern IDENTIFIER = Pattern.compile("<[A-Za-z]+:Identifier[^>]*>([^<]+)</");
    private static final Pattern SELECTORS = Pattern.compile("<wsman:SelectorSet>.*?</wsman:SelectorSet>", Pattern.DOTALL);

    /** What the clients aim at: VMs' selector sets and uuids, hosts' uuids, the migration service's selectors. */
    record Targets(List<String> vmSelectors, List<String> vmUuids, List<String> hostUuids, String migrationSelectors) {
    }

    private final HttpClient http;
    private final String url;
    private final String password;
    private final Targets targets;
    private final SoakStats stats;

    SoakClient(HttpClient http, String url, String password, Targets targets, SoakStats stats) {
        this.http = http;
        this.url = url;
        this.password = password;
        this.targets = targets;
        this.stats = stats;
    }

    /** One step of the mix, as {@code user}: 50 % Get, 20 % Enumerate/Pull, 2 % whole list, 15 % Invoke, 13 % Subscribe. */
    void step(String user) {
        int r = ThreadLocalRandom.current().nextInt(100);
        if (r < 50 || r >= 72 && r < 87 && user.equals("reader")) {
            get(user);
        } else if (r < 70) {
            enumeratePull(user);
        } else if (r < 72) {
            wholeList(user);
        } else if (r < 87) {
            invoke(user);
        } else {
            subscribe(user);
        }
    }

    private void get(String user) {
        int i = ThreadLocalRandom.current().nextInt(targets.vmSelectors().size());
        call("get", user, envelope("http://schemas.xmlsoap.org/ws/2004/09/transfer/Get", CS,
                targets.vmSelectors().get(i), ""));
    }

    private void enumeratePull(String user) {
        String x = call("enumerate", user, envelope(WSEN + "/Enumerate", CS, "",
                "<n:Enumerate><w:OptimizeEnumeration/><w:MaxElements>20</w:MaxElements></n:Enumerate>"));
        String ctx = x == null || x.contains("EndOfSequence") ? null : match(CONTEXT, x);
        if (ctx == null) {
            return;
        }
        x = call("pull", user, pull(ctx, 20));
        ctx = x == null || x.contains("EndOfSequence") ? null : match(CONTEXT, x);
        if (ctx != null) {
            call("release", user, envelope(WSEN + "/Release", CS, "",
                    "<n:Release><n:EnumerationContext>" + ctx + "</n:EnumerationContext></n:Release>"));
        }
    }

    /** The whole class: an optimized Enumerate asking for everything, then Pull until EndOfSequence. */
    private void wholeList(String user) {
        long t0 = System.nanoTime();
        String x = call("whole-list-page", user, envelope(WSEN + "/Enumerate", CS, "",
                "<n:Enumerate><w:OptimizeEnumeration/><w:MaxElements>100000</w:MaxElements></n:Enumerate>"));
        int pages = 1;
        while (x != null && !x.contains("EndOfSequence") && pages < 1000) {
            String ctx = match(CONTEXT, x);
            if (ctx == null) {
                stats.error("whole-list-page", "no context and no EndOfSequence");
                return;
            }
            x = call("whole-list-page", user, pull(ctx, 100000));
            pages++;
        }
        if (x != null) {
            stats.record("whole-list(total)", System.nanoTime() - t0);
        }
    }

    private void invoke(String user) {
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        int vm = rnd.nextInt(targets.vmSelectors().size());
        String host = targets.hostUuids().get(rnd.nextInt(targets.hostUuids().size()));
        String body = "<q:CheckVirtualSystemIsMigratableToHost_INPUT xmlns:q=\"" + MIGRATION + "\"><q:ComputerSystem>"
                + "<a:Address>" + url + "</a:Address><a:ReferenceParameters><w:ResourceURI>" + CS + "</w:ResourceURI>"
                + targets.vmSelectors().get(vm) + "</a:ReferenceParameters></q:ComputerSystem><q:DestinationHost>" + host
                + "</q:DestinationHost></q:CheckVirtualSystemIsMigratableToHost_INPUT>";
        String x = call("invoke", user, envelope(MIGRATION + "/CheckVirtualSystemIsMigratableToHost", MIGRATION,
                targets.migrationSelectors(), body));
        if (x != null && !x.contains("IsMigratable>")) {
            stats.error("invoke", "no IsMigratable in " + x.substring(0, Math.min(300, x.length())));
        }
    }

    private void subscribe(String user) {
        String x = call("subscribe", user, envelope(WSE + "/Subscribe", CS, "",
                "<e:Subscribe><e:Delivery Mode=\"http://schemas.dmtf.org/wbem/wsman/1/wsman/Pull\"/>"
                        + "<e:Expires>PT10M</e:Expires></e:Subscribe>"));
        String id = x == null ? null : match(IDENTIFIER, x);
        if (x != null && id == null) {
            stats.error("subscribe", "no Identifier in the answer");
        }
        if (id != null) {
            call("unsubscribe", user, envelope(WSE + "/Unsubscribe", CS, "<e:Identifier>" + id + "</e:Identifier>",
                    "<e:Unsubscribe/>"));
        }
    }

    private String pull(String ctx, int max) {
        return envelope(WSEN + "/Pull", CS, "", "<n:Pull><n:EnumerationContext>" + ctx
                + "</n:EnumerationContext><n:MaxElements>" + max + "</n:MaxElements></n:Pull>");
    }

    /** Sends one request and records its latency; the body when it was answered without a fault, else null. */
    private String call(String kind, String user, String xml) {
        long t0 = System.nanoTime();
        try {
            HttpResponse<String> r = post(user, xml);
            long took = System.nanoTime() - t0;
            String body = r.body();
            if (r.statusCode() != 200 || body.contains(":Fault>")) {
                stats.recordError(kind, took, "HTTP " + r.statusCode() + " " + reason(body));
                return null;
            }
            stats.record(kind, took);
            return body;
        } catch (Exception e) {
            stats.recordError(kind, System.nanoTime() - t0, e.toString());
            return null;
        }
    }

    HttpResponse<String> post(String user, String xml) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/soap+xml;charset=UTF-8")
                .header("Authorization", RawHttps.basic(user, password))
                .POST(HttpRequest.BodyPublishers.ofString(xml, StandardCharsets.UTF_8)).build();
        return http.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    String envelope(String action, String uri, String headers, String body) {
        return "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\""
                + " xmlns:a=\"http://schemas.xmlsoap.org/ws/2004/08/addressing\" xmlns:n=\"" + WSEN + "\""
                + " xmlns:e=\"" + WSE + "\" xmlns:w=\"" + WSMAN + "\" xmlns:wsman=\"" + WSMAN + "\"><s:Header>"
                + "<a:To>" + url + "</a:To><w:ResourceURI s:mustUnderstand=\"true\">" + uri + "</w:ResourceURI>"
                + "<a:ReplyTo><a:Address s:mustUnderstand=\"true\">"
                + "http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</a:Address></a:ReplyTo>"
                + "<a:Action s:mustUnderstand=\"true\">" + action + "</a:Action>"
                + "<a:MessageID>uuid:" + UUID.randomUUID() + "</a:MessageID>" + headers
                + "</s:Header><s:Body>" + body + "</s:Body></s:Envelope>";
    }

    /**
     * The selector set of every instance of a class whose text does not contain {@code skip}
     * (EnumerateObjectAndEPR, paged to its end), as root.
     */
    List<String> selectorSets(String uri, String skip) throws Exception {
        List<String> out = new ArrayList<>();
        String x = post("root", envelope(WSEN + "/Enumerate", uri, "", "<n:Enumerate><w:OptimizeEnumeration/>"
                + "<w:MaxElements>100000</w:MaxElements><w:EnumerationMode>EnumerateObjectAndEPR</w:EnumerationMode>"
                + "</n:Enumerate>")).body();
        while (true) {
            for (String item : x.split("<wsman:Item>")) {
                Matcher m = SELECTORS.matcher(item);
                if (m.find() && (skip == null || !item.contains(skip))) {
                    out.add(m.group());
                }
            }
            String ctx = x.contains("EndOfSequence") ? null : match(CONTEXT, x);
            if (ctx == null) {
                return out;
            }
            x = post("root", envelope(WSEN + "/Pull", uri, "", "<n:Pull><n:EnumerationContext>" + ctx
                    + "</n:EnumerationContext><n:MaxElements>100000</n:MaxElements></n:Pull>")).body();
        }
    }

    /** The value of the selector {@code name} in a selector set. */
    static String selector(String set, String name) {
        Matcher m = Pattern.compile("<wsman:Selector Name=\"" + name + "\">([^<]*)</").matcher(set);
        return m.find() ? m.group(1) : null;
    }

    private static String match(Pattern p, String x) {
        Matcher m = p.matcher(x);
        return m.find() ? m.group(1) : null;
    }

    private static String reason(String body) {
        Matcher m = Pattern.compile("<[A-Za-z:]*Text[^>]*>([^<]*)</").matcher(body);
        return m.find() ? m.group(1) : body.substring(0, Math.min(200, body.length()));
    }
}
