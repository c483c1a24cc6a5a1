package org.xenwbem.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xenwbem.bridge.PowerState;

/**
 * Editing in place with real clients against the real daemon: wsl's {@code wslput} (WS-Transfer Put,
 * fragment and whole instance) and sblim's {@code wbemcli mi} / {@code wbemcli sp} (CIM-XML
 * ModifyInstance and SetProperty). The name of a halted VM changes in xapi (the simulator) and
 * the very next Get shows it; a reader and a read-only property are refused with precise faults.
 */
class WritesEndToEndTest {
    private static final String VM_URI = DaemonFixture.P + "Xen_ComputerSystem";
    private static DaemonFixture fx;
    private static String vm;

    @BeforeAll
    static void start() throws Exception {
        fx = new DaemonFixture(6);
        vm = fx.systemVmUuids().stream().filter(u -> !Boolean.TRUE.equals(fx.sim().vmRecord(u).get("is_control_domain")))
                .findFirst().orElseThrow();
        fx.sim().setVmPowerState(vm, PowerState.Halted);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!new WsmanCalls(fx).get("root", "Xen_ComputerSystem", keys()).contains("<p:EnabledState>3</p:EnabledState>")
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    @AfterAll
    static void stop() {
        if (fx != null) {
            fx.close();
        }
    }

    private static Map<String, String> keys() {
        return Map.of("CreationClassName", "Xen_ComputerSystem", "Name", vm);
    }

    private static Object vmField(String field) {
        return fx.sim().vmRecord(vm).get(field);
    }

    private static ExternalTool.Result wsl(String dir, String user, String... args) throws Exception {
        ExternalTool.require("wsl");
        ExternalTool.require("xmllint");
        Path d = fx.scratch(dir);
        Map<String, String> env = Map.of("WSENDPOINT", "127.0.0.1:" + fx.port(), "WSUSER", user,
                "WSPASS", DaemonFixture.PASSWORD, "IPINTERACTIVE", "0", "WSAUTOMATED", "1", "KEEPHISTORY", "0",
                "HOME", d.toString(), "OUTLEVEL", "3");
        return ExternalTool.run(List.of(args), env, d, Duration.ofSeconds(90));
    }

    /** wslput finds the instance with a CQL filter on the VM's uuid, then puts. */
    private static ExternalTool.Result wslput(String dir, String user, String... propsAndOptions) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("wslput", VM_URI));
        cmd.addAll(List.of(propsAndOptions));
        cmd.addAll(List.of("-filter", "SELECT * FROM Xen_ComputerSystem WHERE Name = '" + vm + "'"));
        return wsl(dir, user, cmd.toArray(String[]::new));
    }

    private static ExternalTool.Result wbemcli(String dir, String user, String op, String... args) throws Exception {
        ExternalTool.require("wbemcli");
        String path = "https://" + user + ":" + DaemonFixture.PASSWORD + "@127.0.0.1:" + fx.port()
                + "/root/cimv2:Xen_ComputerSystem.CreationClassName=\"Xen_ComputerSystem\",Name=\"" + vm + "\"";
        List<String> cmd = new java.util.ArrayList<>(List.of("wbemcli", op, "-noverify", path));
        cmd.addAll(List.of(args));
        return ExternalTool.run(cmd, Map.of(), fx.scratch(dir), Duration.ofSeconds(60));
    }

    @Test
    void wslFragmentPutRenamesAHaltedVmAndTheNextGetShowsIt() throws Exception {
        ExternalTool.Result r = wslput("put-fragment", "root", "ElementName=renamed-by-wsl", "-fragment");
        assertTrue(r.out().contains("PutResponse"), r.toString());
        assertTrue(r.out().contains("<p:ElementName>renamed-by-wsl</p:ElementName>"), r.toString());
        assertEquals("renamed-by-wsl", vmField("name_label"));
        String get = new WsmanCalls(fx).get("root", "Xen_ComputerSystem", keys());
        assertTrue(get.contains("<p:ElementName>renamed-by-wsl</p:ElementName>"), "read back at once: " + get);
    }

    /**
     * Get, change one value, Put the whole instance back (wslput's own whole-instance mode cannot cut
     * an instance whose start tag declares its namespace, as WS-CIM's do, so this one is raw HTTPS).
     */
    @Test
    void aWholeInstancePutAfterAGetChangesTheDescriptionAndIgnoresUnchangedReadOnlyValues() throws Exception {
        WsmanCalls calls = new WsmanCalls(fx);
        String got = calls.get("root", "Xen_ComputerSystem", keys());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<p:Xen_ComputerSystem .*</p:Xen_ComputerSystem>",
                java.util.regex.Pattern.DOTALL).matcher(got);
        assertTrue(m.find(), got);
        String instance = m.group().replaceFirst("<p:Description>[^<]*</p:Description>",
                "<p:Description>described by a whole Put</p:Description>");
        String put = calls.post("root", "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\""
                + " xmlns:a=\"http://schemas.xmlsoap.org/ws/2004/08/addressing\""
                + " xmlns:w=\"http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd\"><s:Header><a:To>" + fx.wsmanUrl() + "</a:To>"
                + "<a:Action s:mustUnderstand=\"true\">http://schemas.xmlsoap.org/ws/2004/09/transfer/Put</a:Action>"
                + "<a:MessageID>uuid:" + java.util.UUID.randomUUID() + "</a:MessageID>"
                + "<w:ResourceURI s:mustUnderstand=\"true\">" + VM_URI + "</w:ResourceURI>" + WsmanCalls.selectors(keys())
                + "</s:Header><s:Body>" + instance + "</s:Body></s:Envelope>");
        assertTrue(put.contains("PutResponse") && put.contains("<p:Description>described by a whole Put</p:Description>"),
                put);
        assertTrue(put.contains("<p:Caption>Xen Virtual Machine</p:Caption>"), "the whole instance comes back: " + put);
        assertEquals("described by a whole Put", vmField("name_description"));
    }

    @Test
    void wslPutOfAReadOnlyPropertyNamesTheWritableOnes() throws Exception {
        Object before = vmField("name_label");
        ExternalTool.Result r = wslput("put-caption", "root", "Caption=mine", "-fragment");
        assertTrue(r.out().contains("InvalidRepresentation"), r.toString());
        assertTrue(r.out().contains("Caption is read-only in Xen_ComputerSystem; the writable properties are ElementName,"
                + " Description"), r.toString());
        assertEquals(before, vmField("name_label"));
    }

    @Test
    void aReadersPutIsAccessDenied() throws Exception {
        Object before = vmField("name_label");
        ExternalTool.Result r = wslput("put-reader", "reader", "ElementName=by-reader", "-fragment");
        assertTrue(r.out().contains("AccessDenied"), r.toString());
        assertTrue(r.out().contains("reader (read-only) may not change ElementName of Xen_ComputerSystem " + vm), r.toString());
        assertEquals(before, vmField("name_label"));
    }

    @Test
    void wbemcliModifyInstanceRenamesTheVmAndGetInstanceShowsIt() throws Exception {
        ExternalTool.Result mi = wbemcli("mi", "root", "mi", "ElementName=\"renamed-by-wbemcli\"");
        assertEquals(0, mi.exit(), mi.toString());
        assertEquals("renamed-by-wbemcli", vmField("name_label"));
        ExternalTool.Result gi = wbemcli("mi-gi", "root", "gi");
        assertTrue(gi.out().contains("ElementName=\"renamed-by-wbemcli\""), "read back at once: " + gi);
    }

    @Test
    void wbemcliSetPropertySetsTheDescription() throws Exception {
        ExternalTool.Result sp = wbemcli("sp", "root", "sp", "Description=\"set by wbemcli\"");
        assertEquals(0, sp.exit(), sp.toString());
        assertEquals("set by wbemcli", vmField("name_description"));
        ExternalTool.Result gp = wbemcli("sp-gi", "root", "gi");
        assertTrue(gp.out().contains("Description=\"set by wbemcli\""), gp.toString());
    }

    @Test
    void wbemcliRefusalsAreCimErrors() throws Exception {
        Object before = vmField("name_label");
        ExternalTool.Result caption = wbemcli("mi-caption", "root", "mi", "Caption=\"mine\"");
        assertEquals(16, caption.exit(), caption.toString());
        assertTrue(caption.err().contains("CIM_ERR_NOT_SUPPORTED") && caption.err().contains(
                "the writable properties are ElementName, Description"), caption.toString());
        ExternalTool.Result reader = wbemcli("sp-reader", "reader", "sp", "ElementName=\"by-reader\"");
        assertEquals(16, reader.exit(), reader.toString());
        assertTrue(reader.err().contains("CIM_ERR_ACCESS_DENIED"), reader.toString());
        assertEquals(before, vmField("name_label"));
    }
}
