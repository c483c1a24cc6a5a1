package org.xenwbem.bridge.sim;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xenwbem.bridge.jsonrpc.JsonFormatException;
import org.xenwbem.bridge.xmlrpc.XmlRpcFormatException;

/**
 * A dom0-style Unix-socket listener (xenapi.md §5): HTTP/1.1 {@code POST /}, {@code /RPC2} and
 * {@code /jsonrpc} only, on a socket file; every login there succeeds as the local superuser, and
 * the calls of a supporter's socket are served as if forwarded to the master. One thread accepts; each
 * connection gets a worker (at most 32), keep-alive honoured. Faults apply as on TCP.
 */
final class SimUnixListener implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SimUnixListener.class);
    private static final int MAX_HEADER = 16 << 10;

    private final Path path;
    private final SimRpc rpc;
    private final SimFaults faults;
    private final SimEndpoint endpoint;
    private final ServerSocketChannel server;
    private final ExecutorService workers;
    private final Set<SocketChannel> open = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;

    SimUnixListener(Path path, SimRpc rpc, SimFaults faults, SimEndpoint endpoint) throws IOException {
        this.path = path;
        this.rpc = rpc;
        this.faults = faults;
        this.endpoint = endpoint;
        Files.deleteIfExists(path);
        this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(path));
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(32, r -> {
            Thread t = new Thread(r, "sim-unix-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.acceptor = new Thread(this::acceptLoop, "sim-unix-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void acceptLoop() {
        while (server.isOpen()) {
            try {
                SocketChannel ch = server.accept();
                if (faults.refusing()) {
                    ch.close();
                    continue;
                }
                open.add(ch);
                workers.execute(() -> serve(ch));
            } catch (IOException e) {
                if (server.isOpen()) {
                    LOG.debug("unix accept failed: {}", e.getMessage());
                }
            }
        }
    }

    private void serve(SocketChannel ch) {
        try (ch; InputStream in = new java.io.BufferedInputStream(Channels.newInputStream(ch));
             OutputStream out = Channels.newOutputStream(ch)) {
            boolean keepAlive = true;
            while (keepAlive) {
                String head = readHead(in);
                if (head == null) {
                    return;
                }
                keepAlive = !head.toLowerCase(Locale.ROOT).contains("\r\nconnection: close");
                respond(head, in, out);
            }
        } catch (SimDropConnection | IOException e) {
            LOG.debug("unix connection ended: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            open.remove(ch);
        }
    }

    private void respond(String head, InputStream in, OutputStream out) throws IOException, InterruptedException {
        String[] requestLine = head.substring(0, head.indexOf("\r\n")).split(" ");
        byte[] body = in.readNBytes(contentLength(head));
        String path = requestLine.length > 1 ? requestLine[1] : "";
        if (requestLine.length < 2 || !"POST".equals(requestLine[0])
                || !(path.equals("/") || path.equals("/RPC2") || path.equals("/jsonrpc"))) {
            write(out, 404, "text/plain", "not found".getBytes(StandardCharsets.US_ASCII));
            return;
        }
        boolean json = path.equals("/jsonrpc");
        try {
            write(out, 200, json ? "application/json" : "text/xml", json ? rpc.json(body, endpoint) : rpc.xml(body, endpoint));
        } catch (XmlRpcFormatException | JsonFormatException e) {
            write(out, 500, "text/html", "<html><body>malformed request</body></html>".getBytes(StandardCharsets.US_ASCII));
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int state = 0;
        while (state < 4) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.write(b);
            state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3)) ? state + 1 : 0;
            if (head.size() > MAX_HEADER) {
                throw new IOException("request head too large");
            }
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static int contentLength(String head) throws IOException {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                int n = Integer.parseInt(line.substring(15).trim());
                if (n < 0 || n > SimRpc.MAX_REQUEST_BYTES) {
                    throw new IOException("bad content length");
                }
                return n;
            }
        }
        return 0;
    }

    private static void write(OutputStream out, int status, String type, byte[] body) throws IOException {
        String head = "HTTP/1.1 " + status + (status == 200 ? " OK" : " Error") + "\r\nContent-Type: " + type
                + "\r\nContent-Length: " + body.length + "\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
    }

    /** Cuts every open connection (a simulated restart). */
    void cutConnections() {
        for (SocketChannel ch : open) {
            try {
                ch.close();
            } catch (IOException e) {
                LOG.debug("closing a unix connection: {}", e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        try {
            server.close();
            cutConnections();
            workers.shutdownNow();
            workers.awaitTermination(2, TimeUnit.SECONDS);
            acceptor.join(2_000);
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.debug("closing the unix listener: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
