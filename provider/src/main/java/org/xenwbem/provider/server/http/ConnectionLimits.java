package org.xenwbem.provider.server.http;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many connections are open, per client and in total, and whether one more may open. A client
 * is an IPv4 address, or the /64 an IPv6 address is in (one host usually holds a whole /64, so
 * a per-address cap alone would not hold it back).
 */
final class ConnectionLimits {
    /** Why a connection was, or was not, admitted. */
    enum Verdict { ADMITTED, CLIENT_CAP, TOTAL_CAP }

    private final int total;
    private final int perClient;
    private final AtomicInteger open = new AtomicInteger();
    private final ConcurrentHashMap<String, Integer> byClient = new ConcurrentHashMap<>();

    ConnectionLimits(int total, int perClient) {
        if (total < 1 || perClient < 1) {
            throw new IllegalArgumentException("connection caps must be positive: " + total + ", " + perClient);
        }
        this.total = total;
        this.perClient = perClient;
    }

    int total() {
        return total;
    }

    int perClient() {
        return perClient;
    }

    /** The client a remote address counts against. */
    static String clientOf(InetAddress address) {
        if (address instanceof Inet6Address) {
            byte[] b = address.getAddress();
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < 8; i += 2) {
                s.append(Integer.toHexString(((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF))).append(':');
            }
            return s.append(":/64").toString();
        }
        return address.getHostAddress();
    }

    /** Counts one more connection for {@code client}, unless that would pass a cap. */
    Verdict acquire(String client) {
        if (open.incrementAndGet() > total) {
            open.decrementAndGet();
            return Verdict.TOTAL_CAP;
        }
        boolean[] admitted = {false};
        byClient.compute(client, (k, n) -> {
            int count = n == null ? 0 : n;
            if (count >= perClient) {
                return n;
            }
            admitted[0] = true;
            return count + 1;
        });
        if (!admitted[0]) {
            open.decrementAndGet();
            return Verdict.CLIENT_CAP;
        }
        return Verdict.ADMITTED;
    }

    /** A connection counted by {@link #acquire} has closed. */
    void release(String client) {
        byClient.computeIfPresent(client, (k, n) -> n <= 1 ? null : n - 1);
        open.decrementAndGet();
    }

    int open() {
        return open.get();
    }

    int open(String client) {
        return byClient.getOrDefault(client, 0);
    }

    /** Clients with a connection open (bounded by the total cap). */
    int clients() {
        return byClient.size();
    }
}
