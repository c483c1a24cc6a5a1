package org.xenwbem.provider.wsman;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xenwbem.cim.CimClass;
import org.xenwbem.cim.CimObjectPath;
import org.xenwbem.cim.CimProperty;
import org.xenwbem.cim.CimType;
import org.xenwbem.cim.CimValues;
import org.xenwbem.provider.cimom.CimException;
import org.xenwbem.provider.cimom.CimOperations;

/** Resolves a request's resource URI and selectors to a class, a namespace and an instance path. */
final class Targets {
    static final String NAMESPACE_SELECTOR = "__cimnamespace";
    static final String DEFAULT_NAMESPACE = "root/cimv2";

    /** The resolved target of a request. */
    record Target(ResourceUris.Parsed uri, String namespace, CimClass cimClass) {
    }

    private Targets() {
    }

    static Target resolve(WsmanRequest req, CimOperations ops) throws WsmanFault {
        return resolve(req.resourceUri(), req.selectors(), ops);
    }

    /** The class and namespace a resource URI and its selectors name. */
    static Target resolve(String resourceUri, List<WsmanRequest.Selector> selectors, CimOperations ops)
            throws WsmanFault {
        if (resourceUri == null) {
            throw new WsmanFault(FaultKind.DESTINATION_UNREACHABLE, FaultKind.INVALID_RESOURCE_URI.defaultDetail(),
                    "the request has no wsman:ResourceURI", null);
        }
        ResourceUris.Parsed uri = ResourceUris.parse(resourceUri);
        if (uri == null) {
            throw new WsmanFault(FaultKind.INVALID_RESOURCE_URI, "unknown resource URI " + resourceUri);
        }
        String ns = namespace(selectors, uri);
        try {
            return new Target(uri, CimOperations.normalize(ns), ops.instanceClass(ns, uri.className()));
        } catch (CimException e) {
            throw Faults.from(e);
        }
    }

    /** From the __cimnamespace selector, else the URI (WMI form), else root/cimv2. */
    static String namespace(List<WsmanRequest.Selector> selectors, ResourceUris.Parsed uri) {
        for (WsmanRequest.Selector s : selectors) {
            if (s.name().equalsIgnoreCase(NAMESPACE_SELECTOR) && s.value() != null) {
                return s.value().trim();
            }
        }
        return uri.namespace() != null ? uri.namespace() : DEFAULT_NAMESPACE;
    }

    /** The instance path named by the selectors, values typed by the class's key declarations. */
    static CimObjectPath path(Target t, List<WsmanRequest.Selector> selectors, CimOperations ops) throws WsmanFault {
        if (selectors.stream().noneMatch(s -> !s.name().equalsIgnoreCase(NAMESPACE_SELECTOR))) {
            throw new WsmanFault(FaultKind.INVALID_SELECTORS, FaultKind.detail("InsufficientSelectors"),
                    t.cimClass().name() + " needs the selectors " + t.cimClass().keyNames(), null);
        }
        return bind(t, selectors, ops, true);
    }

    /**
     * Selector values typed by the class's declarations; with {@code keysOnly}, a selector naming
     * anything but a key is UnexpectedSelectors, without it anything but a property.
     */
    private static CimObjectPath bind(Target t, List<WsmanRequest.Selector> selectors, CimOperations ops,
                                      boolean keysOnly) throws WsmanFault {
        Map<String, Object> keys = new LinkedHashMap<>();
        for (WsmanRequest.Selector s : selectors) {
            if (s.name().equalsIgnoreCase(NAMESPACE_SELECTOR)) {
                continue;
            }
            CimProperty p = t.cimClass().property(s.name());
            if (p == null || keysOnly && !p.isKey()) {
                throw new WsmanFault(FaultKind.INVALID_SELECTORS, FaultKind.detail("UnexpectedSelectors"),
                        t.cimClass().name() + " has no " + (keysOnly ? "key " : "property ") + s.name(), null);
            }
            if (keys.put(p.name(), value(p, s, ops)) != null) {
                throw new WsmanFault(FaultKind.INVALID_SELECTORS, FaultKind.detail("DuplicateSelectors"),
                        "selector " + s.name() + " given twice", null);
            }
        }
        return new CimObjectPath(t.namespace(), t.cimClass().name(), keys);
    }

    private static Object value(CimProperty p, WsmanRequest.Selector s, CimOperations ops) throws WsmanFault {
        if (p.type() == CimType.REFERENCE) {
            if (s.epr() == null) {
                throw typeMismatch(p, "an endpoint reference");
            }
            return eprPath(s.epr(), ops);
        }
        if (s.epr() != null) {
            throw typeMismatch(p, "a " + p.type().wireName() + " value");
        }
        try {
            return p.type() == CimType.STRING ? s.value() : CimValues.parse(p.type(), s.value());
        } catch (IllegalArgumentException e) {
            throw typeMismatch(p, "a " + p.type().wireName() + " value");
        }
    }

    static CimObjectPath eprPath(WsmanRequest.Epr epr, CimOperations ops) throws WsmanFault {
        return path(target(epr, ops), epr.selectors(), ops);
    }

    /**
     * The object a method parameter's EPR names. Its selectors may name any property of the class,
     * not only keys: the anchor's own scripts name a VM {@code Xen_ComputerSystem?InstanceID=Xen:<uuid>},
     * and the method decides what identifies the object it takes.
     */
    static CimObjectPath parameterPath(WsmanRequest.Epr epr, CimOperations ops) throws WsmanFault {
        return bind(target(epr, ops), epr.selectors(), ops, false);
    }

    private static Target target(WsmanRequest.Epr epr, CimOperations ops) throws WsmanFault {
        return resolve(epr.resourceUri(), epr.selectors(), ops);
    }

    private static WsmanFault typeMismatch(CimProperty p, String expected) {
        return new WsmanFault(FaultKind.INVALID_SELECTORS, FaultKind.detail("TypeMismatch"),
                "selector " + p.name() + " must be " + expected, null);
    }
}
