package org.xenwbem.provider.diskcli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A BITS upload of a file ([MS-BPAU]): Create-Session, Fragments of {@link #FRAGMENT} bytes, Close-Session.
 * A fragment whose connection drops is sent again: the server skips what it already has and says where
 * it stands in BITS-Received-Content-Range, and the upload goes on from there ({@link #RETRIES} times in
 * a row at most). Cancel-Session ends a session that failed, so the disk is left marked incomplete
 * rather than half-written without notice.
 */
final class Upload {
    static final String PROTOCOL = "{7df0354d-249b-430f-820d-3d2a9bef4931}";
    static final int FRAGMENT = 8 << 20;
    static final int RETRIES = 5;
    private final Endpoint endpoint;
    private final Progress progress;
    private final Faults faults;

    /** Where a test breaks connections on purpose; NONE otherwise. */
    interface Faults {
        Faults NONE = (offset, out) -> out;

        OutputStream wrap(long offset, OutputStream out);
    }

    Upload(Endpoint endpoint, Progress progress, Faults faults) {
        this.endpoint = endpoint;
        this.progress = progress;
        this.faults = faults;
    }

    void run(Path file) throws IOException, DiskCliException {
        long size = Files.size(file);
        if (size == 0) {
            throw new DiskCliException(file + " is empty");
        }
        String session = createSession();
        boolean closed = false;
        try {
            progress.start(size, 0);
            long at = 0;
            while (at < size) {
                at = fragmentWithRetries(file, session, at, size);
                progress.moved(at);
            }
            packet("Close-Session", session, "the server did not take the upload");
            closed = true;
            progress.done();
        } finally {
            if (!closed) {
                cancel(session);
            }
        }
    }

    private String createSession() throws IOException, DiskCliException {
        Map<String, String> h = bits("Create-Session", null);
        h.put("BITS-Supported-Protocols", PROTOCOL);
        h.put("Content-Length", "0");
        try (HttpExchange x = endpoint.open("BITS_POST", h)) {
            String id = x.answer() == 200 ? x.header("BITS-Session-Id") : null;
            if (id == null) {
                throw new DiskCliException("the transfer endpoint refused a BITS session: " + x.describe());
            }
            return id;
        }
    }

    private long fragmentWithRetries(Path file, String session, long at, long size) throws IOException, DiskCliException {
        for (int attempt = 1; ; attempt++) {
            try {
                return fragment(file, session, at, Math.min(size, at + FRAGMENT), size);
            } catch (IOException e) {
                if (attempt >= RETRIES) {
                    throw new IOException("the upload failed at byte " + at + " after " + RETRIES + " attempts: "
                            + e.getMessage(), e);
                }
                progress.note("connection lost at byte " + at + " (" + e.getMessage() + "); resuming");
            }
        }
    }

    /** Sends bytes [from, to); returns where the server stands after it (BITS-Received-Content-Range). */
    private long fragment(Path file, String session, long from, long to, long size) throws IOException, DiskCliException {
        Map<String, String> h = bits("Fragment", session);
        h.put("Content-Range", "bytes " + from + "-" + (to - 1) + "/" + size);
        h.put("Content-Length", Long.toString(to - from));
        try (HttpExchange x = endpoint.open("BITS_POST", h); InputStream in = Files.newInputStream(file)) {
            in.skipNBytes(from);
            send(in, faults.wrap(from, x.output()), to - from, x);
            int status = x.answer();
            String received = x.header("BITS-Received-Content-Range");
            if (status != 200 || received == null) {
                throw new DiskCliException("the transfer endpoint refused bytes " + from + "-" + (to - 1) + ": "
                        + x.describe());
            }
            return Long.parseLong(received.strip());
        }
    }

    /** Sends the fragment's bytes; a server that answers before taking them all has its answer reported. */
    private static void send(InputStream in, OutputStream out, long length, HttpExchange x)
            throws IOException, DiskCliException {
        byte[] buf = new byte[256 << 10];
        try {
            for (long left = length; left > 0; ) {
                int n = in.readNBytes(buf, 0, (int) Math.min(buf.length, left));
                out.write(buf, 0, n);
                left -= n;
            }
        } catch (IOException e) {
            String answer;
            try {
                x.answer();
                answer = x.describe();
            } catch (IOException none) {
                throw e;
            }
            throw new DiskCliException("the transfer endpoint stopped the upload: " + answer);
        }
    }

    private void packet(String type, String session, String refused) throws IOException, DiskCliException {
        Map<String, String> h = bits(type, session);
        h.put("Content-Length", "0");
        try (HttpExchange x = endpoint.open("BITS_POST", h)) {
            if (x.answer() != 200) {
                throw new DiskCliException(refused + ": " + x.describe());
            }
        }
    }

    private void cancel(String session) {
        try {
            packet("Cancel-Session", session, "cancel");
        } catch (IOException | DiskCliException e) {
            progress.note("could not cancel the BITS session: " + e.getMessage());
        }
    }

    private static Map<String, String> bits(String type, String session) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("BITS-Packet-Type", type);
        if (session != null) {
            h.put("BITS-Session-Id", session);
        }
        return h;
    }
}
