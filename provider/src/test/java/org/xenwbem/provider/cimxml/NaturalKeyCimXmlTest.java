package org.xenwbem.provider.cimxml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.cim.CimObjectPath;
import org.xenwbem.cim.ClassRepository;
import org.xenwbem.cim.mof.SchemaLoader;
import org.xenwbem.provider.cimom.CimOperations;
import org.xenwbem.provider.cimom.MethodResult;
import org.xenwbem.provider.cimom.RequestContext;
import org.xenwbem.provider.cimom.TestProviders;

/** CIM-XML object paths by natural key: GetInstance and InvokeMethod on an instance path without CreationClassName. */
class NaturalKeyCimXmlTest {
    private static final RequestContext ROOT = new RequestContext("root", "pool-admin", "c", "t");
    private final AtomicReference<CimObjectPath> target = new AtomicReference<>();
    private CimXmlService service;

    @BeforeEach
    void setUp() {
        ClassRepository classes = SchemaLoader.cimv2();
        CimInstance vm = CimInstance.builder(classes.get("Xen_ComputerSystem")).namespace("root/cimv2")
                .set("CreationClassName", "Xen_ComputerSystem").set("Name", "vm-1").set("ElementName", "one").build();
        service = new CimXmlService(CimOperations.builder().namespace("root/cimv2", classes)
                .provider("root/cimv2", TestProviders.instances("Xen_ComputerSystem", List.of(vm)))
                .methods("root/cimv2", TestProviders.methods("Xen_ComputerSystem", (ctx, t, m, in) -> {
                    target.set(t);
                    return MethodResult.of(0L);
                })).build());
    }

    private static String message(String call) {
        return "<?xml version=\"1.0\"?><CIM CIMVERSION=\"2.0\" DTDVERSION=\"2.0\"><MESSAGE ID=\"3\" PROTOCOLVERSION=\"1.0\">"
                + "<SIMPLEREQ>" + call + "</SIMPLEREQ></MESSAGE></CIM>";
    }

    private String call(String method, String object, String body) {
        return new String(service.handle(body.getBytes(StandardCharsets.UTF_8), "MethodCall", method, object, ROOT).body(),
                StandardCharsets.UTF_8);
    }

    private static final String NS = "<LOCALNAMESPACEPATH><NAMESPACE NAME=\"root\"/><NAMESPACE NAME=\"cimv2\"/></LOCALNAMESPACEPATH>";
    private static final String BY_NAME = "<INSTANCENAME CLASSNAME=\"Xen_ComputerSystem\"><KEYBINDING NAME=\"Name\">"
            + "<KEYVALUE>vm-1</KEYVALUE></KEYBINDING></INSTANCENAME>";

    @Test
    void getInstanceByName() {
        String x = call("GetInstance", "root/cimv2", message("<IMETHODCALL NAME=\"GetInstance\">" + NS
                + "<IPARAMVALUE NAME=\"InstanceName\">" + BY_NAME + "</IPARAMVALUE></IMETHODCALL>"));
        assertTrue(x.contains("<PROPERTY NAME=\"ElementName\" TYPE=\"string\"><VALUE>one</VALUE>"), x);
    }

    @Test
    void invokeMethodByNameReachesTheProviderWithTheFullPath() {
        String x = call("RequestStateChange", "root/cimv2:Xen_ComputerSystem.Name=\"vm-1\"",
                message("<METHODCALL NAME=\"RequestStateChange\"><LOCALINSTANCEPATH>" + NS + BY_NAME
                        + "</LOCALINSTANCEPATH><PARAMVALUE NAME=\"RequestedState\" PARAMTYPE=\"uint16\"><VALUE>2</VALUE>"
                        + "</PARAMVALUE></METHODCALL>"));
        assertTrue(x.contains("<RETURNVALUE PARAMTYPE=\"uint32\"><VALUE>0</VALUE>"), x);
        assertEquals("Xen_ComputerSystem", target.get().key("CreationClassName"), target.get().toString());
    }

    @Test
    void aMissingKeyTheClassDoesNotDetermineIsInvalidParameter() {
        String x = call("GetInstance", "root/cimv2", message("<IMETHODCALL NAME=\"GetInstance\">" + NS
                + "<IPARAMVALUE NAME=\"InstanceName\"><INSTANCENAME CLASSNAME=\"Xen_ComputerSystem\">"
                + "<KEYBINDING NAME=\"CreationClassName\"><KEYVALUE>Xen_ComputerSystem</KEYVALUE></KEYBINDING>"
                + "</INSTANCENAME></IPARAMVALUE></IMETHODCALL>"));
        assertTrue(x.contains("<ERROR CODE=\"4\"") && x.contains("needs key Name"), x);
    }
}
