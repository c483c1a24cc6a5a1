package org.xenwbem.provider.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

/** Reads request bodies with a hard size bound, so an oversize request costs at most the bound. */
final class Bodies {
    /** The body exceeded the bound: answer HTTP 413. */
    static final class TooLarge extends IOException {
        TooLarge(long limit) {
            super("request body larger than " + limit + " bytes");
        }
    }

    private Bodies() {
    }

    static byte[] read(Request request, long limit) throws IOException {
        long declared = request.getLength();
        if (declared > limit) {
            throw new TooLarge(limit);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(declared > 0 ? (int) declared : 4096);
        byte[] buf = new byte[16384];
        try (InputStream in = Content.Source.asInputStream(request)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                if (out.size() + n > limit) {
                    throw new TooLarge(limit);
                }
                out.write(buf, 0, n);
            }
        }
        return out.toByteArray();
    }
}
