package org.xenwbem.bridge.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A server that answers the first request of its first connection and keeps it open, then resets that
 * connection (RST) as soon as the head of a second request arrives on it, without reading the body: the
 * client's write fails mid-request. Later connections get their whole request read and answered.
 */
final class ResettingServer implements AutoCloseable {
    private final ServerSocket listener = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
    private final AtomicInteger connections = new AtomicInteger();
    private final Thread thread = new Thread(this::run, "resetting-server");

    ResettingServer() throws IOException {
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    int connections() {
        return connections.get();
    }

    private void run() {
        try {
            Socket first = listener.accept();
            connections.incrementAndGet();
            InputStream in = first.getInputStream();
            in.readNBytes(length(head(in)));
            first.getOutputStream().write(ScriptedHttpServer.ok("kept"));
            head(in);
            first.setSoLinger(true, 0);
            first.close();
            try (Socket second = listener.accept()) {
                connections.incrementAndGet();
                InputStream in2 = second.getInputStream();
                int n = in2.readNBytes(length(head(in2))).length;
                second.getOutputStream().write(ScriptedHttpServer.ok("whole " + n));
            }
        } catch (IOException e) {
            // closed
        }
    }

    private static String head(InputStream in) throws IOException {
        StringBuilder s = new StringBuilder();
        while (!s.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("end of stream");
            }
            s.append((char) b);
        }
        return s.toString();
    }

    private static int length(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return Integer.parseInt(line.substring(15).trim());
            }
        }
        return 0;
    }

    @Override
    public void close() throws IOException {
        listener.close();
        thread.interrupt();
    }
}
