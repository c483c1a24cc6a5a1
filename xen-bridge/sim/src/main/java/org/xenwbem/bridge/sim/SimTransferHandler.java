package org.xenwbem.bridge.sim;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xenwbem.bridge.transfer.VdiFormat;
import org.xenwbem.bridge.transfer.VhdFooter;

/**
 * {@code PUT /import_raw_vdi?vdi=<ref or uuid>&format=raw|vhd} and {@code GET /export_raw_vdi?…},
 * backed by {@link SimVdiStore} (the VDI's SR back end) so that data round-trips. Any VDI the simulator knows is accepted
 * (404 otherwise); the content may not exceed the VDI's {@code virtual_size} (400). Export yields
 * {@code virtual_size} bytes (raw) or, as xapi's vhd-tool does, a dynamic VHD of only the allocated
 * blocks (vhd); import of a VHD accepts fixed and dynamic disks ({@link SimVhdCodec}). Authenticated like every xapi HTTP handler (401);
 * a read-only session may export but not import (403). With {@code task_id} the caller's task
 * reports the outcome ({@link SimHttpTask}).
 */
final class SimTransferHandler {
    private static final long DRAIN_LIMIT = 64L << 20;

    private static final Logger LOG = LoggerFactory.getLogger(SimTransferHandler.class);
    private static final String VDI = "VDI";

    private final SimHttpAuth auth;
    private final SimDatabase db;
    private final SimVdiStore store;

    SimTransferHandler(SimHttpAuth auth, SimDatabase db, SimVdiStore store) {
        this.auth = auth;
        this.db = db;
        this.store = store;
    }

    boolean handle(Request request, Response response, Callback callback, SimEndpoint endpoint)
            throws InterruptedException {
        boolean isImport = "/import_raw_vdi".equals(Request.getPathInContext(request));
        HttpMethod expected = isImport ? HttpMethod.PUT : HttpMethod.GET;
        if (!expected.is(request.getMethod())) {
            Response.writeError(request, response, callback, HttpStatus.METHOD_NOT_ALLOWED_405);
            return true;
        }
        Fields query = Request.extractQueryParameters(request);
        try (SimHttpAuth.Grant grant = auth.admit(request, response, callback, query, endpoint, isImport)) {
            if (grant != null) {
                serve(request, response, callback, query, isImport);
            }
        }
        return true;
    }

    private void serve(Request request, Response response, Callback callback, Fields query, boolean isImport) {
        VdiFormat format;
        String[] vdi;
        String task;
        try {
            format = VdiFormat.fromWire(query.getValue("format"));
            vdi = resolve(query.getValue("vdi"));
            task = SimHttpTask.resolve(db, query.getValue("task_id"));
        } catch (IllegalArgumentException e) {
            Response.writeError(request, response, callback, HttpStatus.BAD_REQUEST_400, e.getMessage());
            return;
        } catch (SimFault f) {
            Response.writeError(request, response, callback, HttpStatus.NOT_FOUND_404, f.description().get(0));
            return;
        }
        long size = db.atomically(() -> db.getLong(VDI, vdi[0], "virtual_size"));
        try {
            if (isImport) {
                receive(request, response, callback, vdi[0], vdi[1], format, size);
            } else {
                send(response, callback, vdi[0], vdi[1], format, size);
            }
            SimHttpTask.finish(db, task, List.of());
        } catch (IOException e) {
            failed(request, response, callback, task, e, HttpStatus.BAD_REQUEST_400,
                    List.of("VDI_IO_ERROR", String.valueOf(e.getMessage())));
        } catch (SimFault f) {
            failed(request, response, callback, task, f, HttpStatus.INTERNAL_SERVER_ERROR_500, f.description());
        }
    }

    private void failed(Request request, Response response, Callback callback, String task, Exception e, int status,
                        List<String> error) {
        LOG.debug("VDI transfer failed: {}", error);
        SimHttpTask.finish(db, task, error);
        if (response.isCommitted()) {
            callback.failed(e);
        } else {
            Response.writeError(request, response, callback, status, String.join(" ", error.subList(error.size() > 1
                    && "VDI_IO_ERROR".equals(error.get(0)) ? 1 : 0, error.size())));
        }
    }

    /** {ref, uuid} of the VDI named by ref or UUID. */
    private String[] resolve(String vdi) {
        if (vdi == null || vdi.isEmpty()) {
            throw new IllegalArgumentException("missing vdi parameter");
        }
        return db.atomically(() -> {
            if (vdi.startsWith("OpaqueRef:")) {
                return new String[] {vdi, (String) db.get(VDI, vdi, "uuid")};
            }
            return new String[] {db.refByUuid(VDI, vdi), vdi};
        });
    }

    private void receive(Request request, Response response, Callback callback, String ref, String uuid,
                         VdiFormat format, long size) throws IOException {
        long limit = size > 0 ? size : Long.MAX_VALUE;
        try (InputStream in = Content.Source.asInputStream(request)) {
            long n;
            try {
                n = format == VdiFormat.VHD
                        ? SimVhdCodec.importVhd(store, ref, uuid, in, request.getLength(), size > 0 ? VhdFooter.roundToSectors(size) : limit)
                        : store.write(ref, uuid, in, limit);
            } catch (IOException e) {
                drain(in);
                throw e;
            }
            LOG.debug("imported {} bytes into VDI {}", n, uuid);
        }
        response.setStatus(HttpStatus.OK_200);
        response.write(true, null, callback);
    }

    /**
     * Reads what is left of a refused upload (up to {@link #DRAIN_LIMIT}) before the error is answered, so
     * that a client still sending reads the 400 instead of a reset connection.
     */
    private static void drain(InputStream in) {
        try {
            long left = DRAIN_LIMIT;
            byte[] buf = new byte[64 << 10];
            int n;
            while (left > 0 && (n = in.read(buf, 0, (int) Math.min(buf.length, left))) > 0) {
                left -= n;
            }
        } catch (IOException ignored) {
            // the client went away: nothing left to answer
        }
    }

    private void send(Response response, Callback callback, String ref, String uuid, VdiFormat format, long size)
            throws IOException {
        long length = size > 0 ? size : store.storedSize(ref, uuid);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/octet-stream");
        if (format == VdiFormat.VHD) {
            try (SimVhdCodec.Export vhd = SimVhdCodec.export(store, ref, uuid, Math.max(VhdFooter.SIZE, length))) {
                response.setStatus(HttpStatus.OK_200);
                response.getHeaders().put(HttpHeader.CONTENT_LENGTH, vhd.length());
                try (OutputStream out = Content.Sink.asOutputStream(response)) {
                    vhd.writeTo(out);
                }
            }
        } else {
            response.setStatus(HttpStatus.OK_200);
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, length);
            try (OutputStream out = new SimBodyOutput(response)) {
                store.read(ref, uuid, length, out);
            }
        }
        callback.succeeded();
    }
}
