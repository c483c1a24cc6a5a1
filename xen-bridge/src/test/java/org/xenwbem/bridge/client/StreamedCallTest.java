package org.xenwbem.bridge.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link XenApiConnection#callStreamed} over TCP and over the dom0 Unix socket: the records of a
 * {@code get_all_records} answer reach the caller while the answer is still arriving (the second record
 * is only sent once the first was handed out, so a client that buffers the whole body hangs), under every
 * HTTP framing the socket transport reads; a cut answer is a transport failure.
 */
class StreamedCallTest {
    private static final String FIRST = record("OpaqueRef:a", "u-a");
    private static final String HEAD = "<?xml version=\"1.0\"?><methodResponse><params><param><value><struct>"
            + "<member><name>Status</name><value>Success</value></member><member><name>Value</name><value><struct>";
    private static final String REST = record("OpaqueRef:b", "u-b") + "</struct></value></member></struct></value>"
            + "</param></params></methodResponse>\n";
    @TempDir
    Path dir;
    private final CountDownLatch firstHandedOut = new CountDownLatch(1);
    private final AtomicBoolean firstBeforeRest = new AtomicBoolean();

    private static String record(String ref, String uuid) {
        return "<member><name>" + ref + "</name><value><struct><member><name>uuid</name><value>" + uuid
                + "</value></member><member><name>name_label</name><value>" + "x".repeat(20_000)
                + "</value></member></struct></value></member>";
    }

    private List<String> call(URI url) throws Exception {
        XenApiConnection c = XenApiConnection.create(url, Duration.ofSeconds(2), Duration.ofSeconds(10));
        List<String> uuids = new ArrayList<>();
        c.callStreamed(Duration.ofSeconds(10), "VM.get_all_records", List.of("OpaqueRef:session"), (ref, rec) -> {
            uuids.add(String.valueOf(((java.util.Map<?, ?>) rec).get("uuid")));
            firstHandedOut.countDown();
        });
        return uuids;
    }

    /** Writes the answer up to the first record, waits until the client handed it out, then the rest. */
    private void answerInTwoParts(OutputStream out) throws IOException {
        out.write((HEAD + FIRST).getBytes(StandardCharsets.UTF_8));
        out.flush();
        try {
            firstBeforeRest.set(firstHandedOut.await(5, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        out.write(REST.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void overTcpTheFirstRecordArrivesBeforeTheRestIsSent() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", x -> {
            x.getRequestBody().readAllBytes();
            x.sendResponseHeaders(200, 0);
            try (OutputStream out = x.getResponseBody()) {
                answerInTwoParts(out);
            }
        });
        server.start();
        try {
            assertEquals(List.of("u-a", "u-b"), call(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/")));
            assertTrue(firstBeforeRest.get(), "the first record was handed out only after the whole answer");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void overTheUnixSocketChunkedTheFirstRecordArrivesBeforeTheRestIsSent() throws Exception {
        List<String> got = unix(out -> {
            out.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            ChunkedOut chunks = new ChunkedOut(out);
            answerInTwoParts(chunks);
            chunks.finish();
        });
        assertEquals(List.of("u-a", "u-b"), got);
        assertTrue(firstBeforeRest.get(), "the first record was handed out only after the whole answer");
    }

    @Test
    void overTheUnixSocketSizedAndUnsizedAnswersAreReadToTheirEnd() throws Exception {
        byte[] body = (HEAD + FIRST + REST).getBytes(StandardCharsets.UTF_8);
        assertEquals(List.of("u-a", "u-b"), unix(out -> {
            out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
        }));
        assertEquals(List.of("u-a", "u-b"), unix(out -> {
            out.write("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.write(body);
        }));
    }

    @Test
    void overTheUnixSocketACutOrRefusedAnswerIsATransportFailure() {
        byte[] body = (HEAD + FIRST + REST).getBytes(StandardCharsets.UTF_8);
        XenApiTransportException cut = assertThrows(XenApiTransportException.class, () -> unix(out -> {
            out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, body.length / 2);
        }));
        assertTrue(cut.getMessage().startsWith("VM.get_all_records: "), cut.getMessage());
        XenApiTransportException refused = assertThrows(XenApiTransportException.class, () -> unix(out ->
                out.write("HTTP/1.1 500 Internal Error\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII))));
        assertTrue(refused.getMessage().contains("HTTP 500"), refused.getMessage());
    }

    /** What the fake xapi on the socket writes after reading the request. */
    private interface Answer {
        void write(OutputStream out) throws IOException;
    }

    private List<String> unix(Answer answer) throws Exception {
        Path socket = dir.resolve("xapi" + System.nanoTime());
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            Thread t = new Thread(() -> {
                try (SocketChannel ch = server.accept()) {
                    readRequest(ch);
                    OutputStream out = Channels.newOutputStream(ch);
                    answer.write(out);
                    out.flush();
                } catch (IOException e) {
                    // the client gave up: its assertion says why
                }
            });
            t.start();
            try {
                return call(URI.create("unix://" + socket));
            } finally {
                t.join(5000);
            }
        }
    }

    private static void readRequest(SocketChannel ch) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(64 << 10);
        String seen = "";
        while (!seen.contains("</methodCall>")) {
            buf.clear();
            if (ch.read(buf) < 0) {
                throw new IOException("request cut");
            }
            seen += new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
        }
    }

    /** Chunked transfer coding with a chunk extension and a trailer, as a server may send. */
    private static final class ChunkedOut extends OutputStream {
        private final OutputStream out;

        ChunkedOut(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write((Integer.toHexString(len) + ";ext=1\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(b, off, len);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        void finish() throws IOException {
            out.write("0\r\nX-Trailer: 1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
    }
}
