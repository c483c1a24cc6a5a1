package org.xenwbem.bridge.sim;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.List;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.xenwbem.bridge.transfer.VmMetadata;
import org.xenwbem.bridge.xmlrpc.XmlRpcWriter;

/**
 * {@code GET /export_metadata?ref=<VM ref or uuid>[&export_snapshots=false]} and
 * {@code PUT /import_metadata[?task_id=…&force=true]} (xenapi.md §4), over {@link SimVmMetadata}.
 * Authenticated as every xapi HTTP handler ({@link SimHttpAuth}: 401, and 403 to a read-only importer).
 * The import's result, the new VMs' refs as an XML-RPC array, goes to the caller's task when one is given
 * (as xapi does; the Transfer VM's remap read it there), else in the answer's body. An unknown VM is 404,
 * an unreadable tar 400, a refused import the task's failure (and 500). Fault injection: a rule on
 * {@code import_metadata} or {@code export_metadata} fails the request with its error.
 */
final class SimMetadataHandler {
    private final SimHttpAuth auth;
    private final SimDatabase db;
    private final SimVmMetadata metadata;
    private final SimFaults faults;

    SimMetadataHandler(SimHttpAuth auth, SimDatabase db, SimVmMetadata metadata, SimFaults faults) {
        this.auth = auth;
        this.db = db;
        this.metadata = metadata;
        this.faults = faults;
    }

    boolean handle(Request request, Response response, Callback callback, SimEndpoint endpoint)
            throws InterruptedException {
        boolean isImport = "/import_metadata".equals(Request.getPathInContext(request));
        if (!(isImport ? HttpMethod.PUT : HttpMethod.GET).is(request.getMethod())) {
            Response.writeError(request, response, callback, HttpStatus.METHOD_NOT_ALLOWED_405);
            return true;
        }
        Fields query = Request.extractQueryParameters(request);
        try (SimHttpAuth.Grant grant = auth.admit(request, response, callback, query, endpoint, isImport)) {
            if (grant != null) {
                if (isImport) {
                    importing(request, response, callback, query);
                } else {
                    exporting(request, response, callback, query);
                }
            }
        }
        return true;
    }

    private void exporting(Request request, Response response, Callback callback, Fields query) {
        String vm = query.getValue("ref");
        byte[] tar;
        try {
            faults.checkError("export_metadata");
            String ref = vm == null || vm.startsWith("OpaqueRef:") ? vm : db.atomically(() -> db.refByUuid("VM", vm));
            tar = metadata.export(ref, !"false".equalsIgnoreCase(query.getValue("export_snapshots"))).toTar();
        } catch (SimFault f) {
            Response.writeError(request, response, callback, HttpStatus.NOT_FOUND_404, String.join(" ", f.description()));
            return;
        }
        response.setStatus(HttpStatus.OK_200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/x-tar");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, tar.length);
        response.write(true, ByteBuffer.wrap(tar), callback);
    }

    private void importing(Request request, Response response, Callback callback, Fields query) {
        String task;
        VmMetadata md;
        try (InputStream in = Content.Source.asInputStream(request)) {
            task = SimHttpTask.resolve(db, query.getValue("task_id"));
            byte[] body = in.readNBytes(VmMetadata.MAX_BYTES + 1);
            if (body.length > VmMetadata.MAX_BYTES) {
                throw new IOException("metadata larger than " + VmMetadata.MAX_BYTES + " bytes");
            }
            md = VmMetadata.read(new ByteArrayInputStream(body));
        } catch (IOException e) {
            Response.writeError(request, response, callback, HttpStatus.BAD_REQUEST_400, e.getMessage());
            return;
        } catch (SimFault f) {
            Response.writeError(request, response, callback, HttpStatus.NOT_FOUND_404, String.join(" ", f.description()));
            return;
        }
        String result;
        try {
            faults.checkError("import_metadata");
            result = XmlRpcWriter.value(metadata.importMetadata(md));
        } catch (SimFault f) {
            SimHttpTask.finish(db, task, f.description());
            Response.writeError(request, response, callback, HttpStatus.INTERNAL_SERVER_ERROR_500,
                    String.join(" ", f.description()));
            return;
        }
        SimHttpTask.finish(db, task, List.of(), result);
        response.setStatus(HttpStatus.OK_200);
        response.write(true, ByteBuffer.wrap(result.getBytes(java.nio.charset.StandardCharsets.UTF_8)), callback);
    }
}
