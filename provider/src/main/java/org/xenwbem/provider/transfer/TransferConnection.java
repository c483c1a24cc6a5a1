package org.xenwbem.provider.transfer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import org.xenwbem.bridge.ops.PoolSession;

/**
 * One exposed disk: who may use it (a fresh user name and password: compared as a SHA-256 digest, and
 * kept in this daemon's memory only so that the owner can read it again from the connect job — it is
 * never written to xapi, a log or a fault), what it allows (read-only or not), until when (an absolute deadline and an idle timeout), and the
 * xapi session of the user who made it, through which every byte moves. At most one upload at a
 * time (a PUT sequence or a BITS session). While bytes move, {@link #percent()} tells how far the
 * transfer is (the upload's bytes received of its total, else the running download's bytes sent of its
 * length); it is what the connect job shows as PercentComplete.
 */
final class TransferConnection {
    private final String handle;
    private final String vdiUuid;
    private final long diskSize;
    private final boolean readOnly;
    private final String username;
    private final byte[] passwordDigest;
    private volatile String password;
    private final Instant deadline;
    private final Duration idle;
    private final PoolSession session;
    private volatile Instant lastUsed;
    private final java.util.concurrent.atomic.AtomicInteger active = new java.util.concurrent.atomic.AtomicInteger();
    private final Instant created;
    private Upload upload;
    private java.util.BitSet allocation;
    private String bitsSession;
    private final java.util.concurrent.atomic.AtomicLong sent = new java.util.concurrent.atomic.AtomicLong();
    private volatile long sending;

    TransferConnection(String handle, String vdiUuid, long diskSize, boolean readOnly, String username, String password,
                       Instant now, Duration timeout, Duration idle, PoolSession session) {
        this.handle = handle;
        this.vdiUuid = vdiUuid;
        this.diskSize = diskSize;
        this.readOnly = readOnly;
        this.username = username;
        this.passwordDigest = digest(password);
        this.password = password;
        this.deadline = now.plus(timeout);
        this.idle = idle;
        this.session = session;
        this.lastUsed = now;
        this.created = now;
    }

    Instant created() {
        return created;
    }

    /** The VHD block allocation found by the last scan; null when unknown or stale (after a write). */
    synchronized java.util.BitSet allocation() {
        return allocation;
    }

    synchronized void allocation(java.util.BitSet found) {
        allocation = found;
    }

    String handle() {
        return handle;
    }

    String vdiUuid() {
        return vdiUuid;
    }

    long diskSize() {
        return diskSize;
    }

    boolean readOnly() {
        return readOnly;
    }

    PoolSession session() {
        return session;
    }

    /** The connection's password, for its owner only ({@link TransferRegistry#password}); null once closed. */
    String password() {
        return password;
    }

    /** The connection ended: its password is dropped from memory (only its digest stays, for nothing). */
    void forget() {
        password = null;
    }

    /** A download of {@code length} bytes starts (the latest one is the one reported). */
    void sending(long length) {
        sent.set(0);
        sending = length;
    }

    void sent(long n) {
        sent.addAndGet(n);
    }

    /** The download ended. */
    void sendingDone() {
        sending = 0;
    }

    /** How far the running transfer is, 0 to 100; empty when no bytes are moving. */
    synchronized java.util.OptionalInt percent() {
        if (upload != null && !upload.finished() && upload.total() > 0) {
            return java.util.OptionalInt.of((int) (upload.received() * 100 / upload.total()));
        }
        long length = sending;
        return length <= 0 ? java.util.OptionalInt.empty()
                : java.util.OptionalInt.of((int) Math.min(100, sent.get() * 100 / length));
    }

    /** True when the credentials are this connection's (compared in constant time). */
    boolean accepts(String user, String password) {
        boolean userOk = MessageDigest.isEqual(username.getBytes(StandardCharsets.UTF_8),
                user.getBytes(StandardCharsets.UTF_8));
        return MessageDigest.isEqual(passwordDigest, digest(password)) & userOk;
    }

    /** Past its deadline, or idle for longer than allowed (a request in progress is not idle). */
    boolean expired(Instant now) {
        return now.isAfter(deadline) || active.get() == 0 && now.isAfter(lastUsed.plus(idle));
    }

    /** What the status page shows of this connection (no credentials). */
    synchronized ActiveTransfer describe() {
        return new ActiveTransfer(handle, vdiUuid, diskSize, readOnly, session.user(), created, lastUsed, active.get(),
                upload != null && !upload.finished());
    }

    /** A request starts using the connection. */
    void enter() {
        active.incrementAndGet();
    }

    /** A request ends; the idle clock restarts. */
    void exit(Instant now) {
        lastUsed = now;
        active.decrementAndGet();
    }

    void touch(Instant now) {
        lastUsed = now;
    }

    synchronized Upload upload() {
        return upload;
    }

    synchronized String bitsSession() {
        return bitsSession;
    }

    /** Replaces the current upload (cancelling an unfinished one). */
    synchronized void startUpload(Upload next, String bitsSessionId) {
        if (upload != null && !upload.finished()) {
            upload.cancel("replaced by a new upload");
        }
        upload = next;
        bitsSession = bitsSessionId;
        allocation = null;
    }

    synchronized void endUpload(String reason) {
        if (upload != null && !upload.finished()) {
            upload.cancel(reason);
        }
        upload = null;
        bitsSession = null;
    }

    private static byte[] digest(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "transfer " + handle + " of VDI " + vdiUuid + (readOnly ? " (read-only)" : "");
    }
}
