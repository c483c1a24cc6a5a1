package org.xenwbem.provider.wsman;

import java.util.Map;
import java.util.Set;

/**
 * Reads of class definitions (see {@link ClassSchemaUris}): MS-WSMV's GetClass (a Get on the CIM-XML
 * class URI) and openwsman's intrinsic GetClass and EnumerateClassNames, each decoded from the
 * resource URI, the selectors ({@code __cimnamespace}, {@code ClassName}, {@code DeepInheritance})
 * and the options.
 */
final class ClassRequests {
    public static final String GET_CLASS = "GetClass";
    public static final String ENUMERATE_CLASS_NAMES = "EnumerateClassNames";

    private ClassRequests() {
    }

    /** MS-WSMV GetClass, with the IncludeQualifiers, IncludeInheritedElements and IncludeClassOrigin options. */
    public record ClassGet(String namespace, String className, boolean qualifiers, boolean inherited,
                           boolean classOrigin) {
    }

    /** An intrinsic operation. */
    public sealed interface Intrinsic permits IntrinsicGetClass, EnumerateClassNames {
    }

    /** openwsman's intrinsic GetClass. */
    public record IntrinsicGetClass(String namespace, String className) implements Intrinsic {
    }

    /** The class names under {@code base} (null: all), deep or one level; the answer is qualified by {@code resourceUri}. */
    public record EnumerateClassNames(String namespace, String base, boolean deep, String resourceUri)
            implements Intrinsic {
    }

    public static ClassGet classGet(WsmanRequest req) throws WsmanFault {
        Map<String, String> sel = ClassSchemaUris.selectors(req, Set.of("classname"));
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
        return new ClassGet(ClassSchemaUris.namespace(sel), cls, option(req, "IncludeQualifiers", true),
                option(req, "IncludeInheritedElements", true), option(req, "IncludeClassOrigin", false));
    }

    /** The intrinsic operation the action {@code <INTRINSIC>/<operation>} names. */
    public static Intrinsic intrinsic(WsmanRequest req) throws WsmanFault {
        String action = req.action();
        int slash = action.lastIndexOf('/');
        String method = action.substring(slash + 1);
        String base = slash < 0 ? "" : action.substring(0, slash); // an action without a '/' names no operation
        if (!ClassSchemaUris.isIntrinsic(base)) {
            throw new WsmanFault(FaultKind.ACTION_NOT_SUPPORTED, null, "the action " + action
                    + " is not an intrinsic operation of " + ClassSchemaUris.INTRINSIC, null);
        }
        if (method.equalsIgnoreCase(GET_CLASS)) {
            return intrinsicGetClass(req);
        }
        if (method.equalsIgnoreCase(ENUMERATE_CLASS_NAMES)) {
            return enumerateClassNames(req);
        }
        throw new WsmanFault(FaultKind.ACTION_NOT_SUPPORTED, null, "the intrinsic operation " + method
                + " is not supported (GetClass and EnumerateClassNames are)", null);
    }

    private static IntrinsicGetClass intrinsicGetClass(WsmanRequest req) throws WsmanFault {
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
        return new IntrinsicGetClass(ClassSchemaUris.namespace(sel), cls);
    }

    private static EnumerateClassNames enumerateClassNames(WsmanRequest req) throws WsmanFault {
        Map<String, String> sel = ClassSchemaUris.selectors(req, Set.of("classname", "deepinheritance"));
        String deepText = sel.get("deepinheritance");
        if (deepText != null && !ClassSchemaUris.isBoolean(deepText)) {
            throw new WsmanFault(FaultKind.INVALID_SELECTORS, FaultKind.detail("TypeMismatch"),
                    "DeepInheritance must be true or false", null);
        }
        String base = sel.get("classname");
        return new EnumerateClassNames(ClassSchemaUris.namespace(sel), base == null || base.isEmpty() ? null : base,
                deepText == null || ClassSchemaUris.bool(deepText), req.resourceUri().trim());
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
