package org.xenwbem.provider.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xenwbem.provider.cimom.indications.SubscriptionInfo;

/** The HTML and JSON forms of a status report: what each audience sees, and that every value is escaped. */
class StatusRenderTest {
    static final String EVIL = "<script>alert('x')</script>&\"";
    static final Instant T0 = Instant.parse("2026-12-06T18:00:00Z");

    static StatusReport report(String vmName) {
        StatusReport.Detail d = new StatusReport.Detail("root", T0.plusSeconds(90),
                new StatusReport.Pool("p-1", "Lab pool", "h-1", "xs-01", false),
                List.of(new StatusReport.Host("h-1", "xs-01", "10.0.0.1", "up", true, 2, List.of(vmName, "web")),
                        new StatusReport.Host("h-2", "xs-02", "10.0.0.2", "down", false, 0, List.of())),
                new StatusReport.Xapi("10.0.0.1", true, false, T0.plusSeconds(88), 2L, ""),
                List.of(new StatusReport.Job("t-1", "CopyDiskImage", "Xen_StorageJob", "root", "Running", 42, T0, null, "")),
                List.of(new StatusReport.Job("t-0", "ConnectToDiskImage", "Xen_ConnectToDiskImageJob", "root",
                        "Exception", 100, T0, T0.plusSeconds(3), "SR_FULL " + EVIL)),
                List.of(new StatusReport.Transfer("HANDLE1", "vdi-1", "disk of " + vmName, 1L << 30, true, "root", T0,
                        T0, 0, false)),
                List.of(new SubscriptionInfo("uuid:s1", "ws-eventing", "root", "Push", "https://listener.example/ev",
                        T0.plusSeconds(600), "Xen_ComputerSystem")),
                "winrm enum X -r:https://h:5989 -encoding:utf-8 -a:basic -u:root -p:<password of root>");
        return new StatusReport("1.2.3", "h.example", "AB:CD", StatusReport.HEALTHY, d);
    }

    @Test
    void theFullPageShowsThePoolHostsJobsTransfersSubscriptionsAndTheWinrmLine() {
        String html = StatusHtml.render(report("db"), null, false);
        for (String s : List.of("Lab pool", "xs-01", "xs-02", "(master)", "10.0.0.2", "down", "db, web", "CopyDiskImage",
                "value=\"42\"", "SR_FULL", "disk of db", "1.0 GiB", "read", "https://listener.example/ev",
                "winrm enum X -r:https://h:5989 -encoding:utf-8 -a:basic -u:root -p:&lt;password of root&gt;", "2 s ago",
                "1.2.3", "AB:CD", "healthy")) {
            assertTrue(html.contains(s), s + " missing from\n" + html);
        }
    }

    @Test
    void aVmNamedLikeAScriptIsText() {
        String html = StatusHtml.render(report(EVIL), null, false);
        assertFalse(html.contains("<script"), html);
        assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;"), html);
        String json = StatusJson.render(report(EVIL));
        assertFalse(json.contains("<script"), json);
        assertTrue(json.contains("\"\\u003cscript\\u003ealert('x')\\u003c/script\\u003e\\u0026\\\""), json);
    }

    @Test
    void theSafePartShowsNoPoolData() {
        StatusReport safe = report("db").safe();
        String html = StatusHtml.render(safe, "Signed in as reader (read-only)", true);
        for (String s : List.of("Lab pool", "xs-01", "db", "CopyDiskImage", "HANDLE1", "winrm", "10.0.0.1")) {
            assertFalse(html.contains(s), s + " shown to everyone:\n" + html);
        }
        assertTrue(html.contains("1.2.3") && html.contains("h.example") && html.contains("AB:CD")
                && html.contains("healthy") && html.contains("href=\"/?view=full\"") && html.contains("reader"), html);
        assertEquals("{\"version\":\"1.2.3\",\"certificate\":{\"cn\":\"h.example\",\"sha256\":\"AB:CD\"},"
                + "\"health\":\"healthy\",\"view\":\"public\"}\n", StatusJson.render(safe));
    }

    @Test
    void theJsonShapeIsTheDocumentedOne() {
        String json = StatusJson.render(report("db"));
        String[] inOrder = {"\"version\":\"1.2.3\"", "\"view\":\"pool-admin\"", "\"user\":\"root\"",
                "\"generatedAt\":\"2026-12-06T18:01:30Z\"",
                "\"pool\":{\"uuid\":\"p-1\",\"name\":\"Lab pool\",\"masterUuid\":\"h-1\",\"masterName\":\"xs-01\",\"haEnabled\":false}",
                "\"hosts\":[{\"uuid\":\"h-1\",\"name\":\"xs-01\",\"address\":\"10.0.0.1\",\"state\":\"up\",\"master\":true,"
                        + "\"runningVmCount\":2,\"runningVms\":[\"db\",\"web\"]},",
                "\"xapi\":{\"master\":\"10.0.0.1\",\"synced\":true,\"stale\":false,\"lastHeard\":\"2026-12-06T18:01:28Z\","
                        + "\"lagSeconds\":2,\"problem\":\"\"}",
                "\"jobs\":{\"running\":[{\"id\":\"t-1\",\"method\":\"CopyDiskImage\",\"class\":\"Xen_StorageJob\","
                        + "\"owner\":\"root\",\"state\":\"Running\",\"percent\":42,\"started\":\"2026-12-06T18:00:00Z\","
                        + "\"finished\":null,\"error\":\"\"}],\"recent\":[",
                "\"transfers\":[{\"handle\":\"HANDLE1\",\"vdiUuid\":\"vdi-1\",\"vdiName\":\"disk of db\","
                        + "\"diskSize\":1073741824,\"readOnly\":true,\"owner\":\"root\"",
                "\"subscriptions\":[{\"id\":\"uuid:s1\",\"protocol\":\"ws-eventing\",\"owner\":\"root\",\"mode\":\"Push\","
                        + "\"destination\":\"https://listener.example/ev\",\"expires\":\"2026-12-06T18:10:00Z\"",
                "\"winrm\":\"winrm enum X -r:https://h:5989 -encoding:utf-8 -a:basic -u:root -p:\\u003cpassword of root\\u003e\""};
        int at = 0;
        for (String s : inOrder) {
            int i = json.indexOf(s, at);
            assertTrue(i >= at, s + " not found (in order) in\n" + json);
            at = i + s.length();
        }
        assertTrue(json.endsWith("}\n"), json);
    }

    @Test
    void theContentSecurityPolicyAllowsOnlyThePagesOwnStyle() {
        String csp = StatusHtml.CONTENT_SECURITY_POLICY;
        assertTrue(csp.startsWith("default-src 'none'; style-src 'sha256-"), csp);
        assertFalse(csp.contains("unsafe"), csp);
        assertTrue(csp.contains("frame-ancestors 'none'") && csp.contains("form-action 'none'"), csp);
    }

    @Test
    void aDestinationNeverShowsItsCredentials() {
        assertEquals("https://listener.example:8443/events",
                SubscriptionInfo.safeAddress(java.net.URI.create("https://u:secret@listener.example:8443/events?k=secret")));
    }
}
