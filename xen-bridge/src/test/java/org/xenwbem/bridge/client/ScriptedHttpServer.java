package org.xenwbem.bridge.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP/1.1 server on a loopback port whose answers a test writes byte by byte: it reads each request
 * (head and Content-Length body) and hands the connection's output to {@link Script}, which may answer,
 * answer in part, close, or hang. Counts the connections it accepted and the requests it read.
 */
final class ScriptedHttpServer implements AutoCloseable {
    /** Answers request {@code n} (0-based, over the whole server) on the connection's {@code out}. */
    @FunctionalInterface
    interface Script {
        /** Returns false to close the connection afterwards. */
        boolean answer(int n, String head, OutputStream out) throws IOException, InterruptedException;
    }

    private final ServerSocket listener;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "scripted-http");
        t.setDaemon(true);
        return t;
    });
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger ended = new AtomicInteger();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final Script script;

    ScriptedHttpServer(Script script) throws IOException {
        this(script, new ServerSocket());
    }

    /** Over {@code listener} (a TLS server socket, say), bound here to an ephemeral loopback port if not yet bound. */
    ScriptedHttpServer(Script script, ServerSocket listener) throws IOException {
        this.script = script;
        this.listener = listener;
        if (!listener.isBound()) {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        }
        threads.execute(this::acceptLoop);
    }

    URI url(String scheme) {
        return URI.create(scheme + "://" + listener.getInetAddress().getHostAddress() + ":" + listener.getLocalPort()
                + "/");
    }

    int connections() {
        return connections.get();
    }

    int requests() {
        return requests.get();
    }

    /** Connections the client closed (seen as the end of its stream before a request). */
    int ended() {
        return ended.get();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket s = listener.accept();
                connections.incrementAndGet();
                open.add(s);
                threads.execute(() -> serve(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            for (String head; (head = readRequest(in)) != null; ) {
                if (!script.answer(requests.getAndIncrement(), head, out)) {
                    return;
                }
                out.flush();
            }
            ended.incrementAndGet();
        } catch (IOException e) {
            // the client went away
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The request head; its body is read and dropped. Null at the end of the connection. */
    private static String readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.write(b);
            matched = b == (matched % 2 == 0 ? '\r' : '\n') ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        for (String line : text.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                in.readNBytes(Integer.parseInt(line.substring(15).trim()));
            }
        }
        return text;
    }

    /** A complete 200 answer with {@code body} framed by Content-Length, and extra header lines. */
    static byte[] ok(String body, String... headers) {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        StringBuilder s = new StringBuilder("HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: ")
                .append(b.length).append("\r\n");
        for (String h : headers) {
            s.append(h).append("\r\n");
        }
        byte[] head = s.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[head.length + b.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(b, 0, all, head.length, b.length);
        return all;
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket s : open) {
            s.close();
        }
        threads.shutdownNow();
    }
}
