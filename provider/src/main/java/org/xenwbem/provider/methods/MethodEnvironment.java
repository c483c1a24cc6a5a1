package org.xenwbem.provider.methods;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Supplier;
import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.bridge.XenBridge;
import org.xenwbem.bridge.ops.PoolSession;
import org.xenwbem.bridge.ops.XenFailure;
import org.xenwbem.bridge.storage.AdapterSource;
import org.xenwbem.bridge.storage.OffloadedDisks;
import org.xenwbem.cim.CimObjectPath;
import org.xenwbem.cim.ClassRepository;
import org.xenwbem.provider.cimom.CimException;
import org.xenwbem.provider.cimom.CimStatus;
import org.xenwbem.provider.cimom.Credential;
import org.xenwbem.provider.cimom.MethodResult;
import org.xenwbem.provider.cimom.RequestContext;
import org.xenwbem.provider.jobs.JobManager;
import org.xenwbem.provider.classes.common.Paths;

/**
 * What method providers share: the bridge (for the caller's session), the job manager, the pool, and
 * the offload layer that does disk clones, snapshots and creates on the SR's array where one serves it.
 */
public record MethodEnvironment(XenBridge bridge, JobManager jobs, Supplier<PoolSnapshot> pool, ClassRepository classes,
                                OffloadedDisks offload) {
    /** How long an xapi disk operation the offload layer falls back to may take. */
    public static final Duration DISK_TIMEOUT = Duration.ofHours(2);

    /** Without arrays: every disk operation is xapi's own. */
    public MethodEnvironment(XenBridge bridge, JobManager jobs, Supplier<PoolSnapshot> pool, ClassRepository classes) {
        this(bridge, jobs, pool, classes, new OffloadedDisks(AdapterSource.none(), DISK_TIMEOUT));
    }

    public static final String NAMESPACE = "root/cimv2";
    /** DSP1057 / DSP1052 method return codes. */
    public static final long COMPLETED = 0;
    public static final long NOT_SUPPORTED = 1;
    public static final long FAILED = 2;
    public static final long INVALID_PARAMETER = 4;
    public static final long INVALID_STATE = 5;
    public static final long JOB_STARTED = 4096;
    public static final long INVALID_STATE_TRANSITION = 4097;

    /** Logs in to xapi as the caller (their RBAC applies); the password is wiped once used. */
    public PoolSession sessionFor(RequestContext ctx) throws CimException {
        return open(ctx, bridge::openSession);
    }

    /**
     * {@link #sessionFor}, for a method that changes nothing: a session of the same user and password
     * opened a few seconds ago may serve it ({@link XenBridge#openReadSession}). Never for a write: after
     * a password change, xapi keeps old sessions alive, and only a fresh login refuses the old password.
     */
    public PoolSession readSessionFor(RequestContext ctx) throws CimException {
        return open(ctx, bridge::openReadSession);
    }

    /** How a session is opened from a user and password. */
    @FunctionalInterface
    private interface Opener {
        PoolSession open(String user, char[] password) throws XenFailure;
    }

    /** Opens a session with the caller's credentials; the password copy is wiped once used. */
    private static PoolSession open(RequestContext ctx, Opener opener) throws CimException {
        Credential c = ctx.credential();
        if (c == null) {
            throw new CimException(CimStatus.ACCESS_DENIED, "no credentials to act as " + ctx.user());
        }
        char[] pw = c.password();
        try {
            return opener.open(c.user(), pw);
        } catch (XenFailure f) {
            throw toCim(f);
        } finally {
            Arrays.fill(pw, '\0');
        }
    }

    /** The path of a job, as methods return it in their Job parameter. */
    public static CimObjectPath jobPath(JobManager.JobRef ref) {
        return Paths.job(ref.jobClass(), ref.taskUuid());
    }

    public static MethodResult jobStarted(JobManager.JobRef ref) {
        return new MethodResult(JOB_STARTED, Map.of("Job", jobPath(ref)));
    }

    /** A XenAPI failure met while a method runs synchronously (xapi unreachable: the reason, never a stack trace). */
    public static CimException toCim(XenFailure f) {
        CimStatus st = switch (f.kind()) {
            case DENIED -> CimStatus.ACCESS_DENIED;
            case NOT_FOUND -> CimStatus.NOT_FOUND;
            default -> CimStatus.FAILED;
        };
        if (f.kind() == XenFailure.Kind.UNAVAILABLE) {
            // e.g. "pool master 10.0.0.1 unreachable (…); failover in progress": the cause, in words
            return new CimException(st, CimException.Detail.NONE, "xapi cannot be reached: " + f.getMessage(), f);
        }
        if ("SESSION_INVALID".equals(f.code())) {
            // its parameter is the session's reference, which never leaves the daemon
            return new CimException(st, CimException.Detail.NONE, "SESSION_INVALID: xapi no longer knows the session", f);
        }
        return new CimException(st, CimException.Detail.NONE, f.code() + " " + String.join(" ", f.params()), f);
    }
}
