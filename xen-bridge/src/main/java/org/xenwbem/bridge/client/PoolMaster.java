package org.xenwbem.bridge.client;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Where the pool's master is, shared by the TCP connections of one bridge (xenapi.md §2.9), so that a
 * master found by one of them is used by all: the members' addresses the mirror learnt
 * ({@code host.address}), the master's address (moved by HOST_IS_SLAVE or found by
 * {@link XenApiConnection#locateMaster}), and the outage: while the master is known to be unreachable
 * (a failover in progress, as the mirror found) calls fail at once with that reason instead of waiting
 * on a dead host. Thread-safe.
 */
public final class PoolMaster {
    private final List<String> members = new CopyOnWriteArrayList<>();
    private volatile String address;
    private volatile String outage = "";

    /** Replaces the known members' addresses (empty or blank ones are skipped). */
    public void learnMembers(Collection<String> addresses) {
        List<String> fresh = addresses.stream().filter(a -> a != null && !a.isBlank()).distinct().toList();
        if (!fresh.equals(members)) {
            synchronized (members) {
                members.clear();
                members.addAll(fresh);
            }
        }
    }

    /** The members' addresses, as last learnt. */
    public List<String> members() {
        return List.copyOf(members);
    }

    /** The master's address once it differs from the configured URL's host; empty until then. */
    public Optional<String> address() {
        return Optional.ofNullable(address);
    }

    void moveTo(String masterAddress) {
        this.address = masterAddress;
    }

    /** Why the master cannot be reached now (a failover in progress); empty while it answers. */
    public Optional<String> outage() {
        String o = outage;
        return o.isEmpty() ? Optional.empty() : Optional.of(o);
    }

    /** The master stopped answering and no other member has taken over yet: calls fail at once with {@code why}. */
    public void markUnreachable(String why) {
        this.outage = why == null || why.isBlank() ? "pool master unreachable" : why;
    }

    /** A master answers again. */
    public void markReachable() {
        this.outage = "";
    }

    @Override
    public String toString() {
        return "PoolMaster[" + (address == null ? "as configured" : address) + ", members=" + members
                + (outage.isEmpty() ? "" : ", outage") + "]";
    }
}
