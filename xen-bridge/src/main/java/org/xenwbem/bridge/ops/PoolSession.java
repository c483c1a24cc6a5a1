package org.xenwbem.bridge.ops;

/**
 * One user's XenAPI session (logged in over TCP with their own credentials, so xapi's RBAC decides
 * what they may do). Close it to log out; an {@link Operation} in flight keeps working until then.
 */
public interface PoolSession extends AutoCloseable {
    String user();

    VmOps vms();

    DeviceOps devices();

    HostOps hosts();

    TaskOps tasks();

    /** Storage repositories, PBDs and the disk operations of the storage fabric. */
    StorageOps storage();

    /** Networks, VLANs, bonds and host interfaces. */
    NetworkOps networks();

    /** Pool membership (join, eject) and high availability. */
    default PoolOps pools() {
        throw new IllegalStateException(user() + "'s session cannot manage the pool");
    }

    /** Names, descriptions, tags and other-config entries of VMs, disks, SRs, networks, hosts and the pool. */
    FieldOps fields();

    /** RRD performance history; sessions without HTTP access do not offer it. */
    MetricsOps metrics();

    /** Disk contents through xapi's raw import and export handlers. */
    default TransferOps transfers() {
        throw new IllegalStateException(user() + "'s session cannot move disk contents");
    }

    /**
     * A console's {@code location} with this session's {@code session_id} appended, as xapi's
     * {@code /console} handler expects: whoever holds the result acts as this session's user.
     */
    default String consoleUrl(String location) {
        throw new IllegalStateException(user() + "'s session cannot open consoles");
    }

    /** False once xapi no longer knows the session. */
    default boolean alive() {
        return true;
    }

    @Override
    void close();

    /**
     * Logs out after the caller has gone on (the bridge's logout threads), for a session whose ref never
     * left the daemon and whose end nobody waits on: a synchronous method's. Not for a session a client
     * holds (a console's), which must be dead when its Logout answers. Without logout threads: {@link #close}.
     */
    default void closeSoon() {
        close();
    }

    /**
     * xapi refused a call on this session, or said it no longer knows it: a session shared between
     * requests ({@link ReadSessions}) is not handed out again. Nothing for a session of one request.
     */
    default void refused() {
    }
}
