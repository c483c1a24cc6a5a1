package org.xenwbem.provider.classes.pool;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xenwbem.bridge.HostRecord;
import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.bridge.ops.PoolSession;
import org.xenwbem.bridge.ops.XenFailure;
import org.xenwbem.provider.cimom.CimException;
import org.xenwbem.provider.cimom.CimStatus;
import org.xenwbem.provider.cimom.Credential;
import org.xenwbem.provider.cimom.MethodResult;
import org.xenwbem.provider.cimom.RequestContext;
import org.xenwbem.provider.classes.common.Paths;
import org.xenwbem.provider.methods.EmbeddedArgs;
import org.xenwbem.provider.methods.FabricRefs;
import org.xenwbem.provider.methods.MethodEnvironment;

/**
 * {@code Xen_HostPool.AddHost} and {@code RemoveHost} (anchor §5.8). AddHost logs in to the joining
 * host's own xapi with Username/Password and calls {@code pool.join} there, as xapi requires, naming the
 * master's address and the caller's own credentials (already checked against the pool); it answers once
 * the mirror shows the new member, with its {@code Xen_HostComputerSystem} in Host. Neither password is
 * logged, put in a fault or kept: both are wiped once sent. RemoveHost is {@code pool.eject}, refused with
 * the reason while guests run on the host or HA is on.
 */
final class PoolMembership {
    private static final Logger LOG = LoggerFactory.getLogger(PoolMembership.class);
    private static final Duration JOIN_VISIBLE = Duration.ofSeconds(60);
    private static final Duration EJECT_VISIBLE = Duration.ofSeconds(10);

    private final MethodEnvironment env;

    PoolMembership(MethodEnvironment env) {
        this.env = env;
    }

    MethodResult add(RequestContext ctx, Map<String, Object> in) throws CimException, XenFailure {
        String hostName = required(in, "HostName");
        String user = required(in, "Username");
        Object pw = in.get("Password");
        if (!(pw instanceof String password)) {
            throw new CimException(CimStatus.INVALID_PARAMETER, "Password is required");
        }
        PoolSnapshot s = env.pool().get();
        if (member(s, hostName).isPresent()) {
            throw new CimException(CimStatus.INVALID_PARAMETER, hostName + " is already a member of the pool");
        }
        HostRecord master = s.host(s.pool().masterUuid())
                .orElseThrow(() -> new CimException(CimStatus.FAILED, "the pool master is not known yet"));
        Credential caller = ctx.credential();
        if (caller == null) {
            throw new CimException(CimStatus.ACCESS_DENIED, "no credentials of " + ctx.user() + " to give the new host");
        }
        join(hostName, user, password.toCharArray(), master.address(), caller);
        LOG.info("{} joined {} to the pool", ctx.user(), hostName);
        return new MethodResult(MethodEnvironment.COMPLETED, Map.of("Host", Paths.host(awaitMember(hostName))));
    }

    /** Logs in to the joining host and sends pool.join; both passwords are wiped whatever happens. */
    private void join(String hostName, String user, char[] password, String masterAddress, Credential caller)
            throws CimException, XenFailure {
        char[] masterPassword = caller.password();
        try (PoolSession joining = login(hostName, user, password)) {
            joining.pools().join(masterAddress, caller.user(), masterPassword);
        } finally {
            Arrays.fill(password, '\0');
            Arrays.fill(masterPassword, '\0');
        }
    }

    private PoolSession login(String hostName, String user, char[] password) throws CimException {
        try {
            return env.bridge().openSessionOn(hostName, user, password);
        } catch (IllegalArgumentException e) {
            throw new CimException(CimStatus.INVALID_PARAMETER, "HostName must be a host name or IPv4 address");
        } catch (XenFailure f) {
            if (f.kind() == XenFailure.Kind.DENIED) {
                throw new CimException(CimStatus.ACCESS_DENIED, hostName + " refused the credentials given for "
                        + user);
            }
            throw new CimException(CimStatus.FAILED, "cannot reach xapi on " + hostName + ": " + f.code());
        }
    }

    private String awaitMember(String hostName) throws CimException {
        try {
            env.bridge().mirror().await(x -> member(x, hostName).isPresent(), JOIN_VISIBLE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return member(env.pool().get(), hostName).map(HostRecord::uuid).orElseThrow(() -> new CimException(
                CimStatus.FAILED, hostName + " accepted pool.join but has not appeared in the pool within "
                + JOIN_VISIBLE.toSeconds() + " s"));
    }

    private static Optional<HostRecord> member(PoolSnapshot s, String hostName) {
        return s.hosts().stream().filter(h -> hostName.equals(h.address()) || hostName.equalsIgnoreCase(h.hostname()))
                .findFirst();
    }

    MethodResult remove(RequestContext ctx, Object ref) throws CimException, XenFailure {
        PoolSnapshot s = env.pool().get();
        HostRecord host = FabricRefs.hostByRef(s, ref, "Host");
        if (host.uuid().equals(s.pool().masterUuid())) {
            throw new CimException(CimStatus.FAILED, host.nameLabel() + " is the pool master; make another host "
                    + "the master before removing it");
        }
        try (PoolSession session = env.sessionFor(ctx)) {
            session.pools().eject(host.uuid());
        } catch (XenFailure f) {
            throw refused(host, f);
        }
        try {
            env.bridge().mirror().await(x -> x.host(host.uuid()).isEmpty(), EJECT_VISIBLE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("{} removed {} from the pool", ctx.user(), host.nameLabel());
        return MethodResult.of(MethodEnvironment.COMPLETED);
    }

    /** pool.eject's refusal, with the reason said in words. */
    private CimException refused(HostRecord host, XenFailure f) {
        String why = switch (f.code()) {
            case "HOST_IN_USE" -> "virtual machines are running on it (" + String.join(" ", f.params())
                    + "); migrate or shut them down first";
            case "HA_IS_ENABLED" -> "high availability is on; disable it first";
            default -> null;
        };
        if (why == null) {
            return MethodEnvironment.toCim(f);
        }
        return new CimException(CimStatus.FAILED, CimException.Detail.NONE, f.code() + ": cannot remove "
                + host.nameLabel() + " from the pool: " + why, f);
    }

    private static String required(Map<String, Object> in, String name) throws CimException {
        String v = EmbeddedArgs.str(in.get(name));
        if (v == null || v.isBlank()) {
            throw new CimException(CimStatus.INVALID_PARAMETER, name + " is required");
        }
        return v.trim();
    }
}
