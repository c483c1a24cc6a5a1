package org.xenwbem.bridge.transfer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.xenwbem.bridge.client.XenApiException;
import org.xenwbem.bridge.client.XenApiSession;
import org.xenwbem.bridge.client.XenApiTransportException;

/**
 * Streams a VDI's content to and from xapi: {@code PUT /import_raw_vdi?vdi=…&format=raw|vhd} and
 * {@code GET /export_raw_vdi?vdi=…&format=raw|vhd}, authenticated by the session. The VDI is named
 * by UUID and resolved with {@code VDI.get_by_uuid} (UUID_INVALID when unknown); memory use is one
 * copy buffer, whatever the disk size. An HTTP refusal from xapi is a {@link XenApiTransportException}
 * carrying the status. {@code headersTimeout} bounds only the wait for xapi's answer headers.
 */
public final class VdiTransfer {
    public static final Duration DEFAULT_HEADERS_TIMEOUT = Duration.ofSeconds(60);

    private final XenApiSession session;
    private final Duration headersTimeout;

    public VdiTransfer(XenApiSession session) {
        this(session, DEFAULT_HEADERS_TIMEOUT);
    }

    public VdiTransfer(XenApiSession session, Duration headersTimeout) {
        this.session = Objects.requireNonNull(session, "session");
        this.headersTimeout = Objects.requireNonNull(headersTimeout, "headersTimeout");
    }

    /**
     * Writes {@code data} into the VDI; {@code length} &lt; 0 when unknown (then sent chunked). A
     * {@link ChunkedInput} stream is sent by its own arrays, not copied.
     */
    public void importVdi(String vdiUuid, VdiFormat format, InputStream data, long length)
            throws XenApiException, XenApiTransportException {
        if (data instanceof ChunkedInput chunks) { // its arrays go out as they are
            session.http().put(null, "/import_raw_vdi", query(vdiUuid, format), new ChunkPublisher(chunks), length,
                    headersTimeout);
        } else {
            session.http().put(null, "/import_raw_vdi", query(vdiUuid, format), data, length, headersTimeout);
        }
    }

    /** The VDI's content as a stream; the caller closes it. */
    public InputStream openExport(String vdiUuid, VdiFormat format) throws XenApiException, XenApiTransportException {
        return session.http().get(null, "/export_raw_vdi", query(vdiUuid, format), headersTimeout);
    }

    /** Copies the VDI's content to {@code sink}; returns the number of bytes copied. */
    public long exportVdi(String vdiUuid, VdiFormat format, OutputStream sink)
            throws XenApiException, XenApiTransportException {
        try (InputStream in = openExport(vdiUuid, format)) {
            return in.transferTo(sink);
        } catch (IOException e) {
            throw new XenApiTransportException("/export_raw_vdi: " + e.getClass().getSimpleName() + " while copying", e);
        }
    }

    private Map<String, String> query(String vdiUuid, VdiFormat format) throws XenApiException, XenApiTransportException {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("vdi", String.valueOf(session.call("VDI.get_by_uuid", vdiUuid)));
        q.put("format", format.wireName());
        return q;
    }

    @Override
    public String toString() {
        return "VdiTransfer[" + session + "]";
    }
}
