package org.xenwbem.provider.classes.vm;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.xenwbem.bridge.HostRecord;
import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.bridge.SrRecord;
import org.xenwbem.bridge.VbdRecord;
import org.xenwbem.bridge.VmRecord;
import org.xenwbem.bridge.ops.Operation;
import org.xenwbem.bridge.ops.PoolSession;
import org.xenwbem.bridge.ops.XenFailure;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.cim.CimMethod;
import org.xenwbem.cim.CimObjectPath;
import org.xenwbem.provider.cimom.CimException;
import org.xenwbem.provider.cimom.MethodResult;
import org.xenwbem.provider.cimom.RequestContext;
import org.xenwbem.provider.jobs.JobManager;
import org.xenwbem.provider.methods.TabledMethodProvider;
import org.xenwbem.provider.methods.FabricRefs;
import org.xenwbem.provider.methods.MethodEnvironment;
import org.xenwbem.provider.methods.Rbac;

/**
 * {@code Xen_VirtualSystemMigrationService} (anchor §5.4): MigrateVirtualSystemToHost / ToSystem run
 * a {@code Xen_VirtualSystemMigrationServiceJob} doing a live {@code VM.pool_migrate} — or, beyond
 * the anchor, storage XenMotion ({@code VM.migrate_send}) when the destination cannot see some of the
 * VM's disks, which then move to the pool's default SR if the destination sees it, else to an SR it
 * does see. CheckVirtualSystemIsMigratableTo* answer IsMigratable and, when false, the xapi error as
 * Reason ({@code VM.assert_can_boot_here}, or {@code VM.assert_can_migrate} for storage XenMotion).
 * Migrating needs vm-power-admin (xapi's role for VM.pool_migrate / migrate_send); checking needs
 * vm-operator (read-only may invoke nothing).
 */
public final class MigrationService extends TabledMethodProvider {
    static final String CLASS = "Xen_VirtualSystemMigrationService";
    static final String JOB_CLASS = "Xen_VirtualSystemMigrationServiceJob";
    /** CIM_VirtualSystemMigrationSettingData.MigrationType: 2 = Virtual System Live Migration. */
    private static final long LIVE = 2;
    private static final Duration TIMEOUT = Duration.ofHours(2);
    private static final String SESSION_INVALID = "SESSION_INVALID";


    public MigrationService(MethodEnvironment env) {
        super(env, CLASS);
        methods().method("MigrateVirtualSystemToHost", Rbac.VM_POWER_ADMIN, "migrate a VM", this::migrateOrCheck)
                .method("MigrateVirtualSystemToSystem", Rbac.VM_POWER_ADMIN, "migrate a VM", this::migrateOrCheck)
                .method("CheckVirtualSystemIsMigratableToHost", Rbac.VM_OPERATOR, "check whether a VM can migrate",
                        this::migrateOrCheck)
                .method("CheckVirtualSystemIsMigratableToSystem", Rbac.VM_OPERATOR, "check whether a VM can migrate",
                        this::migrateOrCheck);
    }

    /** Where a VM goes and which of its disks must move (VDI uuid → SR uuid; empty: pool_migrate). */
    public record Plan(VmRecord vm, HostRecord host, Map<String, String> vdiMap) {
        Operation start(PoolSession s) throws XenFailure {
            return vdiMap.isEmpty() ? s.vms().poolMigrate(vm.uuid(), host.uuid(), true)
                    : s.vms().migrateSend(vm.uuid(), host.uuid(), vdiMap, Map.of());
        }

        void check(PoolSession s) throws XenFailure {
            if (vdiMap.isEmpty()) {
                s.vms().assertCanBootHere(vm.uuid(), host.uuid());
            } else {
                s.vms().assertCanMigrate(vm.uuid(), host.uuid(), vdiMap, Map.of());
            }
        }
    }

    private MethodResult migrateOrCheck(RequestContext ctx, CimObjectPath target, CimMethod method, Map<String, Object> in)
            throws CimException {
        String name = method.name().toLowerCase(Locale.ROOT);
        boolean check = name.startsWith("checkvirtualsystemismigratableto");
        if (!live(in.get("MigrationSettingData"))) {
            return MethodResult.of(MethodEnvironment.NOT_SUPPORTED);
        }
        PoolSnapshot s = env.pool().get();
        VmRecord vm = FabricRefs.guest(s, in.get("ComputerSystem"), "ComputerSystem");
        HostRecord host = name.endsWith("tosystem")
                ? FabricRefs.hostByRef(s, in.get("DestinationSystem"), "DestinationSystem")
                : FabricRefs.hostByName(s, in.get("DestinationHost"), "DestinationHost");
        Plan plan = plan(s, vm, host);
        return check ? check(ctx, plan) : migrate(ctx, plan, method.name());
    }

    private MethodResult migrate(RequestContext ctx, Plan plan, String method) throws CimException {
        String what = (plan.vdiMap().isEmpty() ? "XenMotion" : "storage XenMotion") + " of VM " + plan.vm().nameLabel()
                + " to host " + plan.host().nameLabel();
        try {
            JobManager.JobRef job = env.jobs().submit(JOB_CLASS, plan.vm().uuid(), method, what, env.sessionFor(ctx),
                    jc -> jc.follow(plan.start(jc.session()), 0, 100, TIMEOUT));
            return MethodEnvironment.jobStarted(job);
        } catch (XenFailure f) {
            throw MethodEnvironment.toCim(f);
        }
    }

    /**
     * A check changes nothing, so it may run on a session the same user and password opened seconds ago
     * ({@link MethodEnvironment#readSessionFor}); one xapi no longer knows is replaced by a fresh login.
     */
    private MethodResult check(RequestContext ctx, Plan plan) throws CimException {
        PoolSession shared = env.readSessionFor(ctx);
        try {
            return check(plan, shared);
        } catch (XenFailure f) {
            if (!SESSION_INVALID.equals(f.code())) {
                throw MethodEnvironment.toCim(f);
            }
        } finally {
            shared.closeSoon(); // a check's session: logged out after the answer (once no other check holds it)
        }
        PoolSession own = env.sessionFor(ctx); // xapi forgot the shared session (a restart, say): a login of its own
        try {
            return check(plan, own);
        } catch (XenFailure f) {
            throw MethodEnvironment.toCim(f);
        } finally {
            own.closeSoon();
        }
    }

    private static MethodResult check(Plan plan, PoolSession session) throws XenFailure {
        Map<String, Object> out = new LinkedHashMap<>();
        try {
            plan.check(session);
            out.put("IsMigratable", Boolean.TRUE);
        } catch (XenFailure f) {
            if (f.kind() == XenFailure.Kind.DENIED || f.kind() == XenFailure.Kind.UNAVAILABLE
                    || SESSION_INVALID.equals(f.code())) {
                session.refused(); // a shared session xapi refused or forgot is not handed out again
                throw f;
            }
            out.put("IsMigratable", Boolean.FALSE);
            out.put("Reason", f.params().isEmpty() ? f.code() : f.code() + " " + String.join(" ", f.params()));
        }
        return new MethodResult(MethodEnvironment.COMPLETED, out);
    }

    /** The disks the destination cannot see, each mapped to an SR it can. */
    public static Plan plan(PoolSnapshot s, VmRecord vm, HostRecord host) {
        Map<String, String> vdiMap = new LinkedHashMap<>();
        for (VbdRecord vbd : s.vbdsOf(vm.uuid())) {
            if (vbd.type() != VbdRecord.Type.Disk || vbd.empty() || vbd.vdiUuid() == null || vbd.vdiUuid().isEmpty()) {
                continue;
            }
            s.vdi(vbd.vdiUuid()).filter(vdi -> !visible(s, vdi.srUuid(), host.uuid()))
                    .ifPresent(vdi -> destination(s, host.uuid()).ifPresent(sr -> vdiMap.put(vdi.uuid(), sr)));
        }
        return new Plan(vm, host, vdiMap);
    }

    private static Optional<String> destination(PoolSnapshot s, String host) {
        String def = s.pool().defaultSrUuid();
        if (def != null && !def.isEmpty() && visible(s, def, host)) {
            return Optional.of(def);
        }
        return s.srs().stream().filter(sr -> !"iso".equalsIgnoreCase(sr.contentType()) && visible(s, sr.uuid(), host))
                .map(SrRecord::uuid).findFirst();
    }

    private static boolean visible(PoolSnapshot s, String sr, String host) {
        return s.pbds().stream().anyMatch(p -> p.srUuid().equals(sr) && p.hostUuid().equals(host));
    }

    /** Absent, or MigrationType Unknown / Live: the anchor supports live migration only. */
    private static boolean live(Object settings) {
        if (!(settings instanceof CimInstance i) || i.get("MigrationType") == null) {
            return true;
        }
        long t = ((Number) i.get("MigrationType")).longValue();
        return t == 0 || t == LIVE;
    }
}
