package org.xenwbem.provider.classes.vm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xenwbem.bridge.HostRecord;
import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.bridge.PowerState;
import org.xenwbem.bridge.VbdRecord;
import org.xenwbem.bridge.VdiRecord;
import org.xenwbem.bridge.VifRecord;
import org.xenwbem.bridge.VmRecord;
import org.xenwbem.bridge.ops.PoolSession;
import org.xenwbem.bridge.ops.XenFailure;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.cim.CimObjectPath;
import org.xenwbem.provider.cimom.CimException;
import org.xenwbem.provider.cimom.CimStatus;
import org.xenwbem.provider.cimom.MethodResult;
import org.xenwbem.provider.cimom.RequestContext;
import org.xenwbem.provider.jobs.JobFailure;
import org.xenwbem.provider.methods.CreatedObjects;
import org.xenwbem.provider.methods.EmbeddedArgs;
import org.xenwbem.provider.methods.MethodEnvironment;

/**
 * The synchronous methods of the service (anchor §5.1): DestroySystem (a halted VM with its drives
 * and the disks only it uses; any other power state is refused with CIM_ERR_FAILED and a message
 * naming the VM, its state and what to do — the anchor's status code, which it sent with no useful
 * text after shutting the VM down behind the caller's back; the VM is never shut down here),
 * Modify/RemoveResourceSettings by RASD InstanceID ({@code Xen:<vm>/Processor}, {@code /Memory},
 * {@code /<vbd>}, {@code /<vif>}; RemoveResourceSettings also takes a guest key/value pair, Xen_KVP by
 * DeviceID or Xen_KVPSettingData by InstanceID {@code Xen:<vm>/<key>}), ModifySystemSettings,
 * ConvertToXenTemplate and FindPossibleHostsToRunOn.
 */
public final class SettingChanges {
    private static final Logger LOG = LoggerFactory.getLogger(SettingChanges.class);

    private final MethodEnvironment env;
    private final EmbeddedArgs args;
    private final VirtualSystemManagement service;

    SettingChanges(MethodEnvironment env, EmbeddedArgs args, VirtualSystemManagement service) {
        this.env = env;
        this.args = args;
        this.service = service;
    }

    MethodResult destroy(RequestContext ctx, Map<String, Object> in) throws CimException, XenFailure {
        VmRecord vm = service.vm(args.ref("AffectedSystem", in.get("AffectedSystem")), "AffectedSystem");
        if (vm.powerState() != PowerState.Halted) {
            LOG.info("DestroySystem refused for {}: VM {} is {}, not Halted", ctx.user(), vm.uuid(), vm.powerState());
            throw new CimException(CimStatus.FAILED, refusal(vm));
        }
        try (PoolSession s = env.sessionFor(ctx)) {
            CreatedObjects.VmTeardown.destroy(s, vm.uuid(), Set.of());
        }
        return MethodResult.of(MethodEnvironment.COMPLETED);
    }

    /** Why DestroySystem will not act, and what the caller can do about it. */
    static String refusal(VmRecord vm) {
        String how = vm.powerState() == PowerState.Running
                ? "shut it down first (Xen_ComputerSystem.RequestStateChange 3, or 32768 to force it off)"
                : "bring it back with RequestStateChange 2 and shut it down,"
                        + " or turn it off with 3 (its memory state is lost)";
        return "VM '" + vm.nameLabel() + "' (" + vm.uuid() + ") is " + vm.powerState()
                + "; DestroySystem only destroys a halted VM: " + how;
    }

    MethodResult modifySystem(RequestContext ctx, Map<String, Object> in) throws CimException, XenFailure {
        CimInstance vssd = args.instance("SystemSettings", in.get("SystemSettings"));
        if (vssd == null || vssd.get("InstanceID") == null) {
            return MethodResult.of(MethodEnvironment.INVALID_PARAMETER);
        }
        VmRecord vm = service.vmOf(vssd.get("InstanceID"));
        try (PoolSession s = env.sessionFor(ctx)) {
            SystemSettings.apply(s.vms(), vm.uuid(), vssd);
        }
        return MethodResult.of(MethodEnvironment.COMPLETED);
    }

    MethodResult modifyResources(RequestContext ctx, Map<String, Object> in) throws CimException, XenFailure {
        List<CimInstance> rasds = args.instances("ResourceSettings", in.get("ResourceSettings"));
        if (rasds.isEmpty()) {
            return MethodResult.of(MethodEnvironment.INVALID_PARAMETER);
        }
        PoolSnapshot pool = env.pool().get();
        List<CimObjectPath> out = new ArrayList<>();
        try (PoolSession s = env.sessionFor(ctx)) {
            ResourceSettings rs = new ResourceSettings(s, pool, new CreatedObjects());
            for (CimInstance rasd : rasds) {
                out.add(modify(s, pool, rs, rasd));
            }
        } catch (JobFailure f) {
            throw new CimException(CimStatus.INVALID_PARAMETER, f.getMessage());
        }
        return new MethodResult(MethodEnvironment.COMPLETED, Map.of("ResultingResourceSettings", out));
    }

    /** One RASD by InstanceID: VCPUs, memory, a disk's size (grow only), a NIC's network or MAC. */
    private CimObjectPath modify(PoolSession s, PoolSnapshot pool, ResourceSettings rs, CimInstance rasd)
            throws CimException, XenFailure, JobFailure {
        if (GuestPairs.isPairClass(rasd.className())) {
            throw new CimException(CimStatus.NOT_SUPPORTED,
                    "a guest key/value pair cannot be changed in place: remove it, then add it with the new Value");
        }
        Object id = rasd.get("InstanceID");
        VmRecord vm = service.vmOf(id);
        String device = EmbeddedArgs.deviceOf(id);
        long type = ResourceSettings.type(rasd);
        // the anchor's scripts name a VM's processor or memory by the VM's own InstanceID (Xen:<vm>)
        if ("Processor".equalsIgnoreCase(device) || device == null && type == 3) {
            return rs.processor(vm.uuid(), rasd);
        }
        if ("Memory".equalsIgnoreCase(device) || device == null && type == 4) {
            return rs.memory(vm.uuid(), rasd);
        }
        Optional<VbdRecord> vbd = Optional.ofNullable(device).flatMap(pool::vbd).filter(b -> b.vmUuid().equals(vm.uuid()));
        if (vbd.isPresent()) {
            Long q = EmbeddedArgs.num(rasd.get("VirtualQuantity"));
            String vdi = vbd.get().vdiUuid();
            if (q != null && vdi != null && !vbd.get().empty()) {
                long size = q * Math.max(1, EmbeddedArgs.unitBytes(rasd.get("AllocationUnits"), 1));
                if (size > pool.vdi(vdi).map(VdiRecord::virtualSize).orElse(0L)) {
                    grow(s, vbd.get(), vm, size);
                }
            }
            return ResourceSettings.path(ResourceSettings.DISK, vm.uuid(), vbd.get().uuid());
        }
        Optional<VifRecord> vif = Optional.ofNullable(device).flatMap(pool::vif).filter(f -> f.vmUuid().equals(vm.uuid()));
        if (vif.isEmpty()) {
            throw new CimException(CimStatus.NOT_FOUND, "no resource " + id);
        }
        return modifyVif(s, vm, vif.get(), rasd);
    }

    /** A disk plugged into a running VM grows with VDI.resize_online (the guest sees it), else VDI.resize. */
    private static void grow(PoolSession s, VbdRecord vbd, VmRecord vm, long size) throws XenFailure {
        if (vbd.currentlyAttached() && vm.powerState() != PowerState.Halted) {
            s.storage().resizeVdiOnline(vbd.vdiUuid(), size);
        } else {
            s.devices().resizeVdi(vbd.vdiUuid(), size);
        }
    }

    /** A VIF cannot change network or MAC in place: an unplugged one is replaced at the same device. */
    private static CimObjectPath modifyVif(PoolSession s, VmRecord vm, VifRecord vif, CimInstance rasd)
            throws CimException, XenFailure {
        String network = EmbeddedArgs.ownerOf(rasd.get("PoolID"));
        String mac = ResourceSettings.mac(rasd.get("Address"));
        boolean moved = network != null && !network.equals(vif.networkUuid());
        boolean remac = !mac.isEmpty() && !mac.equalsIgnoreCase(vif.mac());
        if (!moved && !remac) {
            return ResourceSettings.path(ResourceSettings.NETWORK, vm.uuid(), vif.uuid());
        }
        if (vif.currentlyAttached()) {
            throw new CimException(CimStatus.FAILED, "VIF " + vif.device() + " is plugged; shut the VM down to change it");
        }
        s.devices().destroyVif(vif.uuid());
        String created = s.devices().createVif(vm.uuid(), moved ? network : vif.networkUuid(), vif.device(),
                remac ? mac : vif.mac());
        return ResourceSettings.path(ResourceSettings.NETWORK, vm.uuid(), created);
    }

    MethodResult removeResources(RequestContext ctx, Map<String, Object> in) throws CimException, XenFailure {
        List<Object> ids = new ArrayList<>();
        List<Boolean> pairs = new ArrayList<>();
        for (Object o : EmbeddedArgs.list(in.get("ResourceSettings"))) {
            ids.add(args.instanceId("ResourceSettings", o));
            pairs.add(GuestPairs.isPairClass(args.className("ResourceSettings", o)));
        }
        if (ids.isEmpty()) {
            return MethodResult.of(MethodEnvironment.INVALID_PARAMETER);
        }
        PoolSnapshot pool = env.pool().get();
        for (int i = 0; i < ids.size(); i++) {
            String device = EmbeddedArgs.deviceOf(ids.get(i));
            if (device == null || !pairs.get(i) && (device.equalsIgnoreCase("Processor")
                    || device.equalsIgnoreCase("Memory"))) {
                return MethodResult.of(MethodEnvironment.INVALID_PARAMETER);
            }
            service.vmOf(ids.get(i));
        }
        try (PoolSession s = env.sessionFor(ctx)) {
            for (int i = 0; i < ids.size(); i++) {
                Object id = ids.get(i);
                VmRecord vm = service.vmOf(id);
                if (!pairs.get(i)) {
                    removeDevice(s, pool, vm, EmbeddedArgs.deviceOf(id), id);
                } else if (GuestPairs.remove(s, vm, EmbeddedArgs.deviceOf(id))) {
                    GuestPairs.awaitMirror(env.bridge().mirror(), GuestPairs.path(vm.uuid(),
                            EmbeddedArgs.deviceOf(id)), false);
                } else {
                    throw new CimException(CimStatus.NOT_FOUND, "no guest key/value pair " + id);
                }
            }
        }
        return MethodResult.of(MethodEnvironment.COMPLETED);
    }

    /** Unplugs and destroys a VBD (its VDI stays) or an unplugged VIF. */
    private static void removeDevice(PoolSession s, PoolSnapshot pool, VmRecord vm, String device, Object id)
            throws CimException, XenFailure {
        Optional<VbdRecord> vbd = pool.vbd(device).filter(b -> b.vmUuid().equals(vm.uuid()));
        if (vbd.isPresent()) {
            if (vbd.get().currentlyAttached()) {
                s.devices().unplugVbd(device);
            }
            s.devices().destroyVbd(device);
            return;
        }
        Optional<VifRecord> vif = pool.vif(device).filter(f -> f.vmUuid().equals(vm.uuid()));
        if (vif.isEmpty()) {
            throw new CimException(CimStatus.NOT_FOUND, "no resource " + id);
        }
        if (vif.get().currentlyAttached()) {
            throw new CimException(CimStatus.FAILED, "VIF " + vif.get().device() + " is plugged; shut the VM down first");
        }
        s.devices().destroyVif(device);
    }

    MethodResult convertToTemplate(RequestContext ctx, Map<String, Object> in) throws CimException, XenFailure {
        VmRecord vm = service.vm(args.ref("System", in.get("System")), "System");
        if (vm.powerState() != PowerState.Halted) {
            return MethodResult.of(MethodEnvironment.INVALID_STATE);
        }
        try (PoolSession s = env.sessionFor(ctx)) {
            s.vms().set(vm.uuid(), "is_a_template", true);
        }
        return new MethodResult(MethodEnvironment.COMPLETED,
                Map.of("ResultingTemplate", VirtualSystemManagement.templatePath(vm.uuid())));
    }

    MethodResult possibleHosts(RequestContext ctx, Map<String, Object> in) throws CimException, XenFailure {
        VmRecord vm = service.vm(args.ref("System", in.get("System")), "System");
        List<CimObjectPath> hosts = new ArrayList<>();
        try (PoolSession s = env.sessionFor(ctx)) {
            for (HostRecord h : env.pool().get().hosts()) {
                try {
                    s.vms().assertCanBootHere(vm.uuid(), h.uuid());
                    hosts.add(VirtualSystemManagement.hostPath(h.uuid()));
                } catch (XenFailure f) {
                    if (f.kind() == XenFailure.Kind.DENIED || f.kind() == XenFailure.Kind.UNAVAILABLE) {
                        throw f;
                    }
                    LOG.debug("VM {} cannot boot on {}: {} {}", vm.uuid(), h.uuid(), f.code(), f.params());
                }
            }
        }
        return new MethodResult(MethodEnvironment.COMPLETED, Map.of("PossibleHosts", hosts));
    }
}
