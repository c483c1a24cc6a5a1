package org.xenwbem.provider.cimxml;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.cim.CimObjectPath;
import org.xenwbem.cim.xml.CimXmlEncoder;
import org.xenwbem.cim.xml.XmlWriter;
import org.xenwbem.provider.cimom.CimException;
import org.xenwbem.provider.cimom.CimOperations;
import org.xenwbem.provider.cimom.Readiness;
import org.xenwbem.provider.cimom.CimStatus;
import org.xenwbem.provider.cimom.RequestContext;
import org.xenwbem.provider.cimom.UserLimits;

/**
 * The CIM-XML endpoint as a function from request to response, independent of HTTP: checks the
 * DSP0200 headers against the body, runs the intrinsic operation, encodes the result or ERROR.
 * Enumerations that may hold a whole class hierarchy are streamed (see {@link EnumerationCalls}).
 */
public final class CimXmlService {
    private static final Logger LOG = LoggerFactory.getLogger(CimXmlService.class);

    /**
     * The HTTP response: status, the CIMError header value for HTTP-level errors, and the body, either
     * complete or written as it is produced ({@link #streamed()}; then {@link #outcome()} is known once
     * {@link #writeTo} has returned).
     */
    public static final class Response {
        private final int status;
        private byte[] body;
        private final StreamedReturn stream;
        private final String cimError;
        private final String method;
        private volatile String outcome;
        /** The operation a streamed body still runs, ended once it is written (null when not counted). */
        private UserLimits.Slot slot;

        public Response(int status, byte[] body, String cimError, String method, String outcome) {
            this(status, body, null, cimError, method, outcome);
        }

        private Response(int status, byte[] body, StreamedReturn stream, String cimError, String method, String outcome) {
            this.status = status;
            this.body = body;
            this.stream = stream;
            this.cimError = cimError;
            this.method = method;
            this.outcome = outcome;
        }

        static Response streamed(String method, StreamedReturn stream) {
            return new Response(200, null, stream, null, method, "streaming");
        }

        public int status() {
            return status;
        }

        public String cimError() {
            return cimError;
        }

        public String method() {
            return method;
        }

        public String outcome() {
            return outcome;
        }

        /** True when the body is produced while it is written, so its length is not known beforehand. */
        public boolean streamed() {
            return stream != null;
        }

        /** Writes the body to {@code out}; an IOException from a streamed body means the answer was cut off. */
        public void writeTo(OutputStream out) throws IOException {
            try (UserLimits.Slot s = slot) {
                if (body != null) {
                    out.write(body);
                } else {
                    outcome = stream.writeTo(out);
                }
            }
        }

        /**
         * The whole body in memory: a streamed body is produced into memory, once (for tests; a body
         * can be produced only once, so do not mix this with {@link #writeTo}).
         */
        public synchronized byte[] body() {
            if (body != null) {
                return body;
            }
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            try {
                writeTo(b);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            body = b.toByteArray();
            return body;
        }
    }

    private final CimOperations ops;
    private final ClassCalls classCalls;
    private final MethodCalls methodCalls;
    private final EnumerationCalls enumerationCalls;
    private final PullCalls pullCalls;
    private final WriteCalls writeCalls;
    /** The intrinsic methods that read class definitions only (no pool data). */
    private static final java.util.Set<String> CLASS_READS = java.util.Set.of("GetClass", "EnumerateClasses",
            "EnumerateClassNames");
    /** Operations in progress per user; null: not bounded. */
    private volatile UserLimits.Operations operations;
    /** Whether the pool data is loaded; every operation but the class reads waits for it. */
    private volatile Readiness readiness = Readiness.ALWAYS;

    public CimXmlService(CimOperations ops) {
        this(ops, PullCalls.DEFAULT_PAGE_OCTETS);
    }

    /** @param pageOctets the most a pull operation's page of instances may take (at least one instance is sent) */
    public CimXmlService(CimOperations ops, long pageOctets) {
        this.ops = ops;
        this.classCalls = new ClassCalls(ops);
        this.methodCalls = new MethodCalls(ops);
        this.enumerationCalls = new EnumerationCalls(ops);
        this.pullCalls = new PullCalls(ops, pageOctets);
        this.writeCalls = new WriteCalls(ops);
    }

    /**
     * Bounds per user the open pull enumerations and the operations in progress
     * (CIM_ERR_SERVER_LIMITS_EXCEEDED beyond either).
     */
    public CimXmlService limit(UserLimits limits) {
        pullCalls.maxPerUser(limits.enumerationsPerUser());
        this.operations = limits.operations();
        return this;
    }

    /**
     * Makes every operation that reads pool data wait for {@code ready} (its own bound) and answer
     * CIM_ERR_FAILED saying so when it does not come; class reads and malformed requests are answered at once.
     */
    public CimXmlService readiness(Readiness ready) {
        this.readiness = ready;
        return this;
    }

    /** Pull enumerations open now, over all users. */
    public int openEnumerations() {
        return pullCalls.size();
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
        return answer(req, caller, host);
    }

    /** Counts the caller's operation while it runs (a streamed one until it is written); refused beyond the bound. */
    private Response answer(CimXmlRequest req, RequestContext caller, String host) {
        UserLimits.Operations o = operations;
        UserLimits.Slot slot = o == null || caller == null ? null : o.enter(caller.user());
        if (o != null && caller != null && slot == null) {
            CimException e = new CimException(CimStatus.SERVER_LIMITS_EXCEEDED,
                    UserLimits.operationsExceeded(caller.user(), o.max()));
            XmlWriter w = new XmlWriter(512, false);
            openResponse(w, req);
            writeError(w, e);
            closeResponse(w, req);
            return new Response(200, w.toString().getBytes(StandardCharsets.UTF_8), null, req.method(),
                    e.status().symbol() + ": per-user operation limit");
        }
        Response r = null;
        try {
            r = run(req, caller, host);
            return r;
        } finally {
            if (r != null && r.streamed()) {
                r.slot = slot;
            } else if (slot != null) {
                slot.close();
            }
        }
    }

    /** Runs the operation: enumerations stream their answer, every other operation is answered whole. */
    private Response run(CimXmlRequest req, RequestContext caller, String host) {
        XmlWriter w = new XmlWriter(8192, false);
        openResponse(w, req);
        String outcome = "ok";
        try {
            if (req.extrinsic() || !CLASS_READS.contains(req.method())) {
                readiness.await(null);
            }
            StreamedReturn stream = req.extrinsic() ? null : enumerationCalls.prepare(req, caller, host);
            if (stream != null) {
                return Response.streamed(req.method(), stream);
            }
            XmlWriter result = new XmlWriter(8192, false);
            if (req.extrinsic()) {
                methodCalls.invoke(req, caller, result);
                w.raw(result.toString());
            } else if (pullCalls.handles(req.method())) {
                XmlWriter params = new XmlWriter(256, false);
                pullCalls.call(req, caller, result, params, host);
                w.start("IRETURNVALUE").raw(result.toString()).end("IRETURNVALUE").raw(params.toString());
            } else {
                execute(req, caller, result);
                w.start("IRETURNVALUE").raw(result.toString()).end("IRETURNVALUE");
            }
        } catch (CimException e) {
            outcome = e.status().symbol() + ": " + e.getMessage();
            writeError(w, e);
        } catch (RuntimeException e) {
            LOG.error("internal error in {}", req.method(), e);
            outcome = "CIM_ERR_FAILED: internal error";
            writeError(w, new CimException(CimStatus.FAILED, "internal error: " + e.getClass().getSimpleName()));
        }
        closeResponse(w, req);
        return new Response(200, w.toString().getBytes(StandardCharsets.UTF_8), null, req.method(), outcome);
    }

    /** The response up to and including the open (I)METHODRESPONSE element. */
    static void openResponse(XmlWriter w, CimXmlRequest req) {
        w.raw("<?xml version=\"1.0\" encoding=\"utf-8\"?>");
        w.start("CIM").attr("CIMVERSION", "2.0").attr("DTDVERSION", "2.0");
        w.start("MESSAGE").attr("ID", req.messageId()).attr("PROTOCOLVERSION", "1.0");
        w.start("SIMPLERSP").start(req.extrinsic() ? "METHODRESPONSE" : "IMETHODRESPONSE").attr("NAME", req.method());
    }

    static void closeResponse(XmlWriter w, CimXmlRequest req) {
        w.end(req.extrinsic() ? "METHODRESPONSE" : "IMETHODRESPONSE").end("SIMPLERSP").end("MESSAGE").end("CIM");
    }

    static void writeError(XmlWriter w, CimException e) {
        w.start("ERROR").attr("CODE", Integer.toString(e.status().code()))
                .attr("DESCRIPTION", String.valueOf(e.getMessage())).end("ERROR");
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

    private void execute(CimXmlRequest req, RequestContext caller, XmlWriter out) throws CimException {
        switch (req.method()) {
            case "GetInstance" -> getInstance(req, caller, out);
            case "GetProperty" -> getProperty(req, caller, out);
            case "GetClass" -> classCalls.getClass(req, out);
            case "ModifyInstance" -> writeCalls.modifyInstance(req, caller);
            case "CreateInstance" -> writeCalls.createInstance(req, caller, out);
            case "DeleteInstance" -> writeCalls.deleteInstance(req, caller);
            case "SetProperty" -> writeCalls.setProperty(req, caller);
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
