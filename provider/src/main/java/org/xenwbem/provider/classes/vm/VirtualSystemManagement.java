package org.xenwbem.provider.classes.vm;

import org.xenwbem.provider.classes.common.Ids;
import java.util.Map;
import org.xenwbem.bridge.VmRecord;
import org.xenwbem.cim.CimMethod;
import org.xenwbem.cim.CimObjectPath;
import org.xenwbem.provider.cimom.CimException;
import org.xenwbem.provider.cimom.CimStatus;
import org.xenwbem.provider.cimom.MethodResult;
import org.xenwbem.provider.cimom.RequestContext;
import org.xenwbem.provider.methods.TabledMethodProvider;
import org.xenwbem.provider.methods.EmbeddedArgs;
import org.xenwbem.provider.methods.MethodEnvironment;
import org.xenwbem.provider.methods.Rbac;
import org.xenwbem.provider.classes.common.Paths;

/**
 * {@code Xen_VirtualSystemManagementService} (anchor §5.1). DefineSystem, CopySystem and
 * AddResourceSetting(s) create things and undo them when they fail ({@link SystemDefinition}); the
 * other methods change or remove what exists ({@link SettingChanges}); StartService / StopService
 * enable or disable the service's host ({@link HypervisorService}, pool-operator as xapi's
 * host.enable). FindPossibleHostsToRunOn needs the vm-operator role, every other method vm-admin;
 * read-only may call none.
 */
public final class VirtualSystemManagement extends TabledMethodProvider {
    static final String CLASS = "Xen_VirtualSystemManagementService";
    static final String SYSTEM = "Xen_ComputerSystem";
    static final String TEMPLATE = "Xen_ComputerSystemTemplate";
    static final String HOST = "Xen_HostComputerSystem";
    private static final String CALL = "call {method}";

    private final SystemDefinition definition;
    private final SettingChanges changes;
    private final HypervisorService hypervisor;

    public VirtualSystemManagement(MethodEnvironment env) {
        super(env, CLASS);
        EmbeddedArgs args = new EmbeddedArgs(env.classes());
        this.definition = new SystemDefinition(env, args, this);
        this.changes = new SettingChanges(env, args, this);
        this.hypervisor = new HypervisorService(env);
        methods().method("DefineSystem", Rbac.VM_ADMIN, CALL, (ctx, t, m, in) -> definition.define(ctx, in))
                .method("CopySystem", Rbac.VM_ADMIN, CALL, (ctx, t, m, in) -> definition.copy(ctx, in))
                .method("AddResourceSettings", Rbac.VM_ADMIN, CALL, (ctx, t, m, in) -> definition.addResources(ctx, in))
                .method("AddResourceSetting", Rbac.VM_ADMIN, CALL, (ctx, t, m, in) -> definition.addResource(ctx, in))
                .method("DestroySystem", Rbac.VM_ADMIN, CALL, (ctx, t, m, in) -> changes.destroy(ctx, in))
                .method("ModifyResourceSettings", Rbac.VM_ADMIN, CALL, (ctx, t, m, in) -> changes.modifyResources(ctx, in))
                .method("RemoveResourceSettings", Rbac.VM_ADMIN, CALL, (ctx, t, m, in) -> changes.removeResources(ctx, in))
                .method("ModifySystemSettings", Rbac.VM_ADMIN, CALL, (ctx, t, m, in) -> changes.modifySystem(ctx, in))
                .method("ConvertToXenTemplate", Rbac.VM_ADMIN, CALL, (ctx, t, m, in) -> changes.convertToTemplate(ctx, in))
                .method("FindPossibleHostsToRunOn", Rbac.VM_OPERATOR, "ask where a VM may run",
                        (ctx, t, m, in) -> changes.possibleHosts(ctx, in))
                .method("StartService", Rbac.POOL_OPERATOR, "enable a host (StartService)",
                        (ctx, t, m, in) -> hypervisor.change(ctx, t, true))
                .method("StopService", Rbac.POOL_OPERATOR, "disable a host (StopService)",
                        (ctx, t, m, in) -> hypervisor.change(ctx, t, false))
                .otherwise(Rbac.VM_ADMIN, CALL, this::notSupported);
    }

    private MethodResult notSupported(RequestContext ctx, CimObjectPath target, CimMethod method, Map<String, Object> in)
            throws CimException {
        return MethodResult.of(MethodEnvironment.NOT_SUPPORTED);
    }

    /**
     * The VM (or template) a reference names: {@code Name} of a computer system, or the
     * {@code Xen:<uuid>} InstanceID of its settings. NOT_FOUND for an unknown one or a dom0.
     */
    VmRecord vm(CimObjectPath ref, String param) throws CimException {
        if (ref == null) {
            throw new CimException(CimStatus.INVALID_PARAMETER, param + " is required");
        }
        Object name = ref.key("Name");
        String uuid = name != null ? EmbeddedArgs.str(name) : EmbeddedArgs.ownerOf(ref.key("InstanceID"));
        return env.pool().get().vm(uuid == null ? "" : uuid).filter(v -> !v.isControlDomain())
                .orElseThrow(() -> new CimException(CimStatus.NOT_FOUND, param + ": no VM " + ref));
    }

    /** The VM a {@code Xen:<vm>} or {@code Xen:<vm>/<device>} InstanceID belongs to. */
    VmRecord vmOf(Object instanceId) throws CimException {
        String uuid = EmbeddedArgs.ownerOf(instanceId);
        return env.pool().get().vm(uuid == null ? "" : uuid).filter(v -> !v.isControlDomain())
                .orElseThrow(() -> new CimException(CimStatus.NOT_FOUND, "no VM for InstanceID " + instanceId));
    }

    /** {@code Xen_ComputerSystem.CreationClassName="Xen_ComputerSystem",Name=<uuid>}. */
    public static CimObjectPath systemPath(String vm) {
        return Paths.vm(vm);
    }

    static CimObjectPath templatePath(String vm) {
        return VmRefs.instance(TEMPLATE, Ids.system(vm));
    }

    static CimObjectPath hostPath(String host) {
        return Paths.host(host);
    }
}
