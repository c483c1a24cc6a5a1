package org.xenwbem.provider.transfer;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.xenwbem.bridge.transfer.VdiFormat;

/**
 * Fuzz test (issue #14) of the BITS upload handler ([MS-BPAU], {@link BitsUploads}): a conversation
 * of {@code BITS_POST} packets ({@link BitsScript}: any packet types, session ids, protocols,
 * Content-Range and Content-Length values, in any order and repeated) against one connection of a
 * small disk, whose bytes go to a recording xapi. Each packet is answered with a 200 Ack or refused
 * with a {@link TransferException} that {@link BitsUploads#error} turns into an Ack with a 4xx/5xx,
 * a BITS error code and context; only a body shorter than its Content-Length (a dropped connection)
 * may end in an IOException; the Ack never claims more bytes received than the upload's total. After
 * the conversation, every import has ended, none received more bytes than announced or than the disk
 * takes, and every byte arrived at the offset its fragment gave it. A read-only connection imports
 * nothing. Regression mode over {@code BitsSessionFuzzTestInputs} (uploads as BITS sends them,
 * resends after a drop, hostile headers) in every build; fuzzing in the fuzzing benchmark.
 */
class BitsSessionFuzzTest {
    /** The disk: small, so that fragments reach its end. */
    private static final long DISK = 4096;
    /** The most body bytes one packet carries; a larger Content-Length gets a short body. */
    private static final int MAX_BODY = 64 << 10;
    private static final ExecutorService WORKERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "bits-fuzz-import");
        t.setDaemon(true);
        return t;
    });
    private static final TransferRegistry REGISTRY = new TransferRegistry(Clock.systemUTC(), Duration.ofHours(1), 4);
    private static final BitsUploads BITS = new BitsUploads(REGISTRY, WORKERS);

    @FuzzTest(maxDuration = "30s")
    // libFuzzer's dictionary takes no raw line break: "\\x0A" is its escape for one
    @DictionaryEntries({"BITS-Packet-Type: ", "Create-Session", "Ping", "Fragment", "Close-Session", "Cancel-Session",
        "BITS-Session-Id: ", "$session", "BITS-Supported-Protocols: ", BitsUploads.PROTOCOL, "Content-Range: bytes ",
        "Content-Length: ", "$received", "/4096", "-4095/4096", "/*", "#vhd\\x0A", "#ro\\x0A", "#short ", "\\x0A\\x0A"})
    void converse(byte[] input) throws Exception {
        BitsScript script = BitsScript.parse(input);
        RecordingXapi xapi = new RecordingXapi();
        TransferConnection c = new TransferConnection("fuzzfuzzfuzzfuzz", "vdi", DISK, script.readOnly, "u", "p",
                Instant.now(), Duration.ofHours(1), Duration.ofHours(1), xapi.session);
        VdiFormat format = script.vhd ? VdiFormat.VHD : VdiFormat.RAW;
        Set<Upload> uploads = Collections.newSetFromMap(new IdentityHashMap<>());
        String[] last = {"", "0"};
        for (BitsScript.Packet p : script.packets) {
            send(c, format, p, last);
            if (c.upload() != null) {
                uploads.add(c.upload());
            }
        }
        c.endUpload("end of the fuzz input");
        for (Upload u : uploads) {
            try {
                u.await();
            } catch (TransferException expected) {
                // a cancelled or refused import
            }
        }
        checkImports(xapi, script, format);
    }

    /** Sends one packet, checks its answer, and remembers the session id and bytes received it gave. */
    private static void send(TransferConnection c, VdiFormat format, BitsScript.Packet p, String[] last)
            throws IOException {
        HttpFields headers = p.fields(last[0], last[1]);
        long length = BitsScript.length(headers);
        int bodyLength = (int) Math.max(0, Math.min(MAX_BODY, length - p.shortBy()));
        HttpFields.Mutable ack = HttpFields.build();
        int[] status = {0};
        try {
            BITS.post(c, format, request(headers, length, body(BitsScript.firstByte(headers), bodyLength)),
                    response(ack, status));
            expect(status[0] == 200, "an Ack without a failure is a 200, not " + status[0]);
        } catch (TransferException e) {
            expect(e.status() >= 400 && e.status() <= 599, "a refusal with status " + e.status());
            BitsUploads.error(response(ack, status), e);
            expect(ack.get("BITS-Error-Code").startsWith("0x80") && ack.get("BITS-Error-Context") != null,
                    "an error Ack with code " + ack.get("BITS-Error-Code"));
        } catch (IOException e) {
            expect(bodyLength < length, "an IOException on a whole body: " + e);
        }
        expect("Ack".equals(ack.get("BITS-Packet-Type")), "every answer is an Ack");
        String received = ack.get("BITS-Received-Content-Range");
        if (received != null) {
            Upload u = c.upload();
            expect(Long.parseLong(received) >= 0 && (u == null || Long.parseLong(received) <= u.total()),
                    "an Ack claims " + received + " bytes received");
            last[1] = received;
        }
        if (ack.get("BITS-Session-Id") != null) {
            last[0] = ack.get("BITS-Session-Id");
        }
    }

    private static void checkImports(RecordingXapi xapi, BitsScript script, VdiFormat format) {
        expect(!script.readOnly || xapi.imports.isEmpty(), "a read-only connection imported " + xapi.imports);
        long limit = Uploads.limit(format, DISK);
        for (RecordingXapi.Import i : xapi.imports) {
            expect(i.announced() > 0 && i.announced() <= limit, "an import announced as " + i.announced());
            expect(i.received() <= i.announced(), "xapi got " + i.received() + " bytes of " + i.announced());
            expect(i.wrongAt() < 0, "the byte at " + i.wrongAt() + " is not the one sent for that offset");
        }
    }

    private static ByteBuffer body(long first, int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = BitsScript.content(first + i);
        }
        return ByteBuffer.wrap(b);
    }

    /** The parts of a Jetty request the handler reads: headers, the Content-Length, the body. */
    private static Request request(HttpFields headers, long length, ByteBuffer body) {
        Content.Source source = Content.Source.from(body);
        return (Request) Proxy.newProxyInstance(Request.class.getClassLoader(), new Class<?>[] {Request.class},
                (p, m, a) -> switch (m.getName()) {
                    case "getHeaders" -> headers;
                    case "getLength" -> length;
                    case "read" -> source.read();
                    case "demand" -> {
                        source.demand((Runnable) a[0]);
                        yield null;
                    }
                    case "fail" -> {
                        source.fail((Throwable) a[0]);
                        yield null;
                    }
                    case "toString" -> "BITS_POST";
                    default -> throw new UnsupportedOperationException("Request." + m.getName());
                });
    }

    /** The parts of a Jetty response the handler writes: status and headers. */
    private static Response response(HttpFields.Mutable headers, int[] status) {
        return (Response) Proxy.newProxyInstance(Response.class.getClassLoader(), new Class<?>[] {Response.class},
                (p, m, a) -> switch (m.getName()) {
                    case "getHeaders" -> headers;
                    case "setStatus" -> {
                        status[0] = (Integer) a[0];
                        yield null;
                    }
                    case "getStatus" -> status[0];
                    case "toString" -> "Ack";
                    default -> throw new UnsupportedOperationException("Response." + m.getName());
                });
    }

    private static void expect(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError(what);
        }
    }
}
