package org.xenwbem.tls;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds this host's names (local resolver only) and interface addresses for {@link HostNames}.
 * The resolver call runs on a daemon thread and is abandoned after {@link #RESOLVER_TIMEOUT}, so a
 * dead DNS server delays start-up by seconds at most; the JDK's own lookup keeps running harmlessly.
 */
final class HostNameDetector {
    static final Duration RESOLVER_TIMEOUT = Duration.ofSeconds(3);
    private static final Logger LOG = LoggerFactory.getLogger(HostNameDetector.class);

    /** What the resolver says about this host; any field may be null. */
    record LocalHost(String hostName, String canonicalName, InetAddress address) {
        static final LocalHost UNKNOWN = new LocalHost(null, null, null);
    }

    private HostNameDetector() {
    }

    static HostNames detect() {
        LocalHost local = resolveLocalHost(RESOLVER_TIMEOUT);
        List<InetAddress> addresses = orderedAddresses(local.address(), interfaceAddresses());
        HostNames names = HostNames.of(fqdn(local), local.hostName(), addresses);
        LOG.debug("Detected host identity {}", names);
        return names;
    }

    static LocalHost resolveLocalHost(Duration timeout) {
        Executor daemon = task -> {
            Thread thread = new Thread(task, "xenwbem-hostname-lookup");
            thread.setDaemon(true);
            thread.start();
        };
        CompletableFuture<LocalHost> lookup = CompletableFuture.supplyAsync(HostNameDetector::lookup, daemon);
        try {
            return lookup.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warn("Local host name lookup took longer than {}; using addresses only", timeout);
        } catch (ExecutionException e) {
            LOG.warn("Local host name lookup failed; using addresses only", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return LocalHost.UNKNOWN;
    }

    private static LocalHost lookup() {
        try {
            InetAddress local = InetAddress.getLocalHost();
            return new LocalHost(local.getHostName(), local.getCanonicalHostName(), local);
        } catch (UnknownHostException e) {
            LOG.info("This host's name does not resolve locally ({}); the certificate will name its IP",
                    e.getMessage());
            return LocalHost.UNKNOWN;
        }
    }

    /** The canonical name unless it is just the address written out again. */
    private static String fqdn(LocalHost local) {
        String canonical = local.canonicalName();
        if (canonical == null || local.address() == null
                || canonical.equalsIgnoreCase(local.address().getHostAddress())) {
            return null;
        }
        return canonical;
    }

    static List<InetAddress> interfaceAddresses() {
        List<InetAddress> all = new ArrayList<>();
        try {
            for (NetworkInterface nic : NetworkInterface.networkInterfaces().toList()) {
                nic.inetAddresses().map(HostNames::withoutScope).forEach(all::add);
            }
        } catch (SocketException e) {
            LOG.warn("Cannot list network interfaces; the certificate will name loopback only", e);
        }
        return all;
    }

    /**
     * The resolver's address first (unless loopback), then IPv4, global IPv6, link-local and
     * loopback addresses, each group in interface order.
     */
    static List<InetAddress> orderedAddresses(InetAddress resolved, List<InetAddress> interfaces) {
        List<InetAddress> ordered = new ArrayList<>();
        if (resolved != null && !resolved.isLoopbackAddress()) {
            ordered.add(HostNames.withoutScope(resolved));
        }
        interfaces.stream()
                .sorted(Comparator.comparingInt(HostNameDetector::rank))
                .filter(ip -> !ordered.contains(ip))
                .forEach(ordered::add);
        return ordered;
    }

    private static int rank(InetAddress ip) {
        if (ip.isLoopbackAddress()) {
            return 3;
        }
        if (ip.isLinkLocalAddress()) {
            return 2;
        }
        return ip instanceof Inet4Address ? 0 : 1;
    }
}
