package org.xenwbem.provider.transfer;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Executor;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.xenwbem.bridge.transfer.VdiFormat;

/**
 * BITS upload ([MS-BPAU], {@code BITS_POST}): Create-Session (protocol
 * {@value #PROTOCOL} only), Ping, Fragment (Content-Range; the Ack's
 * {@code BITS-Received-Content-Range} is the next byte expected, so a client that lost a connection
 * mid-fragment resends from there), Close-Session (answered once xapi has the whole disk) and
 * Cancel-Session. One session per connection; its fragments feed an {@link Upload}. Errors are Acks
 * with an HTTP status, {@code BITS-Error-Code} (an HRESULT) and {@code BITS-Error-Context}
 * (5: the server, 7: the server application, here xapi's import).
 */
final class BitsUploads {
    static final String PROTOCOL = "{7df0354d-249b-430f-820d-3d2a9bef4931}";
    static final String E_INVALIDARG = "0x80070057";
    static final String E_ACCESSDENIED = "0x80070005";
    static final String BG_E_SESSION_NOT_FOUND = "0x8020001F";
    static final String BG_E_TOO_LARGE = "0x80200020";
    static final String BG_E_PROTOCOL_MISMATCH = "0x80200022";
    private static final String CONTEXT_SERVER = "0x5";
    private static final String CONTEXT_APPLICATION = "0x7";

    private final TransferRegistry registry;
    private final Executor workers;

    BitsUploads(TransferRegistry registry, Executor workers) {
        this.registry = registry;
        this.workers = workers;
    }

    /** A refusal as BITS reports it. */
    static final class BitsRefusal extends TransferException {
        private static final long serialVersionUID = 1L;
        private final String code;
        private final String context;

        BitsRefusal(int status, String code, String context, String message) {
            super(status, message);
            this.code = code;
            this.context = context;
        }
    }

    void post(TransferConnection c, VdiFormat format, Request request, Response response)
            throws TransferException, IOException {
        HttpFields h = request.getHeaders();
        String type = h.get("BITS-Packet-Type");
        response.getHeaders().put("BITS-Packet-Type", "Ack");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 0);
        if (type == null) {
            throw refusal(400, E_INVALIDARG, "BITS_POST without BITS-Packet-Type");
        }
        if (c.readOnly()) {
            throw refusal(403, E_ACCESSDENIED, "this connection is read-only");
        }
        switch (type.toLowerCase(Locale.ROOT)) {
            case "create-session" -> create(c, h, response);
            case "ping" -> response.setStatus(200);
            case "fragment" -> fragment(c, format, request, response);
            case "close-session" -> close(c, session(c, h), response);
            case "cancel-session" -> {
                session(c, h);
                c.endUpload("BITS session cancelled");
                response.setStatus(200);
            }
            default -> throw refusal(400, E_INVALIDARG, "unknown BITS-Packet-Type " + type);
        }
    }

    private static void create(TransferConnection c, HttpFields h, Response response) throws TransferException {
        String offered = h.get("BITS-Supported-Protocols");
        if (offered == null || !offered.toLowerCase(Locale.ROOT).contains(PROTOCOL)) {
            throw refusal(400, BG_E_PROTOCOL_MISMATCH, "the only protocol served is " + PROTOCOL);
        }
        String id = "{" + UUID.randomUUID() + "}";
        c.startUpload(null, id);
        response.setStatus(200);
        response.getHeaders().put("BITS-Protocol", PROTOCOL);
        response.getHeaders().put("BITS-Session-Id", id);
        response.getHeaders().put(HttpHeader.ACCEPT_ENCODING, "identity");
    }

    private static String session(TransferConnection c, HttpFields h) throws TransferException {
        String id = h.get("BITS-Session-Id");
        String current = c.bitsSession();
        if (id == null || current == null || !current.equalsIgnoreCase(id.strip())) {
            throw refusal(500, BG_E_SESSION_NOT_FOUND, "no such BITS session");
        }
        return current;
    }

    private void fragment(TransferConnection c, VdiFormat format, Request request, Response response)
            throws TransferException, IOException {
        String id = session(c, request.getHeaders());
        response.getHeaders().put("BITS-Session-Id", id);
        long limit = Uploads.limit(format, c.diskSize());
        ByteRanges.Upload range;
        try {
            range = ByteRanges.contentRange(request.getHeaders().get(HttpHeader.CONTENT_RANGE), limit);
        } catch (TransferException e) {
            throw refusal(e.status() == 416 ? 413 : 400, e.status() == 416 ? BG_E_TOO_LARGE : E_INVALIDARG, e.getMessage());
        }
        long length = request.getLength();
        if (range == null || range.total() < 0 || length != range.last() - range.first() + 1) {
            throw refusal(400, E_INVALIDARG, "a fragment needs Content-Range bytes first-last/total and a matching "
                    + "Content-Length");
        }
        Upload current = c.upload();
        response.getHeaders().put("BITS-Received-Content-Range", Long.toString(current == null ? 0 : current.received()));
        if (current == null && range.first() != 0) {
            throw refusal(416, E_INVALIDARG, "the first fragment starts at byte 0");
        }
        Upload u = upload(c, format, range, id);
        TransferHandler.withSlot(registry, () -> {
            long received;
            try (InputStream body = Content.Source.asInputStream(request)) {
                received = u.accept(range.first(), length, body);
            } catch (TransferException e) {
                response.getHeaders().put("BITS-Received-Content-Range", Long.toString(u.received()));
                throw refusal(e.status(), E_INVALIDARG, e.getMessage());
            }
            response.getHeaders().put("BITS-Received-Content-Range", Long.toString(received));
            if (u.complete()) {
                awaitImport(u);
            }
            response.setStatus(200);
        });
    }

    private Upload upload(TransferConnection c, VdiFormat format, ByteRanges.Upload range, String id)
            throws TransferException {
        synchronized (c) {
            Upload u = c.upload();
            if (u == null) {
                u = new Upload(c.session(), c.vdiUuid(), format, range.total(), c.diskSize(), workers);
                c.startUpload(u, id);
            } else if (u.total() != range.total()) {
                throw refusal(400, E_INVALIDARG, "this session uploads " + u.total() + " bytes, not " + range.total());
            }
            return u;
        }
    }

    private static void close(TransferConnection c, String id, Response response) throws TransferException {
        Upload u = c.upload();
        response.getHeaders().put("BITS-Session-Id", id);
        if (u == null || !u.complete()) {
            c.endUpload("BITS session closed before the last fragment");
            throw refusal(400, E_INVALIDARG, "the session was closed before the whole file arrived");
        }
        awaitImport(u);
        c.endUpload("done");
        response.setStatus(200);
    }

    private static void awaitImport(Upload u) throws TransferException {
        try {
            u.await();
        } catch (TransferException e) {
            throw new BitsRefusal(e.status(), E_INVALIDARG, CONTEXT_APPLICATION, e.getMessage());
        }
    }

    private static BitsRefusal refusal(int status, String code, String message) {
        return new BitsRefusal(status, code, CONTEXT_SERVER, message);
    }

    /** Fills an error Ack for {@code e} (a plain refusal becomes E_INVALIDARG in the server's context). */
    static void error(Response response, TransferException e) {
        BitsRefusal r = e instanceof BitsRefusal b ? b
                : new BitsRefusal(e.status(), e.status() == 403 ? E_ACCESSDENIED : E_INVALIDARG, CONTEXT_SERVER, e.getMessage());
        response.setStatus(r.status());
        response.getHeaders().put("BITS-Packet-Type", "Ack");
        response.getHeaders().put("BITS-Error-Code", r.code);
        response.getHeaders().put("BITS-Error-Context", r.context);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 0);
    }
}
