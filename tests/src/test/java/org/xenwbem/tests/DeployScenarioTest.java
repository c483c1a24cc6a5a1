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
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xenwbem.bridge.PowerState;
import org.xenwbem.bridge.sim.SimulatedPool;

/**
 * Deploy from template as SCVMM and the anchor's scripts did (anchor §9): DefineSystem with a
 * template ReferenceConfiguration and RASDs, over WS-Man (XML element instances, EPRs) and over
 * CIM-XML (MOF-syntax embedded instances, a reference string); the returned Job is polled with Get
 * until Completed/100 %, then the simulated pool must hold the VM as asked; DestroySystem removes it
 * (and refuses a running VM with CIM_ERR_FAILED and the reason).
 */
class DeployScenarioTest {
    private static final String P = DaemonFixture.P;
    private static final String VSMS = "Xen_VirtualSystemManagementService";
    private static final Pattern JOB_ID = Pattern.compile("Name=\"InstanceID\">(Xen:[0-9a-f-]{36})<");
    private static final Pattern JOB_KEY = Pattern.compile("NAME=\"InstanceID\"><KEYVALUE[^>]*>(Xen:[0-9a-f-]{36})<");
    private static final Pattern UUID_NAME = Pattern.compile("(?:Name=\"Name\">|NAME=\"Name\"><KEYVALUE[^>]*>)([0-9a-f-]{36})<");
    private static DaemonFixture fx;
    private static final HttpClient HTTP = RawHttps.client();

    @BeforeAll
    static void start() throws Exception {
        fx = new DaemonFixture(3);
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    private static String template() {
        return fx.templateUuids().stream()
                .filter(u -> String.valueOf(fx.sim().vmRecord(u).get("other_config")).contains("disks"))
                .findFirst().orElseThrow();
    }

    private static String network() {
        return fx.sim().uuids("network").get(0);
    }

    private static Map<String, String> service() {
        return Map.of("CreationClassName", VSMS, "Name", "Xen Hypervisor",
                "SystemCreationClassName", "Xen_HostComputerSystem", "SystemName", fx.sim().masterUuid());
    }

    // ---- WS-Man ----

    private static String selectors(Map<String, String> keys) {
        StringBuilder sb = new StringBuilder("<w:SelectorSet>");
        keys.forEach((k, v) -> sb.append("<w:Selector Name=\"").append(k).append("\">").append(v).append("</w:Selector>"));
        return sb.append("</w:SelectorSet>").toString();
    }

    private static String epr(String param, String cls, Map<String, String> keys) {
        return "<q:" + param + "><a:Address>https://localhost/wsman</a:Address><a:ReferenceParameters><w:ResourceURI>"
                + P + cls + "</w:ResourceURI>" + selectors(keys) + "</a:ReferenceParameters></q:" + param + ">";
    }

    private static String element(String param, String cls, Map<String, String> props) {
        StringBuilder sb = new StringBuilder("<q:" + param + "><c:" + cls + " xmlns:c=\"" + P + cls + "\">");
        props.forEach((k, v) -> sb.append("<c:").append(k).append(">").append(v).append("</c:").append(k).append(">"));
        return sb.append("</c:").append(cls).append("></q:").append(param).append(">").toString();
    }

    private static String wsman(String user, String action, String cls, Map<String, String> keys, String body)
            throws Exception {
        String url = fx.wsmanUrl();
        String xml = "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\""
                + " xmlns:a=\"http://schemas.xmlsoap.org/ws/2004/08/addressing\""
                + " xmlns:w=\"http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd\"><s:Header><a:To>" + url + "</a:To>"
                + "<a:ReplyTo><a:Address s:mustUnderstand=\"true\">"
                + "http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</a:Address></a:ReplyTo>"
                + "<a:Action s:mustUnderstand=\"true\">" + action + "</a:Action>"
                + "<a:MessageID>uuid:" + UUID.randomUUID() + "</a:MessageID>"
                + "<w:ResourceURI s:mustUnderstand=\"true\">" + P + cls + "</w:ResourceURI>" + selectors(keys)
                + "</s:Header><s:Body>" + body + "</s:Body></s:Envelope>";
        HttpRequest req = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/soap+xml;charset=UTF-8")
                .header("Authorization", RawHttps.basic(user, DaemonFixture.PASSWORD))
                .POST(HttpRequest.BodyPublishers.ofString(xml)).build();
        return HTTP.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).body();
    }

    private static String invoke(String user, String method, String params) throws Exception {
        String uri = P + VSMS;
        return wsman(user, uri + "/" + method, VSMS, service(),
                "<q:" + method + "_INPUT xmlns:q=\"" + uri + "\">" + params + "</q:" + method + "_INPUT>");
    }

    private static String value(String xml, String element) {
        Matcher m = Pattern.compile("<[a-zA-Z0-9]+:" + element + ">([^<]*)</[a-zA-Z0-9]+:" + element + ">").matcher(xml);
        return m.find() ? m.group(1) : null;
    }

    private static String first(Pattern p, String text) {
        Matcher m = p.matcher(text);
        assertTrue(m.find(), p + " in " + text);
        return m.group(1);
    }

    /** Polls the job with WS-Man Get until it ends; asserts Completed and 100 %. */
    private static void awaitCompleted(String jobClass, String instanceId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            last = wsman("root", "http://schemas.xmlsoap.org/ws/2004/09/transfer/Get", jobClass,
                    Map.of("InstanceID", instanceId), "");
            String state = value(last, "JobState");
            if ("7".equals(state)) {
                assertEquals("100", value(last, "PercentComplete"), last);
                return;
            }
            assertFalse("10".equals(state) || "9".equals(state), "job failed: " + last);
            Thread.sleep(50);
        }
        throw new AssertionError("job did not finish: " + last);
    }

    private static List<String> children(String cls, String vm) {
        return fx.sim().uuids(cls).stream()
                .filter(u -> vm.equals(fx.sim().uuidOfRef("VM", String.valueOf(fx.sim().record(cls, u).get("VM")))))
                .toList();
    }

    private static void assertDeployed(String vm, String name) {
        Map<String, Object> rec = fx.sim().vmRecord(vm);
        assertEquals(name, rec.get("name_label"));
        assertEquals(false, rec.get("is_a_template"));
        assertEquals("2", String.valueOf(rec.get("VCPUs_max")));
        List<String> disks = children("VBD", vm).stream()
                .filter(b -> "Disk".equals(fx.sim().record("VBD", b).get("type"))).toList();
        assertEquals(2, disks.size(), "the template's provisioned disk and the requested one");
        assertEquals(1, children("VIF", vm).size());
    }

    private static void destroy(String vm) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        String r;
        do { // the daemon's mirror sees the finished VM a moment after xapi
            r = invoke("root", "DestroySystem", epr("AffectedSystem", "Xen_ComputerSystem",
                    Map.of("CreationClassName", "Xen_ComputerSystem", "Name", vm)));
            Thread.sleep(20);
        } while (!"0".equals(value(r, "ReturnValue")) && System.nanoTime() < deadline);
        assertEquals("0", value(r, "ReturnValue"), r);
        assertFalse(fx.sim().uuids("VM").contains(vm));
    }

    @Test
    void deploysFromTemplateOverWsman() throws Exception {
        String params = element("SystemSettings", "Xen_ComputerSystemSettingData",
                Map.of("ElementName", "wsman-vm", "VirtualSystemType", "DMTF:xen:HVM"))
                + element("ResourceSettings", "Xen_ProcessorSettingData", Map.of("ResourceType", "3", "VirtualQuantity", "2"))
                + element("ResourceSettings", "Xen_DiskSettingData", Map.of("ResourceType", "19",
                        "VirtualQuantity", "4", "AllocationUnits", "byte*2^30", "ElementName", "data"))
                + element("ResourceSettings", "Xen_NetworkPortSettingData", Map.of("ResourceType", "33",
                        "PoolID", network()))
                + epr("ReferenceConfiguration", "Xen_ComputerSystemTemplate", Map.of("InstanceID", "Xen:" + template()));
        String r = invoke("root", "DefineSystem", params);
        assertEquals("4096", value(r, "ReturnValue"), r);
        String vm = first(UUID_NAME, r);
        awaitCompleted("Xen_VirtualSystemModifyResourcesJob", first(JOB_ID, r));
        assertDeployed(vm, "wsman-vm");
        destroy(vm);
    }

    @Test
    void addsReadsAndRemovesAGuestKeyValuePairOverWsman() throws Exception {
        String vm = fx.systemVmUuids().stream()
                .filter(u -> !Boolean.TRUE.equals(fx.sim().vmRecord(u).get("is_control_domain"))).findFirst().orElseThrow();
        String r = invoke("root", "AddResourceSetting", epr("AffectedSystem", "Xen_ComputerSystem",
                Map.of("CreationClassName", "Xen_ComputerSystem", "Name", vm))
                + element("ResourceSetting", "Xen_KVPSettingData", Map.of("ResourceType", "40000", "key", "owner",
                        "value", "ops &amp; db")));
        assertEquals("0", value(r, "ReturnValue"), r);
        assertTrue(r.contains("Xen:" + vm + "/owner"), r);
        assertEquals("ops & db", ((Map<?, ?>) fx.sim().vmRecord(vm).get("xenstore_data")).get("vm-data/owner"));
        Map<String, String> keys = Map.of("SystemCreationClassName", "Xen_ComputerSystem", "SystemName", vm,
                "CreationClassName", "Xen_KVP", "DeviceID", "Xen:" + vm + "/owner");
        String got = wsman("root", "http://schemas.xmlsoap.org/ws/2004/09/transfer/Get", "Xen_KVP", keys, "");
        assertEquals("ops &amp; db", value(got, "Value"), "read-your-writes: " + got);
        assertEquals("owner", value(got, "Key"), got);
        String rm = invoke("root", "RemoveResourceSettings", epr("ResourceSettings", "Xen_KVPSettingData",
                Map.of("InstanceID", "Xen:" + vm + "/owner")));
        assertEquals("0", value(rm, "ReturnValue"), rm);
        assertFalse(((Map<?, ?>) fx.sim().vmRecord(vm).get("xenstore_data")).containsKey("vm-data/owner"));
        String gone = wsman("root", "http://schemas.xmlsoap.org/ws/2004/09/transfer/Get", "Xen_KVP", keys, "");
        assertTrue(gone.contains("DestinationUnreachable"), gone);
    }

    @Test
    void deploysFromTemplateOverCimXmlWithMofInstances() throws Exception {
        String body = "<?xml version=\"1.0\" encoding=\"utf-8\"?><CIM CIMVERSION=\"2.0\" DTDVERSION=\"2.0\">"
                + "<MESSAGE ID=\"9\" PROTOCOLVERSION=\"1.0\"><SIMPLEREQ><METHODCALL NAME=\"DefineSystem\">"
                + "<LOCALINSTANCEPATH><LOCALNAMESPACEPATH><NAMESPACE NAME=\"root\"/><NAMESPACE NAME=\"cimv2\"/>"
                + "</LOCALNAMESPACEPATH><INSTANCENAME CLASSNAME=\"" + VSMS + "\">" + keyBindings(service())
                + "</INSTANCENAME></LOCALINSTANCEPATH>"
                + "<PARAMVALUE NAME=\"SystemSettings\"><VALUE>" + escape("instance of Xen_ComputerSystemSettingData {"
                        + " ElementName = \"cimxml-vm\"; VirtualSystemType = \"DMTF:xen:HVM\"; };") + "</VALUE></PARAMVALUE>"
                + "<PARAMVALUE NAME=\"ResourceSettings\"><VALUE.ARRAY>"
                + "<VALUE>" + escape("instance of Xen_ProcessorSettingData { ResourceType = 3; VirtualQuantity = 2; };")
                + "</VALUE><VALUE>" + escape("instance of Xen_DiskSettingData { ResourceType = 19; VirtualQuantity = 2048;"
                        + " AllocationUnits = \"byte*2^20\"; ElementName = \"data\"; };")
                + "</VALUE><VALUE>" + escape("instance of Xen_NetworkPortSettingData { ResourceType = 33; PoolID = \""
                        + network() + "\"; };")
                + "</VALUE></VALUE.ARRAY></PARAMVALUE>"
                + "<PARAMVALUE NAME=\"ReferenceConfiguration\"><VALUE>" + escape("root/cimv2:Xen_ComputerSystemTemplate."
                        + "InstanceID=\"Xen:" + template() + "\"") + "</VALUE></PARAMVALUE>"
                + "</METHODCALL></SIMPLEREQ></MESSAGE></CIM>";
        HttpRequest req = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + fx.port() + "/cimom"))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/xml; charset=utf-8")
                .header("CIMOperation", "MethodCall").header("CIMMethod", "DefineSystem")
                .header("CIMObject", "root%2Fcimv2%3A" + VSMS)
                .header("Authorization", RawHttps.basic("root", DaemonFixture.PASSWORD))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> resp = HTTP.send(req, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, resp.statusCode(), resp.body());
        String r = resp.body();
        assertTrue(r.contains("<RETURNVALUE") && r.contains(">4096<"), r);
        String vm = first(UUID_NAME, r);
        awaitCompleted("Xen_VirtualSystemModifyResourcesJob", first(JOB_KEY, r));
        assertDeployed(vm, "cimxml-vm");
        destroy(vm);
    }

    @Test
    void aDeployThatFailsMidwayLeavesNothingBehind() throws Exception {
        List<Integer> before = counts();
        fx.daemon.simulatedPool(SimulatedPool.class).faults().on("VIF.create").once().fail("SR_FULL", "injected");
        String r = invoke("root", "DefineSystem", element("SystemSettings", "Xen_ComputerSystemSettingData",
                Map.of("ElementName", "doomed"))
                + element("ResourceSettings", "Xen_DiskSettingData", Map.of("ResourceType", "19",
                        "VirtualQuantity", "1073741824"))
                + element("ResourceSettings", "Xen_NetworkPortSettingData", Map.of("ResourceType", "33",
                        "PoolID", network()))
                + epr("ReferenceConfiguration", "Xen_ComputerSystemTemplate", Map.of("InstanceID", "Xen:" + template())));
        assertEquals("4096", value(r, "ReturnValue"), r);
        String id = first(JOB_ID, r);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String job;
        do {
            job = wsman("root", "http://schemas.xmlsoap.org/ws/2004/09/transfer/Get",
                    "Xen_VirtualSystemModifyResourcesJob", Map.of("InstanceID", id), "");
            Thread.sleep(50);
        } while (!"10".equals(value(job, "JobState")) && System.nanoTime() < deadline);
        assertEquals("10", value(job, "JobState"), job);
        assertTrue(String.valueOf(value(job, "ErrorDescription")).contains("SR_FULL"), job);
        assertEquals(before, counts());
        assertTrue(fx.sim().vmUuidByName("doomed").isEmpty());
    }

    @Test
    void destroyingARunningVmSaysWhyOverCimXml() throws Exception {
        String vm = fx.systemVmUuids().stream()
                .filter(u -> fx.sim().vmPowerState(u) == PowerState.Running
                        && !Boolean.TRUE.equals(fx.sim().vmRecord(u).get("is_control_domain")))
                .findFirst().orElseThrow();
        String body = "<?xml version=\"1.0\" encoding=\"utf-8\"?><CIM CIMVERSION=\"2.0\" DTDVERSION=\"2.0\">"
                + "<MESSAGE ID=\"11\" PROTOCOLVERSION=\"1.0\"><SIMPLEREQ><METHODCALL NAME=\"DestroySystem\">"
                + "<LOCALINSTANCEPATH><LOCALNAMESPACEPATH><NAMESPACE NAME=\"root\"/><NAMESPACE NAME=\"cimv2\"/>"
                + "</LOCALNAMESPACEPATH><INSTANCENAME CLASSNAME=\"" + VSMS + "\">" + keyBindings(service())
                + "</INSTANCENAME></LOCALINSTANCEPATH><PARAMVALUE NAME=\"AffectedSystem\"><VALUE>"
                + escape("root/cimv2:Xen_ComputerSystem.CreationClassName=\"Xen_ComputerSystem\",Name=\"" + vm + "\"")
                + "</VALUE></PARAMVALUE></METHODCALL></SIMPLEREQ></MESSAGE></CIM>";
        HttpRequest req = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + fx.port() + "/cimom"))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/xml; charset=utf-8")
                .header("CIMOperation", "MethodCall").header("CIMMethod", "DestroySystem")
                .header("CIMObject", "root%2Fcimv2%3A" + VSMS)
                .header("Authorization", RawHttps.basic("root", DaemonFixture.PASSWORD))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        String r = HTTP.send(req, HttpResponse.BodyHandlers.ofString()).body();
        Matcher error = Pattern.compile("<ERROR CODE=\"1\" DESCRIPTION=\"([^\"]*)\"").matcher(r);
        assertTrue(error.find(), "CIM_ERR_FAILED, as the anchor answered: " + r);
        String name = String.valueOf(fx.sim().vmRecord(vm).get("name_label"));
        for (String part : List.of(name, vm, "is Running", "halted", "RequestStateChange 3")) {
            assertTrue(error.group(1).contains(part), part + " in " + error.group(1));
        }
        assertEquals(PowerState.Running, fx.sim().vmPowerState(vm), "never shut down for the caller");
    }

    private static List<Integer> counts() {
        return List.of(fx.sim().count("VM"), fx.sim().count("VDI"), fx.sim().count("VBD"), fx.sim().count("VIF"));
    }

    @Test
    void onlyVmAdminsMayDeploy() throws Exception {
        int vms = fx.sim().count("VM");
        String params = epr("ReferenceConfiguration", "Xen_ComputerSystemTemplate", Map.of("InstanceID", "Xen:" + template()));
        for (String user : List.of("operator", "reader")) {
            String r = invoke(user, "DefineSystem", params);
            assertTrue(r.contains("AccessDenied"), user + ": " + r);
        }
        assertEquals(vms, fx.sim().count("VM"));
    }

    private static String keyBindings(Map<String, String> keys) {
        StringBuilder sb = new StringBuilder();
        keys.forEach((k, v) -> sb.append("<KEYBINDING NAME=\"").append(k).append("\"><KEYVALUE VALUETYPE=\"string\">")
                .append(v).append("</KEYVALUE></KEYBINDING>"));
        return sb.toString();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
