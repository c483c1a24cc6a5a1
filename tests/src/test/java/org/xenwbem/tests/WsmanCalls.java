package org.xenwbem.tests;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Raw WS-Management calls as a given user (Get, Invoke with EPR parameters), for scenario tests. */
public final class WsmanCalls {
    static final String P = DaemonFixture.P;
    private final HttpClient http = RawHttps.client();
    private final String url;

    public WsmanCalls(DaemonFixture fx) {
        this(fx.wsmanUrl());
    }

    /** Calls to the daemon at {@code wsmanUrl} (a {@link ChildDaemon}'s), users' password {@link DaemonFixture#PASSWORD}. */
    public WsmanCalls(String wsmanUrl) {
        this.url = wsmanUrl;
    }

    /** Enumerate with OptimizeEnumeration: the first {@code max} instances of {@code cls}, in the response. */
    public String enumerate(String user, String cls, int max) throws Exception {
        return post(user, envelope("http://schemas.xmlsoap.org/ws/2004/09/enumeration/Enumerate", P + cls, null,
                "<n:Enumerate xmlns:n=\"http://schemas.xmlsoap.org/ws/2004/09/enumeration\"><w:OptimizeEnumeration/>"
                        + "<w:MaxElements>" + max + "</w:MaxElements></n:Enumerate>"));
    }

    static String selectors(Map<String, String> keys) {
        StringBuilder sb = new StringBuilder("<w:SelectorSet>");
        keys.forEach((k, v) -> sb.append("<w:Selector Name=\"").append(k).append("\">").append(v).append("</w:Selector>"));
        return sb.append("</w:SelectorSet>").toString();
    }

    /** An EPR-valued parameter. */
    public static String epr(String param, String cls, Map<String, String> keys) {
        String prefix = cls.startsWith("Xen_") ? P : "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/";
        return "<q:" + param + "><a:Address>https://localhost/wsman</a:Address><a:ReferenceParameters><w:ResourceURI>"
                + prefix + cls + "</w:ResourceURI>" + selectors(keys) + "</a:ReferenceParameters></q:" + param + ">";
    }

    private String envelope(String action, String uri, Map<String, String> keys, String body) {
        return "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\""
                + " xmlns:a=\"http://schemas.xmlsoap.org/ws/2004/08/addressing\""
                + " xmlns:w=\"http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd\"><s:Header><a:To>" + url + "</a:To>"
                + "<a:Action s:mustUnderstand=\"true\">" + action + "</a:Action>"
                + "<a:MessageID>uuid:" + UUID.randomUUID() + "</a:MessageID>"
                + "<w:ResourceURI s:mustUnderstand=\"true\">" + uri + "</w:ResourceURI>"
                + (keys == null ? "" : selectors(keys)) + "</s:Header><s:Body>" + body + "</s:Body></s:Envelope>";
    }

    String post(String user, String xml) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/soap+xml;charset=UTF-8")
                .header("Authorization", RawHttps.basic(user, DaemonFixture.PASSWORD))
                .POST(HttpRequest.BodyPublishers.ofString(xml)).build();
        HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return r.body();
    }

    public String invoke(String user, String cls, Map<String, String> keys, String method, String params) throws Exception {
        String uri = (cls.startsWith("Xen_") ? P : "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/") + cls;
        String body = "<q:" + method + "_INPUT xmlns:q=\"" + uri + "\">" + params + "</q:" + method + "_INPUT>";
        return post(user, envelope(uri + "/" + method, uri, keys, body));
    }

    public String get(String user, String cls, Map<String, String> keys) throws Exception {
        return post(user, envelope("http://schemas.xmlsoap.org/ws/2004/09/transfer/Get", P + cls, keys, ""));
    }

    public static String value(String xml, String element) {
        Matcher m = Pattern.compile("<[a-zA-Z]+:" + element + ">([^<]*)</[a-zA-Z]+:" + element + ">").matcher(xml);
        return m.find() ? m.group(1) : null;
    }

    /** Waits for the job a method returned (its Job EPR) to finish; returns its final instance. */
    public String awaitJob(String user, String response) throws Exception {
        return awaitJob(user, response, Duration.ofSeconds(90));
    }

    /** As {@link #awaitJob(String, String)}, waiting at most {@code limit} (a job on a slow xapi). */
    public String awaitJob(String user, String response, Duration limit) throws Exception {
        Matcher cls = Pattern.compile("<p:Job>.*?<wsman:ResourceURI>[^<]*/(Xen_[A-Za-z]+Job)</wsman:ResourceURI>",
                Pattern.DOTALL).matcher(response);
        Matcher id = Pattern.compile("<wsman:Selector Name=\"InstanceID\">([^<]+)</wsman:Selector>").matcher(response);
        if (!cls.find() || !id.find()) {
            throw new AssertionError("no Job in " + response);
        }
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            String job = get(user, cls.group(1), Map.of("InstanceID", id.group(1)));
            String state = value(job, "JobState");
            if ("7".equals(state) || "8".equals(state) || "9".equals(state) || "10".equals(state)) {
                return job;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("job " + id.group(1) + " did not finish");
    }
}
