package org.xenwbem.provider.classes.vm;

import java.time.Duration;
import org.xenwbem.bridge.HostRecord;
import org.xenwbem.bridge.ops.PoolSession;
import org.xenwbem.bridge.ops.XenFailure;
import org.xenwbem.cim.CimObjectPath;
import org.xenwbem.provider.cimom.CimException;
import org.xenwbem.provider.cimom.CimStatus;
import org.xenwbem.provider.cimom.MethodResult;
import org.xenwbem.provider.cimom.RequestContext;
import org.xenwbem.provider.methods.MethodEnvironment;

/**
 * {@code StartService} / {@code StopService} of {@code Xen_VirtualSystemManagementService} (anchor §5.1):
 * {@code host.enable} / {@code host.disable} of the host the service instance names in its
 * {@code SystemName} key — a disabled host starts no new VM, as xapi's own maintenance does. The
 * answer waits until the mirror shows the change, so the service's {@code EnabledState} read right
 * after is the new one (read-your-writes).
 */
final class HypervisorService {
    private static final Duration SEEN = Duration.ofSeconds(10);

    private final MethodEnvironment env;

    HypervisorService(MethodEnvironment env) {
        this.env = env;
    }

    MethodResult change(RequestContext ctx, CimObjectPath target, boolean enable) throws CimException, XenFailure {
        HostRecord host = host(target);
        if (host.enabled() == enable) {
            return MethodResult.of(MethodEnvironment.COMPLETED);
        }
        try (PoolSession s = env.sessionFor(ctx)) {
            if (enable) {
                s.hosts().enable(host.uuid());
            } else {
                s.hosts().disable(host.uuid());
            }
        }
        try {
            env.bridge().mirror().await(p -> p.host(host.uuid()).map(h -> h.enabled() == enable).orElse(false), SEEN);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return MethodResult.of(MethodEnvironment.COMPLETED);
    }

    private HostRecord host(CimObjectPath target) throws CimException {
        Object name = target == null ? null : target.key("SystemName");
        if (name == null) {
            throw new CimException(CimStatus.INVALID_PARAMETER, "the service's SystemName key (the host's UUID) is required");
        }
        return env.pool().get().host(String.valueOf(name))
                .orElseThrow(() -> new CimException(CimStatus.NOT_FOUND, "no host " + name));
    }
}
