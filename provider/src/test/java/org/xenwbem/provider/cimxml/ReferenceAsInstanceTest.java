package org.xenwbem.provider.cimxml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.cim.CimObjectPath;
import org.xenwbem.cim.ClassRepository;
import org.xenwbem.cim.mof.SchemaLoader;
import org.xenwbem.provider.cimom.CimOperations;
import org.xenwbem.provider.cimom.MethodResult;
import org.xenwbem.provider.cimom.RequestContext;
import org.xenwbem.provider.cimom.TestProviders;

/**
 * A reference parameter given as the instance itself, as pywbem sent the anchor's RemoveResourceSettings
 * (a list of CIMInstance: escaped INSTANCE text in VALUE.ARRAY), reaches the method as an instance; a
 * VALUE.REFERENCE still as a path.
 */
class ReferenceAsInstanceTest {
    private final AtomicReference<Map<String, Object>> seen = new AtomicReference<>();

    private String call(String paramValue) {
        ClassRepository classes = SchemaLoader.cimv2();
        CimXmlService service = new CimXmlService(CimOperations.builder().namespace("root/cimv2", classes)
                .methods("root/cimv2", TestProviders.methods("Xen_VirtualSystemManagementService", (ctx, t, m, in) -> {
                    seen.set(in);
                    return MethodResult.of(0L);
                })).build());
        String body = "<?xml version=\"1.0\"?><CIM CIMVERSION=\"2.0\" DTDVERSION=\"2.0\"><MESSAGE ID=\"5\" PROTOCOLVERSION=\"1.0\">"
                + "<SIMPLEREQ><METHODCALL NAME=\"RemoveResourceSettings\"><LOCALCLASSPATH><LOCALNAMESPACEPATH>"
                + "<NAMESPACE NAME=\"root\"/><NAMESPACE NAME=\"cimv2\"/></LOCALNAMESPACEPATH>"
                + "<CLASSNAME NAME=\"Xen_VirtualSystemManagementService\"/></LOCALCLASSPATH>" + paramValue
                + "</METHODCALL></SIMPLEREQ></MESSAGE></CIM>";
        return new String(service.handle(body.getBytes(StandardCharsets.UTF_8), "MethodCall", "RemoveResourceSettings",
                "root/cimv2:Xen_VirtualSystemManagementService", new RequestContext("root", "pool-admin", "c", "t")).body(),
                StandardCharsets.UTF_8);
    }

    @Test
    void escapedInstanceTextForAReferenceArray() {
        String rasd = "<INSTANCE CLASSNAME=\"Xen_DiskSettingData\"><PROPERTY NAME=\"InstanceID\" TYPE=\"string\">"
                + "<VALUE>Xen:vm/vbd</VALUE></PROPERTY><PROPERTY NAME=\"ResourceType\" TYPE=\"uint16\"><VALUE>19</VALUE>"
                + "</PROPERTY></INSTANCE>";
        String x = call("<PARAMVALUE NAME=\"ResourceSettings\" PARAMTYPE=\"string\" EmbeddedObject=\"instance\"><VALUE.ARRAY>"
                + "<VALUE>" + rasd.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") + "</VALUE>"
                + "</VALUE.ARRAY></PARAMVALUE>");
        assertTrue(x.contains("<RETURNVALUE"), x);
        List<?> items = (List<?>) seen.get().get("ResourceSettings");
        CimInstance i = assertInstanceOf(CimInstance.class, items.get(0));
        assertEquals("Xen:vm/vbd", i.get("InstanceID"));
    }

    @Test
    void aValueReferenceStaysAPath() {
        String x = call("<PARAMVALUE NAME=\"ResourceSettings\" PARAMTYPE=\"reference\"><VALUE.REFARRAY><VALUE.REFERENCE>"
                + "<INSTANCENAME CLASSNAME=\"Xen_DiskSettingData\"><KEYBINDING NAME=\"InstanceID\">"
                + "<KEYVALUE>Xen:vm/vbd</KEYVALUE></KEYBINDING></INSTANCENAME></VALUE.REFERENCE></VALUE.REFARRAY></PARAMVALUE>");
        assertTrue(x.contains("<RETURNVALUE"), x);
        CimObjectPath path = assertInstanceOf(CimObjectPath.class, ((List<?>) seen.get().get("ResourceSettings")).get(0));
        assertEquals("Xen:vm/vbd", path.key("InstanceID"));
    }
}
