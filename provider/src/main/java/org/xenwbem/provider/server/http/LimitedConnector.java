package org.xenwbem.provider.server.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.io.SelectorManager;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A server connector that admits a connection only while its client is under the per-client cap
 * and the daemon under the total cap ({@link ConnectionLimits}). The check runs on the accepting
 * thread, before Jetty allocates anything for the connection: a refused one is reset at once
 * (no TLS handshake, no buffers, no TIME_WAIT), counted, and logged through an
 * {@link EventSummary}. Its count is released when Jetty closes the endpoint, or when handing
 * the channel to Jetty fails. Accept failures (EMFILE: "Too many open files") are summarised the
 * same way instead of a stack trace each.
 */
final class LimitedConnector extends ServerConnector {
    private final ConnectionLimits limits;
    private final EventSummary refusals;
    private final EventSummary acceptFailures;
    private final Map<SelectableChannel, String> admitted = new ConcurrentHashMap<>();
    private final AtomicLong refused = new AtomicLong();

    LimitedConnector(Server server, ConnectionLimits limits, EventSummary refusals, EventSummary acceptFailures,
                     ConnectionFactory... factories) {
        super(server, 1, -1, factories); // one acceptor: the caps are checked on one thread, in order
        this.limits = limits;
        this.refusals = refusals;
        this.acceptFailures = acceptFailures;
        addBean(new SelectorManager.AcceptListener() {
            @Override
            public void onAcceptFailed(SelectableChannel channel, Throwable cause) {
                release(channel);
            }

            @Override
            public void onClosed(SelectableChannel channel) {
                release(channel);
            }
        });
    }

    @Override
    public void accept(int acceptorID) throws IOException {
        ServerSocketChannel server = (ServerSocketChannel) getTransport();
        if (server == null || !server.isOpen()) {
            return;
        }
        SocketChannel channel = server.accept();
        if (channel == null) {
            return;
        }
        String client = client(channel);
        ConnectionLimits.Verdict verdict = limits.acquire(client);
        if (verdict != ConnectionLimits.Verdict.ADMITTED) {
            refuse(channel, client, verdict);
            return;
        }
        admitted.put(channel, client);
        try {
            channel.configureBlocking(false);
            configure(channel.socket());
            getSelectorManager().accept(channel);
        } catch (IOException | RuntimeException e) {
            release(channel);
            channel.close();
            throw e;
        }
    }

    private static String client(SocketChannel channel) {
        try {
            if (channel.getRemoteAddress() instanceof InetSocketAddress a && a.getAddress() != null) {
                return ConnectionLimits.clientOf(a.getAddress());
            }
        } catch (IOException e) {
            // the client is already gone; counted under a name of its own
        }
        return "unknown";
    }

    private void refuse(SocketChannel channel, String client, ConnectionLimits.Verdict verdict) {
        refused.incrementAndGet();
        try (channel) {
            channel.setOption(StandardSocketOptions.SO_LINGER, 0); // a reset: nothing kept for the refused
        } catch (IOException e) {
            // closing what the client may already have closed
        }
        refusals.record(client, verdict == ConnectionLimits.Verdict.CLIENT_CAP
                ? "has " + limits.perClient() + " connections open (--max-connections-per-client)"
                : "found " + limits.total() + " connections open (--max-connections)");
    }

    private void release(SelectableChannel channel) {
        String client = admitted.remove(channel);
        if (client != null) {
            limits.release(client);
        }
    }

    /** Connections refused since the start. */
    long refused() {
        return refused.get();
    }

    ConnectionLimits limits() {
        return limits;
    }

    @Override
    protected boolean handleAcceptFailure(Throwable failure) {
        if (!isRunning() || !(failure instanceof IOException) || failure instanceof ClosedChannelException) {
            return super.handleAcceptFailure(failure);
        }
        acceptFailures.record("-", String.valueOf(failure.getMessage()));
        try {
            TimeUnit.MILLISECONDS.sleep(100); // as Jetty does, but shorter: the next accept may well succeed
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
