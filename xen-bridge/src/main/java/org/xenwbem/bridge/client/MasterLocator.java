package org.xenwbem.bridge.client;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xenwbem.bridge.xmlrpc.XenApiResult;

/**
 * Finds the pool master among hosts (xenapi.md §2.9): each is asked {@code event.from} with no valid
 * session (rejected before it could wait), which needs no credentials — a supporter answers HOST_IS_SLAVE [master address] (that address
 * is tried next), the master SESSION_INVALID; a host that refuses, hangs past the probe timeout or
 * answers garbage is passed over. The current target is asked first, then the hints, then the other
 * known members in order. Nothing is logged in, nothing changed.
 */
final class MasterLocator {
    private static final Logger LOG = LoggerFactory.getLogger(MasterLocator.class);
    private static final String NO_SESSION = "OpaqueRef:NULL";

    private final XenApiConnection connection;

    MasterLocator(XenApiConnection connection) {
        this.connection = connection;
    }

    Optional<String> locate(String current, List<String> members, Duration timeout) {
        Deque<String> todo = new ArrayDeque<>();
        todo.add(current);
        todo.addAll(members);
        Set<String> tried = new HashSet<>();
        while (!todo.isEmpty() && !Thread.currentThread().isInterrupted()) {
            String host = todo.poll();
            if (!tried.add(host)) {
                continue;
            }
            String answer = ask(host, timeout);
            if (answer == null) {
                return Optional.of(host);
            }
            if (!answer.isEmpty() && !tried.contains(answer)) {
                todo.addFirst(answer);
            }
        }
        return Optional.empty();
    }

    /**
     * How {@code host} answers one probe within {@code timeout}: as master, as a supporter (the master moved),
     * refused or cut (nothing listens: dead), or nothing in time (hung, or slower than {@code timeout}).
     */
    Probe probe(String host, Duration timeout) {
        long t0 = System.nanoTime();
        try {
            URI target = XenApiConnection.retarget(connection.url(), host);
            XenApiResult r = connection.probe(target, timeout, "event.from", List.of(NO_SESSION, List.of("pool"), "", 0.0));
            Duration took = Duration.ofNanos(System.nanoTime() - t0);
            boolean supporter = r instanceof XenApiResult.Failure f
                    && new XenApiException(f.errorDescription()).error() == XenApiError.HOST_IS_SLAVE;
            return new Probe(supporter ? Probe.Kind.SUPPORTER : Probe.Kind.MASTER, took);
        } catch (XenApiTransportException e) {
            Duration took = Duration.ofNanos(System.nanoTime() - t0);
            Throwable c = e.getCause();
            boolean silent = c instanceof java.net.SocketTimeoutException
                    && !(c instanceof TcpConnection.ConnectTimeoutException);
            LOG.debug("{} does not answer: {}", host, e.getMessage());
            return new Probe(silent ? Probe.Kind.SILENT : Probe.Kind.UNREACHABLE, took);
        }
    }

    /** null: {@code host} is the master; its master's address when it is a supporter; "" when it does not answer. */
    private String ask(String host, Duration timeout) {
        try {
            URI target = XenApiConnection.retarget(connection.url(), host);
            XenApiResult r = connection.probe(target, timeout, "event.from", List.of(NO_SESSION, List.of("pool"), "", 0.0));
            if (r instanceof XenApiResult.Failure f) {
                XenApiException e = new XenApiException(f.errorDescription());
                if (e.error() == XenApiError.HOST_IS_SLAVE) {
                    String master = e.param("master_address");
                    LOG.debug("{} is a supporter of {}", host, master);
                    return master == null ? "" : master;
                }
            }
            return null;
        } catch (XenApiTransportException e) {
            LOG.debug("{} does not answer: {}", host, e.getMessage());
            return "";
        }
    }
}
