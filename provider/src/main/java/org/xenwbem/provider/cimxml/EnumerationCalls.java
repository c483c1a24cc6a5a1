package org.xenwbem.provider.cimxml;

import java.util.List;
import org.w3c.dom.Element;
import org.xenwbem.cim.CimObjectPath;
import org.xenwbem.cim.query.QueryLanguage;
import org.xenwbem.cim.xml.CimXmlEncoder;
import org.xenwbem.provider.cimom.CimException;
import org.xenwbem.provider.cimom.CimOperations;
import org.xenwbem.provider.cimom.CimStatus;
import org.xenwbem.provider.cimom.InstanceCursor;
import org.xenwbem.provider.cimom.RequestContext;

/**
 * The intrinsic operations whose answer can hold a whole class hierarchy (DSP0200 §5.3.2):
 * EnumerateInstances, EnumerateInstanceNames, ExecQuery, and the association calls. Each is checked
 * here (class, query, parameters, source instance) and then streamed ({@link StreamedReturn}).
 */
final class EnumerationCalls {
    private final CimOperations ops;
    private final AssociationCalls associations;

    EnumerationCalls(CimOperations ops) {
        this.ops = ops;
        this.associations = new AssociationCalls(ops);
    }

    /** The streamed answer to {@code req}, or null when its method is not one of these. */
    StreamedReturn prepare(CimXmlRequest req, RequestContext caller, String host) throws CimException {
        return switch (req.method()) {
            case "EnumerateInstances" -> enumerateInstances(req, caller);
            case "EnumerateInstanceNames" -> enumerateInstanceNames(req, caller);
            case "ExecQuery" -> execQuery(req, caller, host);
            case "Associators", "AssociatorNames", "References", "ReferenceNames" ->
                    associations.prepare(req, caller, host);
            default -> null;
        };
    }

    private StreamedReturn enumerateInstances(CimXmlRequest req, RequestContext caller) throws CimException {
        String cls = CimXmlDecoder.className(required(req, "ClassName"));
        List<String> props = CimXmlDecoder.propertyList(req.param("PropertyList"));
        boolean origin = CimXmlDecoder.bool(req.param("IncludeClassOrigin"), false);
        InstanceCursor all = ops.openInstances(req.namespace(), cls);
        return new StreamedReturn(req, caller, all, (out, i) -> {
            out.start("VALUE.NAMEDINSTANCE");
            CimXmlEncoder.writeInstanceName(out, i.path());
            CimXmlEncoder.writeInstance(out, i.project(props), false, origin);
            out.end("VALUE.NAMEDINSTANCE");
        });
    }

    private StreamedReturn enumerateInstanceNames(CimXmlRequest req, RequestContext caller) throws CimException {
        String cls = CimXmlDecoder.className(required(req, "ClassName"));
        InstanceCursor all = ops.openInstances(req.namespace(), cls);
        return new StreamedReturn(req, caller, all, (out, i) -> CimXmlEncoder.writeInstanceName(out,
                new CimObjectPath(null, i.path().className(), i.path().keys())));
    }

    private StreamedReturn execQuery(CimXmlRequest req, RequestContext caller, String host) throws CimException {
        String langName = valueOf(required(req, "QueryLanguage"));
        QueryLanguage lang = QueryLanguage.forName(langName).orElseThrow(() -> new CimException(
                CimStatus.QUERY_LANGUAGE_NOT_SUPPORTED, "query language " + langName + " is not supported; use WQL or DMTF:CQL"));
        InstanceCursor found = ops.openQuery(req.namespace(), lang, valueOf(required(req, "Query")), null);
        return new StreamedReturn(req, caller, found, (out, i) -> {
            out.start("VALUE.OBJECTWITHPATH");
            AssociationCalls.writeInstancePath(out, host, i.path().withNamespace(req.namespace()));
            CimXmlEncoder.writeInstance(out, i, false, false);
            out.end("VALUE.OBJECTWITHPATH");
        });
    }

    private static String valueOf(Element param) {
        Element v = CimXmlDecoder.first(param, "VALUE");
        return v == null ? "" : v.getTextContent();
    }

    static Element required(CimXmlRequest req, String name) throws CimException {
        Element p = req.param(name);
        if (p == null) {
            throw new CimException(CimStatus.INVALID_PARAMETER, req.method() + " needs the parameter " + name);
        }
        return p;
    }
}
