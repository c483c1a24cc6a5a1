package org.xenwbem.provider.classes.storage;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.provider.cimom.CimException;
import org.xenwbem.provider.cimom.CimStatus;
import org.xenwbem.provider.methods.EmbeddedArgs;

/**
 * What CreateStoragePool asks for, decoded from its arguments as the anchor read them (§5.6): the SR
 * type is the embedded RASD's {@code ResourceSubType}, its {@code Connection} entries {@code key=value}
 * are the SR's device-config, the name is {@code ElementName} (the method's, else the RASD's), ResourceType
 * 15 (DVD: an ISO library) or 19 (disk storage). Which types are shared (a PBD on every member) and which
 * device-config keys each needs are xapi's SM drivers' own rules.
 *
 * @param type         the SM driver (nfs, lvmoiscsi, lvmohba, ext, iso, smb, rbd, file, lvm)
 * @param deviceConfig the PBDs' device-config (may hold a password: never logged)
 */
public record SrSettings(String name, String description, String type, String contentType, boolean shared,
                         Map<String, String> deviceConfig) {
    static final long RT_DVD = 15;
    static final long RT_DISK = 19;
    /** Types whose SR every member reaches (xapi SR.create makes a PBD per host); the others are per host. */
    static final Set<String> SHARED = Set.of("nfs", "lvmoiscsi", "lvmohba", "iso", "smb", "rbd", "cifs");
    /** Types this service creates; {@code lvm} (a local disk) too, as the anchor did not refuse it. */
    static final Set<String> TYPES = Set.of("nfs", "lvmoiscsi", "lvmohba", "ext", "iso", "smb", "rbd", "file", "lvm");
    /** Types whose SR lives on a block device: SR.create would format it, so an existing SR must be found first. */
    static final Set<String> BLOCK = Set.of("lvmoiscsi", "lvmohba", "ext", "lvm");
    /** device-config keys each type cannot do without (SM's own checks, made before xapi is asked). */
    private static final Map<String, List<String>> REQUIRED = Map.of(
            "nfs", List.of("server", "serverpath"), "lvmoiscsi", List.of("target", "targetIQN", "SCSIid"),
            "ext", List.of("device"), "lvm", List.of("device"), "iso", List.of("location"),
            "smb", List.of("server"), "rbd", List.of("pool"), "file", List.of("location"));

    public SrSettings {
        deviceConfig = Map.copyOf(deviceConfig);
    }

    /** Decodes the arguments; INVALID_PARAMETER (with the reason) for anything xapi would refuse anyway. */
    static SrSettings decode(String elementName, CimInstance rasd, Long resourceType) throws CimException {
        if (rasd == null) {
            throw invalid("Settings (an embedded Xen_DiskSettingData / CIM_ResourceAllocationSettingData) is required");
        }
        String type = lower(EmbeddedArgs.str(rasd.get("ResourceSubType")));
        if (type == null || !TYPES.contains(type)) {
            throw invalid("Settings.ResourceSubType must be an SR type, one of " + new java.util.TreeSet<>(TYPES)
                    + " (got " + rasd.get("ResourceSubType") + ")");
        }
        long rt = resourceType != null ? resourceType
                : EmbeddedArgs.num(rasd.get("ResourceType")) != null ? EmbeddedArgs.num(rasd.get("ResourceType")) : RT_DISK;
        if (rt != RT_DVD && rt != RT_DISK) {
            throw invalid("ResourceType must be 15 (an ISO library) or 19 (disks), not " + rt);
        }
        Map<String, String> dc = deviceConfig(rasd.get("Connection"));
        for (String key : REQUIRED.getOrDefault(type, List.of())) {
            if (!dc.containsKey(key) || dc.get(key).isEmpty()) {
                throw invalid("an SR of type " + type + " needs the Connection entry " + key + "=<value>");
            }
        }
        String name = EmbeddedArgs.str(elementName) != null ? EmbeddedArgs.str(elementName)
                : EmbeddedArgs.str(rasd.get("ElementName"));
        if (name == null) {
            throw invalid("ElementName (the SR's name) is required");
        }
        String description = EmbeddedArgs.str(rasd.get("Description"));
        boolean iso = "iso".equals(type) || rt == RT_DVD;
        return new SrSettings(name, description == null ? "" : description, type, iso ? "iso" : "user",
                SHARED.contains(type), dc);
    }

    /** {@code key=value} entries; a key given twice or without '=' is refused rather than guessed. */
    private static Map<String, String> deviceConfig(Object connection) throws CimException {
        Map<String, String> out = new LinkedHashMap<>();
        for (Object o : EmbeddedArgs.list(connection)) {
            String s = String.valueOf(o);
            int eq = s.indexOf('=');
            if (eq <= 0) {
                throw invalid("Settings.Connection entries are key=value (an entry without '=' was given)");
            }
            if (out.put(s.substring(0, eq).strip(), s.substring(eq + 1).strip()) != null) {
                throw invalid("Settings.Connection names " + s.substring(0, eq).strip() + " twice");
            }
        }
        return out;
    }

    boolean isBlock() {
        return BLOCK.contains(type);
    }

    boolean isIso() {
        return "iso".equals(contentType);
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    static CimException invalid(String why) {
        return new CimException(CimStatus.INVALID_PARAMETER, why);
    }

    /** The device-config keys only (values may be secrets), for messages and logs. */
    @Override
    public String toString() {
        return "SrSettings[" + name + ", " + type + ", " + contentType + (shared ? ", shared" : "") + ", device-config keys "
                + deviceConfig.keySet() + "]";
    }
}
