package org.xenwbem.provider.transfer;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.Executor;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.xenwbem.bridge.transfer.VdiFormat;

/**
 * PUT of a disk: the whole of it in one request (Content-Length required), or in pieces with
 * Content-Range {@code bytes first-last/total}: the first piece starts at 0, each next one where
 * the last ended (a repeated piece after a dropped connection has its known bytes skipped). A piece
 * that leaves the upload incomplete is answered 202 with {@code Range: bytes=0-<last received>};
 * the last one waits for xapi and is answered 200, or the import's failure.
 */
final class Uploads {
    private final TransferRegistry registry;
    private final Executor workers;

    Uploads(TransferRegistry registry, Executor workers) {
        this.registry = registry;
        this.workers = workers;
    }

    /** The most bytes an upload of this format may carry for a disk of {@code size} bytes. */
    static long limit(VdiFormat format, long size) {
        return format == VdiFormat.RAW ? size : size + size / 2048 + (64L << 20);
    }

    void put(TransferConnection c, VdiFormat format, Request request, Response response)
            throws TransferException, IOException {
        if (c.readOnly()) {
            throw new TransferException(403, "this connection is read-only");
        }
        long length = request.getLength();
        if (length < 0) {
            throw new TransferException(411, "a PUT needs a Content-Length");
        }
        long limit = limit(format, c.diskSize());
        ByteRanges.Upload range = ByteRanges.contentRange(request.getHeaders().get(HttpHeader.CONTENT_RANGE), limit);
        if (range == null && length > limit) {
            throw new TransferException(413, length + " bytes do not fit a disk of " + c.diskSize());
        }
        if (range != null && range.last() - range.first() + 1 != length) {
            throw new TransferException(400, "Content-Range and Content-Length disagree");
        }
        long first = range == null ? 0 : range.first();
        long total = range == null ? length : range.total();
        if (total < 0) {
            throw new TransferException(400, "Content-Range total must be known (bytes first-last/total)");
        }
        TransferHandler.withSlot(registry, () -> {
            Upload u = upload(c, format, first, total);
            long received;
            try (InputStream body = Content.Source.asInputStream(request)) {
                received = u.accept(first, length, body);
            }
            finish(c, u, received, response);
        });
    }

    private Upload upload(TransferConnection c, VdiFormat format, long first, long total) throws TransferException {
        Upload u = c.upload();
        if (first == 0 && (u == null || u.finished() || u.total() != total || c.bitsSession() != null)) {
            u = new Upload(c.session(), c.vdiUuid(), format, total, c.diskSize(), workers);
            c.startUpload(u, null);
        } else if (u == null || c.bitsSession() != null) {
            throw new TransferException(416, "no upload in progress; start at byte 0");
        } else if (u.total() != total) {
            throw new TransferException(400, "the upload in progress has " + u.total() + " bytes, not " + total);
        }
        return u;
    }

    private static void finish(TransferConnection c, Upload u, long received, Response response) throws TransferException {
        if (u.complete()) {
            u.await();
            response.setStatus(200);
        } else {
            response.setStatus(202);
            if (received > 0) {
                response.getHeaders().put(HttpHeader.RANGE, "bytes=0-" + (received - 1));
            }
        }
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 0);
    }
}
