package org.xenwbem.provider.cimxml;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.cim.xml.XmlWriter;
import org.xenwbem.provider.cimom.CimException;
import org.xenwbem.provider.cimom.CimStatus;
import org.xenwbem.provider.cimom.InstanceCursor;
import org.xenwbem.provider.cimom.RequestContext;

/**
 * The IRETURNVALUE of an enumeration (EnumerateInstances, ExecQuery, Associators ...), written as
 * its instances are read, in chunks: what the request holds is one chunk and the provider list being
 * read, however large the result. Everything a client can get wrong was checked before this was made.
 * A failure while the first chunk is still unsent becomes an ordinary ERROR response; after that the
 * status and part of the answer are gone, so the response is cut off (the client sees a broken
 * transfer, never a short answer that looks complete) and the failure is logged.
 */
final class StreamedReturn {
    /** How one instance is written inside IRETURNVALUE. */
    @FunctionalInterface
    interface Format {
        void write(XmlWriter out, CimInstance i);
    }

    /** The response is sent in pieces of about this many characters. */
    static final int CHUNK = 32 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(StreamedReturn.class);

    private final CimXmlRequest req;
    private final RequestContext caller;
    private final InstanceCursor cursor;
    private final Format format;

    StreamedReturn(CimXmlRequest req, RequestContext caller, InstanceCursor cursor, Format format) {
        this.req = req;
        this.caller = caller;
        this.cursor = cursor;
        this.format = format;
    }

    /** Writes the whole response; returns the outcome for the access log. */
    String writeTo(OutputStream os) throws IOException {
        Writer out = new OutputStreamWriter(os, StandardCharsets.UTF_8);
        XmlWriter w = new XmlWriter(CHUNK + 4096, false);
        CimXmlService.openResponse(w, req);
        w.start("IRETURNVALUE");
        boolean sent = false;
        long count = 0;
        try {
            for (CimInstance i = cursor.next(caller); i != null; i = cursor.next(caller)) {
                format.write(w, i);
                count++;
                if (w.length() >= CHUNK) {
                    send(w, out);
                    sent = true;
                }
            }
        } catch (CimException | RuntimeException e) {
            if (sent) {
                LOG.error("{} failed after {} instances had been sent; the response is cut off", req.method(), count, e);
                throw new IOException(req.method() + " failed while its answer was being sent", e);
            }
            return writeError(out, e);
        }
        w.end("IRETURNVALUE");
        CimXmlService.closeResponse(w, req);
        send(w, out);
        return "ok (" + count + " streamed)";
    }

    private String writeError(Writer out, Exception e) throws IOException {
        CimException ce = e instanceof CimException c ? c
                : new CimException(CimStatus.FAILED, "internal error: " + e.getClass().getSimpleName());
        if (!(e instanceof CimException)) {
            LOG.error("internal error in {}", req.method(), e);
        }
        XmlWriter w = new XmlWriter(1024, false);
        CimXmlService.openResponse(w, req);
        CimXmlService.writeError(w, ce);
        CimXmlService.closeResponse(w, req);
        send(w, out);
        return ce.status().symbol() + ": " + ce.getMessage();
    }

    /** Sends what has been written and empties the writer for the next chunk. */
    private static void send(XmlWriter w, Writer out) throws IOException {
        out.write(w.drain());
        out.flush();
    }
}
