package org.xenwbem.provider.cimxml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.cim.ClassRepository;
import org.xenwbem.cim.mof.SchemaLoader;
import org.xenwbem.provider.cimom.CimOperations;
import org.xenwbem.provider.cimom.InstanceProvider;
import org.xenwbem.provider.cimom.MethodProvider;
import org.xenwbem.provider.cimom.MethodResult;
import org.xenwbem.provider.cimom.RequestContext;
import org.xenwbem.provider.cimom.TestProviders;

/** CIM-XML in memory: header checks, intrinsic and extrinsic calls, class operations, errors. */
class CimXmlServiceTest {
    private static final RequestContext ROOT = new RequestContext("root", "pool-admin", "c", "t");
    private CimXmlService service;

    @BeforeEach
    void setUp() {
        ClassRepository classes = SchemaLoader.cimv2();
        CimInstance vm = CimInstance.builder(classes.get("Xen_ComputerSystem")).namespace("root/cimv2")
                .set("CreationClassName", "Xen_ComputerSystem").set("Name", "vm-1").set("ElementName", "a&b").build();
        InstanceProvider ip = TestProviders.instances("Xen_ComputerSystem", List.of(vm));
        MethodProvider mp = TestProviders.methods("Xen_ComputerSystem",
                (ctx, t, m, in) -> MethodResult.of(((Long) in.get("RequestedState")) == 2L ? 0 : 4097));
        service = new CimXmlService(CimOperations.builder().namespace("root/cimv2", classes)
                .provider("root/cimv2", ip).methods("root/cimv2", mp).build());
    }

    private static String imethod(String name, String params) {
        return "<?xml version=\"1.0\"?><CIM CIMVERSION=\"2.0\" DTDVERSION=\"2.0\"><MESSAGE ID=\"7\" PROTOCOLVERSION=\"1.0\">"
                + "<SIMPLEREQ><IMETHODCALL NAME=\"" + name + "\"><LOCALNAMESPACEPATH><NAMESPACE NAME=\"root\"/>"
                + "<NAMESPACE NAME=\"cimv2\"/></LOCALNAMESPACEPATH>" + params + "</IMETHODCALL></SIMPLEREQ></MESSAGE></CIM>";
    }

    private CimXmlService.Response call(String method, String object, String body) {
        return service.handle(body.getBytes(StandardCharsets.UTF_8), "MethodCall", method, object, ROOT);
    }

    private static String text(CimXmlService.Response r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    @Test
    void enumerateInstancesEscapesAndNamesInstances() {
        String x = text(call("EnumerateInstances", "root/cimv2", imethod("EnumerateInstances",
                "<IPARAMVALUE NAME=\"ClassName\"><CLASSNAME NAME=\"CIM_ComputerSystem\"/></IPARAMVALUE>")));
        assertTrue(x.contains("<VALUE.NAMEDINSTANCE><INSTANCENAME CLASSNAME=\"Xen_ComputerSystem\">"), x);
        assertTrue(x.contains("<VALUE>a&amp;b</VALUE>"), x);
        assertTrue(x.contains("<PROPERTY NAME=\"InstanceID\" TYPE=\"string\"></PROPERTY>"), "no self-closing tags: " + x);
    }

    @Test
    void headerMismatchIs400() {
        CimXmlService.Response r = call("GetClass", "root/cimv2", imethod("EnumerateInstances", ""));
        assertEquals(400, r.status());
        assertEquals("header-mismatch", r.cimError());
        assertEquals(400, service.handle("x".getBytes(), "MethodCall", "A", "root/cimv2", ROOT).status());
    }

    @Test
    void unknownClassAndMissingInstance() {
        String x = text(call("EnumerateInstances", "root/cimv2", imethod("EnumerateInstances",
                "<IPARAMVALUE NAME=\"ClassName\"><CLASSNAME NAME=\"Nope\"/></IPARAMVALUE>")));
        assertTrue(x.contains("<ERROR CODE=\"5\""), x);
        String y = text(call("GetInstance", "root/cimv2", imethod("GetInstance",
                "<IPARAMVALUE NAME=\"InstanceName\"><INSTANCENAME CLASSNAME=\"Xen_ComputerSystem\">"
                        + "<KEYBINDING NAME=\"CreationClassName\"><KEYVALUE>Xen_ComputerSystem</KEYVALUE></KEYBINDING>"
                        + "<KEYBINDING NAME=\"Name\"><KEYVALUE>zzz</KEYVALUE></KEYBINDING></INSTANCENAME></IPARAMVALUE>")));
        assertTrue(y.contains("<ERROR CODE=\"6\""), y);
    }

    @Test
    void getClassWithQualifiersAndMethods() {
        String x = text(call("GetClass", "root/cimv2", imethod("GetClass",
                "<IPARAMVALUE NAME=\"ClassName\"><CLASSNAME NAME=\"Xen_HostComputerSystem\"/></IPARAMVALUE>"
                        + "<IPARAMVALUE NAME=\"LocalOnly\"><VALUE>FALSE</VALUE></IPARAMVALUE>")));
        assertTrue(x.contains("<CLASS NAME=\"Xen_HostComputerSystem\" SUPERCLASS=\"CIM_ComputerSystem\">"), x);
        assertTrue(x.contains("<PROPERTY NAME=\"CN\" TYPE=\"string\">"), x);
        assertTrue(x.contains("<METHOD NAME=\"RequestStateChange\" TYPE=\"uint32\">"), x);
        assertTrue(x.contains("<QUALIFIER NAME=\"Key\" TYPE=\"boolean\"><VALUE>true</VALUE></QUALIFIER>"), x);
        String names = text(call("EnumerateClassNames", "root/cimv2", imethod("EnumerateClassNames",
                "<IPARAMVALUE NAME=\"ClassName\"><CLASSNAME NAME=\"CIM_ComputerSystem\"/></IPARAMVALUE>"
                        + "<IPARAMVALUE NAME=\"DeepInheritance\"><VALUE>TRUE</VALUE></IPARAMVALUE>")));
        assertTrue(names.contains("<CLASSNAME NAME=\"Xen_ComputerSystem\"></CLASSNAME>"), names);
    }

    @Test
    void extrinsicMethodCall() {
        String body = "<?xml version=\"1.0\"?><CIM CIMVERSION=\"2.0\" DTDVERSION=\"2.0\"><MESSAGE ID=\"9\" PROTOCOLVERSION=\"1.0\">"
                + "<SIMPLEREQ><METHODCALL NAME=\"RequestStateChange\"><LOCALINSTANCEPATH><LOCALNAMESPACEPATH>"
                + "<NAMESPACE NAME=\"root\"/><NAMESPACE NAME=\"cimv2\"/></LOCALNAMESPACEPATH>"
                + "<INSTANCENAME CLASSNAME=\"Xen_ComputerSystem\"><KEYBINDING NAME=\"Name\"><KEYVALUE>vm-1</KEYVALUE></KEYBINDING>"
                + "</INSTANCENAME></LOCALINSTANCEPATH><PARAMVALUE NAME=\"RequestedState\" PARAMTYPE=\"uint16\"><VALUE>2</VALUE>"
                + "</PARAMVALUE></METHODCALL></SIMPLEREQ></MESSAGE></CIM>";
        String x = text(call("RequestStateChange", "root/cimv2:Xen_ComputerSystem.Name=\"vm-1\"", body));
        assertTrue(x.contains("<METHODRESPONSE NAME=\"RequestStateChange\"><RETURNVALUE PARAMTYPE=\"uint32\"><VALUE>0</VALUE>"), x);
    }
}
