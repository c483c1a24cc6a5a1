package org.xenwbem.provider.server.http;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.ConnectionMetaData;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Deadlines for requests, in front of every handler. Headers: a connection has
 * {@code headerTimeout} for a request's headers, counted from its opening for the first request
 * (so the TLS handshake counts too) and from the request's first byte for later ones; an idle
 * keep-alive connection is left to the idle timeout. Jetty has no such deadline (every byte resets
 * its idle timeout), so a sweep every second looks at each HTTP connection: the handler marks when
 * a request's headers were complete and when its response was, and the connection's byte count
 * shows when a new request began. A connection past the deadline is closed and the event logged
 * through an {@link EventSummary}. Bodies: every request is wrapped in a {@link BodyDeadline}.
 */
final class RequestDeadlines extends Handler.Wrapper implements Connection.Listener {
    private final long headerNanos;
    private final long bodyNanos;
    private final int bodyMinRate;
    private final EventSummary lateHeaders;
    private final EventSummary[] summaries;
    private final Map<Connection, Phase> connections = new ConcurrentHashMap<>();
    private volatile Scheduler.Task sweep;

    RequestDeadlines(Handler next, Duration headerTimeout, Duration bodyTimeout, int bodyMinRate,
                     EventSummary lateHeaders, EventSummary... otherSummaries) {
        super(next);
        this.headerNanos = headerTimeout.toNanos();
        this.bodyNanos = bodyTimeout.toNanos();
        this.bodyMinRate = bodyMinRate;
        this.lateHeaders = lateHeaders;
        this.summaries = new EventSummary[otherSummaries.length + 1];
        summaries[0] = lateHeaders;
        System.arraycopy(otherSummaries, 0, summaries, 1, otherSummaries.length);
    }

    /** Where a connection is in its request cycle, as the sweep sees it. */
    static final class Phase {
        /** When the header clock started (System.nanoTime); -1 while idle or handling a request. */
        private volatile long headerSince;
        private volatile boolean handling;
        private volatile long bytesWhenIdle;

        Phase(long opened) {
            headerSince = opened;
        }

        void requestStarted() {
            handling = true;
            headerSince = -1;
        }

        void requestEnded(long bytesIn) {
            bytesWhenIdle = bytesIn;
            handling = false;
            headerSince = -1;
        }

        /** True when the connection has waited longer than {@code limit} for a request's headers. */
        boolean overdue(long now, long bytesIn, long limit) {
            if (handling) {
                return false;
            }
            long since = headerSince;
            if (since < 0) {
                if (bytesIn != bytesWhenIdle) {
                    headerSince = now; // a request began since the last sweep
                }
                return false;
            }
            return now - since > limit;
        }
    }

    @Override
    public void onOpened(Connection connection) {
        if (connection instanceof ConnectionMetaData) { // the HTTP connection, not the TLS layer under it
            connections.put(connection, new Phase(System.nanoTime()));
        }
    }

    @Override
    public void onClosed(Connection connection) {
        connections.remove(connection);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        Connection connection = request.getConnectionMetaData().getConnection();
        Phase phase = connections.get(connection);
        if (phase != null) {
            phase.requestStarted();
            Request.addCompletionListener(request, failure -> phase.requestEnded(connection.getBytesIn()));
        }
        return super.handle(new BodyDeadline(request, request.getComponents().getScheduler(),
                request.getComponents().getThreadPool(), bodyNanos, bodyMinRate), response, callback);
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        scheduleSweep();
    }

    @Override
    protected void doStop() throws Exception {
        Scheduler.Task t = sweep;
        if (t != null) {
            t.cancel();
        }
        super.doStop();
    }

    /** How often connections are looked at: a quarter of the header deadline, within 0.1 to 1 s. */
    long sweepMillis() {
        return Math.max(100, Math.min(1000, TimeUnit.NANOSECONDS.toMillis(headerNanos) / 4));
    }

    private void scheduleSweep() {
        if (isRunning() || isStarting()) {
            sweep = getServer().getScheduler().schedule(this::sweepOnce, sweepMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void sweepOnce() {
        try {
            long now = System.nanoTime();
            for (Map.Entry<Connection, Phase> e : connections.entrySet()) {
                Connection c = e.getKey();
                if (e.getValue().overdue(now, c.getBytesIn(), headerNanos)) {
                    connections.remove(c);
                    lateHeaders.record(client(c), "sent no complete request headers within "
                            + TimeUnit.NANOSECONDS.toSeconds(headerNanos) + " s (--header-timeout); connection closed");
                    c.close();
                }
            }
            for (EventSummary s : summaries) {
                s.flush();
            }
        } finally {
            scheduleSweep();
        }
    }

    private static String client(Connection c) {
        if (c.getEndPoint().getRemoteSocketAddress() instanceof java.net.InetSocketAddress a && a.getAddress() != null) {
            return a.getAddress().getHostAddress();
        }
        return "unknown";
    }

    /** HTTP connections being watched (for tests). */
    int watched() {
        return connections.size();
    }
}
