package org.xenwbem.provider.cimxml;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.cim.CimObjectPath;
import org.xenwbem.cim.xml.CimXmlEncoder;
import org.xenwbem.cim.query.QueryLanguage;
import org.xenwbem.cim.xml.XmlWriter;
import org.xenwbem.provider.cimom.CimException;
import org.xenwbem.provider.cimom.CimOperations;
import org.xenwbem.provider.cimom.CimStatus;
import org.xenwbem.provider.cimom.RequestContext;

/**
 * The CIM-XML endpoint as a function from request to response, independent of HTTP: checks the
 * DSP0200 headers against the body, runs the intrinsic operation, encodes the result or ERROR.
 */
public final class CimXmlService {
    private static final Logger LOG = LoggerFactory.getLogger(CimXmlService.class);

    /** The HTTP response: status, body, and the CIMError header value for HTTP-level errors. */
    public record Response(int status, byte[] body, String cimError, String method, String outcome) {
    }

    private final CimOperations ops;
    private final ClassCalls classCalls;
    private final MethodCalls methodCalls;
    private final AssociationCalls associationCalls;
    private final PullCalls pullCalls;
    private final WriteCalls writeCalls;

    public CimXmlService(CimOperations ops) {
        this.ops = ops;
        this.classCalls = new ClassCalls(ops);
        this.methodCalls = new MethodCalls(ops);
        this.associationCalls = new AssociationCalls(ops);
        this.pullCalls = new PullCalls(ops);
        this.writeCalls = new WriteCalls(ops);
    }

    /**
     * @param cimOperation the CIMOperation header ("MethodCall")
     * @param cimMethod    the CIMMethod header
     * @param cimObject    the CIMObject header, already URL-decoded
     */
    public Response handle(byte[] body, String cimOperation, String cimMethod, String cimObject, RequestContext caller) {
        return handle(body, cimOperation, cimMethod, cimObject, caller, "localhost");
    }

    /** @param host the HOST written into INSTANCEPATHs (the authority the client used) */
    public Response handle(byte[] body, String cimOperation, String cimMethod, String cimObject, RequestContext caller,
                           String host) {
        if (cimOperation == null || !cimOperation.trim().equalsIgnoreCase("MethodCall")) {
            return badRequest("unsupported-operation", "?", "CIMOperation must be MethodCall");
        }
        CimXmlRequest req;
        try {
            req = CimXmlDecoder.decode(body);
        } catch (CimXmlDecoder.BadRequest e) {
            return new Response(e.status, e.getMessage().getBytes(StandardCharsets.UTF_8), e.cimError,
                    String.valueOf(cimMethod), "bad request: " + e.getMessage());
        }
        if (cimMethod != null && !cimMethod.trim().equals(req.method())) {
            return badRequest("header-mismatch", req.method(), "CIMMethod header does not match the body");
        }
        if (cimObject != null && !objectMatches(cimObject, req)) {
            return badRequest("header-mismatch", req.method(), "CIMObject header does not match the body");
        }
        XmlWriter w = new XmlWriter(8192, false);
        w.raw("<?xml version=\"1.0\" encoding=\"utf-8\"?>");
        w.start("CIM").attr("CIMVERSION", "2.0").attr("DTDVERSION", "2.0");
        w.start("MESSAGE").attr("ID", req.messageId()).attr("PROTOCOLVERSION", "1.0");
        String responseTag = req.extrinsic() ? "METHODRESPONSE" : "IMETHODRESPONSE";
        w.start("SIMPLERSP").start(responseTag).attr("NAME", req.method());
        String outcome = "ok";
        XmlWriter result = new XmlWriter(8192, false);
        try {
            if (req.extrinsic()) {
                methodCalls.invoke(req, caller, result);
                w.raw(result.toString());
            } else if (pullCalls.handles(req.method())) {
                XmlWriter params = new XmlWriter(256, false);
                pullCalls.call(req, caller, result, params, host);
                w.start("IRETURNVALUE").raw(result.toString()).end("IRETURNVALUE").raw(params.toString());
            } else {
                execute(req, caller, result, host);
                w.start("IRETURNVALUE").raw(result.toString()).end("IRETURNVALUE");
            }
        } catch (CimException e) {
            outcome = e.status().symbol() + ": " + e.getMessage();
            w.start("ERROR").attr("CODE", Integer.toString(e.status().code()))
                    .attr("DESCRIPTION", String.valueOf(e.getMessage())).end("ERROR");
        } catch (RuntimeException e) {
            LOG.error("internal error in {}", req.method(), e);
            outcome = "CIM_ERR_FAILED: internal error";
            w.start("ERROR").attr("CODE", Integer.toString(CimStatus.FAILED.code()))
                    .attr("DESCRIPTION", "internal error: " + e.getClass().getSimpleName()).end("ERROR");
        }
        w.end(responseTag).end("SIMPLERSP").end("MESSAGE").end("CIM");
        return new Response(200, w.toString().getBytes(StandardCharsets.UTF_8), null, req.method(), outcome);
    }

    /** CIMObject is the namespace (intrinsic) or an object path whose namespace precedes ':' (extrinsic). */
    private static boolean objectMatches(String cimObject, CimXmlRequest req) {
        String o = cimObject.trim();
        if (req.extrinsic()) {
            int colon = o.indexOf(':');
            o = colon < 0 ? "" : o.substring(0, colon);
        }
        return CimOperations.normalize(o).equalsIgnoreCase(req.namespace());
    }

    private static Response badRequest(String cimError, String method, String message) {
        return new Response(400, message.getBytes(StandardCharsets.UTF_8), cimError, method, "bad request: " + message);
    }

    private void execute(CimXmlRequest req, RequestContext caller, XmlWriter out, String host) throws CimException {
        switch (req.method()) {
            case "GetInstance" -> getInstance(req, caller, out);
            case "EnumerateInstances" -> enumerateInstances(req, caller, out);
            case "EnumerateInstanceNames" -> enumerateInstanceNames(req, caller, out);
            case "GetProperty" -> getProperty(req, caller, out);
            case "GetClass" -> classCalls.getClass(req, out);
            case "ExecQuery" -> execQuery(req, caller, out, host);
            case "ModifyInstance" -> writeCalls.modifyInstance(req, caller);
            case "CreateInstance" -> writeCalls.createInstance(req, caller, out);
            case "DeleteInstance" -> writeCalls.deleteInstance(req, caller);
            case "SetProperty" -> writeCalls.setProperty(req, caller);
            case "Associators", "AssociatorNames", "References", "ReferenceNames" ->
                    associationCalls.call(req, caller, out, host);
            case "EnumerateClasses" -> classCalls.enumerateClasses(req, out);
            case "EnumerateClassNames" -> classCalls.enumerateClassNames(req, out);
            default -> throw new CimException(CimStatus.NOT_SUPPORTED, req.method() + " is not supported");
        }
    }

    private void getInstance(CimXmlRequest req, RequestContext caller, XmlWriter out) throws CimException {
        CimObjectPath path = CimXmlDecoder.instanceName(
                CimXmlDecoder.first(required(req, "InstanceName"), "INSTANCENAME"), req.namespace());
        CimInstance inst = ops.getInstance(caller, path).project(CimXmlDecoder.propertyList(req.param("PropertyList")));
        CimXmlEncoder.writeInstance(out, inst, false, CimXmlDecoder.bool(req.param("IncludeClassOrigin"), false));
    }

    private void enumerateInstances(CimXmlRequest req, RequestContext caller, XmlWriter out) throws CimException {
        String cls = CimXmlDecoder.className(required(req, "ClassName"));
        List<String> props = CimXmlDecoder.propertyList(req.param("PropertyList"));
        boolean origin = CimXmlDecoder.bool(req.param("IncludeClassOrigin"), false);
        for (CimInstance i : ops.enumerateInstances(caller, req.namespace(), cls)) {
            out.start("VALUE.NAMEDINSTANCE");
            CimXmlEncoder.writeInstanceName(out, i.path());
            CimXmlEncoder.writeInstance(out, i.project(props), false, origin);
            out.end("VALUE.NAMEDINSTANCE");
        }
    }

    private void enumerateInstanceNames(CimXmlRequest req, RequestContext caller, XmlWriter out) throws CimException {
        String cls = CimXmlDecoder.className(required(req, "ClassName"));
        for (CimObjectPath p : ops.enumerateInstanceNames(caller, req.namespace(), cls)) {
            CimXmlEncoder.writeInstanceName(out, new CimObjectPath(null, p.className(), p.keys()));
        }
    }

    private void execQuery(CimXmlRequest req, RequestContext caller, XmlWriter out, String host) throws CimException {
        String langName = valueOf(required(req, "QueryLanguage"));
        QueryLanguage lang = QueryLanguage.forName(langName).orElseThrow(() -> new CimException(
                CimStatus.QUERY_LANGUAGE_NOT_SUPPORTED, "query language " + langName + " is not supported; use WQL or DMTF:CQL"));
        for (CimInstance i : ops.execQuery(caller, req.namespace(), lang, valueOf(required(req, "Query")), null)) {
            out.start("VALUE.OBJECTWITHPATH");
            AssociationCalls.writeInstancePath(out, host, i.path().withNamespace(req.namespace()));
            CimXmlEncoder.writeInstance(out, i, false, false);
            out.end("VALUE.OBJECTWITHPATH");
        }
    }

    private static String valueOf(org.w3c.dom.Element param) {
        org.w3c.dom.Element v = CimXmlDecoder.first(param, "VALUE");
        return v == null ? "" : v.getTextContent();
    }

    private void getProperty(CimXmlRequest req, RequestContext caller, XmlWriter out) throws CimException {
        CimObjectPath path = CimXmlDecoder.instanceName(
                CimXmlDecoder.first(required(req, "InstanceName"), "INSTANCENAME"), req.namespace());
        org.w3c.dom.Element nameParam = required(req, "PropertyName");
        org.w3c.dom.Element v = CimXmlDecoder.first(nameParam, "VALUE");
        String name = v == null ? "" : v.getTextContent().trim();
        CimInstance inst = ops.getInstance(caller, path);
        org.xenwbem.cim.CimProperty p = inst.cimClass().property(name);
        if (p == null) {
            throw new CimException(CimStatus.NO_SUCH_PROPERTY, inst.className() + " has no property " + name);
        }
        Object value = inst.get(name);
        if (value != null) {
            CimXmlEncoder.writeValue(out, value, p.array());
        }
    }

    private static org.w3c.dom.Element required(CimXmlRequest req, String name) throws CimException {
        org.w3c.dom.Element p = req.param(name);
        if (p == null) {
            throw new CimException(CimStatus.INVALID_PARAMETER, req.method() + " needs the parameter " + name);
        }
        return p;
    }
}
