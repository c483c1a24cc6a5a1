package org.xenwbem.provider.wsman;

import java.util.Map;
import java.util.Set;
import org.xenwbem.cim.CimClass;
import org.xenwbem.cim.xml.CimXmlEncoder;
import org.xenwbem.cim.xml.XmlWriter;
import org.xenwbem.provider.cimom.CimException;

/**
 * GetClass as WinRM and OMI serve it (MS-WSMV): WS-Transfer Get on {@link ClassSchemaUris#CIM_XML}
 * {@code *} with the selectors {@code __cimnamespace} and {@code ClassName} (or the class as the URI's
 * last segment), answered with the class as a DSP0201 {@code CLASS} element in the Body. Options
 * {@code IncludeQualifiers} (default true), {@code IncludeInheritedElements} (default true) and
 * {@code IncludeClassOrigin} (default false) map to GetClass's flags.
 */
final class ClassGetAction implements WsmanAction {
    private static final Set<String> SELECTORS = Set.of("classname");

    @Override
    public String handle(WsmanRequest req, Exchange ex) throws WsmanFault {
        Map<String, String> sel = ClassSchemaUris.selectors(req, SELECTORS);
        String named = sel.containsKey("classname") ? sel.get("classname")
                : ClassSchemaUris.classIn(req.resourceUri(), ClassSchemaUris.CIM_XML);
        if (named == null) {
            throw new WsmanFault(FaultKind.INVALID_SELECTORS, FaultKind.detail("InsufficientSelectors"),
                    "GetClass needs the ClassName selector", null);
        }
        String cls = ClassSchemaUris.validClassName(named);
        if (cls == null) {
            throw new WsmanFault(FaultKind.INVALID_SELECTORS, FaultKind.detail("InvalidValue"),
                    "'" + named + "' is not a class name", null);
        }
        CimClass c;
        try {
            c = ex.ops().getClass(ClassSchemaUris.namespace(sel), cls);
        } catch (CimException e) {
            throw Faults.from(e);
        }
        boolean qualifiers = option(req, "IncludeQualifiers", true);
        boolean inherited = option(req, "IncludeInheritedElements", true);
        boolean origin = option(req, "IncludeClassOrigin", false);
        XmlWriter w = EnvelopeWriter.open(Ns.WXF + "/GetResponse", req.messageId(), 16384);
        CimXmlEncoder.writeClass(w, c, !inherited, qualifiers, origin, null);
        return EnvelopeWriter.close(w);
    }

    private static boolean option(WsmanRequest req, String name, boolean dflt) throws WsmanFault {
        String v = req.option(name);
        if (v == null) {
            return dflt;
        }
        if (!ClassSchemaUris.isBoolean(v)) {
            throw new WsmanFault(FaultKind.INVALID_PARAMETER, null, "the option " + name + " must be a boolean", null);
        }
        return ClassSchemaUris.bool(v);
    }
}
