package org.xenwbem.provider.wsman;

import java.util.ArrayList;
import java.util.List;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.cim.CimObjectPath;
import org.xenwbem.cim.CimValues;
import org.xenwbem.provider.cimom.CimException;
import org.xenwbem.provider.cimom.InstanceCursor;
import org.xenwbem.provider.wsman.EnumerationFilters.Association;
import org.xenwbem.provider.wsman.EnumerationFilters.Query;
import org.xenwbem.provider.wsman.EnumerationFilters.Selectors;
import org.xenwbem.provider.wsman.EnumerationFilters.Unsupported;

/**
 * What an Enumerate returns: every instance of the resource URI's class, or what its decoded filter
 * selects — the selector filter (DSP0226 §8.2.2), a query, or the CIM binding's association filter
 * (DSP0227 §8.2, on the wildcard resource URI too).
 */
final class EnumerationFilter {
    /**
     * The result: the instances, read as they are sent, and the parsed resource URI whose prefix EPRs
     * echo (null for the wildcard). Everything that can be refused has been checked by now.
     */
    record Result(InstanceCursor cursor, ResourceUris.Parsed uri) {
    }

    private EnumerationFilter() {
    }

    static Result run(EnumerateRequest q, Exchange ex) throws WsmanFault {
        if (q.filter() instanceof Association a) {
            return association(q, a, ex);
        }
        if (q.filter() instanceof Query query) {
            return query(q, query, ex);
        }
        Targets.Target t = Targets.resolve(q.resourceUri(), q.selectors(), ex.ops());
        if (q.filter() instanceof Unsupported u) {
            throw new WsmanFault(FaultKind.FILTER_DIALECT_NOT_AVAILABLE, FaultKind.detail("FilteringNotSupported"),
                    "filter dialect " + u.dialect() + " is not supported; use " + Ns.DIALECT_WQL_DMTF + ", "
                            + Ns.DIALECT_SELECTOR + " or " + EnumerationFilters.DIALECT_ASSOCIATION, null);
        }
        InstanceCursor all;
        try {
            all = ex.ops().openInstances(t.namespace(), t.cimClass().name());
        } catch (CimException e) {
            throw Faults.from(e);
        }
        return new Result(q.filter() instanceof Selectors s ? selectorFilter(s, t, all) : all, t.uri());
    }

    /**
     * A query filter: on a class URI the FROM class must be that class or a subclass; on the
     * wildcard URI (or Microsoft's {@code .../wmi/root/cimv2/*}) the FROM class decides.
     */
    private static Result query(EnumerateRequest q, Query query, Exchange ex) throws WsmanFault {
        ResourceUris.Parsed uri = ResourceUris.parse(q.resourceUri());
        String ns = uri == null ? Targets.DEFAULT_NAMESPACE : Targets.namespace(q.selectors(), uri);
        if (uri == null && !isWildcard(q.resourceUri())) {
            throw new WsmanFault(FaultKind.INVALID_RESOURCE_URI, "unknown resource URI " + q.resourceUri());
        }
        try {
            if (uri != null) {
                ex.ops().instanceClass(ns, uri.className());
            }
            return new Result(ex.ops().openQuery(ns, query.language(), query.text(),
                    uri == null ? null : uri.className()), uri);
        } catch (CimException e) {
            throw Faults.from(e);
        }
    }

    static boolean isWildcard(String resourceUri) {
        return resourceUri != null && resourceUri.trim().endsWith("/*");
    }

    /**
     * Instances whose properties equal every selector (string comparison of the value's text). Each
     * selector must name a property of the resource URI's class.
     */
    private static InstanceCursor selectorFilter(Selectors filter, Targets.Target t, InstanceCursor all)
            throws WsmanFault {
        List<WsmanRequest.Selector> sels = filter.selectors();
        if (sels == null) {
            throw new WsmanFault(FaultKind.CANNOT_PROCESS_FILTER, "the selector filter needs a wsman:SelectorSet");
        }
        for (WsmanRequest.Selector s : sels) {
            if (t.cimClass().property(s.name()) == null) {
                throw new WsmanFault(FaultKind.CANNOT_PROCESS_FILTER, t.cimClass().name() + " has no property " + s.name());
            }
        }
        return all.map(i -> matches(i, sels) ? i : null);
    }

    private static boolean matches(CimInstance i, List<WsmanRequest.Selector> sels) {
        for (WsmanRequest.Selector s : sels) {
            Object v = i.cimClass().property(s.name()) == null ? null : i.get(s.name());
            if (v == null || s.value() == null || !CimValues.toText(v).equals(s.value().trim())) {
                return false;
            }
        }
        return true;
    }

    private static Result association(EnumerateRequest q, Association a, Exchange ex) throws WsmanFault {
        CimObjectPath source = Targets.eprPath(a.object(), ex.ops());
        try {
            List<CimInstance> items = a.associators()
                    ? ex.ops().associators(ex.caller(), source, a.associationClass(), a.resultClass(), a.role(),
                    a.resultRole())
                    : ex.ops().references(ex.caller(), source, a.resultClass(), a.role());
            return new Result(InstanceCursor.of(project(items, a.includeProperties())),
                    ResourceUris.parse(q.resourceUri()));
        } catch (CimException e) {
            throw Faults.from(e);
        }
    }

    /** IncludeResultProperty limits the properties returned (keys always stay). */
    private static List<CimInstance> project(List<CimInstance> items, List<String> props) {
        if (props.isEmpty()) {
            return items;
        }
        List<CimInstance> out = new ArrayList<>();
        items.forEach(i -> out.add(i.project(props)));
        return out;
    }
}
