package org.xenwbem.provider.cimxml;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.w3c.dom.Element;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.cim.CimObjectPath;
import org.xenwbem.cim.query.QueryLanguage;
import org.xenwbem.cim.xml.CimXmlEncoder;
import org.xenwbem.cim.xml.XmlWriter;
import org.xenwbem.provider.cimom.CimException;
import org.xenwbem.provider.cimom.CimOperations;
import org.xenwbem.provider.cimom.CimStatus;
import org.xenwbem.provider.cimom.InstanceCursor;
import org.xenwbem.provider.cimom.RequestContext;

/**
 * The pull operations of DSP0200 1.4 (§5.3.2.26 ff.): OpenEnumerateInstances(+Paths),
 * OpenAssociatorInstances(+Paths), OpenQueryInstances, PullInstancesWithPath / PullInstancePaths /
 * PullInstances, CloseEnumeration. Results are read lazily as pages are asked for; a page holds at
 * most MaxObjectCount instances and stops once it has taken about {@code pageOctets} (a client may
 * get fewer than it asked for, never nothing while more remain). Contexts belong to their user,
 * expire when idle, are bounded per user, and an Open that fails releases its context.
 */
final class PullCalls {
    /** The default page size, the same as the WS-Man envelope ceiling. */
    static final long DEFAULT_PAGE_OCTETS = 512L * 1024;
    private static final long DEFAULT_IDLE_NANOS = Duration.ofMinutes(2).toNanos();

    /** One open enumeration; synchronized on itself while a page is read. */
    private static final class Open {
        final String owner;
        final InstanceCursor cursor;
        final boolean paths;
        CimInstance pending;
        boolean exhausted;
        volatile long expiresAt;

        Open(String owner, InstanceCursor cursor, boolean paths) {
            this.owner = owner;
            this.cursor = cursor;
            this.paths = paths;
            this.expiresAt = System.nanoTime() + DEFAULT_IDLE_NANOS;
        }

        CimInstance take(RequestContext rc) throws CimException {
            CimInstance i = pending;
            pending = null;
            if (i == null && !exhausted) {
                i = cursor.next(rc);
                exhausted = i == null;
            }
            return i;
        }

        boolean atEnd(RequestContext rc) throws CimException {
            if (pending == null && !exhausted) {
                pending = cursor.next(rc);
                exhausted = pending == null;
            }
            return pending == null;
        }
    }

    private final CimOperations ops;
    private final long pageOctets;
    private final Map<String, Open> open = new ConcurrentHashMap<>();
    private volatile int maxPerUser = org.xenwbem.provider.cimom.UserLimits.DEFAULT_ENUMERATIONS;

    PullCalls(CimOperations ops, long pageOctets) {
        this.ops = ops;
        this.pageOctets = pageOctets;
    }

    void maxPerUser(int max) {
        this.maxPerUser = max;
    }

    /** Open enumerations, over all users (expired ones swept first). */
    int size() {
        sweep();
        return open.size();
    }

    boolean handles(String method) {
        return method.startsWith("Open") || method.startsWith("Pull") || method.equals("CloseEnumeration")
                || method.equals("EnumerationCount");
    }

    void call(CimXmlRequest req, RequestContext caller, XmlWriter out, XmlWriter params, String host) throws CimException {
        switch (req.method()) {
            case "OpenEnumerateInstances", "OpenEnumerateInstancePaths" -> start(req, caller, out, params, host,
                    ops.openInstances(req.namespace(), CimXmlDecoder.className(req.param("ClassName"))));
            case "OpenAssociatorInstances", "OpenAssociatorInstancePaths" -> start(req, caller, out, params, host,
                    InstanceCursor.of(ops.associators(caller, source(req), cls(req, "AssocClass"), cls(req, "ResultClass"),
                            text(req, "Role"), text(req, "ResultRole"))));
            case "OpenReferenceInstances", "OpenReferenceInstancePaths" -> start(req, caller, out, params, host,
                    InstanceCursor.of(ops.references(caller, source(req), cls(req, "ResultClass"), text(req, "Role"))));
            case "OpenQueryInstances" -> start(req, caller, out, params, host, query(req));
            case "PullInstancesWithPath", "PullInstancePaths", "PullInstances" -> pull(req, caller, out, params, host);
            case "CloseEnumeration" -> take(req, caller, true);
            default -> throw new CimException(CimStatus.NOT_SUPPORTED, req.method() + " is not supported");
        }
    }

    private InstanceCursor query(CimXmlRequest req) throws CimException {
        String lang = text(req, "FilterQueryLanguage");
        QueryLanguage ql = QueryLanguage.forName(lang).orElseThrow(() -> new CimException(
                CimStatus.QUERY_LANGUAGE_NOT_SUPPORTED, "query language " + lang + " is not supported"));
        return ops.openQuery(req.namespace(), ql, String.valueOf(text(req, "FilterQuery")), null);
    }

    private void start(CimXmlRequest req, RequestContext caller, XmlWriter out, XmlWriter params, String host,
                       InstanceCursor items) throws CimException {
        if (text(req, "FilterQuery") != null && !req.method().equals("OpenQueryInstances")) {
            throw new CimException(CimStatus.FILTERED_ENUMERATION_NOT_SUPPORTED,
                    "use OpenQueryInstances or ExecQuery to filter");
        }
        long max = maxObjects(req);
        sweep();
        long mine = open.values().stream().filter(o -> o.owner.equals(caller.user())).count();
        if (mine >= maxPerUser) {
            throw new CimException(CimStatus.SERVER_LIMITS_EXCEEDED, "user " + caller.user() + " already holds " + mine
                    + " open enumerations; CloseEnumeration some or let them expire");
        }
        Open o = new Open(caller.user(), items, req.method().endsWith("Paths"));
        String id = UUID.randomUUID().toString();
        open.put(id, o);
        boolean ok = false;
        try {
            page(id, o, max, caller, out, params, host);
            ok = true;
        } finally {
            if (!ok) {
                open.remove(id);
            }
        }
    }

    private void pull(CimXmlRequest req, RequestContext caller, XmlWriter out, XmlWriter params, String host)
            throws CimException {
        String id = text(req, "EnumerationContext");
        Open o = take(req, caller, false);
        page(id, o, maxObjects(req), caller, out, params, host);
    }

    private void page(String id, Open o, long max, RequestContext caller, XmlWriter out, XmlWriter params, String host)
            throws CimException {
        boolean done;
        synchronized (o) {
            try {
                int n = 0;
                int start = out.length();
                while (n < max && out.length() - start < pageOctets) {
                    CimInstance i = o.take(caller);
                    if (i == null) {
                        break;
                    }
                    write(out, i, o.paths, host);
                    n++;
                }
                done = o.atEnd(caller);
            } finally {
                o.cursor.relax();
            }
        }
        if (done) {
            open.remove(id);
        }
        params.start("PARAMVALUE").attr("NAME", "EndOfSequence").attr("PARAMTYPE", "boolean")
                .element("VALUE", done ? "TRUE" : "FALSE").end("PARAMVALUE");
        params.start("PARAMVALUE").attr("NAME", "EnumerationContext").attr("PARAMTYPE", "string");
        if (!done) {
            params.element("VALUE", id);
        }
        params.end("PARAMVALUE");
    }

    private static void write(XmlWriter out, CimInstance i, boolean paths, String host) {
        CimObjectPath p = i.path();
        if (paths) {
            out.start("INSTANCEPATH");
            writePathBody(out, host, p);
            out.end("INSTANCEPATH");
        } else {
            out.start("VALUE.INSTANCEWITHPATH");
            AssociationCalls.writeInstancePath(out, host, p);
            CimXmlEncoder.writeInstance(out, i, false, false);
            out.end("VALUE.INSTANCEWITHPATH");
        }
    }

    private static void writePathBody(XmlWriter out, String host, CimObjectPath p) {
        out.start("NAMESPACEPATH").element("HOST", host);
        CimXmlEncoder.writeLocalNamespacePath(out, p.namespace() == null ? "root/cimv2" : p.namespace());
        out.end("NAMESPACEPATH");
        CimXmlEncoder.writeInstanceName(out, new CimObjectPath(null, p.className(), p.keys()));
    }

    private Open take(CimXmlRequest req, RequestContext caller, boolean close) throws CimException {
        String id = text(req, "EnumerationContext");
        Open o = id == null ? null : open.get(id);
        if (o == null || !o.owner.equals(caller.user()) || System.nanoTime() - o.expiresAt > 0) {
            throw new CimException(CimStatus.INVALID_ENUMERATION_CONTEXT, "the enumeration context is unknown, expired or closed");
        }
        if (close) {
            open.remove(id);
        } else {
            o.expiresAt = System.nanoTime() + DEFAULT_IDLE_NANOS;
        }
        return o;
    }

    private void sweep() {
        long now = System.nanoTime();
        open.values().removeIf(o -> now - o.expiresAt > 0);
    }

    private static long maxObjects(CimXmlRequest req) throws CimException {
        String v = text(req, "MaxObjectCount");
        try {
            long n = v == null ? 0 : Long.parseLong(v.trim());
            if (n < 0) {
                throw new NumberFormatException(v);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new CimException(CimStatus.INVALID_PARAMETER, "MaxObjectCount must be a non-negative integer: " + v);
        }
    }

    private static CimObjectPath source(CimXmlRequest req) throws CimException {
        Element p = req.param("InstanceName");
        return CimXmlDecoder.instanceName(p == null ? null : CimXmlDecoder.first(p, "INSTANCENAME"), req.namespace());
    }

    private static String cls(CimXmlRequest req, String name) {
        Element p = req.param(name);
        Element cn = p == null ? null : CimXmlDecoder.first(p, "CLASSNAME");
        return cn == null ? null : cn.getAttribute("NAME");
    }

    private static String text(CimXmlRequest req, String name) {
        Element p = req.param(name);
        Element v = p == null ? null : CimXmlDecoder.first(p, "VALUE");
        return v == null ? null : v.getTextContent().trim();
    }
}
