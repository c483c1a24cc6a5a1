package org.xenwbem.tls;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The identity of this host as a server certificate should present it.
 *
 * <p>CN rule (ARCHITECTURE.md, "the certificate's CN is {@code Xen_HostComputerSystem.CN}"): the
 * host's canonical FQDN when the local resolver gives one that is not merely an IP literal (nor a
 * {@code localhost} alias), else the primary address: the first address that is neither loopback
 * nor link-local, else the first non-loopback one, else {@code 127.0.0.1}.
 *
 * <p>Subject alternative names: every DNS name (FQDN, short host name, {@code localhost}) and every
 * address given, plus {@code 127.0.0.1} and {@code ::1} so that local clients verify too.
 * Immutable.
 */
public final class HostNames {
    private static final Pattern DNS_NAME =
            Pattern.compile("[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*");
    private static final Pattern IPV4_LITERAL = Pattern.compile("[0-9.]+");
    private static final String LOCALHOST = "localhost";

    private final String commonName;
    private final List<String> dnsNames;
    private final List<InetAddress> ipAddresses;

    private HostNames(String commonName, List<String> dnsNames, List<InetAddress> ipAddresses) {
        this.commonName = commonName;
        this.dnsNames = List.copyOf(dnsNames);
        this.ipAddresses = List.copyOf(ipAddresses);
    }

    /**
     * Detects this host's names and addresses with the local resolver and the network interfaces.
     * Never throws; a lookup that takes longer than a few seconds is abandoned for the fallbacks.
     */
    public static HostNames detect() {
        return HostNameDetector.detect();
    }

    /**
     * Builds the identity from known facts.
     *
     * @param fqdnOrNull the canonical host name, or null when unknown; an IP literal counts as unknown
     * @param addresses  the host's addresses, primary first (loopback addresses are added anyway)
     */
    public static HostNames of(String fqdnOrNull, List<InetAddress> addresses) {
        return of(fqdnOrNull, null, addresses);
    }

    /** As {@link #of(String, List)}, with the short host name as the system reports it. */
    static HostNames of(String fqdnOrNull, String hostNameOrNull, List<InetAddress> addresses) {
        Objects.requireNonNull(addresses, "addresses");
        String fqdn = normalizeName(fqdnOrNull);
        Set<String> names = new LinkedHashSet<>();
        if (fqdn != null) {
            names.add(fqdn);
            int dot = fqdn.indexOf('.');
            if (dot > 0) {
                names.add(fqdn.substring(0, dot));
            }
        }
        String hostName = normalizeName(hostNameOrNull);
        if (hostName != null) {
            names.add(hostName);
        }
        names.add(LOCALHOST);
        List<InetAddress> ips = withLoopbacks(addresses);
        String cn = fqdn != null ? fqdn : primary(ips).getHostAddress();
        return new HostNames(cn, new ArrayList<>(names), ips);
    }

    /** The CN the generated certificate carries. */
    public String commonName() {
        return commonName;
    }

    /** DNS names for the subject alternative name extension, FQDN first; never empty. */
    public List<String> dnsNames() {
        return dnsNames;
    }

    /** Addresses for the subject alternative name extension, primary first; never empty. */
    public List<InetAddress> ipAddresses() {
        return ipAddresses;
    }

    @Override
    public String toString() {
        return "HostNames[cn=" + commonName + ", dns=" + dnsNames + ", ip="
                + ipAddresses.stream().map(InetAddress::getHostAddress).toList() + "]";
    }

    /** Lower-cased, trailing dot removed; null when absent, not a valid DNS name, an IP or localhost. */
    private static String normalizeName(String raw) {
        if (raw == null) {
            return null;
        }
        String name = raw.trim().toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        if (name.isEmpty() || IPV4_LITERAL.matcher(name).matches() || !DNS_NAME.matcher(name).matches()) {
            return null;
        }
        if (name.equals(LOCALHOST) || name.startsWith(LOCALHOST + ".")) {
            return null;
        }
        return name;
    }

    private static List<InetAddress> withLoopbacks(Collection<InetAddress> addresses) {
        Set<InetAddress> ips = new LinkedHashSet<>();
        for (InetAddress address : addresses) {
            ips.add(withoutScope(Objects.requireNonNull(address, "address")));
        }
        ips.add(literal(new byte[] {127, 0, 0, 1}));
        byte[] v6Loopback = new byte[16];
        v6Loopback[15] = 1;
        ips.add(literal(v6Loopback));
        return new ArrayList<>(ips);
    }

    private static InetAddress primary(List<InetAddress> ips) {
        for (InetAddress ip : ips) {
            if (!ip.isLoopbackAddress() && !ip.isLinkLocalAddress() && !ip.isAnyLocalAddress()
                    && !ip.isMulticastAddress()) {
                return ip;
            }
        }
        for (InetAddress ip : ips) {
            if (!ip.isLoopbackAddress()) {
                return ip;
            }
        }
        return ips.get(0);
    }

    /**
     * The same address as a bare literal: no IPv6 scope, no host name attached, so that neither
     * equality nor {@link InetAddress#getHostName()} ever triggers a reverse lookup.
     */
    static InetAddress withoutScope(InetAddress address) {
        return literal(address.getAddress());
    }

    private static InetAddress literal(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IPv4 or IPv6 address length: " + bytes.length, e);
        }
    }
}
