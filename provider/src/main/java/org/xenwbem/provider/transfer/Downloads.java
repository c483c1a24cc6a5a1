package org.xenwbem.provider.transfer;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.UUID;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.xenwbem.bridge.transfer.VdiFormat;
import org.xenwbem.bridge.transfer.VhdWriter;

/**
 * GET and HEAD of a disk, raw or as a dynamic VHD made on the fly from xapi's raw export
 * ({@link VhdWriter}): the block allocation is scanned once per connection (until a write), and the
 * VHD's timestamp and unique id are the connection's, so every range of it is the same bytes — a
 * BITS or HTTP download may resume. A single Range is answered 206 with Content-Range.
 */
final class Downloads {
    private final TransferRegistry registry;

    Downloads(TransferRegistry registry) {
        this.registry = registry;
    }

    void serve(TransferConnection c, VdiFormat format, Request request, Response response, boolean head)
            throws TransferException, IOException {
        TransferHandler.withSlot(registry, () -> {
            try (ExportReader source = new ExportReader(c.session().transfers(), c.vdiUuid(), c.diskSize())) {
                VhdWriter vhd = format == VdiFormat.VHD ? vhd(c, source) : null;
                long size = vhd == null ? c.diskSize() : vhd.length();
                ByteRanges.Span span = range(request, response, size);
                response.getHeaders().put(HttpHeader.ACCEPT_RANGES, "bytes");
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/octet-stream");
                response.getHeaders().put(HttpHeader.CONTENT_LENGTH, span.length());
                if (span.length() != size) {
                    response.setStatus(206);
                    response.getHeaders().put(HttpHeader.CONTENT_RANGE,
                            "bytes " + span.from() + "-" + (span.to() - 1) + "/" + size);
                } else {
                    response.setStatus(200);
                }
                if (!head) {
                    c.sending(span.length());
                    try (OutputStream out = counted(c, TransferHandler.body(response))) {
                        if (vhd == null) {
                            source.copy(out, span.from(), span.to());
                        } else {
                            vhd.writeRange(out, span.from(), span.to());
                        }
                    } finally {
                        c.sendingDone();
                    }
                }
            }
        });
    }

    /** {@code out}, telling the connection how many bytes went through (its progress). */
    private static OutputStream counted(TransferConnection c, OutputStream out) {
        return new java.io.FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
                c.sent(len);
            }
        };
    }

    private static ByteRanges.Span range(Request request, Response response, long size) throws TransferException {
        try {
            ByteRanges.Span s = ByteRanges.range(request.getHeaders().get(HttpHeader.RANGE), size);
            return s == null ? new ByteRanges.Span(0, size) : s;
        } catch (TransferException e) {
            response.getHeaders().put(HttpHeader.CONTENT_RANGE, "bytes */" + size);
            throw e;
        }
    }

    private static VhdWriter vhd(TransferConnection c, ExportReader source) throws TransferException, IOException {
        UUID id = UUID.nameUUIDFromBytes((c.handle() + c.vdiUuid()).getBytes(StandardCharsets.UTF_8));
        try {
            BitSet known = c.allocation();
            if (known != null) {
                return VhdWriter.scanned(source, c.diskSize(), c.created(), id, known);
            }
            VhdWriter w = new VhdWriter(source, c.diskSize(), c.created(), id);
            w.scan();
            c.allocation(w.allocation());
            return w;
        } catch (IllegalArgumentException e) {
            throw new TransferException(400, e.getMessage());
        }
    }
}
