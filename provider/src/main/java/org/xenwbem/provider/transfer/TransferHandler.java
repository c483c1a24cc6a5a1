package org.xenwbem.provider.transfer;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xenwbem.bridge.transfer.VdiFormat;

/**
 * The transfer endpoint: {@code /transfer/<handle>} is the raw disk, {@code /transfer/<handle>.vhd}
 * the disk as a dynamic VHD. GET and HEAD (with a single Range, 206), PUT (whole, or pieces with
 * Content-Range, {@link Uploads}) and BITS upload ({@code BITS_POST}, {@link BitsUploads}).
 * Each connection has its own Basic credentials (401 otherwise, the same answer for an unknown,
 * closed or expired handle); a read-only one refuses writes (403). Any other path is 404: the
 * handle is matched whole, so {@code ..} or extra segments name nothing.
 */
public final class TransferHandler extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(TransferHandler.class);
    static final String PREFIX = "/transfer/";
    private static final Pattern PATH = Pattern.compile("/transfer/([A-Za-z0-9]{16})(\\.vhd)?");

    private final TransferRegistry registry;
    private final Uploads uploads;
    private final BitsUploads bits;
    private final Downloads downloads;

    public TransferHandler(TransferRegistry registry, java.util.concurrent.Executor workers) {
        this.registry = registry;
        this.uploads = new Uploads(registry, workers);
        this.bits = new BitsUploads(registry, workers);
        this.downloads = new Downloads(registry);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Matcher m = PATH.matcher(Request.getPathInContext(request));
        if (!m.matches()) {
            return reply(response, callback, 404, "no such transfer");
        }
        Optional<TransferConnection> c = authenticate(request, m.group(1));
        if (c.isEmpty()) {
            response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Basic realm=\"xenwbem transfer\"");
            return reply(response, callback, 401, "credentials refused");
        }
        VdiFormat format = m.group(2) == null ? VdiFormat.RAW : VdiFormat.VHD;
        String method = request.getMethod();
        c.get().enter();
        try {
            switch (method) {
                case "GET", "HEAD" -> downloads.serve(c.get(), format, request, response, "HEAD".equals(method));
                case "PUT" -> uploads.put(c.get(), format, request, response);
                case "BITS_POST" -> bits.post(c.get(), format, request, response);
                default -> throw new TransferException(405, method + " is not served here");
            }
            callback.succeeded();
        } catch (TransferException e) {
            refused(c.get(), method, e, response, callback);
        } catch (IOException | RuntimeException e) {
            LOG.info("transfer {}: {} failed: {}", c.get().handle(), method, e.toString());
            if (response.isCommitted()) {
                callback.failed(e);
            } else {
                reply(response, callback, 500, "transfer failed");
            }
        } finally {
            c.get().exit(java.time.Instant.now());
        }
        return true;
    }

    private static void refused(TransferConnection c, String method, TransferException e, Response response,
                                Callback callback) {
        LOG.debug("transfer {}: {} refused: {}", c.handle(), method, e.getMessage());
        if ("BITS_POST".equals(method)) {
            BitsUploads.error(response, e);
            response.write(true, null, callback);
        } else if (!response.isCommitted()) {
            reply(response, callback, e.status(), e.getMessage());
        } else {
            callback.failed(e);
        }
    }

    private Optional<TransferConnection> authenticate(Request request, String handle) {
        String auth = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (auth == null || !auth.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String pair;
        try {
            pair = new String(Base64.getDecoder().decode(auth.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = pair.indexOf(':');
        return colon < 0 ? Optional.empty()
                : registry.authenticate(handle, pair.substring(0, colon), pair.substring(colon + 1));
    }

    static boolean reply(Response response, Callback callback, int status, String text) {
        byte[] body = (text + "\n").getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, java.nio.ByteBuffer.wrap(body), callback);
        return true;
    }

    /** Runs {@code body} holding one of the host's transfer slots (503 when none is free). */
    static void withSlot(TransferRegistry registry, IoAction body) throws TransferException, IOException {
        if (!registry.tryAcquire()) {
            throw new TransferException(503, "this host moves as many disks as it may; retry later");
        }
        try {
            body.run();
        } finally {
            registry.release();
        }
    }

    /** An action that may refuse or fail. */
    @FunctionalInterface
    interface IoAction {
        void run() throws TransferException, IOException;
    }

    static OutputStream body(Response response) {
        return Content.Sink.asOutputStream(response);
    }

    TransferRegistry registry() {
        return registry;
    }
}
