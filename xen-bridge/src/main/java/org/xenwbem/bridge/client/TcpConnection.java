package org.xenwbem.bridge.client;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One TCP connection to xapi for {@link TcpTransport}, plain or TLS. The socket is the adaptor of a
 * blocking {@link SocketChannel}, so that an interrupt of the calling thread closes it and ends a
 * blocked read at once (the pool mirror's {@code MasterWatch} and {@code close} rely on that, as they
 * did with the JDK HTTP client); a plain {@code java.net.Socket} read cannot be interrupted. Every
 * read waits at most until the call's deadline ({@link #begin(long)}). An idle connection the server has closed is
 * told apart before it is used again ({@link #stale()}).
 */
final class TcpConnection implements Closeable {
    private static final int READ_BUFFER = 32 << 10;

    private final String key;
    private final SocketChannel channel;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private long deadline;
    private int perRead;
    private boolean reused;
    private long idleSince;

    private TcpConnection(String key, SocketChannel channel, Socket socket) throws IOException {
        this.key = key;
        this.channel = channel;
        this.socket = socket;
        this.in = new BufferedInputStream(new DeadlineInput(socket.getInputStream()), READ_BUFFER);
        this.out = socket.getOutputStream();
    }

    /**
     * Connects to {@code host:port} within {@code connectMillis}, then over TLS when {@code tls} is not
     * null (handshake bounded by {@code deadline}, the server's name checked as https does, RFC 2818).
     */
    static TcpConnection open(String key, String host, int port, int connectMillis, long deadline,
                              SSLSocketFactory tls, SSLParameters parameters) throws IOException {
        SocketChannel ch = SocketChannel.open();
        Socket plain = ch.socket();
        try {
            plain.setTcpNoDelay(true);
            try {
                plain.connect(new InetSocketAddress(host, port), Math.max(1, connectMillis));
            } catch (SocketTimeoutException e) {
                throw new ConnectTimeoutException("connect timed out");
            }
            if (tls == null) {
                return new TcpConnection(key, ch, plain);
            }
            SSLSocket s = (SSLSocket) tls.createSocket(plain, host, port, true);
            s.setSSLParameters(parameters);
            s.setSoTimeout(remainingMillis(deadline));
            s.startHandshake();
            return new TcpConnection(key, ch, s);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** The target this connection serves ({@code scheme://host:port}). */
    String key() {
        return key;
    }

    /** Starts an exchange bounded by {@code deadlineNanos} ({@link System#nanoTime()}). */
    void begin(long deadlineNanos) {
        this.deadline = deadlineNanos;
        this.perRead = 0;
    }

    /** From now on each read waits at most {@code timeout}, however long the exchange lasts (a streamed body). */
    void perRead(java.time.Duration timeout) {
        perRead = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    }

    void write(byte[] bytes) throws IOException {
        out.write(bytes);
    }

    void flush() throws IOException {
        out.flush();
    }

    InputStream input() {
        return in;
    }

    /** True for a connection taken from the idle pool (it may have been closed by the server meanwhile). */
    boolean reused() {
        return reused;
    }

    /**
     * True when an idle connection cannot carry a request: the server closed it (its end of stream, a
     * TLS close_notify or a reset is waiting) or sent anything unasked. Looked at without waiting, by
     * one read of the socket in non-blocking mode; nothing is lost, since any byte means it is unusable.
     */
    boolean stale() {
        if (socket.isClosed()) {
            return true;
        }
        try {
            channel.configureBlocking(false);
            try {
                return channel.read(ByteBuffer.allocate(1)) != 0;
            } finally {
                channel.configureBlocking(true);
            }
        } catch (IOException e) {
            return true;
        }
    }

    /** Marks the connection idle (back in the pool) from {@code now}. */
    void idle(long now) {
        reused = true;
        idleSince = now;
    }

    long idleSince() {
        return idleSince;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing: nothing left to do
        }
    }

    private static int remainingMillis(long deadline) throws SocketTimeoutException {
        long left = (deadline - System.nanoTime()) / 1_000_000L;
        if (left <= 0) {
            throw new SocketTimeoutException("timed out");
        }
        return (int) Math.min(Integer.MAX_VALUE, left);
    }

    /** The socket's bytes, each read waiting no later than the deadline. */
    private final class DeadlineInput extends InputStream {
        private final InputStream raw;

        DeadlineInput(InputStream raw) {
            this.raw = raw;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            socket.setSoTimeout(perRead > 0 ? perRead : remainingMillis(deadline));
            return raw.read(b, off, len);
        }
    }

    /** Nothing answered the connection attempt in time (told apart from a server that accepted but is silent). */
    static final class ConnectTimeoutException extends SocketTimeoutException {
        private static final long serialVersionUID = 1L;

        ConnectTimeoutException(String message) {
            super(message);
        }
    }
}
