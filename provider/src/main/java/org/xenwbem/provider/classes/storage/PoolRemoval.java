package org.xenwbem.provider.classes.storage;

import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.bridge.SrRecord;
import org.xenwbem.bridge.ops.PoolSession;
import org.xenwbem.bridge.ops.StorageOps;
import org.xenwbem.bridge.ops.XenFailure;
import org.xenwbem.provider.cimom.CimException;
import org.xenwbem.provider.cimom.CimStatus;
import org.xenwbem.provider.cimom.MethodResult;
import org.xenwbem.provider.cimom.RequestContext;
import org.xenwbem.provider.methods.MethodEnvironment;

/**
 * DetachStoragePool and DeleteResourcePool (anchor §5.6, one code path as there): both refuse while a
 * VM that is not halted has a disk of the SR, then unplug every PBD. Detach then destroys the PBDs and
 * forgets the SR: its data stays, and CreateStoragePool with the same device-config attaches it again.
 * Delete destroys the SR with its data ({@code SR.destroy}); an ISO library, or an SR xapi will not
 * destroy (OPERATION_NOT_ALLOWED, SR_OPERATION_NOT_SUPPORTED), is forgotten instead, as the anchor did.
 * A step that fails puts the PBDs back as they were before the method reports the failure.
 */
final class PoolRemoval {
    private static final Logger LOG = LoggerFactory.getLogger(PoolRemoval.class);
    private static final Duration MIRROR_WAIT = Duration.ofSeconds(10);
    private static final List<String> NOT_DESTROYABLE = List.of("OPERATION_NOT_ALLOWED", "SR_OPERATION_NOT_SUPPORTED");

    private final MethodEnvironment env;

    PoolRemoval(MethodEnvironment env) {
        this.env = env;
    }

    MethodResult detach(RequestContext ctx, SrRecord sr) throws CimException, XenFailure {
        return remove(ctx, sr, false);
    }

    MethodResult delete(RequestContext ctx, SrRecord sr) throws CimException, XenFailure {
        return remove(ctx, sr, true);
    }

    /**
     * Unplugs the SR's PBDs, then destroys it ({@code delete}, when xapi will) or forgets it with its
     * PBDs; a failure replugs what was unplugged. Answers once the mirror no longer shows the SR.
     */
    private MethodResult remove(RequestContext ctx, SrRecord sr, boolean delete) throws CimException, XenFailure {
        refuseWhileInUse(env.pool().get(), sr);
        try (PoolSession s = env.sessionFor(ctx)) {
            List<StorageOps.Pbd> before = s.storage().pbdsOf(sr.uuid());
            try {
                unplugAll(s, before);
                if (!delete || StoragePools.isIso(sr) || !destroyed(s, sr)) {
                    for (StorageOps.Pbd p : before) {
                        s.storage().destroyPbd(p.uuid());
                    }
                    s.storage().forgetSr(sr.uuid());
                }
            } catch (XenFailure f) {
                restore(s, sr.uuid(), before);
                throw f;
            }
        }
        if (delete) {
            LOG.info("deleted SR {} ({})", sr.uuid(), sr.type());
        } else {
            LOG.info("detached SR {} ({}), its data kept", sr.uuid(), sr.type());
        }
        awaitGone(sr.uuid());
        return MethodResult.of(MethodEnvironment.COMPLETED);
    }

    /** SR.destroy; false when xapi will not destroy this SR (then it is forgotten). */
    private static boolean destroyed(PoolSession s, SrRecord sr) throws XenFailure {
        try {
            s.storage().destroySr(sr.uuid());
            return true;
        } catch (XenFailure f) {
            if (NOT_DESTROYABLE.contains(f.code())) {
                LOG.info("SR {} cannot be destroyed ({}): forgetting it", sr.uuid(), f.code());
                return false;
            }
            throw f;
        }
    }

    private static void unplugAll(PoolSession s, List<StorageOps.Pbd> pbds) throws XenFailure {
        for (StorageOps.Pbd p : pbds) {
            if (p.attached()) {
                s.storage().unplugPbd(p.uuid());
            }
        }
    }

    /**
     * After a failed step: every PBD that was there is there again (recreated with its device-config
     * where it was destroyed) and plugged where it was. Failures here are logged; the first failure is
     * what the caller sees.
     */
    private static void restore(PoolSession s, String sr, List<StorageOps.Pbd> before) {
        try {
            List<StorageOps.Pbd> now = s.storage().pbdsOf(sr);
            for (StorageOps.Pbd p : before) {
                StorageOps.Pbd current = now.stream().filter(n -> n.host().equals(p.host())).findFirst().orElse(null);
                String uuid = current != null ? current.uuid() : s.storage().createPbd(p.host(), sr, p.deviceConfig());
                if (p.attached() && (current == null || !current.attached())) {
                    s.storage().plugPbd(uuid);
                }
            }
        } catch (XenFailure f) {
            LOG.warn("could not put back the PBDs of SR {} after a failure: {} {}", sr, f.code(), f.params());
        }
    }

    private void awaitGone(String sr) {
        try {
            env.bridge().mirror().await(x -> x.sr(sr).isEmpty(), MIRROR_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** CIM_ERR_FAILED with the reason while a VM that is not halted has a disk of the SR. */
    static void refuseWhileInUse(PoolSnapshot s, SrRecord sr) throws CimException {
        String use = StorageRefs.runningUse(s, sr);
        if (use != null) {
            throw new CimException(CimStatus.FAILED, "SR " + sr.nameLabel() + " (" + sr.uuid() + ") is in use: " + use
                    + "; shut the VM down or move the disk first");
        }
    }
}
