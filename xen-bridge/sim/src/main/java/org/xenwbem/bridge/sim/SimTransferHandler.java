package org.xenwbem.bridge.sim;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.UUID;
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
 * {@code virtual_size} bytes (raw), or those rounded up to whole sectors plus a fixed-VHD footer
 * (vhd). Import of a VHD accepts fixed disks only. Authenticated like every xapi HTTP handler (401);
 * a read-only session may export but not import (403).
 */
final class SimTransferHandler {
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
        try (SimHttpAuth.Grant grant = auth.authenticate(request, query, endpoint)) {
            if (grant == null) {
                Response.writeError(request, response, callback, HttpStatus.UNAUTHORIZED_401);
            } else if (isImport && grant.session().user().role() == SimRole.READ_ONLY) {
                Response.writeError(request, response, callback, HttpStatus.FORBIDDEN_403);
            } else {
                serve(request, response, callback, query, isImport);
            }
        }
        return true;
    }

    private void serve(Request request, Response response, Callback callback, Fields query, boolean isImport) {
        VdiFormat format;
        String[] vdi;
        try {
            format = VdiFormat.fromWire(query.getValue("format"));
            vdi = resolve(query.getValue("vdi"));
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
        } catch (IOException e) {
            LOG.debug("VDI transfer failed: {}", e.getMessage());
            if (response.isCommitted()) {
                callback.failed(e);
            } else {
                Response.writeError(request, response, callback, HttpStatus.BAD_REQUEST_400, e.getMessage());
            }
        } catch (SimFault f) {
            LOG.debug("VDI transfer failed: {}", f.description());
            if (response.isCommitted()) {
                callback.failed(f);
            } else {
                Response.writeError(request, response, callback, HttpStatus.INTERNAL_SERVER_ERROR_500,
                        String.join(" ", f.description()));
            }
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
            long n = format == VdiFormat.VHD
                    ? store.writeVhd(ref, uuid, in, size > 0 ? VhdFooter.roundToSectors(size) : limit)
                    : store.write(ref, uuid, in, limit);
            LOG.debug("imported {} bytes into VDI {}", n, uuid);
        }
        response.setStatus(HttpStatus.OK_200);
        response.write(true, null, callback);
    }

    private void send(Response response, Callback callback, String ref, String uuid, VdiFormat format, long size)
            throws IOException {
        long length = size > 0 ? size : store.storedSize(ref, uuid);
        long data = format == VdiFormat.VHD ? VhdFooter.roundToSectors(length) : length;
        long total = format == VdiFormat.VHD ? data + VhdFooter.SIZE : data;
        response.setStatus(HttpStatus.OK_200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/octet-stream");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, total);
        try (OutputStream out = Content.Sink.asOutputStream(response)) {
            store.read(ref, uuid, data, out);
            if (format == VdiFormat.VHD) {
                out.write(VhdFooter.fixed(data, Instant.now(), UUID.nameUUIDFromBytes(uuid.getBytes())).toBytes());
            }
        }
        callback.succeeded();
    }
}
