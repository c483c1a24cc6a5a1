package org.xenwbem.provider.classes.vm;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.bridge.VmRecord;
import org.xenwbem.bridge.ops.DeviceOps;
import org.xenwbem.bridge.ops.PoolSession;
import org.xenwbem.bridge.ops.XenFailure;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.cim.CimObjectPath;
import org.xenwbem.provider.jobs.JobFailure;
import org.xenwbem.provider.methods.CreatedObjects;
import org.xenwbem.provider.methods.EmbeddedArgs;
import org.xenwbem.provider.methods.MethodEnvironment;
import org.xenwbem.provider.classes.common.Paths;

/**
 * RASDs applied to a VM (anchor §4.2, §5.1): ResourceType 3 processor (VirtualQuantity → VCPUs),
 * 4 memory (VirtualQuantity in AllocationUnits, MiB by default → memory limits), 17/19/31 disk
 * (a new VDI of VirtualQuantity in PoolID's SR, or the default SR, or the existing VDI HostResource
 * names; then a VBD at AddressOnParent), 15/16 CD/DVD (empty, or the ISO HostResource names), 10/33
 * network (a VIF on the network PoolID names, MAC from Address), 40000 (or class Xen_KVP /
 * Xen_KVPSettingData) a guest key/value pair ({@link GuestPairs}). Everything created is recorded in
 * the {@link CreatedObjects} so a failure can undo it. Returns the path of the resulting RASD.
 */
public final class ResourceSettings {
    static final String PROCESSOR = "Xen_ProcessorSettingData";
    static final String MEMORY = "Xen_MemorySettingData";
    static final String DISK = "Xen_DiskSettingData";
    static final String NETWORK = "Xen_NetworkPortSettingData";
    public static final String KVP = "Xen_KVPSettingData";
    static final long MIB = 1L << 20;
    /** The ResourceTypes {@link #add} understands. */
    static final List<Long> TYPES = List.of(3L, 4L, 10L, 15L, 16L, 17L, 19L, 31L, 33L, GuestPairs.RESOURCE_TYPE);
    /** A disk image's DeviceID, {@code Xen:<sr>/<vdi>}; the anchor's scripts also wrote it with a backslash. */
    private static final Pattern DISK_IMAGE = Pattern.compile("(?i)Xen:([0-9a-f-]{36})[/\\\\]([0-9a-f-]{36})");
    private static final Pattern UUID = Pattern.compile("(?i)[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final PoolSession session;
    private final PoolSnapshot pool;
    private final CreatedObjects created;

    ResourceSettings(PoolSession session, PoolSnapshot pool, CreatedObjects created) {
        this.session = session;
        this.pool = pool;
        this.created = created;
    }

    /** The DMTF ResourceType of a RASD, from the property or else from its Xen class. */
    static long type(CimInstance rasd) {
        Long t = EmbeddedArgs.num(rasd.get("ResourceType"));
        if (t != null) {
            return t;
        }
        String c = rasd.className();
        return c.equalsIgnoreCase(PROCESSOR) ? 3 : c.equalsIgnoreCase(MEMORY) ? 4 : c.equalsIgnoreCase(DISK) ? 19
                : c.equalsIgnoreCase(NETWORK) ? 33 : GuestPairs.isPairClass(c) ? GuestPairs.RESOURCE_TYPE : 0;
    }

    CimObjectPath add(String vm, CimInstance rasd) throws XenFailure, JobFailure {
        long type = type(rasd);
        return switch ((int) type) {
            case 3 -> processor(vm, rasd);
            case 4 -> memory(vm, rasd);
            case 17, 19, 31 -> disk(vm, rasd);
            case 15, 16 -> cd(vm, rasd);
            case 10, 33 -> nic(vm, rasd);
            case (int) GuestPairs.RESOURCE_TYPE -> GuestPairs.add(session, pool, created, vm, rasd);
            default -> throw invalid("ResourceType " + type + " of " + rasd.className() + " is not supported");
        };
    }

    CimObjectPath processor(String vm, CimInstance rasd) throws XenFailure, JobFailure {
        long n = required(rasd, "VirtualQuantity");
        if (n < 1) {
            throw invalid("VirtualQuantity of VCPUs must be at least 1");
        }
        session.vms().setVcpus(vm, n, n);
        return path(PROCESSOR, vm, "Processor");
    }

    CimObjectPath memory(String vm, CimInstance rasd) throws XenFailure, JobFailure {
        long unit = EmbeddedArgs.unitBytes(rasd.get("AllocationUnits"), MIB);
        if (unit <= 0) {
            throw invalid("AllocationUnits " + rasd.get("AllocationUnits") + " is not understood");
        }
        long bytes = required(rasd, "VirtualQuantity") * unit;
        Long reservation = EmbeddedArgs.num(rasd.get("Reservation"));
        Long limit = EmbeddedArgs.num(rasd.get("Limit"));
        long dynMin = reservation != null && reservation > 0 ? Math.min(reservation * unit, bytes) : bytes;
        long staticMax = limit != null && limit * unit > bytes ? limit * unit : bytes;
        long staticMin = pool.vm(vm).map(VmRecord::memoryStaticMin).filter(m -> m > 0).orElse(dynMin);
        session.vms().setMemoryLimits(vm, Math.min(staticMin, dynMin), staticMax, dynMin, bytes);
        return path(MEMORY, vm, "Memory");
    }

    CimObjectPath disk(String vm, CimInstance rasd) throws XenFailure, JobFailure {
        String vdi = hostResourceVdi(rasd);
        if (vdi != null) {
            created.borrowed(vdi);
        } else {
            long unit = EmbeddedArgs.unitBytes(rasd.get("AllocationUnits"), 1);
            if (unit <= 0) {
                throw invalid("AllocationUnits " + rasd.get("AllocationUnits") + " is not understood");
            }
            long size = required(rasd, "VirtualQuantity") * unit;
            String name = EmbeddedArgs.str(rasd.get("ElementName"));
            vdi = session.devices().createVdi(sr(rasd), name == null ? "disk" : name, size, "user", false, false);
            created.vdi(vdi);
        }
        boolean readOnly = Long.valueOf(1).equals(EmbeddedArgs.num(rasd.get("Access")));
        String vbd = session.devices().createVbd(vm, vdi, userdevice(vm, rasd),
                Boolean.TRUE.equals(EmbeddedArgs.bool(rasd.get("Bootable"))), readOnly ? "RO" : "RW", "Disk");
        created.vbd(vbd);
        return path(DISK, vm, vbd);
    }

    CimObjectPath cd(String vm, CimInstance rasd) throws XenFailure, JobFailure {
        String iso = hostResourceVdi(rasd);
        if (iso != null) {
            created.borrowed(iso);
        }
        String vbd = session.devices().createVbd(vm, iso, userdevice(vm, rasd),
                Boolean.TRUE.equals(EmbeddedArgs.bool(rasd.get("Bootable"))), "RO", "CD");
        created.vbd(vbd);
        return path(DISK, vm, vbd);
    }

    CimObjectPath nic(String vm, CimInstance rasd) throws XenFailure, JobFailure {
        String network = EmbeddedArgs.ownerOf(rasd.get("PoolID"));
        if (network == null || pool.network(network).isEmpty()) {
            throw invalid("PoolID must name a network uuid (got " + rasd.get("PoolID") + ")");
        }
        String device = EmbeddedArgs.str(rasd.get("AddressOnParent"));
        if (device == null) {
            device = firstFree(session.devices().vifDevicesOf(vm));
        }
        String vif = session.devices().createVif(vm, network, device, mac(rasd.get("Address")));
        created.vif(vif);
        return path(NETWORK, vm, vif);
    }

    /** The RASD of a VM device: {@code <class>.InstanceID="Xen:<vm>/<device>"}. */
    public static CimObjectPath path(String cls, String vm, String device) {
        return Paths.rasd(cls, vm, device);
    }

    public static JobFailure invalid(String why) {
        return new JobFailure((int) MethodEnvironment.INVALID_PARAMETER, why);
    }

    private static long required(CimInstance rasd, String property) throws JobFailure {
        Long v = EmbeddedArgs.num(rasd.get(property));
        if (v == null || v < 0) {
            throw invalid(rasd.className() + "." + property + " is required");
        }
        return v;
    }

    /** The SR PoolID names ({@code <sr>} or {@code Xen:<host>/<sr>}), else the pool's default SR. */
    private String sr(CimInstance rasd) throws JobFailure {
        String id = EmbeddedArgs.str(rasd.get("PoolID"));
        if (id != null) {
            Matcher m = UUID.matcher(id);
            String last = null;
            while (m.find()) {
                last = m.group();
            }
            if (last != null && pool.sr(last).isPresent()) {
                return last;
            }
            throw invalid("PoolID " + id + " names no SR");
        }
        String def = pool.pool() == null ? "" : pool.pool().defaultSrUuid();
        if (def == null || def.isEmpty() || pool.sr(def).isEmpty()) {
            throw invalid("no PoolID given and the pool has no default SR");
        }
        return def;
    }

    /** The VDI HostResource names: {@code Xen_DiskImage.DeviceID="Xen:<sr>/<vdi>"} or a VDI uuid. */
    private String hostResourceVdi(CimInstance rasd) throws JobFailure {
        for (Object o : EmbeddedArgs.list(rasd.get("HostResource"))) {
            String s = String.valueOf(o);
            Matcher m = DISK_IMAGE.matcher(s);
            String vdi = m.find() ? m.group(2) : UUID.matcher(s.strip()).matches() ? s.strip() : null;
            if (vdi == null || pool.vdi(vdi.toLowerCase(Locale.ROOT)).isEmpty()) {
                throw invalid("HostResource " + s + " names no disk image");
            }
            return vdi.toLowerCase(Locale.ROOT);
        }
        return null;
    }

    /** AddressOnParent, else the lowest userdevice the VM does not use (read from xapi). */
    private String userdevice(String vm, CimInstance rasd) throws XenFailure {
        String a = EmbeddedArgs.str(rasd.get("AddressOnParent"));
        if (a != null) {
            return a;
        }
        List<String> used = new ArrayList<>();
        for (DeviceOps.Drive d : session.devices().drivesOf(vm)) {
            used.add(d.userdevice());
        }
        return firstFree(used);
    }

    static String firstFree(List<String> used) {
        int n = 0;
        while (used.contains(Integer.toString(n))) {
            n++;
        }
        return Integer.toString(n);
    }

    /** A MAC as xapi wants it (aa:bb:cc:dd:ee:ff); "" for a generated one. */
    static String mac(Object address) {
        String a = EmbeddedArgs.str(address);
        if (a == null) {
            return "";
        }
        String hex = a.replaceAll("[^0-9A-Fa-f]", "").toLowerCase(Locale.ROOT);
        if (hex.length() != 12) {
            return a;
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 12; i += 2) {
            b.append(i == 0 ? "" : ":").append(hex, i, i + 2);
        }
        return b.toString();
    }
}
