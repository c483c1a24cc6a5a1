package org.xenwbem.provider.transfer;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xenwbem.bridge.ops.PoolSession;

/**
 * The exposed disks, by handle. Connections live in memory only: after a restart a handle is unknown
 * and its requests are refused (401) rather than half-served, because keeping them would mean
 * storing the user's xapi session on disk. Expired connections are closed (their session logged out)
 * when next seen and by {@link #sweep()}; at most {@code maxTransfers} requests move bytes at once.
 */
public final class TransferRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(TransferRegistry.class);
    /** Idle connections expire after this, whatever their TimeoutInMinutes. */
    static final Duration DEFAULT_IDLE = Duration.ofMinutes(30);
    /** The deadline of a connection opened without one (TimeoutInMinutes 0). */
    static final Duration NO_DEADLINE = Duration.ofDays(3650);

    private final Map<String, TransferConnection> connections = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    private final Duration idle;
    private final Semaphore transfers;

    public TransferRegistry(Clock clock, Duration idle, int maxTransfers) {
        this.clock = clock;
        this.idle = idle;
        this.transfers = new Semaphore(maxTransfers);
    }

    /** What a new connection hands to its client; the password goes back to its owner only (never to xapi). */
    public record Grant(String handle, String username, String password) {
        @Override
        public String toString() {
            return "Grant[" + handle + "]";
        }
    }

    /** Exposes a disk through {@code session} (which the registry now owns and logs out at the end). */
    public Grant open(PoolSession session, String vdiUuid, long diskSize, boolean readOnly, Duration timeout) {
        Duration deadline = timeout == null ? NO_DEADLINE : timeout;
        String handle = token(12).replace('_', 'A').replace('-', 'B');
        String user = "xw" + token(6).replace('_', 'a').replace('-', 'b');
        String password = token(18);
        connections.put(handle, new TransferConnection(handle, vdiUuid, diskSize, readOnly, user, password,
                clock.instant(), deadline, idle, session));
        LOG.info("exposed VDI {} as transfer {} for {}{}", vdiUuid, handle, session.user(), readOnly ? " (read-only)" : "");
        return new Grant(handle, user, password);
    }

    /** The live connection for the handle and credentials; empty when unknown, wrong or expired. */
    Optional<TransferConnection> authenticate(String handle, String user, String password) {
        TransferConnection c = connections.get(handle);
        if (c == null || !c.accepts(user, password)) {
            return Optional.empty();
        }
        if (c.expired(clock.instant())) {
            close(handle, "expired");
            return Optional.empty();
        }
        c.touch(clock.instant());
        return Optional.of(c);
    }

    /** Ends a connection; false when the handle is unknown. */
    public boolean close(String handle, String why) {
        TransferConnection c = connections.remove(handle);
        if (c == null) {
            return false;
        }
        c.endUpload("connection " + why);
        c.forget();
        c.session().close();
        LOG.info("transfer {} closed ({})", handle, why);
        return true;
    }

    /** Closes every expired connection; returns how many. */
    public int sweep() {
        int n = 0;
        for (TransferConnection c : connections.values()) {
            if (c.expired(clock.instant()) && close(c.handle(), "expired")) {
                n++;
            }
        }
        return n;
    }

    /** The xapi user whose session a connection uses; empty when unknown or closed. */
    public Optional<String> owner(String handle) {
        TransferConnection c = connections.get(handle);
        return c == null ? Optional.empty() : Optional.of(c.session().user());
    }

    /**
     * The password of an open connection, to the xapi user who made it; empty for anyone else, and
     * once the connection is closed or expired (or the daemon restarted: nothing is persisted).
     */
    public Optional<String> password(String handle, String user) {
        TransferConnection c = handle == null ? null : connections.get(handle);
        if (c == null || user == null || !user.equals(c.session().user()) || c.expired(clock.instant())) {
            return Optional.empty();
        }
        return Optional.ofNullable(c.password());
    }

    /** How far the connection's running transfer is (0 to 100); empty when idle, unknown or closed. */
    public java.util.OptionalInt percent(String handle) {
        TransferConnection c = handle == null ? null : connections.get(handle);
        return c == null ? java.util.OptionalInt.empty() : c.percent();
    }

    /** The open connections, oldest first, as the status page shows them. */
    public java.util.List<ActiveTransfer> active() {
        return connections.values().stream().map(TransferConnection::describe)
                .sorted(java.util.Comparator.comparing(ActiveTransfer::opened)).toList();
    }

    public boolean isOpen(String handle) {
        return connections.containsKey(handle);
    }

    /** A transfer slot, or false when the host already moves as many disks as it may. */
    boolean tryAcquire() {
        return transfers.tryAcquire();
    }

    void release() {
        transfers.release();
    }

    /** Closes everything (daemon stop). */
    public void closeAll() {
        connections.keySet().forEach(h -> close(h, "daemon stopping"));
    }

    private String token(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
