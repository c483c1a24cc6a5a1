package org.xenwbem.provider.classes.vm;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.xenwbem.bridge.VmRecord;
import org.xenwbem.bridge.ops.XenFailure;
import org.xenwbem.cim.CimMethod;
import org.xenwbem.cim.CimObjectPath;
import org.xenwbem.provider.cimom.CimException;
import org.xenwbem.provider.cimom.CimStatus;
import org.xenwbem.provider.cimom.MethodProvider;
import org.xenwbem.provider.cimom.MethodResult;
import org.xenwbem.provider.cimom.RequestContext;
import org.xenwbem.provider.methods.EmbeddedArgs;
import org.xenwbem.provider.methods.MethodEnvironment;
import org.xenwbem.provider.methods.Rbac;

/**
 * {@code Xen_VirtualSystemManagementService} (anchor §5.1). DefineSystem, CopySystem and
 * AddResourceSetting(s) create things and undo them when they fail ({@link SystemDefinition}); the
 * other methods change or remove what exists ({@link SettingChanges}). FindPossibleHostsToRunOn
 * needs the vm-operator role, every other method vm-admin; read-only may call none.
 */
public final class VirtualSystemManagement implements MethodProvider {
    static final String CLASS = "Xen_VirtualSystemManagementService";
    static final String SYSTEM = "Xen_ComputerSystem";
    static final String TEMPLATE = "Xen_ComputerSystemTemplate";
    static final String HOST = "Xen_HostComputerSystem";

    private final MethodEnvironment env;
    private final SystemDefinition definition;
    private final SettingChanges changes;

    public VirtualSystemManagement(MethodEnvironment env) {
        this.env = env;
        EmbeddedArgs args = new EmbeddedArgs(env.classes());
        this.definition = new SystemDefinition(env, args, this);
        this.changes = new SettingChanges(env, args, this);
    }

    @Override
    public String className() {
        return CLASS;
    }

    @Override
    public MethodResult invoke(RequestContext ctx, CimObjectPath target, CimMethod method, Map<String, Object> in)
            throws CimException {
        String name = method.name().toLowerCase(Locale.ROOT);
        if (name.equals("findpossiblehoststorunon")) {
            Rbac.require(ctx, Rbac.VM_OPERATOR, "ask where a VM may run");
        } else {
            Rbac.require(ctx, Rbac.VM_ADMIN, "call " + method.name());
        }
        try {
            return switch (name) {
                case "definesystem" -> definition.define(ctx, in);
                case "copysystem" -> definition.copy(ctx, in);
                case "addresourcesettings" -> definition.addResources(ctx, in);
                case "addresourcesetting" -> definition.addResource(ctx, in);
                case "destroysystem" -> changes.destroy(ctx, in);
                case "modifyresourcesettings" -> changes.modifyResources(ctx, in);
                case "removeresourcesettings" -> changes.removeResources(ctx, in);
                case "modifysystemsettings" -> changes.modifySystem(ctx, in);
                case "converttoxentemplate" -> changes.convertToTemplate(ctx, in);
                case "findpossiblehoststorunon" -> changes.possibleHosts(ctx, in);
                default -> MethodResult.of(MethodEnvironment.NOT_SUPPORTED);
            };
        } catch (XenFailure f) {
            throw MethodEnvironment.toCim(f);
        }
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
        return new CimObjectPath(MethodEnvironment.NAMESPACE, SYSTEM, keys(SYSTEM, vm));
    }

    static CimObjectPath templatePath(String vm) {
        return new CimObjectPath(MethodEnvironment.NAMESPACE, TEMPLATE, Map.of("InstanceID", "Xen:" + vm));
    }

    static CimObjectPath hostPath(String host) {
        return new CimObjectPath(MethodEnvironment.NAMESPACE, HOST, keys(HOST, host));
    }

    private static Map<String, Object> keys(String cls, String name) {
        Map<String, Object> k = new LinkedHashMap<>();
        k.put("CreationClassName", cls);
        k.put("Name", name);
        return k;
    }
}
