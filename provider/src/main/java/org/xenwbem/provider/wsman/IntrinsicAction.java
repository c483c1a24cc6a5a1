package org.xenwbem.provider.wsman;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.xenwbem.cim.CimClass;
import org.xenwbem.cim.xml.XmlWriter;
import org.xenwbem.provider.cimom.CimException;
import org.xenwbem.provider.cimom.CimStatus;

/**
 * openwsman's intrinsic operations, sent as a custom-action Invoke under
 * {@link ClassSchemaUris#INTRINSIC} (the openwsman client builds the action as
 * {@code <resourceURI>/<method>}):
 * <ul>
 * <li>{@code GetClass} on {@code <INTRINSIC>/<Class>} (or {@code <INTRINSIC>} with a {@code ClassName}
 * selector): {@code <GetClass>} holding name, qualifiers and properties (name, type, default value,
 * qualifiers) in openwsman's layout, plus superclass and methods with their parameters.</li>
 * <li>{@code EnumerateClassNames} on {@code <INTRINSIC>}: {@code <EnumerateClassNames>} with one
 * {@code <name>} per class; selectors {@code ClassName} (subclasses of it) and {@code DeepInheritance}
 * (default true, as openwsman always enumerates deep).</li>
 * </ul>
 * The namespace comes from {@code __cimnamespace} (default root/cimv2).
 */
final class IntrinsicAction implements WsmanAction {
    static final String GET_CLASS = "GetClass";
    static final String ENUMERATE_CLASS_NAMES = "EnumerateClassNames";

    @Override
    public String handle(WsmanRequest req, Exchange ex) throws WsmanFault {
        String action = req.action();
        String method = action.substring(action.lastIndexOf('/') + 1);
        String base = action.substring(0, action.lastIndexOf('/'));
        if (!ClassSchemaUris.isIntrinsic(base)) {
            throw new WsmanFault(FaultKind.ACTION_NOT_SUPPORTED, null, "the action " + action
                    + " is not an intrinsic operation of " + ClassSchemaUris.INTRINSIC, null);
        }
        if (method.equalsIgnoreCase(GET_CLASS)) {
            return getClass(req, ex);
        }
        if (method.equalsIgnoreCase(ENUMERATE_CLASS_NAMES)) {
            return enumerateClassNames(req, ex);
        }
        throw new WsmanFault(FaultKind.ACTION_NOT_SUPPORTED, null, "the intrinsic operation " + method
                + " is not supported (GetClass and EnumerateClassNames are)", null);
    }

    private static String getClass(WsmanRequest req, Exchange ex) throws WsmanFault {
        Map<String, String> sel = ClassSchemaUris.selectors(req, Set.of("classname"));
        String inUri = ClassSchemaUris.classIn(req.resourceUri(), ClassSchemaUris.INTRINSIC);
        String named = inUri != null ? inUri : sel.get("classname");
        if (named == null) {
            throw new WsmanFault(FaultKind.INVALID_RESOURCE_URI, FaultKind.INVALID_RESOURCE_URI.defaultDetail(),
                    "GetClass needs the class in the resource URI: " + ClassSchemaUris.INTRINSIC + "/<Class>", null);
        }
        String cls = ClassSchemaUris.validClassName(named);
        if (cls == null) {
            throw new WsmanFault(FaultKind.INVALID_RESOURCE_URI, FaultKind.INVALID_RESOURCE_URI.defaultDetail(),
                    "'" + named + "' is not a class name", null);
        }
        CimClass c;
        try {
            c = ex.ops().getClass(ClassSchemaUris.namespace(sel), cls);
        } catch (CimException e) {
            throw e.status() == CimStatus.NOT_FOUND ? Faults.unknownClass(e) : Faults.from(e);
        }
        XmlWriter w = open(req, 16384);
        IntrinsicClassWriter.write(w, c);
        return EnvelopeWriter.close(w);
    }

    private static String enumerateClassNames(WsmanRequest req, Exchange ex) throws WsmanFault {
        Map<String, String> sel = ClassSchemaUris.selectors(req, Set.of("classname", "deepinheritance"));
        String deepText = sel.get("deepinheritance");
        if (deepText != null && !ClassSchemaUris.isBoolean(deepText)) {
            throw new WsmanFault(FaultKind.INVALID_SELECTORS, FaultKind.detail("TypeMismatch"),
                    "DeepInheritance must be true or false", null);
        }
        String base = sel.get("classname");
        if (base != null && base.isEmpty()) {
            base = null;
        }
        List<String> names;
        try {
            names = ex.ops().classNames(ClassSchemaUris.namespace(sel), base,
                    deepText == null || ClassSchemaUris.bool(deepText));
        } catch (CimException e) {
            if (e.status() == CimStatus.INVALID_CLASS) {
                throw new WsmanFault(FaultKind.INVALID_SELECTORS, FaultKind.detail("InvalidValue"), e.getMessage(), e);
            }
            throw Faults.from(e);
        }
        XmlWriter w = open(req, 64 + 48 * names.size());
        w.start("n1:" + ENUMERATE_CLASS_NAMES).attr("xmlns:n1", req.resourceUri().trim());
        for (String n : names) {
            w.element("n1:name", n);
        }
        w.end("n1:" + ENUMERATE_CLASS_NAMES);
        return EnvelopeWriter.close(w);
    }

    /** The response to an Invoke is {@code <action>Response}, as for any custom action. */
    private static XmlWriter open(WsmanRequest req, int capacity) {
        return EnvelopeWriter.open(req.action() + "Response", req.messageId(), capacity);
    }
}
