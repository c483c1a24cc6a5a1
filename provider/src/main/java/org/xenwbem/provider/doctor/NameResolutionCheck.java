package org.xenwbem.provider.doctor;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The host's name resolves both ways: its FQDN gives addresses that are not loopback, and each
 * such address resolves back to the same FQDN. SCVMM adds hosts by name and checks the
 * certificate against it, so a one-way or loopback-only name is the most common failure.
 */
final class NameResolutionCheck implements Check {
    static final String NAME = "host name resolves both ways";

    @Override
    public CheckResult run(DoctorContext ctx) {
        String fqdn = ctx.withTimeout(NameResolutionCheck::hostName);
        if (fqdn == null) {
            return CheckResult.fail(NAME, "looking up this host's name timed out",
                    "check the DNS servers in /etc/resolv.conf (xe pif-reconfigure-ip ... DNS=...) and that they answer");
        }
        if (isAddressLiteral(fqdn)) {
            return CheckResult.fail(NAME, "this host has no DNS name: its address " + fqdn + " resolves to no name",
                    "add DNS A and PTR records for this host (or add hosts by IP address in SCVMM and "
                            + "use a certificate whose CN is that IP)");
        }
        List<InetAddress> addrs = ctx.withTimeout(() -> forward(fqdn));
        if (addrs == null || addrs.isEmpty()) {
            return CheckResult.fail(NAME, fqdn + " does not resolve to an address",
                    "add a DNS A record for " + fqdn + " pointing at this host's management address");
        }
        List<InetAddress> usable = addrs.stream().filter(a -> !a.isLoopbackAddress() && !a.isLinkLocalAddress()).toList();
        if (usable.isEmpty()) {
            return CheckResult.fail(NAME, fqdn + " resolves only to loopback " + addrs.get(0).getHostAddress(),
                    "remove " + fqdn + " from the 127.x line of /etc/hosts and add a DNS A record with "
                            + "the management address, so that SCVMM reaches the same name");
        }
        List<String> back = new ArrayList<>();
        for (InetAddress a : usable) {
            String rev = ctx.withTimeout(() -> reverse(a));
            if (rev != null && rev.equalsIgnoreCase(fqdn)) {
                return CheckResult.ok(NAME, fqdn + " -> " + a.getHostAddress() + " -> " + rev);
            }
            back.add(a.getHostAddress() + " -> " + (rev == null ? "(no answer)" : rev));
        }
        return CheckResult.fail(NAME, fqdn + " resolves to " + String.join(", ", back) + ", not back to " + fqdn,
                "add a DNS PTR record mapping " + usable.get(0).getHostAddress() + " to " + fqdn);
    }

    /**
     * The name to check: the canonical name of this host's address, unless that is an address
     * literal or a localhost alias (an /etc/hosts loopback line), then the system's host name.
     */
    private static String hostName() {
        try {
            InetAddress self = InetAddress.getLocalHost();
            String canonical = self.getCanonicalHostName().toLowerCase(Locale.ROOT);
            if (isAddressLiteral(canonical) || canonical.startsWith("localhost")) {
                return self.getHostName().toLowerCase(Locale.ROOT);
            }
            return canonical;
        } catch (UnknownHostException e) {
            String m = e.getMessage();
            return m == null ? "localhost" : m.split(":")[0].toLowerCase(Locale.ROOT);
        }
    }

    private static List<InetAddress> forward(String name) {
        try {
            return List.of(InetAddress.getAllByName(name));
        } catch (UnknownHostException e) {
            return List.of();
        }
    }

    private static String reverse(InetAddress a) {
        try {
            return InetAddress.getByAddress(a.getAddress()).getCanonicalHostName().toLowerCase(Locale.ROOT);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    static boolean isAddressLiteral(String s) {
        return s.matches("[0-9.]+") || s.contains(":");
    }
}
